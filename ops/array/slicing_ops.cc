// Slicing and joining op definitions: ConcatV2, ConcatOffset, Split, SplitV, Slice,
// StridedSlice, StridedSliceGrad, Tile, Pad, Pack, Unpack and ReverseV2, with TensorFlow's
// names, attrs and shape functions.
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "ops/array/slicing.h"

namespace rill {
namespace {

// ConstantAxis reads scalar input `idx`, an axis into a tensor of rank `rank` (negative
// values count from the end). *axis is -1 when the value is not a known constant, or when
// it is negative and the rank is unknown.
absl::Status ConstantAxis(InferenceContext* c, int idx, int32_t rank, int64_t* axis) {
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(idx), 0, &unused));
  *axis = -1;
  const Tensor* t = c->input_tensor(idx);
  if (t == nullptr) return absl::OkStatus();
  ASSIGN_OR_RETURN(const DimVector values, IndexValues(*t, "axis"));
  const int64_t value = values[0];
  if (rank == InferenceContext::kUnknownRank) {
    if (value >= 0) *axis = value;
    return absl::OkStatus();
  }
  if (value < -rank || value >= rank) {
    return errors::InvalidArgument("axis ", value, " is not in [", -rank, ", ", rank,
                                   ") for a tensor of rank ", rank);
  }
  *axis = value < 0 ? value + rank : value;
  return absl::OkStatus();
}

