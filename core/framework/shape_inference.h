// Shape inference: InferenceContext gives an op's shape function its input shapes (and
// constant input tensors) as immutable handles, and combinators to derive output shapes.
#ifndef RILL_CORE_FRAMEWORK_SHAPE_INFERENCE_H_
#define RILL_CORE_FRAMEWORK_SHAPE_INFERENCE_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"
#include "core/protos/tensor_shape.pb.h"

namespace rill {

class InferenceContext;

// Dimension and Shape are the immutable objects handles point to; only InferenceContext
// creates them, and they live as long as it does.
class Dimension {
 private:
  explicit Dimension(int64_t value) : value_(value) {}
  const int64_t value_;  // -1 when unknown.
  friend class InferenceContext;
};

class DimensionHandle {
 public:
  DimensionHandle() = default;
  // SameHandle: both handles point to the same dimension object. Two dimensions with equal
  // values are still different objects unless one was passed through from the other.
  bool SameHandle(DimensionHandle other) const { return ptr_ == other.ptr_; }
  bool IsSet() const { return ptr_ != nullptr; }

 private:
  explicit DimensionHandle(const Dimension* ptr) : ptr_(ptr) {}
  const Dimension* ptr_ = nullptr;
  friend class InferenceContext;
};

class Shape {
 private:
  Shape() : rank_(-1) {}  // Unknown rank.
  explicit Shape(std::vector<DimensionHandle> dims)
      : rank_(static_cast<int32_t>(dims.size())), dims_(std::move(dims)) {}
  const int32_t rank_;  // -1 when unknown.
  const std::vector<DimensionHandle> dims_;
  friend class InferenceContext;
};

class ShapeHandle {
 public:
  ShapeHandle() = default;
  bool SameHandle(ShapeHandle other) const { return ptr_ == other.ptr_; }
  bool IsSet() const { return ptr_ != nullptr; }

 private:
  explicit ShapeHandle(const Shape* ptr) : ptr_(ptr) {}
  const Shape* ptr_ = nullptr;
  friend class InferenceContext;
};

// DimensionOrConstant is a dimension given either as a handle or as a value (-1 = unknown).
struct DimensionOrConstant {
  DimensionOrConstant(DimensionHandle dim);  // NOLINT: implicit on purpose.
  DimensionOrConstant(int64_t val);          // NOLINT: implicit on purpose.
  DimensionHandle dim;
  int64_t val = -1;
};

// InferenceContext runs one op's shape function for one node. It owns every Shape and
// Dimension it hands out; handles are valid while it lives. Not thread-safe (one shape
// function at a time); REQUIRES: `node_def`, `op_def` and the input tensors outlive it.
//
// Combinators return Status so a shape function reads as a chain of RETURN_IF_ERRORs ending
// in set_output. Unknown rank and unknown dimensions (value -1) are first-class: Merge
// and WithRank refine them, arithmetic on them yields unknown dimensions.
class InferenceContext {
 public:
  static constexpr int64_t kUnknownDim = -1;
  static constexpr int32_t kUnknownRank = -1;

  // `input_tensors[i]` is the constant value of input i when known, else nullptr (the
  // vector may be shorter than the inputs). The input count must match what `op_def`
  // implies for `node_def`, else Run reports it.
  InferenceContext(const tensorflow::NodeDef& node_def, const tensorflow::OpDef& op_def,
                   const std::vector<PartialTensorShape>& input_shapes,
                   const std::vector<const Tensor*>& input_tensors);
  InferenceContext(const InferenceContext&) = delete;
  InferenceContext& operator=(const InferenceContext&) = delete;

  // Run calls `fn` and checks that it set every output. An error gets the node and the input
  // shapes appended: "... for 'node' (op: 'MatMul') with input shapes: [2,3], [4,5]."
  absl::Status Run(const ShapeInferenceFn& fn);

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  ShapeHandle input(int idx) const;
  // input(name, &shapes) returns the shapes of input arg `name` (several for "N * T").
  absl::Status input(absl::string_view input_name, std::vector<ShapeHandle>* shapes) const;
  ShapeHandle output(int idx) const;
  void set_output(int idx, ShapeHandle shape);
  absl::Status set_output(absl::string_view output_name,
                          const std::vector<ShapeHandle>& shapes);

