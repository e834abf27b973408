// InferenceContext: owns the shapes and dimensions of one shape-function run and
// implements the combinators (WithRank, Merge, Subshape, dimension arithmetic, ...).
#include "core/framework/shape_inference.h"

#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// Abort reports a shape function's programming error (an out-of-range index, a negative
// dimension); shape functions must validate ranks and values before using them.
[[noreturn]] void Abort(const std::string& message) {
  std::fprintf(stderr, "InferenceContext: %s\n", message.c_str());
  std::abort();
}

}  // namespace

DimensionOrConstant::DimensionOrConstant(DimensionHandle dim) : dim(dim) {
  if (!dim.IsSet()) Abort("DimensionOrConstant built from an unset DimensionHandle");
}
DimensionOrConstant::DimensionOrConstant(int64_t val) : val(val) {
  if (val < InferenceContext::kUnknownDim) {
    Abort(absl::StrCat("Dimension must be non-negative or unknown (-1), got ", val));
  }
}

InferenceContext::InferenceContext(const tensorflow::NodeDef& node_def,
                                   const tensorflow::OpDef& op_def,
                                   const std::vector<PartialTensorShape>& input_shapes,
                                   const std::vector<const Tensor*>& input_tensors)
    : node_def_(node_def), op_def_(op_def), input_tensors_(input_tensors) {
  for (const PartialTensorShape& shape : input_shapes) {
    inputs_.push_back(MakeShapeFromPartialTensorShape(shape));
  }
  input_tensors_.resize(inputs_.size(), nullptr);
  requested_input_tensor_.assign(inputs_.size(), false);
  construction_status_ =
      NameRangesForNode(node_def_, op_def_, &input_name_map_, &output_name_map_);
  if (!construction_status_.ok()) return;
  int expected_inputs = 0;
  for (const auto& [name, range] : input_name_map_) {
    expected_inputs = std::max(expected_inputs, range.second);
  }
  if (expected_inputs != num_inputs()) {
    construction_status_ = errors::InvalidArgument(
        "Wrong number of inputs passed: ", num_inputs(), " while ", expected_inputs,
        " expected based on NodeDef");
  }
  int num_outputs = 0;
  for (const auto& [name, range] : output_name_map_) {
    num_outputs = std::max(num_outputs, range.second);
  }
  outputs_.resize(num_outputs);
}

absl::Status InferenceContext::Run(const ShapeInferenceFn& fn) {
  absl::Status status = construction_status_;
  if (status.ok()) status = fn(this);
  if (status.ok()) {
    for (int i = 0; i < num_outputs(); ++i) {
      if (!outputs_[i].IsSet()) {
        status = errors::Internal("Shape function did not set output ", i);
        break;
      }
    }
  }
  return AttachContext(status);
}

absl::Status InferenceContext::AttachContext(const absl::Status& status) const {
  if (status.ok()) return status;
  std::vector<std::string> input_shapes;
  for (ShapeHandle input : inputs_) input_shapes.push_back(DebugString(input));
  std::string context = absl::StrCat(" for '", node_def_.name(), "' (op: '", op_def_.name(),
                                     "') with input shapes: ", absl::StrJoin(input_shapes, ", "));
  std::vector<std::string> tensors;
  for (int i = 0; i < num_inputs(); ++i) {
    if (requested_input_tensor_[i] && input_tensors_[i] != nullptr) {
      tensors.push_back(
          absl::StrCat("input[", i, "] = <", input_tensors_[i]->SummarizeValue(256), ">"));
    }
  }
  if (!tensors.empty()) {
    absl::StrAppend(&context, " and with computed input tensors: ",
                    absl::StrJoin(tensors, ", "));
  }
  return errors::AppendToMessage(status, context, ".");
}

ShapeHandle InferenceContext::input(int idx) const {
  if (idx < 0 || idx >= num_inputs()) {
    Abort(absl::StrCat("input(", idx, ") out of range: ", node_def_.name(), " has ",
                       num_inputs(), " inputs"));
  }
  return inputs_[idx];
}