// ConcatShape: inputs [0, N) are concatenated along the constant axis in input N.
absl::Status ConcatV2ShapeFn(InferenceContext* c) {
  const int n = c->num_inputs() - 1;
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(n), 0, &unused));
  const Tensor* axis_tensor = c->input_tensor(n);
  if (axis_tensor == nullptr) {
    int32_t rank = InferenceContext::kUnknownRank;
    for (int i = 0; i < n && rank == InferenceContext::kUnknownRank; ++i) {
      rank = c->Rank(c->input(i));
    }
    if (rank == InferenceContext::kUnknownRank) return UnknownShape(c);
    if (rank == 0) {
      return errors::InvalidArgument("Can't concatenate scalars (use tf.stack instead)");
    }
    for (int i = 0; i < n; ++i) RETURN_IF_ERROR(c->WithRank(c->input(i), rank, &unused));
    c->set_output(0, c->UnknownShapeOfRank(rank));
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(const DimVector axis_values, IndexValues(*axis_tensor, "axis"));
  const int64_t axis = axis_values[0];
  const int64_t min_rank = axis < 0 ? -axis : axis + 1;
  // Before and after the axis, every input's dims must merge; along it they add up.
  ShapeHandle before, after;
  DimensionHandle middle;
  for (int i = n - 1; i >= 0; --i) {
    ShapeHandle input;
    RETURN_IF_ERROR(c->WithRankAtLeast(c->input(i), min_rank, &input));
    ShapeHandle input_before, input_after;
    RETURN_IF_ERROR(c->Subshape(input, 0, axis, &input_before));
    if (axis == -1) {
      input_after = c->Scalar();
    } else {
      RETURN_IF_ERROR(c->Subshape(input, axis + 1, &input_after));
    }
    const DimensionHandle input_middle = c->Dim(input, axis);
    if (i == n - 1) {
      before = input_before;
      after = input_after;
      middle = input_middle;
      continue;
    }
    RETURN_IF_ERROR(c->Merge(input_before, before, &before));
    RETURN_IF_ERROR(c->Add(middle, input_middle, &middle));
    RETURN_IF_ERROR(c->Merge(input_after, after, &after));
  }
  ShapeHandle out;
  RETURN_IF_ERROR(c->Concatenate(before, c->Vector(middle), &out));
  RETURN_IF_ERROR(c->Concatenate(out, after, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

absl::Status SplitShapeFn(InferenceContext* c) {
  ShapeHandle input = c->input(1);
  int64_t axis;
  RETURN_IF_ERROR(ConstantAxis(c, 0, c->Rank(input), &axis));
  const int num_split = c->num_outputs();
  ShapeHandle out;
  if (axis < 0) {
    out = c->RankKnown(input) ? c->UnknownShapeOfRank(c->Rank(input)) : c->UnknownShape();
  } else {
    RETURN_IF_ERROR(c->WithRankAtLeast(input, axis + 1, &input));
    DimensionHandle size;
    const absl::Status divided =
        c->Divide(c->Dim(input, axis), num_split, /*evenly_divisible=*/true, &size);
    if (!divided.ok()) {
      return errors::InvalidArgument(
          "Number of ways to split should evenly divide the split dimension: ",
          divided.message());
    }
    RETURN_IF_ERROR(c->ReplaceDim(input, axis, size, &out));
  }
  for (int i = 0; i < num_split; ++i) c->set_output(i, out);
  return absl::OkStatus();
}

absl::Status SplitVShapeFn(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  const int32_t rank = c->Rank(input);
  int64_t axis;
  RETURN_IF_ERROR(ConstantAxis(c, 2, rank, &axis));
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
  const int num_outputs = c->num_outputs();
  if (rank == InferenceContext::kUnknownRank) return UnknownShape(c);
  if (rank == 0) return errors::InvalidArgument("Can't split scalars");
  const Tensor* size_splits = c->input_tensor(1);
  if (axis < 0) {
    for (int i = 0; i < num_outputs; ++i) c->set_output(i, c->UnknownShapeOfRank(rank));
    return absl::OkStatus();
  }
  if (size_splits == nullptr) {
    ShapeHandle out;
    RETURN_IF_ERROR(c->ReplaceDim(input, axis, c->UnknownDim(), &out));
    for (int i = 0; i < num_outputs; ++i) c->set_output(i, out);
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(const DimVector sizes, IndexValues(*size_splits, "size_splits"));
  if (static_cast<int64_t>(sizes.size()) != num_outputs) {
    return errors::InvalidArgument("size_splits has ", sizes.size(),
                                   " entries, but num_split is ", num_outputs);
  }
  int64_t known_total = 0;
  int unknown = -1;
  for (int i = 0; i < num_outputs; ++i) {
    if (sizes[i] == -1) {
      if (unknown != -1) {
        return errors::InvalidArgument("size_splits can only have one -1, but entries ",
                                       unknown, " and ", i, " are -1");
      }
      unknown = i;
    } else if (sizes[i] < 0) {
      return errors::InvalidArgument("size_splits[", i, "] = ", sizes[i],
                                     " must be non-negative or -1");
    } else {
      known_total += sizes[i];
    }
  }
  const int64_t dim = c->Value(c->Dim(input, axis));
  if (dim >= 0 && (unknown >= 0 ? known_total > dim : known_total != dim)) {
    return errors::InvalidArgument("can't split axis of size ", dim, " into pieces of size [",
                                   absl::StrJoin(sizes, ","), "]");
  }
  for (int i = 0; i < num_outputs; ++i) {
    const int64_t size = i == unknown ? (dim >= 0 ? dim - known_total : -1) : sizes[i];
    ShapeHandle out;
    RETURN_IF_ERROR(c->ReplaceDim(input, axis, c->MakeDim(size), &out));
    c->set_output(i, out);
  }
  return absl::OkStatus();
}

absl::Status SliceShapeFn(InferenceContext* c) {
  ShapeHandle input = c->input(0);
  ShapeHandle begin_shape, sizes_shape;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &begin_shape));
  RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &sizes_shape));
  RETURN_IF_ERROR(c->Merge(begin_shape, sizes_shape, &begin_shape));
  const DimensionHandle ndims = c->Dim(begin_shape, 0);
  if (c->ValueKnown(ndims)) RETURN_IF_ERROR(c->WithRank(input, c->Value(ndims), &input));

  // `begin` read as a shape: its entries, unknown where not constant.
  ShapeHandle begin_value;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &begin_value));
  const Tensor* sizes_tensor = c->input_tensor(2);
  if (sizes_tensor == nullptr) {
    // Sizes read as a shape too (a -1 size becomes an unknown dim).
    ShapeHandle sizes_value;
    RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &sizes_value));
    if (c->RankKnown(sizes_value)) {
      RETURN_IF_ERROR(c->WithRank(begin_value, c->Rank(sizes_value), &begin_value));
      c->set_output(0, sizes_value);
    } else if (c->RankKnown(input)) {
      c->set_output(0, c->UnknownShapeOfRank(c->Rank(input)));
    } else {
      c->set_output(0, c->UnknownShape());
    }
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(const DimVector sizes, IndexValues(*sizes_tensor, "size"));
  const int64_t rank = static_cast<int64_t>(sizes.size());
  RETURN_IF_ERROR(c->WithRank(begin_value, rank, &begin_value));
  RETURN_IF_ERROR(c->WithRank(input, rank, &input));
  std::vector<DimensionHandle> dims;
  for (int64_t i = 0; i < rank; ++i) {
    const DimensionHandle dim = c->Dim(input, i);
    const int64_t begin = c->Value(c->Dim(begin_value, i));
    if (begin >= 0 && c->ValueKnown(dim) && begin > c->Value(dim)) {
      return errors::InvalidArgument("Expected begin[", i, "] in [0, ", c->Value(dim),
                                     "], but got ", begin);
    }
    if (sizes[i] == -1) {
      DimensionHandle rest;
      RETURN_IF_ERROR(c->Subtract(dim, c->Dim(begin_value, i), &rest));
      dims.push_back(rest);
      continue;
    }
    if (sizes[i] < 0) {
      return errors::InvalidArgument("Expected size[", i, "] to be -1 or non-negative, but got ",
                                     sizes[i]);
    }
    if (begin >= 0 && c->ValueKnown(dim) && begin + sizes[i] > c->Value(dim)) {
      return errors::InvalidArgument("Expected size[", i, "] in [0, ", c->Value(dim) - begin,
                                     "], but got ", sizes[i]);
    }
    dims.push_back(c->MakeDim(sizes[i]));
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

absl::Status StridedSliceShapeFn(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  ShapeHandle begin_shape, end_shape, strides_shape;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &begin_shape));
  RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &end_shape));
  RETURN_IF_ERROR(c->WithRank(c->input(3), 1, &strides_shape));
  RETURN_IF_ERROR(c->Merge(begin_shape, end_shape, &begin_shape));
  RETURN_IF_ERROR(c->Merge(begin_shape, strides_shape, &begin_shape));
  const Tensor* strides_tensor = c->input_tensor(3);
  if (!c->RankKnown(input) || !c->ValueKnown(c->Dim(begin_shape, 0)) ||
      strides_tensor == nullptr) {
    return UnknownShape(c);
  }
  DimVector input_dims;
  for (int i = 0; i < c->Rank(input); ++i) input_dims.push_back(c->Value(c->Dim(input, i)));
  StridedSliceMasks masks;
  RETURN_IF_ERROR(c->GetAttr("begin_mask", &masks.begin));
  RETURN_IF_ERROR(c->GetAttr("end_mask", &masks.end));
  RETURN_IF_ERROR(c->GetAttr("ellipsis_mask", &masks.ellipsis));
  RETURN_IF_ERROR(c->GetAttr("new_axis_mask", &masks.new_axis));
  RETURN_IF_ERROR(c->GetAttr("shrink_axis_mask", &masks.shrink_axis));
  ASSIGN_OR_RETURN(const DimVector strides, IndexValues(*strides_tensor, "strides"));
  DimVector begin, end;
  const Tensor* begin_tensor = c->input_tensor(1);
  const Tensor* end_tensor = c->input_tensor(2);
  if (begin_tensor != nullptr) {
    ASSIGN_OR_RETURN(begin, IndexValues(*begin_tensor, "begin"));
  }
  if (end_tensor != nullptr) {
    ASSIGN_OR_RETURN(end, IndexValues(*end_tensor, "end"));
  }
  if ((begin_tensor != nullptr && begin.size() != strides.size()) ||
      (end_tensor != nullptr && end.size() != strides.size())) {
    return errors::InvalidArgument(
        "Expected begin, end, and strides to be 1D equal size tensors, but got sizes ",
        begin.size(), ", ", end.size(), " and ", strides.size());
  }
  StridedSlicePlan plan;
  RETURN_IF_ERROR(ValidateStridedSlice(begin_tensor != nullptr ? &begin : nullptr,
                                       end_tensor != nullptr ? &end : nullptr, strides,
                                       input_dims, masks, &plan));
  std::vector<DimensionHandle> dims;
  for (const int64_t size : plan.final_shape) dims.push_back(c->MakeDim(size));
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

