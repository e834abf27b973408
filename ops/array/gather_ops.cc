// Gather and scatter op definitions: GatherV2, GatherNd and ScatterNd, with TensorFlow's
// names, attrs and shape functions. Kernels live in kernels/cpu/array.
#include <cstdint>
#include <vector>

#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

// ScalarIndexValue reads a constant int32/int64 scalar input.
int64_t ScalarIndexValue(const Tensor& t) {
  return t.dtype() == DT_INT32 ? t.scalar<int32_t>()() : t.scalar<int64_t>()();
}

// GatherV2Shape: params[:axis] + indices[batch_dims:] + params[axis + 1:], where the first
// batch_dims dims of params and indices must agree. Without a constant axis only the rank
// is known (when both input ranks are).
absl::Status GatherV2Shape(InferenceContext* c) {
  ShapeHandle params;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &params));
  const ShapeHandle indices = c->input(1);
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(2), 0, &unused));
  int64_t batch_dims;
  RETURN_IF_ERROR(c->GetAttr("batch_dims", &batch_dims));

  if (!c->RankKnown(indices)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  const int64_t indices_rank = c->Rank(indices);
  if (batch_dims < -indices_rank || batch_dims > indices_rank) {
    return errors::InvalidArgument("Expected batch_dims in the range [", -indices_rank, ", ",
                                   indices_rank, "], but got ", batch_dims);
  }
  if (batch_dims < 0) batch_dims += indices_rank;
  if (!c->RankKnown(params)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  const int64_t params_rank = c->Rank(params);
  if (batch_dims >= params_rank) {
    return errors::InvalidArgument("batch_dims (", batch_dims, ") must be less than rank(params) (",
                                   params_rank, ").");
  }

  const Tensor* axis_t = c->input_tensor(2);
  if (axis_t == nullptr) {
    c->set_output(0, c->UnknownShapeOfRank(params_rank + indices_rank - 1 - batch_dims));
    return absl::OkStatus();
  }
  int64_t axis = ScalarIndexValue(*axis_t);
  if (axis < -params_rank || axis >= params_rank) {
    return errors::InvalidArgument("Expected axis in the range [", -params_rank, ", ", params_rank,
                                   "), but got ", axis);
  }
  if (axis < 0) axis += params_rank;
  if (batch_dims > axis) {
    return errors::InvalidArgument("batch_dims (", batch_dims,
                                   ") must be less than or equal to axis (", axis, ").");
  }

  std::vector<DimensionHandle> dims;
  for (int64_t i = 0; i < batch_dims; ++i) {
    DimensionHandle merged;
    if (!c->Merge(c->Dim(params, i), c->Dim(indices, i), &merged).ok()) {
      return errors::InvalidArgument("params.shape[", i, "]: ", c->DebugString(c->Dim(params, i)),
                                     " should be equal to indices.shape[", i,
                                     "]: ", c->DebugString(c->Dim(indices, i)));
    }
    dims.push_back(merged);
  }
  for (int64_t i = batch_dims; i < axis; ++i) dims.push_back(c->Dim(params, i));
  for (int64_t i = batch_dims; i < indices_rank; ++i) dims.push_back(c->Dim(indices, i));
  for (int64_t i = axis + 1; i < params_rank; ++i) dims.push_back(c->Dim(params, i));
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

// GatherNdShape: indices[:-1] + params[indices.shape[-1]:].
absl::Status GatherNdShape(InferenceContext* c) {
  ShapeHandle params;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &params));
  ShapeHandle indices;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 1, &indices));
  const DimensionHandle index_depth = c->Dim(indices, -1);
  if (!c->RankKnown(params) || !c->ValueKnown(index_depth)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  if (c->Value(index_depth) > c->Rank(params)) {
    return errors::InvalidArgument(
        "indices.shape[-1] must be <= params.rank, but saw indices shape: ",
        c->DebugString(indices), " and params shape: ", c->DebugString(params));
  }
  ShapeHandle outer;
  RETURN_IF_ERROR(c->Subshape(indices, 0, -1, &outer));
  ShapeHandle inner;
  RETURN_IF_ERROR(c->Subshape(params, c->Value(index_depth), &inner));
  ShapeHandle out;
  RETURN_IF_ERROR(c->Concatenate(outer, inner, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

// ScatterNdShape: the output is the `shape` input; updates must be
// indices.shape[:-1] + shape[indices.shape[-1]:].
absl::Status ScatterNdShape(InferenceContext* c) {
  ShapeHandle indices;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &indices));
  ShapeHandle updates;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 1, &updates));
  ShapeHandle output;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(2, &output));

  if (c->Value(c->NumElements(output)) == 0 &&
      (c->Value(c->NumElements(indices)) > 0 || c->Value(c->NumElements(updates)) > 0)) {
    return errors::InvalidArgument("Indices and updates specified for empty output shape");
  }
  const DimensionHandle index_depth = c->Dim(indices, -1);
  if (c->RankKnown(indices) && c->RankKnown(updates) && c->ValueKnown(index_depth)) {
    const int64_t outer_dims = c->Rank(indices) - 1;
    const int64_t depth = c->Value(index_depth);
    ShapeHandle indices_outer;
    RETURN_IF_ERROR(c->Subshape(indices, 0, outer_dims, &indices_outer));
    ShapeHandle updates_outer;
    RETURN_IF_ERROR(c->Subshape(updates, 0, outer_dims, &updates_outer));
    ShapeHandle unused;
    if (c->Rank(updates) < outer_dims || !c->Merge(indices_outer, updates_outer, &unused).ok()) {
      return errors::InvalidArgument("Dimensions [0,", outer_dims,
                                     ") of indices[shape=", c->DebugString(indices),
                                     "] must match dimensions [0,", outer_dims,
                                     ") of updates[shape=", c->DebugString(updates), "]");
    }
    if (c->RankKnown(output)) {
      if (depth > c->Rank(output)) {
        return errors::InvalidArgument("indices.shape[-1] must be <= shape.rank, but saw ",
                                       "indices shape: ", c->DebugString(indices),
                                       " and shape: ", c->DebugString(output));
      }
      ShapeHandle output_inner;
      RETURN_IF_ERROR(c->Subshape(output, depth, &output_inner));
      ShapeHandle updates_inner;
      RETURN_IF_ERROR(c->Subshape(updates, outer_dims, &updates_inner));
      if (!c->Merge(output_inner, updates_inner, &unused).ok()) {
        return errors::InvalidArgument(
            "Dimensions [", depth, ",", c->Rank(output),
            ") of output[shape=", c->DebugString(output), "] must match dimensions [", outer_dims,
            ",", c->Rank(updates), ") of updates[shape=", c->DebugString(updates), "]");
      }
    }
  }
  c->set_output(0, output);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("GatherV2")
    .Differentiable()
    .Input("params: Tparams")
    .Input("indices: Tindices")
    .Input("axis: Taxis")
    .Attr("batch_dims: int = 0")
    .Output("output: Tparams")
    .Attr("Tparams: type")
    .Attr("Tindices: {int32, int64}")
    .Attr("Taxis: {int32, int64}")
    .SetShapeFn(GatherV2Shape)
    .Doc(R"doc(
Gather slices from `params` axis `axis` according to `indices`.

The output has shape `params.shape[:axis] + indices.shape[batch_dims:] +
params.shape[axis + 1:]`:

```
output[a_0, ..., a_n, i, ..., j, b_0, ..., b_n] =
  params[a_0, ..., a_n, indices[i, ..., j], b_0, ..., b_n]
```

With `batch_dims` > 0 the leading `batch_dims` dimensions of `params` and `indices`
are batch dimensions: each batch gathers from its own slice of `params`. An index
outside `[0, params.shape[axis])` is an error.

params: The tensor from which to gather values. Must be at least rank `axis + 1`.
indices: Index tensor. Must be in range `[0, params.shape[axis])`.
axis: The axis in `params` to gather `indices` from; negative values count from the
  end. Must be >= `batch_dims`.
batch_dims: The number of leading batch dimensions shared by `params` and `indices`;
  negative values count from the rank of `indices`.
output: Values from `params` gathered from indices given by `indices`.
)doc");