absl::Status InferenceContext::input(absl::string_view input_name,
                                     std::vector<ShapeHandle>* shapes) const {
  const auto it = input_name_map_.find(input_name);
  if (it == input_name_map_.end()) {
    return errors::InvalidArgument("Unknown input name: ", input_name);
  }
  shapes->assign(inputs_.begin() + it->second.first, inputs_.begin() + it->second.second);
  return absl::OkStatus();
}

ShapeHandle InferenceContext::output(int idx) const {
  if (idx < 0 || idx >= num_outputs()) {
    Abort(absl::StrCat("output(", idx, ") out of range: ", node_def_.name(), " has ",
                       num_outputs(), " outputs"));
  }
  return outputs_[idx];
}

void InferenceContext::set_output(int idx, ShapeHandle shape) {
  if (idx < 0 || idx >= num_outputs()) {
    Abort(absl::StrCat("set_output(", idx, ") out of range: ", node_def_.name(), " has ",
                       num_outputs(), " outputs"));
  }
  outputs_[idx] = shape;
}

absl::Status InferenceContext::set_output(absl::string_view output_name,
                                          const std::vector<ShapeHandle>& shapes) {
  const auto it = output_name_map_.find(output_name);
  if (it == output_name_map_.end()) {
    return errors::InvalidArgument("Unknown output name: ", output_name);
  }
  const int count = it->second.second - it->second.first;
  if (count != static_cast<int>(shapes.size())) {
    return errors::InvalidArgument("Must have exactly ", count, " shapes for output '",
                                   output_name, "', got ", shapes.size());
  }
  for (int i = 0; i < count; ++i) outputs_[it->second.first + i] = shapes[i];
  return absl::OkStatus();
}

const Tensor* InferenceContext::input_tensor(int idx) {
  input(idx);  // Bounds check.
  requested_input_tensor_[idx] = true;
  return input_tensors_[idx];
}

bool InferenceContext::requested_input_tensor(int idx) const {
  input(idx);
  return requested_input_tensor_[idx];
}

int32_t InferenceContext::Rank(ShapeHandle s) const {
  return s.IsSet() ? s.ptr_->rank_ : kUnknownRank;
}

bool InferenceContext::RankKnown(ShapeHandle s) const { return Rank(s) != kUnknownRank; }

DimensionHandle InferenceContext::Dim(ShapeHandle s, int64_t idx) {
  if (!RankKnown(s)) return UnknownDim();
  return DimKnownRank(s, idx);
}

DimensionHandle InferenceContext::DimKnownRank(ShapeHandle s, int64_t idx) const {
  const int32_t rank = Rank(s);
  const int64_t index = idx < 0 ? idx + rank : idx;
  if (rank == kUnknownRank || index < 0 || index >= rank) {
    Abort(absl::StrCat("Dim(", DebugString(s), ", ", idx, ") out of range in node ",
                       node_def_.name(), "; validate the rank first"));
  }
  return s.ptr_->dims_[index];
}

int64_t InferenceContext::Value(DimensionOrConstant d) const {
  return d.dim.IsSet() ? d.dim.ptr_->value_ : d.val;
}

bool InferenceContext::ValueKnown(DimensionOrConstant d) const {
  return Value(d) != kUnknownDim;
}

bool InferenceContext::FullyDefined(ShapeHandle s) const {
  if (!RankKnown(s)) return false;
  for (DimensionHandle d : s.ptr_->dims_) {
    if (!ValueKnown(d)) return false;
  }
  return true;
}

DimensionHandle InferenceContext::NumElements(ShapeHandle s) {
  if (!RankKnown(s)) return UnknownDim();
  int64_t product = 1;
  bool known = true;
  for (DimensionHandle d : s.ptr_->dims_) {
    const int64_t value = Value(d);
    if (value == 0) return MakeDim(0);
    if (value == kUnknownDim) {
      known = false;
    } else if (known && product > std::numeric_limits<int64_t>::max() / value) {
      known = false;
    } else {
      product *= value;
    }
  }
  return known ? MakeDim(product) : UnknownDim();
}