absl::Status TileShapeFn(InferenceContext* c) {
  ShapeHandle input = c->input(0);
  // Multiples read as a shape: non-negative entries, unknown where not constant.
  ShapeHandle multiples;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &multiples));
  if (c->RankKnown(input)) {
    RETURN_IF_ERROR(c->WithRank(multiples, c->Rank(input), &multiples));
    ShapeHandle unused;
    RETURN_IF_ERROR(c->Merge(c->input(1), c->Vector(int64_t{c->Rank(input)}), &unused));
  }
  if (!c->RankKnown(multiples)) return UnknownShape(c);
  const int32_t rank = c->Rank(multiples);
  RETURN_IF_ERROR(c->WithRank(input, rank, &input));
  std::vector<DimensionHandle> dims(rank);
  for (int i = 0; i < rank; ++i) {
    RETURN_IF_ERROR(c->Multiply(c->Dim(input, i), c->Dim(multiples, i), &dims[i]));
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

absl::Status PadShapeFn(InferenceContext* c) {
  ShapeHandle paddings;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 2, &paddings));
  DimensionHandle n_dim = c->Dim(paddings, 0);
  DimensionHandle unused;
  RETURN_IF_ERROR(c->WithValue(c->Dim(paddings, 1), 2, &unused));
  ShapeHandle input = c->input(0);
  if (c->ValueKnown(n_dim)) {
    RETURN_IF_ERROR(c->WithRank(input, c->Value(n_dim), &input));
  } else if (c->RankKnown(input)) {
    RETURN_IF_ERROR(c->WithValue(n_dim, c->Rank(input), &n_dim));
  }
  const Tensor* paddings_tensor = c->input_tensor(1);
  if (paddings_tensor == nullptr) {
    c->set_output(0, c->ValueKnown(n_dim) ? c->UnknownShapeOfRank(c->Value(n_dim))
                                          : c->UnknownShape());
    return absl::OkStatus();
  }
  if (paddings_tensor->dims() != 2 || paddings_tensor->dim_size(1) != 2) {
    return errors::InvalidArgument("paddings must be a matrix with 2 columns, but has shape ",
                                   paddings_tensor->shape().DebugString());
  }
  const int64_t rank = paddings_tensor->dim_size(0);
  RETURN_IF_ERROR(c->WithRank(input, rank, &input));
  ASSIGN_OR_RETURN(const DimVector pads, IndexValues(*paddings_tensor, "paddings"));
  std::vector<DimensionHandle> dims(rank);
  for (int64_t i = 0; i < rank; ++i) {
    const int64_t before = pads[2 * i];
    const int64_t after = pads[2 * i + 1];
    if (before < 0 || after < 0) {
      return errors::InvalidArgument("Paddings must be non-negative, but paddings[", i,
                                     "] = [", before, ", ", after, "]");
    }
    RETURN_IF_ERROR(c->Add(c->Dim(input, i), before + after, &dims[i]));
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

// PackAxis checks the `axis` attr against a result of rank `rank` and makes it
// non-negative.
absl::Status PackAxis(InferenceContext* c, int32_t rank, int64_t* axis) {
  RETURN_IF_ERROR(c->GetAttr("axis", axis));
  if (*axis < -rank || *axis >= rank) {
    return errors::InvalidArgument("Invalid axis: ", *axis, "; must be in [", -rank, ",", rank,
                                   ")");
  }
  if (*axis < 0) *axis += rank;
  return absl::OkStatus();
}

absl::Status PackShapeFn(InferenceContext* c) {
  ShapeHandle merged = c->input(c->num_inputs() - 1);
  for (int i = c->num_inputs() - 2; i >= 0; --i) {
    const absl::Status status = c->Merge(c->input(i), merged, &merged);
    if (!status.ok()) {
      return errors::InvalidArgument(status.message(), " From merging shape ", i,
                                     " with other shapes.");
    }
  }
  if (!c->RankKnown(merged)) return UnknownShape(c);
  const int32_t rank = c->Rank(merged);
  int64_t axis;
  RETURN_IF_ERROR(PackAxis(c, rank + 1, &axis));
  std::vector<DimensionHandle> dims;
  for (int i = 0; i < axis; ++i) dims.push_back(c->Dim(merged, i));
  dims.push_back(c->MakeDim(int64_t{c->num_inputs()}));
  for (int i = axis; i < rank; ++i) dims.push_back(c->Dim(merged, i));
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

absl::Status UnpackShapeFn(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  ShapeHandle out = c->UnknownShape();
  if (c->RankKnown(input)) {
    const int32_t rank = c->Rank(input);
    int64_t axis;
    RETURN_IF_ERROR(PackAxis(c, rank, &axis));
    DimensionHandle unused;
    RETURN_IF_ERROR(c->WithValue(c->Dim(input, axis), c->num_outputs(), &unused));
    std::vector<DimensionHandle> dims;
    for (int i = 0; i < rank; ++i) {
      if (i != axis) dims.push_back(c->Dim(input, i));
    }
    out = c->MakeShape(dims);
  }
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, out);
  return absl::OkStatus();
}

absl::Status ReverseV2ShapeFn(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  ShapeHandle axis_shape;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &axis_shape));
  const Tensor* axis_tensor = c->input_tensor(1);
  if (axis_tensor != nullptr && c->RankKnown(input)) {
    const int32_t rank = c->Rank(input);
    ASSIGN_OR_RETURN(const DimVector axes, IndexValues(*axis_tensor, "axis"));
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < axes.size(); ++i) {
      if (axes[i] < -rank || axes[i] >= rank) {
        return errors::InvalidArgument("'axis'[", i, "] = ", axes[i], " is out of valid range [",
                                       -rank, ", ", rank, ")");
      }
      const int64_t canonical = axes[i] < 0 ? axes[i] + rank : axes[i];
      if (seen[canonical]) {
        return errors::InvalidArgument("axis ", canonical, " specified more than once.");
      }
      seen[canonical] = true;
    }
  }
  c->set_output(0, input);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("ConcatV2")
    .Differentiable()
    .Input("values: N * T")
    .Input("axis: Tidx")
    .Output("output: T")
    .Attr("N: int >= 2")
    .Attr("T: type")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(ConcatV2ShapeFn)
    .Doc(R"doc(
Concatenates tensors along one dimension.

values: List of `N` Tensors to concatenate. Their ranks and types must match,
  and their sizes must match in all dimensions except `axis`.
axis: 0-D. The dimension along which to concatenate. Must be in the
  range [-rank(values), rank(values)).
output: A `Tensor` with the concatenation of values stacked along the `axis`
  dimension.
)doc");