  // input_tensor returns the constant value of input `idx`, or nullptr when not known.
  // Asking marks the input as requested (see requested_input_tensor).
  const Tensor* input_tensor(int idx);
  // requested_input_tensor says whether the shape function asked for input `idx`'s value,
  // so a caller that can compute it (constant folding) may run the function again.
  bool requested_input_tensor(int idx) const;

  const tensorflow::NodeDef& node_def() const { return node_def_; }
  const tensorflow::OpDef& op_def() const { return op_def_; }
  AttrSlice attrs() const { return AttrSlice(node_def_); }

  // GetAttr reads a node attr (any type GetNodeAttr takes).
  template <typename T>
  absl::Status GetAttr(absl::string_view attr_name, T* value) const {
    return GetNodeAttr(AttrSlice(node_def_), attr_name, value);
  }

  // Inspection. Rank of an unknown-rank shape is kUnknownRank; Dim of it is a new unknown
  // dimension. Dim takes negative indices from the end. REQUIRES: idx in range when the rank
  // is known (validate with WithRank* first).
  int32_t Rank(ShapeHandle s) const;
  bool RankKnown(ShapeHandle s) const;
  DimensionHandle Dim(ShapeHandle s, int64_t idx);
  DimensionHandle DimKnownRank(ShapeHandle s, int64_t idx) const;
  int64_t Value(DimensionOrConstant d) const;
  bool ValueKnown(DimensionOrConstant d) const;
  bool FullyDefined(ShapeHandle s) const;
  // NumElements is the product of the dims, unknown when any dim or the rank is.
  DimensionHandle NumElements(ShapeHandle s);

  std::string DebugString(ShapeHandle s) const;    // "[2,?]", "?" for unknown rank.
  std::string DebugString(DimensionHandle d) const;  // "2" or "?".
  // DebugString lists the node, its input shapes and its output shapes.
  std::string DebugString() const;

  // Checks that refine. Each sets `*out` on success (possibly to `shape` itself) and
  // returns InvalidArgument on mismatch: "Shape must be rank 2 but is rank 3",
  // "Shape must be at least rank 1 but is rank 0", "Dimension must be 3 but is 4".
  absl::Status WithRank(ShapeHandle shape, int64_t rank, ShapeHandle* out);
  absl::Status WithRankAtLeast(ShapeHandle shape, int64_t rank, ShapeHandle* out);
  absl::Status WithRankAtMost(ShapeHandle shape, int64_t rank, ShapeHandle* out);
  absl::Status WithValue(DimensionHandle dim, int64_t value, DimensionHandle* out);

  // Merge unifies two shapes (or dims) that must describe the same thing, returning the
  // more specific one ("Dimensions must be equal, but are 3 and 4",
  // "Shapes must be equal rank, but are 2 and 3"). When neither is more specific
  // everywhere, a new shape combines the known dims.
  absl::Status Merge(ShapeHandle s0, ShapeHandle s1, ShapeHandle* out);
  absl::Status Merge(DimensionHandle d0, DimensionHandle d1, DimensionHandle* out);
  // MergePrefix merges `prefix` with the leading dims of `s`; `s_out` is `s` with the merged
  // prefix, `prefix_out` the merged prefix.
  absl::Status MergePrefix(ShapeHandle s, ShapeHandle prefix, ShapeHandle* s_out,
                           ShapeHandle* prefix_out);

  // Concatenate appends s2's dims to s1's (unknown when either rank is).
  absl::Status Concatenate(ShapeHandle s1, ShapeHandle s2, ShapeHandle* out);
  // Subshape returns dims [start, end) of `s`; negative indices count from the end, `end`
  // is clamped to the rank. "Subshape start out of bounds: -4, for shape with rank 3".
  absl::Status Subshape(ShapeHandle s, int64_t start, ShapeHandle* out);
  absl::Status Subshape(ShapeHandle s, int64_t start, int64_t end, ShapeHandle* out);
  // ReplaceDim returns `s` with dim `dim_index` (negative from the end) replaced.
  absl::Status ReplaceDim(ShapeHandle s, int64_t dim_index, DimensionHandle new_dim,
                          ShapeHandle* out);

