// The C++ client's handles on a graph: Operation (a node), Output (one tensor a node
// produces), Input (anything an op builder accepts: an Output or a constant) and InputList.
#ifndef RILL_CORE_CLIENT_OPS_H_
#define RILL_CORE_CLIENT_OPS_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/tensor.pb.h"

namespace rill {

class Node;
class Output;

// Operation is a node of a graph built through a Scope. A cheap handle: the node belongs
// to the Scope's graph and lives as long as it. A default Operation has no node (what a
// builder leaves behind when it failed; its Scope holds the error).
class Operation {
 public:
  Operation() = default;
  explicit Operation(Node* node) : node_(node) {}

  Node* node() const { return node_; }
  // name is the node's name ("loss/Add"), "" without a node.
  std::string name() const;

  // num_inputs / num_outputs are 0 without a node.
  int num_inputs() const;
  int num_outputs() const;
  // input_type / output_type: REQUIRES 0 <= i < num_inputs() / num_outputs().
  DataType input_type(int i) const;
  DataType output_type(int i) const;
  // output(i) is the i-th tensor this operation produces.
  Output output(int i) const;

  bool operator==(const Operation& other) const { return node_ == other.node_; }
  bool operator!=(const Operation& other) const { return node_ != other.node_; }

 private:
  Node* node_ = nullptr;
};

// Output is one tensor an operation produces: (node, output index). It is symbolic: it
// names a value a Session computes, and prints like TensorFlow's Python tensors:
//   Tensor("Add:0", shape=(), dtype=int32)
// A default Output has no node.
class Output {
 public:
  Output() = default;
  // Output(node) is the node's output 0.
  explicit Output(Node* node) : node_(node) {}
  Output(Node* node, int index) : node_(node), index_(index) {}
  Output(const Operation& op, int index) : node_(op.node()), index_(index) {}

  Operation op() const { return Operation(node_); }
  Node* node() const { return node_; }
  int index() const { return index_; }

  // type is the dtype the node produces at this index; DT_INVALID without a node.
  DataType type() const;
  // shape is what shape inference knows of the value (unknown rank without a node).
  PartialTensorShape shape() const;
  // name is the tensor name sessions take: "Add:0"; "" without a node.
  std::string name() const;

  bool operator==(const Output& other) const {
    return node_ == other.node_ && index_ == other.index_;
  }
  bool operator!=(const Output& other) const { return !(*this == other); }

 private:
  Node* node_ = nullptr;
  int index_ = 0;
};

// operator<< prints `Tensor("Add:0", shape=(2, ?), dtype=float32)`: Python's notation, with
// `?` for an unknown dimension, `shape=<unknown>` for an unknown rank, and TensorFlow
// Python's dtype names (float32, float64, int32, int64, bool, string, ...).
std::ostream& operator<<(std::ostream& os, const Output& output);

// OutputHash lets an Output key an unordered container (ClientSession's feeds).
struct OutputHash {
  std::size_t operator()(const Output& output) const;
};

// OutputList holds the outputs of a list output arg ("N * T"), in order.
using OutputList = std::vector<Output>;

namespace client_internal {

// FixedWidthInteger<T> is the fixed-width integer type of integer T's size and signedness.
template <typename T>
using FixedWidthInteger = std::tuple_element_t<
    (sizeof(T) == 1   ? 0
     : sizeof(T) == 2 ? 1
     : sizeof(T) == 4 ? 2
                      : 3),
    std::conditional_t<std::is_signed_v<T>, std::tuple<int8_t, int16_t, int32_t, int64_t>,
                       std::tuple<uint8_t, uint16_t, uint32_t, uint64_t>>>;

// ConstantElement<T>::type is the tensor element type a C++ constant of type T becomes:
// anything string-like is std::string (DT_STRING); integers (`long long`, `char`
// included) become the fixed-width type of their size; bool, float and double stay.
template <typename T, typename Enable = void>
struct ConstantElement {
  using type = T;
};
template <typename T>
struct ConstantElement<T, std::enable_if_t<std::is_convertible_v<T, std::string>>> {
  using type = std::string;
};
template <typename T>
struct ConstantElement<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  using type = FixedWidthInteger<T>;
};

// IsConstantValue<T>: T is a scalar an Input may be built from (not nullptr, which would
// otherwise pass for a string).
template <typename T>
inline constexpr bool IsConstantValue =
    !std::is_null_pointer_v<T> &&
    (std::is_arithmetic_v<T> || std::is_convertible_v<T, std::string>);

}  // namespace client_internal

// Input is what an op builder accepts for an input: an existing Output, or a constant
// (a scalar, a nested initializer list, a Tensor), which the builder turns into a `Const`
// node in the builder's scope. All conversions are implicit, so
//   ops::Add(scope, a, {5.f, 5.f, 5.f})
// reads like the Python. A malformed constant ({{1, 2}, {3}}) does not throw: the Input
// carries the error and the builder puts it in its scope's status.
class Input {
 public:
  // Initializer holds a constant Tensor built from C++ values, or the error that building
  // it hit (ragged or mixed-type nested lists).
  struct Initializer {
    // A scalar: 3, 2.5f, true, "text".
    template <typename T, typename = std::enable_if_t<client_internal::IsConstantValue<T>>>
    Initializer(const T& value) {  // NOLINT(runtime/explicit)
      using Element = typename client_internal::ConstantElement<T>::type;
      Tensor scalar(DataTypeToEnum<Element>::value, TensorShape());
      scalar.flat<Element>()(0) = Element(value);
      tensor = std::move(scalar);
    }

