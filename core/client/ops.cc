// Operation, Output and Input: node accessors, TensorFlow-Python-style printing of
// Outputs, and the construction of constant Inputs from nested initializer lists.
#include "core/client/ops.h"

#include <cstring>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/graph/graph.h"

namespace rill {
namespace {

// PythonDataTypeName is the dtype's name as TensorFlow's Python API prints it.
std::string PythonDataTypeName(DataType dtype) {
  if (IsRefType(dtype)) return absl::StrCat(PythonDataTypeName(RemoveRefType(dtype)), "_ref");
  switch (dtype) {
    case DT_HALF:
      return "float16";
    case DT_FLOAT:
      return "float32";
    case DT_DOUBLE:
      return "float64";
    default:
      return DataTypeString(dtype);  // int32, int64, bool, string, complex64, ...
  }
}

// PythonShapeString is the shape as a Python tuple: (), (3,), (2, 3), (?, 3).
std::string PythonShapeString(const PartialTensorShape& shape) {
  if (shape.unknown_rank()) return "<unknown>";
  std::vector<std::string> dims;
  for (int64_t size : shape.dim_sizes()) {
    dims.push_back(size < 0 ? "?" : absl::StrCat(size));
  }
  if (dims.size() == 1) return absl::StrCat("(", dims[0], ",)");
  return absl::StrCat("(", absl::StrJoin(dims, ", "), ")");
}

}  // namespace

std::string Operation::name() const { return node_ == nullptr ? "" : node_->name(); }

int Operation::num_inputs() const { return node_ == nullptr ? 0 : node_->num_inputs(); }

int Operation::num_outputs() const { return node_ == nullptr ? 0 : node_->num_outputs(); }

DataType Operation::input_type(int i) const { return node_->input_type(i); }

DataType Operation::output_type(int i) const { return node_->output_type(i); }

Output Operation::output(int i) const { return Output(node_, i); }

DataType Output::type() const {
  if (node_ == nullptr || index_ < 0 || index_ >= node_->num_outputs()) return DT_INVALID;
  return node_->output_type(index_);
}

PartialTensorShape Output::shape() const {
  if (node_ == nullptr || index_ < 0 || index_ >= node_->num_outputs()) {
    return PartialTensorShape();
  }
  return node_->output_shape(index_);
}

std::string Output::name() const {
  return node_ == nullptr ? "" : absl::StrCat(node_->name(), ":", index_);
}

std::ostream& operator<<(std::ostream& os, const Output& output) {
  if (output.node() == nullptr) return os << "Tensor(<no node>)";
  return os << "Tensor(\"" << output.name() << "\", shape=" << PythonShapeString(output.shape())
            << ", dtype=" << PythonDataTypeName(output.type()) << ")";
}

std::size_t OutputHash::operator()(const Output& output) const {
  return absl::HashOf(output.node(), output.index());
}

absl::Status Input::Initializer::ElementCountMismatch(int64_t count, const TensorShape& shape) {
  return errors::InvalidArgument("Cannot make a tensor of shape ", shape.DebugString(), " (",
                                 shape.num_elements(), " elements) from ", count, " values");
}

Input::Initializer::Initializer(const std::initializer_list<Initializer>& values) {
  if (values.size() == 0) {
    tensor = Tensor(DT_FLOAT, TensorShape({0}));
    return;
  }
  const Initializer& first = *values.begin();
  int64_t position = 0;
  for (const Initializer& value : values) {
    if (!value.status.ok()) {
      status = value.status;
      return;
    }
    if (!value.tensor.IsInitialized() ||
        (!DataTypeCanUseMemcpy(value.tensor.dtype()) && value.tensor.dtype() != DT_STRING)) {
      status =
          errors::InvalidArgument("Initializer list element ", position, " of dtype ",
                                  DataTypeString(value.tensor.dtype()), " is not a constant value");
      return;
    }
    if (value.tensor.dtype() != first.tensor.dtype()) {
      status =
          errors::InvalidArgument("Initializer list elements must share one dtype: element 0 is ",
                                  DataTypeString(first.tensor.dtype()), " but element ", position,
                                  " is ", DataTypeString(value.tensor.dtype()));
      return;
    }
    if (!value.tensor.shape().IsSameSize(first.tensor.shape())) {
      status = errors::InvalidArgument(
          "Initializer list elements must share one shape: element 0 has shape ",
          first.tensor.shape().DebugString(), " but element ", position, " has shape ",
          value.tensor.shape().DebugString());
      return;
    }
    ++position;
  }
  TensorShape shape({static_cast<int64_t>(values.size())});
  shape.AppendShape(first.tensor.shape());
  Tensor stacked(first.tensor.dtype(), shape);
  const int64_t block = first.tensor.NumElements();
  int64_t offset = 0;
  for (const Initializer& value : values) {
    if (value.tensor.dtype() == DT_STRING) {
      auto source = value.tensor.flat<std::string>();
      auto destination = stacked.flat<std::string>();
      for (int64_t i = 0; i < block; ++i) destination(offset + i) = source(i);
    } else {
      const absl::string_view bytes = value.tensor.tensor_data();
      std::memcpy(static_cast<char*>(stacked.data()) + offset * DataTypeSize(stacked.dtype()),
                  bytes.data(), bytes.size());
    }
    offset += block;
  }
  tensor = std::move(stacked);
}

tensorflow::TensorProto Input::Initializer::AsTensorProto() const {
  tensorflow::TensorProto proto;
  tensor.AsProtoField(&proto);
  return proto;
}

Input::Input(const Output& output) : output_(output) {}

Input::Input(const Operation& op) {
  if (op.num_outputs() != 1) {
    status_ = errors::InvalidArgument(
        "Operation '", op.name(), "' has ", op.num_outputs(),
        " outputs; only an operation with exactly one output converts to an Input "
        "(pick one with output(i))");
    return;
  }
  output_ = op.output(0);
}

Input::Input(const Initializer& initializer)
    : is_constant_(true), tensor_(initializer.tensor), status_(initializer.status) {}

Input::Input(const Tensor& tensor) : is_constant_(true), tensor_(tensor) {}

Input::Input(const std::initializer_list<Initializer>& values) : Input(Initializer(values)) {}

InputList::InputList(const OutputList& outputs) : inputs_(outputs.begin(), outputs.end()) {}

}  // namespace rill