REGISTER_OP("ConcatOffset")
    .NoGradient()
    .Input("concat_dim: int32")
    .Input("shape: N * int32")
    .Output("offset: N * int32")
    .Attr("N: int >= 2")
    .SetShapeFn([](InferenceContext* c) {
      for (int i = 1; i < c->num_inputs(); ++i) c->set_output(i - 1, c->input(i));
      return absl::OkStatus();
    })
    .Doc(R"doc(
Computes offsets of concat inputs within its output.

For example:

```
# 'x' is [2, 2, 7]
# 'y' is [2, 3, 7]
# 'z' is [2, 5, 7]
concat_offset(1, [x, y, z]) => [0, 0, 0], [0, 2, 0], [0, 5, 0]
```

This is typically used by gradient computations for a concat operation.

concat_dim: The dimension along which to concatenate.
shape: The `N` int32 vectors representing shape of tensors being concatenated.
offset: The `N` int32 vectors representing the starting offset of input tensors
  within the concatenated output.
)doc");

REGISTER_OP("Split")
    .Differentiable()
    .Input("split_dim: int32")
    .Input("value: T")
    .Output("output: num_split * T")
    .Attr("num_split: int >= 1")
    .Attr("T: type")
    .SetShapeFn(SplitShapeFn)
    .Doc(R"doc(
Splits a tensor into `num_split` tensors along one dimension.

split_dim: 0-D. The dimension along which to split. Must be in the range
  `[-rank(value), rank(value))`.
value: The tensor to split.
output: They are identically shaped tensors, whose shape matches that of
  `value` except along `axis`, where their sizes are `values.shape[split_dim] /
  num_split`.
num_split: The number of ways to split. Must evenly divide
  `value.shape[split_dim]`.
)doc");