  // Makers. Every call makes a new object (a known value or an unknown dim that is not the
  // same handle as any other), except MakeDim of a handle, which returns it.
  ShapeHandle MakeShape(const std::vector<DimensionHandle>& dims);
  ShapeHandle MakeShape(std::initializer_list<DimensionOrConstant> dims);
  ShapeHandle Scalar();
  ShapeHandle Vector(DimensionOrConstant dim);
  ShapeHandle Matrix(DimensionOrConstant dim1, DimensionOrConstant dim2);
  ShapeHandle UnknownShape();
  // UnknownShapeOfRank: rank `rank`, every dim unknown. REQUIRES: rank >= 0.
  ShapeHandle UnknownShapeOfRank(int64_t rank);
  ShapeHandle MakeShapeFromPartialTensorShape(const PartialTensorShape& shape);
  absl::Status MakeShapeFromShapeProto(const tensorflow::TensorShapeProto& proto,
                                       ShapeHandle* out);
  // MakeShapeFromShapeTensor reads input `input_idx`, a 1-D int32/int64 tensor holding a
  // shape (-1 entries are unknown dims; the scalar -1 means unknown rank). When its value is
  // unknown but its length is known, the result has that rank with unknown dims; otherwise
  // unknown rank.
  absl::Status MakeShapeFromShapeTensor(int input_idx, ShapeHandle* out);
  // MakeDimForScalarInput reads input `idx`, a scalar int32/int64 >= 0, as a dimension
  // (unknown when the value is not known).
  absl::Status MakeDimForScalarInput(int idx, DimensionHandle* out);
  DimensionHandle MakeDim(DimensionOrConstant d);
  DimensionHandle UnknownDim();

  // Conversions back to value types.
  PartialTensorShape ShapeHandleToPartial(ShapeHandle s) const;
  void ShapeHandleToProto(ShapeHandle s, tensorflow::TensorShapeProto* proto) const;

  // Dimension arithmetic. Unknown operands give unknown results except where the answer is
  // forced (x + 0 = x, x * 1 = x, x * 0 = 0, x / 1 = x). Errors on overflow, on a negative
  // difference, on a non-positive divisor, and, with `evenly_divisible`, on a remainder.
  absl::Status Add(DimensionHandle first, DimensionOrConstant second, DimensionHandle* out);
  absl::Status Subtract(DimensionHandle first, DimensionOrConstant second,
                        DimensionHandle* out);
  absl::Status Multiply(DimensionHandle first, DimensionOrConstant second,
                        DimensionHandle* out);
  absl::Status Divide(DimensionHandle dividend, DimensionOrConstant divisor,
                      bool evenly_divisible, DimensionHandle* out);
  absl::Status Min(DimensionHandle first, DimensionOrConstant second, DimensionHandle* out);
  absl::Status Max(DimensionHandle first, DimensionOrConstant second, DimensionHandle* out);

 private:
  absl::Status AttachContext(const absl::Status& status) const;
  static absl::Status ScalarTensorValue(const Tensor& tensor, int64_t* value);

  const tensorflow::NodeDef& node_def_;
  const tensorflow::OpDef& op_def_;
  absl::Status construction_status_;
  NameRangeMap input_name_map_;
  NameRangeMap output_name_map_;
  std::vector<ShapeHandle> inputs_;
  std::vector<const Tensor*> input_tensors_;
  std::vector<bool> requested_input_tensor_;
  std::vector<ShapeHandle> outputs_;
  std::vector<std::unique_ptr<const Shape>> shapes_;  // Owns every Shape handed out.
  std::vector<std::unique_ptr<const Dimension>> dimensions_;  // And every Dimension.
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_SHAPE_INFERENCE_H_