std::string InferenceContext::DebugString(ShapeHandle s) const {
  if (!RankKnown(s)) return "?";
  std::vector<std::string> dims;
  for (DimensionHandle d : s.ptr_->dims_) dims.push_back(DebugString(d));
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

std::string InferenceContext::DebugString(DimensionHandle d) const {
  return ValueKnown(d) ? absl::StrCat(Value(d)) : "?";
}

std::string InferenceContext::DebugString() const {
  std::vector<std::string> inputs, outputs;
  for (ShapeHandle s : inputs_) inputs.push_back(DebugString(s));
  for (ShapeHandle s : outputs_) outputs.push_back(s.IsSet() ? DebugString(s) : "<unset>");
  return absl::StrCat("InferenceContext for node '", node_def_.name(), "' (op: '",
                      op_def_.name(), "'): inputs [", absl::StrJoin(inputs, ", "),
                      "], outputs [", absl::StrJoin(outputs, ", "), "]");
}

absl::Status InferenceContext::WithRank(ShapeHandle shape, int64_t rank, ShapeHandle* out) {
  if (rank < 0 || rank > std::numeric_limits<int32_t>::max()) {
    return errors::InvalidArgument("Rank must be in [0, 2^31), not ", rank);
  }
  const int32_t existing = Rank(shape);
  if (existing == rank) {
    *out = shape;
    return absl::OkStatus();
  }
  if (existing == kUnknownRank) {
    *out = UnknownShapeOfRank(rank);
    return absl::OkStatus();
  }
  *out = ShapeHandle();
  return errors::InvalidArgument("Shape must be rank ", rank, " but is rank ", existing);
}

absl::Status InferenceContext::WithRankAtLeast(ShapeHandle shape, int64_t rank,
                                               ShapeHandle* out) {
  const int32_t existing = Rank(shape);
  if (existing == kUnknownRank || existing >= rank) {
    *out = shape;
    return absl::OkStatus();
  }
  *out = ShapeHandle();
  return errors::InvalidArgument("Shape must be at least rank ", rank, " but is rank ",
                                 existing);
}

absl::Status InferenceContext::WithRankAtMost(ShapeHandle shape, int64_t rank,
                                              ShapeHandle* out) {
  const int32_t existing = Rank(shape);
  if (existing == kUnknownRank || existing <= rank) {
    *out = shape;
    return absl::OkStatus();
  }
  *out = ShapeHandle();
  return errors::InvalidArgument("Shape must be at most rank ", rank, " but is rank ",
                                 existing);
}

absl::Status InferenceContext::WithValue(DimensionHandle dim, int64_t value,
                                         DimensionHandle* out) {
  const int64_t existing = Value(dim);
  if (existing == value) {
    *out = dim;
    return absl::OkStatus();
  }
  if (existing == kUnknownDim) {
    *out = MakeDim(value);
    return absl::OkStatus();
  }
  *out = DimensionHandle();
  return errors::InvalidArgument("Dimension must be ", value, " but is ", existing);
}

absl::Status InferenceContext::Merge(DimensionHandle d0, DimensionHandle d1,
                                     DimensionHandle* out) {
  if (d0.SameHandle(d1) || !ValueKnown(d1)) {
    *out = d0;
  } else if (!ValueKnown(d0)) {
    *out = d1;
  } else if (Value(d0) == Value(d1)) {
    *out = d0;
  } else {
    *out = DimensionHandle();
    return errors::InvalidArgument("Dimensions must be equal, but are ", Value(d0), " and ",
                                   Value(d1));
  }
  return absl::OkStatus();
}

absl::Status InferenceContext::Merge(ShapeHandle s0, ShapeHandle s1, ShapeHandle* out) {
  if (s0.SameHandle(s1) || !RankKnown(s1)) {
    *out = s0;
    return absl::OkStatus();
  }
  if (!RankKnown(s0)) {
    *out = s1;
    return absl::OkStatus();
  }
  const int32_t rank = Rank(s0);
  if (rank != Rank(s1)) {
    *out = ShapeHandle();
    return errors::InvalidArgument("Shapes must be equal rank, but are ", rank, " and ",
                                   Rank(s1));
  }
  bool return_s0 = true;
  bool return_s1 = true;
  for (int i = 0; i < rank; ++i) {
    const DimensionHandle d0 = s0.ptr_->dims_[i];
    const DimensionHandle d1 = s1.ptr_->dims_[i];
    if (d0.SameHandle(d1)) continue;
    const int64_t v0 = Value(d0);
    const int64_t v1 = Value(d1);
    if (v0 == kUnknownDim) {
      if (v1 != kUnknownDim) return_s0 = false;
    } else if (v1 == kUnknownDim) {
      return_s1 = false;
    } else if (v0 != v1) {
      *out = ShapeHandle();
      return errors::InvalidArgument("Dimension ", i, " in both shapes must be equal, but are ",
                                     v0, " and ", v1, ". Shapes are ", DebugString(s0),
                                     " and ", DebugString(s1), ".");
    }
  }
  if (return_s0 || return_s1) {
    *out = return_s0 ? s0 : s1;
    return absl::OkStatus();
  }
  std::vector<DimensionHandle> dims(rank);
  for (int i = 0; i < rank; ++i) {
    RETURN_IF_ERROR(Merge(s0.ptr_->dims_[i], s1.ptr_->dims_[i], &dims[i]));
  }
  *out = MakeShape(dims);
  return absl::OkStatus();
}

absl::Status InferenceContext::MergePrefix(ShapeHandle s, ShapeHandle prefix,
                                           ShapeHandle* s_out, ShapeHandle* prefix_out) {
  if (!RankKnown(prefix) || !RankKnown(s)) {
    *s_out = s;
    *prefix_out = prefix;
    return absl::OkStatus();
  }
  const int32_t rank = Rank(prefix);
  RETURN_IF_ERROR(WithRankAtLeast(s, rank, &s));
  std::vector<DimensionHandle> dims(rank);
  for (int i = 0; i < rank; ++i) {
    RETURN_IF_ERROR(Merge(s.ptr_->dims_[i], prefix.ptr_->dims_[i], &dims[i]));
  }
  *prefix_out = MakeShape(dims);
  dims.insert(dims.end(), s.ptr_->dims_.begin() + rank, s.ptr_->dims_.end());
  *s_out = MakeShape(dims);
  return absl::OkStatus();
}

absl::Status InferenceContext::Concatenate(ShapeHandle s1, ShapeHandle s2, ShapeHandle* out) {
  if (!RankKnown(s1) || !RankKnown(s2)) {
    *out = UnknownShape();
    return absl::OkStatus();
  }
  std::vector<DimensionHandle> dims(s1.ptr_->dims_);
  dims.insert(dims.end(), s2.ptr_->dims_.begin(), s2.ptr_->dims_.end());
  *out = MakeShape(dims);
  return absl::OkStatus();
}

absl::Status InferenceContext::Subshape(ShapeHandle s, int64_t start, ShapeHandle* out) {
  return Subshape(s, start, std::numeric_limits<int64_t>::max(), out);
}

absl::Status InferenceContext::Subshape(ShapeHandle s, int64_t start_in, int64_t end_in,
                                        ShapeHandle* out) {
  const int32_t rank = Rank(s);
  if (start_in == 0 && ((RankKnown(s) && end_in >= rank) ||
                        end_in == std::numeric_limits<int64_t>::max())) {
    *out = s;
    return absl::OkStatus();
  }
  if (!RankKnown(s)) {
    *out = UnknownShape();
    return absl::OkStatus();
  }
  int64_t start = std::min<int64_t>(start_in, rank);
  int64_t end = std::min<int64_t>(end_in, rank);
  if (start < 0) {
    start += rank;
    if (start < 0) {
      *out = ShapeHandle();
      return errors::InvalidArgument("Subshape start out of bounds: ", start_in,
                                     ", for shape with rank ", rank);
    }
  }
  if (end < 0) {
    end += rank;
    if (end < 0) {
      *out = ShapeHandle();
      return errors::InvalidArgument("Subshape end out of bounds: ", end_in,
                                     ", for shape with rank ", rank);
    }
  }
  if (start > end) {
    *out = ShapeHandle();
    return errors::InvalidArgument("Subshape must have computed start <= end, but is ", start,
                                   " and ", end, " (computed from start ", start_in,
                                   " and end ", end_in, " over shape with rank ", rank, ")");
  }
  *out = MakeShape(std::vector<DimensionHandle>(s.ptr_->dims_.begin() + start,
                                                s.ptr_->dims_.begin() + end));
  return absl::OkStatus();
}

absl::Status InferenceContext::ReplaceDim(ShapeHandle s, int64_t dim_index,
                                          DimensionHandle new_dim, ShapeHandle* out) {
  if (!RankKnown(s)) {
    *out = UnknownShape();
    return absl::OkStatus();
  }
  const int32_t rank = Rank(s);
  const int64_t index = dim_index < 0 ? dim_index + rank : dim_index;
  if (index < 0 || index >= rank) {
    *out = ShapeHandle();
    return errors::InvalidArgument("Out of range dim_index ", dim_index, " for shape with ",
                                   rank, " dimensions");
  }
  std::vector<DimensionHandle> dims(s.ptr_->dims_);
  dims[index] = new_dim;
  *out = MakeShape(dims);
  return absl::OkStatus();
}

ShapeHandle InferenceContext::MakeShape(const std::vector<DimensionHandle>& dims) {
  for (DimensionHandle d : dims) {
    if (!d.IsSet()) Abort("MakeShape given an unset DimensionHandle");
  }
  shapes_.push_back(std::unique_ptr<const Shape>(new Shape(dims)));
  return ShapeHandle(shapes_.back().get());
}

ShapeHandle InferenceContext::MakeShape(std::initializer_list<DimensionOrConstant> dims) {
  std::vector<DimensionHandle> handles;
  handles.reserve(dims.size());
  for (const DimensionOrConstant& d : dims) handles.push_back(MakeDim(d));
  return MakeShape(handles);
}

ShapeHandle InferenceContext::Scalar() { return MakeShape(std::vector<DimensionHandle>()); }

ShapeHandle InferenceContext::Vector(DimensionOrConstant dim) { return MakeShape({dim}); }

ShapeHandle InferenceContext::Matrix(DimensionOrConstant dim1, DimensionOrConstant dim2) {
  return MakeShape({dim1, dim2});
}

ShapeHandle InferenceContext::UnknownShape() {
  shapes_.push_back(std::unique_ptr<const Shape>(new Shape()));
  return ShapeHandle(shapes_.back().get());
}

ShapeHandle InferenceContext::UnknownShapeOfRank(int64_t rank) {
  if (rank < 0 || rank > std::numeric_limits<int32_t>::max()) {
    Abort(absl::StrCat("UnknownShapeOfRank(", rank, "): rank out of range"));
  }
  std::vector<DimensionHandle> dims;
  dims.reserve(rank);
  for (int64_t i = 0; i < rank; ++i) dims.push_back(UnknownDim());
  return MakeShape(dims);
}

ShapeHandle InferenceContext::MakeShapeFromPartialTensorShape(
    const PartialTensorShape& shape) {
  if (shape.unknown_rank()) return UnknownShape();
  std::vector<DimensionHandle> dims;
  dims.reserve(shape.dims());
  for (int64_t size : shape.dim_sizes()) dims.push_back(MakeDim(size));
  return MakeShape(dims);
}

absl::Status InferenceContext::MakeShapeFromShapeProto(const tensorflow::TensorShapeProto& proto,
                                                       ShapeHandle* out) {
  absl::StatusOr<PartialTensorShape> shape = PartialTensorShape::FromProto(proto);
  if (!shape.ok()) {
    *out = ShapeHandle();
    return shape.status();
  }
  *out = MakeShapeFromPartialTensorShape(*shape);
  return absl::OkStatus();
}

absl::Status InferenceContext::ScalarTensorValue(const Tensor& tensor, int64_t* value) {
  if (tensor.dtype() == DT_INT32) {
    *value = tensor.scalar<int32_t>()();
  } else if (tensor.dtype() == DT_INT64) {
    *value = tensor.scalar<int64_t>()();
  } else {
    return errors::InvalidArgument("Input tensor must be int32 or int64, but was ",
                                   DataTypeString(tensor.dtype()));
  }
  return absl::OkStatus();
}

absl::Status InferenceContext::MakeShapeFromShapeTensor(int input_idx, ShapeHandle* out) {
  ShapeHandle input_shape;
  RETURN_IF_ERROR(WithRankAtMost(input(input_idx), 1, &input_shape));
  const Tensor* t = input_tensor(input_idx);
  if (t == nullptr) {
    if (Rank(input_shape) == 1 && ValueKnown(DimKnownRank(input_shape, 0))) {
      *out = UnknownShapeOfRank(Value(DimKnownRank(input_shape, 0)));
    } else {
      *out = UnknownShape();
    }
    return absl::OkStatus();
  }
  if (t->dims() == 0) {
    int64_t value;
    RETURN_IF_ERROR(ScalarTensorValue(*t, &value));
    if (value != -1) {
      return errors::InvalidArgument(
          "Input tensor must be rank 1, or if its rank 0 it must have value -1 to represent "
          "an unknown shape, but is a scalar ", value);
    }
    *out = UnknownShape();
    return absl::OkStatus();
  }
  if (t->dims() != 1) {
    return errors::InvalidArgument("Input tensor must be rank 1, but was rank ", t->dims());
  }
  std::vector<int64_t> values;
  if (t->dtype() == DT_INT32) {
    const auto flat = t->flat<int32_t>();
    values.assign(flat.data(), flat.data() + flat.size());
  } else if (t->dtype() == DT_INT64) {
    const auto flat = t->flat<int64_t>();
    values.assign(flat.data(), flat.data() + flat.size());
  } else {
    return errors::InvalidArgument("Input tensor must be int32 or int64, but was ",
                                   DataTypeString(t->dtype()));
  }
  std::vector<DimensionHandle> dims;
  for (int64_t value : values) {
    if (value < kUnknownDim) {
      return errors::InvalidArgument("Invalid value in tensor used for shape: ", value);
    }
    dims.push_back(MakeDim(value));
  }
  *out = MakeShape(dims);
  return absl::OkStatus();
}

absl::Status InferenceContext::MakeDimForScalarInput(int idx, DimensionHandle* out) {
  const Tensor* t = input_tensor(idx);
  if (t == nullptr) {
    *out = UnknownDim();
    return absl::OkStatus();
  }
  if (t->dims() != 0) {
    return errors::InvalidArgument("Input ", idx, " must be a scalar, but has shape ",
                                   t->shape().DebugString());
  }
  int64_t value;
  RETURN_IF_ERROR(ScalarTensorValue(*t, &value));
  if (value < 0) {
    return errors::InvalidArgument("Dimension size, given by scalar input ", idx,
                                   ", must be non-negative but is ", value);
  }
  *out = MakeDim(value);
  return absl::OkStatus();
}

DimensionHandle InferenceContext::MakeDim(DimensionOrConstant d) {
  if (d.dim.IsSet()) return d.dim;
  dimensions_.push_back(std::unique_ptr<const Dimension>(new Dimension(d.val)));
  return DimensionHandle(dimensions_.back().get());
}

DimensionHandle InferenceContext::UnknownDim() { return MakeDim(kUnknownDim); }

PartialTensorShape InferenceContext::ShapeHandleToPartial(ShapeHandle s) const {
  if (!RankKnown(s)) return PartialTensorShape();
  std::vector<int64_t> sizes;
  for (DimensionHandle d : s.ptr_->dims_) sizes.push_back(Value(d));
  return PartialTensorShape(absl::Span<const int64_t>(sizes));
}

void InferenceContext::ShapeHandleToProto(ShapeHandle s,
                                          tensorflow::TensorShapeProto* proto) const {
  ShapeHandleToPartial(s).AsProto(proto);
}

absl::Status InferenceContext::Add(DimensionHandle first, DimensionOrConstant second,
                                   DimensionHandle* out) {
  const int64_t v1 = Value(first);
  const int64_t v2 = Value(second);
  if (v2 == 0) {
    *out = first;
  } else if (v1 == 0) {
    *out = MakeDim(second);
  } else if (v1 == kUnknownDim || v2 == kUnknownDim) {
    *out = UnknownDim();
  } else {
    if (v1 > std::numeric_limits<int64_t>::max() - v2) {
      return errors::InvalidArgument("Dimension size overflow from adding ", v1, " and ", v2);
    }
    *out = MakeDim(v1 + v2);
  }
  return absl::OkStatus();
}

absl::Status InferenceContext::Subtract(DimensionHandle first, DimensionOrConstant second,
                                        DimensionHandle* out) {
  const int64_t v1 = Value(first);
  const int64_t v2 = Value(second);
  if (v2 == 0) {
    *out = first;
  } else if (v1 == kUnknownDim || v2 == kUnknownDim) {
    *out = UnknownDim();
  } else {
    if (v1 < v2) {
      return errors::InvalidArgument("Negative dimension size caused by subtracting ", v2,
                                     " from ", v1);
    }
    *out = MakeDim(v1 - v2);
  }
  return absl::OkStatus();
}

absl::Status InferenceContext::Multiply(DimensionHandle first, DimensionOrConstant second,
                                        DimensionHandle* out) {
  const int64_t v1 = Value(first);
  const int64_t v2 = Value(second);
  if (v2 == 1) {
    *out = first;
  } else if (v1 == 1) {
    *out = MakeDim(second);
  } else if (v1 == 0 || v2 == 0) {
    *out = MakeDim(0);
  } else if (v1 == kUnknownDim || v2 == kUnknownDim) {
    *out = UnknownDim();
  } else {
    if (v1 > std::numeric_limits<int64_t>::max() / v2) {
      return errors::InvalidArgument("Negative dimension size caused by overflow when "
                                     "multiplying ", v1, " and ", v2);
    }
    *out = MakeDim(v1 * v2);
  }
  return absl::OkStatus();
}

absl::Status InferenceContext::Divide(DimensionHandle dividend, DimensionOrConstant divisor,
                                      bool evenly_divisible, DimensionHandle* out) {
  const int64_t divisor_value = Value(divisor);
  if (divisor_value == 1) {
    *out = dividend;
    return absl::OkStatus();
  }
  if (divisor_value == kUnknownDim || !ValueKnown(dividend)) {
    if (divisor_value == 0) return errors::InvalidArgument("Divisor must be positive but is 0");
    *out = UnknownDim();
    return absl::OkStatus();
  }
  const int64_t dividend_value = Value(dividend);
  if (divisor_value <= 0) {
    return errors::InvalidArgument("Divisor must be positive but is ", divisor_value);
  }
  if (evenly_divisible && dividend_value % divisor_value != 0) {
    return errors::InvalidArgument("Dimension size must be evenly divisible by ",
                                   divisor_value, " but is ", dividend_value);
  }
  *out = MakeDim(dividend_value / divisor_value);
  return absl::OkStatus();
}

absl::Status InferenceContext::Min(DimensionHandle first, DimensionOrConstant second,
                                   DimensionHandle* out) {
  const int64_t v1 = Value(first);
  const int64_t v2 = Value(second);
  if (v1 == 0) {
    *out = first;
  } else if (v2 == 0) {
    *out = MakeDim(second);
  } else if (v1 == kUnknownDim || v2 == kUnknownDim) {
    *out = UnknownDim();
  } else {
    *out = v1 <= v2 ? first : MakeDim(second);
  }
  return absl::OkStatus();
}

absl::Status InferenceContext::Max(DimensionHandle first, DimensionOrConstant second,
                                   DimensionHandle* out) {
  const int64_t v1 = Value(first);
  const int64_t v2 = Value(second);
  if (v1 == kUnknownDim || v2 == kUnknownDim) {
    *out = UnknownDim();
  } else {
    *out = v1 >= v2 ? first : MakeDim(second);
  }
  return absl::OkStatus();
}

}  // namespace rill