REGISTER_OP("SplitV")
    .Differentiable()
    .Input("value: T")
    .Input("size_splits: Tlen")
    .Input("split_dim: int32")
    .Output("output: num_split * T")
    .Attr("num_split: int >= 1")
    .Attr("T: type")
    .Attr("Tlen: {int8, int32, int64} = DT_INT64")
    .SetShapeFn(SplitVShapeFn)
    .Doc(R"doc(
Splits a tensor into `num_split` tensors along one dimension.

value: The tensor to split.
size_splits: list containing the sizes of each output tensor along the split
  dimension. Must sum to the dimension of value along split_dim. Can contain
  one -1 indicating that dimension is to be inferred.
split_dim: 0-D. The dimension along which to split. Must be in the range
  `[-rank(value), rank(value))`.
output: Tensors whose shape matches that of `value` except along `axis`, where
  their sizes are `size_splits[i]`.
)doc");

REGISTER_OP("Slice")
    .Differentiable()
    .Input("input: T")
    .Input("begin: Index")
    .Input("size: Index")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Index: {int32, int64}")
    .SetShapeFn(SliceShapeFn)
    .Doc(R"doc(
Return a slice from 'input'.

The output tensor is a tensor with dimensions described by 'size' whose values
are extracted from 'input' starting at the offsets in 'begin'.

begin: begin[i] specifies the offset into the 'i'th dimension of 'input' to
  slice from.
size: size[i] specifies the number of elements of the 'i'th dimension of
  'input' to slice. If size[i] is -1, all remaining elements in dimension i are
  included in the slice (i.e. this is equivalent to setting
  size[i] = input.dim_size(i) - begin[i]).
)doc");