    // `value` repeated to fill `shape`.
    template <typename T, typename = std::enable_if_t<client_internal::IsConstantValue<T>>>
    Initializer(const T& value, const TensorShape& shape) {
      using Element = typename client_internal::ConstantElement<T>::type;
      Tensor filled(DataTypeToEnum<Element>::value, shape);
      auto flat = filled.flat<Element>();
      for (int64_t i = 0; i < flat.size(); ++i) flat(i) = Element(value);
      tensor = std::move(filled);
    }

    // A Tensor, shared (not copied).
    Initializer(const Tensor& value) : tensor(value) {}  // NOLINT(runtime/explicit)

    // A vector: {1.f, 2.f, 3.f}.
    template <typename T, typename = std::enable_if_t<client_internal::IsConstantValue<T>>>
    Initializer(const std::initializer_list<T>& values) {  // NOLINT(runtime/explicit)
      using Element = typename client_internal::ConstantElement<T>::type;
      Tensor vector(DataTypeToEnum<Element>::value,
                    TensorShape({static_cast<int64_t>(values.size())}));
      auto flat = vector.flat<Element>();
      int64_t i = 0;
      for (const T& value : values) flat(i++) = Element(value);
      tensor = std::move(vector);
    }

    // A vector from a std::vector: Initializer(std::vector<int32_t>{0, 2}).
    template <typename T, typename = std::enable_if_t<client_internal::IsConstantValue<T>>>
    Initializer(const std::vector<T>& values) {  // NOLINT(runtime/explicit)
      using Element = typename client_internal::ConstantElement<T>::type;
      Tensor vector(DataTypeToEnum<Element>::value,
                    TensorShape({static_cast<int64_t>(values.size())}));
      auto flat = vector.flat<Element>();
      int64_t i = 0;
      for (const T& value : values) flat(i++) = Element(value);
      tensor = std::move(vector);
    }

    // The values of `values`, row-major, in a tensor of `shape`; InvalidArgument in
    // `status` when the counts differ.
    template <typename T, typename = std::enable_if_t<client_internal::IsConstantValue<T>>>
    Initializer(const std::initializer_list<T>& values, const TensorShape& shape) {
      using Element = typename client_internal::ConstantElement<T>::type;
      if (shape.num_elements() != static_cast<int64_t>(values.size())) {
        status = ElementCountMismatch(static_cast<int64_t>(values.size()), shape);
        return;
      }
      Tensor shaped(DataTypeToEnum<Element>::value, shape);
      auto flat = shaped.flat<Element>();
      int64_t i = 0;
      for (const T& value : values) flat(i++) = Element(value);
      tensor = std::move(shaped);
    }

    // A nested list, {{1, 2}, {3, 4}}: the elements are stacked along a new first
    // dimension. They must share one dtype and one shape (InvalidArgument in `status`
    // naming both otherwise). An empty list is a float vector of size 0.
    Initializer(const std::initializer_list<Initializer>& values);  // NOLINT

    // AsTensorProto is the constant as a TensorProto (dtype, shape, typed values).
    tensorflow::TensorProto AsTensorProto() const;

    absl::Status status;
    Tensor tensor;

   private:
    static absl::Status ElementCountMismatch(int64_t count, const TensorShape& shape);
  };

  // An existing tensor.
  Input(const Output& output);  // NOLINT(runtime/explicit)
  // The only output of `op`; an error when it has none or several (pick one with
  // op.output(i)).
  Input(const Operation& op);  // NOLINT(runtime/explicit)
  // Constants.
  template <typename T, typename = std::enable_if_t<client_internal::IsConstantValue<T>>>
  Input(const T& value) : Input(Initializer(value)) {}      // NOLINT(runtime/explicit)
  Input(const Initializer& initializer);                    // NOLINT(runtime/explicit)
  Input(const Tensor& tensor);                              // NOLINT(runtime/explicit)
  Input(const std::initializer_list<Initializer>& values);  // NOLINT(runtime/explicit)

  // is_constant: this Input is a constant (tensor()) rather than an Output (output()).
  bool is_constant() const { return is_constant_; }
  const Output& output() const { return output_; }
  Node* node() const { return output_.node(); }
  int index() const { return output_.index(); }
  const Tensor& tensor() const { return tensor_; }
  // status is the error building the constant or reading the Operation hit, if any.
  const absl::Status& status() const { return status_; }

 private:
  Output output_;
  bool is_constant_ = false;
  Tensor tensor_;
  absl::Status status_;
};

// InputList is what a builder accepts for a list input ("values: N * T"): Outputs and
// constants mixed, e.g. ops::AddN(scope, {a, b, 3.f}).
class InputList {
 public:
  InputList(const OutputList& outputs);           // NOLINT(runtime/explicit)
  InputList(std::initializer_list<Input> inputs)  // NOLINT(runtime/explicit)
      : inputs_(inputs.begin(), inputs.end()) {}
  InputList(absl::Span<const Input> inputs)  // NOLINT(runtime/explicit)
      : inputs_(inputs.begin(), inputs.end()) {}

  std::vector<Input>::const_iterator begin() const { return inputs_.begin(); }
  std::vector<Input>::const_iterator end() const { return inputs_.end(); }
  std::size_t size() const { return inputs_.size(); }

 private:
  std::vector<Input> inputs_;
};

}  // namespace rill

#endif  // RILL_CORE_CLIENT_OPS_H_