REGISTER_OP("GatherNd")
    .Differentiable()
    .Input("params: Tparams")
    .Input("indices: Tindices")
    .Output("output: Tparams")
    .Attr("Tparams: type")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(GatherNdShape)
    .Doc(R"doc(
Gather slices from `params` into a Tensor with shape specified by `indices`.

`indices` is a K-dimensional integer tensor, best thought of as a (K-1)-dimensional
tensor of indices into `params`, where each element defines a slice of `params`:

```
output[i_0, ..., i_{K-2}] = params[indices[i_0, ..., i_{K-2}]]
```

The last dimension of `indices` (at most the rank of `params`) is the number of leading
dimensions of `params` each index addresses, so the output has shape
`indices.shape[:-1] + params.shape[indices.shape[-1]:]`. An index out of range is an
error.

params: The tensor from which to gather values.
indices: Index tensor.
output: Values from `params` gathered from indices given by `indices`, with shape
  `indices.shape[:-1] + params.shape[indices.shape[-1]:]`.
)doc");

REGISTER_OP("ScatterNd")
    .Differentiable()
    .Input("indices: Tindices")
    .Input("updates: T")
    .Input("shape: Tindices")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(ScatterNdShape)
    .Doc(R"doc(
Scatters `updates` into a new zero tensor of shape `shape` according to `indices`.

The inverse of GatherNd: the last dimension of `indices` (at most the rank of `shape`)
indexes the leading dimensions of the output, and `updates` has shape
`indices.shape[:-1] + shape[indices.shape[-1]:]`. Updates to the same position are
summed. An index out of range is an error.

indices: Index tensor.
updates: Updates to scatter into output.
shape: 1-D. The shape of the resulting tensor.
output: A new tensor with the given shape and updates applied according to the indices.
)doc");

}  // namespace rill