REGISTER_OP("StridedSlice")
    .Differentiable()
    .Input("input: T")
    .Input("begin: Index")
    .Input("end: Index")
    .Input("strides: Index")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Index: {int32, int64}")
    .Attr("begin_mask: int = 0")
    .Attr("end_mask: int = 0")
    .Attr("ellipsis_mask: int = 0")
    .Attr("new_axis_mask: int = 0")
    .Attr("shrink_axis_mask: int = 0")
    .SetShapeFn(StridedSliceShapeFn)
    .Doc(R"doc(
Return a strided slice from `input`.

The slice is Python's `foo[begin:end:stride, ...]`: entry i of `begin`, `end`
and `strides` applies to one dimension (or, with the masks, expands to an
ellipsis, inserts a new axis of size 1, or indexes and removes a dimension).
Negative indices count from the end; out-of-range ones are clamped; negative
strides walk backwards.

begin: `begin[k]` specifies the offset into the `k`th range specification.
end: `end[i]` is like `begin` with the exception that `end_mask` is used to
  determine full ranges.
strides: `strides[i]` specifies the increment in the `i`th specification
  after extracting a given element. Must be non-zero.
begin_mask: a bitmask where a bit i being 1 means to ignore the begin value and
  instead use the largest interval possible.
end_mask: analogous to `begin_mask`.
ellipsis_mask: a bitmask where bit `i` being 1 means the `i`th position is
  actually an ellipsis. One bit at most can be 1.
new_axis_mask: a bitmask where bit `i` being 1 means the `i`th specification
  creates a new shape 1 dimension.
shrink_axis_mask: a bitmask where bit `i` implies that the `i`th specification
  should shrink the dimensionality: `begin[i]` is taken as an index.
)doc");

REGISTER_OP("StridedSliceGrad")
    .Differentiable()
    .Input("shape: Index")
    .Input("begin: Index")
    .Input("end: Index")
    .Input("strides: Index")
    .Input("dy: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Index: {int32, int64}")
    .Attr("begin_mask: int = 0")
    .Attr("end_mask: int = 0")
    .Attr("ellipsis_mask: int = 0")
    .Attr("new_axis_mask: int = 0")
    .Attr("shrink_axis_mask: int = 0")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle out;
      RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
      c->set_output(0, out);
      return absl::OkStatus();
    })
    .Doc(R"doc(
Returns the gradient of `StridedSlice`.

Since `StridedSlice` cuts out pieces of its `input` which is size
`shape`, its gradient will have the same shape (which is passed here
as `shape`). The gradient will be zero in any element that the slice
does not select.

Arguments are the same as StridedSlice with the exception that
`dy` is the input gradient to be propagated and `shape` is the
shape of `StridedSlice`'s `input`.
)doc");

REGISTER_OP("Tile")
    .Differentiable()
    .Input("input: T")
    .Input("multiples: Tmultiples")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tmultiples: {int32, int64} = DT_INT32")
    .SetShapeFn(TileShapeFn)
    .Doc(R"doc(
Constructs a tensor by tiling a given tensor.

This operation creates a new tensor by replicating `input` `multiples` times.
The output tensor's i'th dimension has `input.dims(i) * multiples[i]` elements,
and the values of `input` are replicated `multiples[i]` times along the 'i'th
dimension.

input: 1-D or higher.
multiples: 1-D. Length must be the same as the number of dimensions in `input`
)doc");

REGISTER_OP("Pad")
    .Differentiable()
    .Input("input: T")
    .Input("paddings: Tpaddings")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .SetShapeFn(PadShapeFn)
    .Doc(R"doc(
Pads a tensor with zeros.

`paddings` is an integer tensor with shape `[n, 2]`, where n is the rank of
`input`. For each dimension D of `input`, `paddings[D, 0]` indicates how many
zeros to add before the contents of `input` in that dimension, and
`paddings[D, 1]` how many after. Strings pad with "", bools with false.
)doc");

REGISTER_OP("Pack")
    .Differentiable()
    .Input("values: N * T")
    .Output("output: T")
    .Attr("N: int >= 1")
    .Attr("T: type")
    .Attr("axis: int = 0")
    .SetShapeFn(PackShapeFn)
    .Doc(R"doc(
Packs a list of `N` rank-`R` tensors into one rank-`(R+1)` tensor.

values: Must be of same shape and type.
axis: Dimension along which to pack. Negative values wrap around, so the valid
  range is `[-(R+1), R+1)`.
output: The packed tensor.
)doc");

REGISTER_OP("Unpack")
    .Differentiable()
    .Input("value: T")
    .Output("output: num * T")
    .Attr("num: int >= 0")
    .Attr("T: type")
    .Attr("axis: int = 0")
    .SetShapeFn(UnpackShapeFn)
    .Doc(R"doc(
Unpacks a given dimension of a rank-`R` tensor into `num` rank-`(R-1)` tensors.

value: 1-D or higher, with `axis` dimension size equal to `num`.
axis: Dimension along which to unpack. Negative values wrap around, so the
  valid range is `[-R, R)`.
output: The list of tensors unpacked from `value`.
)doc");

REGISTER_OP("ReverseV2")
    .Differentiable()
    .Input("tensor: T")
    .Input("axis: Tidx")
    .Output("output: T")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .Attr("T: {uint8, int8, uint16, int16, int32, uint32, int64, uint64, bool, bfloat16, "
          "half, float, double, complex64, complex128, string}")
    .SetShapeFn(ReverseV2ShapeFn)
    .Doc(R"doc(
Reverses specific dimensions of a tensor.

tensor: Up to 8-D.
axis: 1-D. The indices of the dimensions to reverse. Must be in the range
  `[-rank(tensor), rank(tensor))`.
output: The same shape as `tensor`.
)doc");

}  // namespace rill
