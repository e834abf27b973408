// Gradients of the gather and scatter ops (GatherV2, GatherNd, ScatterNd), after
// TensorFlow's array_grad.py: a gather along axis 0 yields an IndexedSlices of the rows it
// read; other gathers scatter their gradient back, adding up repeated indices.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/client/const_op.h"
#include "core/client/gradient_registry.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/array/gradient_util.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

using array_grad::DataInputs;
using array_grad::IndexScalar;
using array_grad::NonNegativeAxis;
using array_grad::ShapeOf;

// GatherAxis0Grad: the gradient of params = the rows of `grad` at `indices`, as an
// IndexedSlices of [size(indices)] + params.shape[1:] values.
IndexedSlices GatherAxis0Grad(const Scope& scope, const Output& params, const Output& indices,
                              const Output& grad) {
  const Output params_shape = ShapeOf(scope, params);
  const Output indices_size = ops::ExpandDims(scope, ops::Size(scope, indices), 0);
  const Output params_tail = ops::Slice(scope, params_shape, {1}, {-1});
  const Output values_shape = ops::ConcatV2(scope, {indices_size, params_tail}, 0);
  IndexedSlices slices;
  slices.values = ops::Reshape(scope, grad, values_shape);
  slices.indices = ops::Reshape(scope, indices, indices_size);
  slices.dense_shape = params_shape;
  return slices;
}

// GatherScatterGrad: the dense gradient of params for a gather along any `axis` (an int32
// scalar, non-negative) with `batch_dims` leading batch dimensions. With params viewed as
// [batch, outer, A, inner] and the gradient as [batch, outer, K, inner] (K indices per
// batch), the gradient is moved to [batch * K, outer, inner] and scattered into rows
// batch * A + index of a [batch * A, outer, inner] zero tensor, repeated indices adding up,
// which is then moved back to params' layout.
Output GatherScatterGrad(const Scope& scope, const Output& params, const Output& indices,
                         const Output& axis, int64_t batch_dims, const Output& grad) {
  const DataType index = indices.type();
  const Output shape = ShapeOf(scope, params, index);
  // Product of shape[begin : begin + size] (size -1: to the end), an `index` scalar.
  const auto span = [&](const Output& of, const Input& begin, const Input& size) -> Output {
    return ops::Prod(scope, ops::Slice(scope, of, begin, size), 0);
  };
  const Output axis_vector = ops::ExpandDims(scope, axis, 0);
  const Output batch = batch_dims == 0 ? IndexScalar(scope, index, 1)
                                       : span(shape, {0}, {static_cast<int32_t>(batch_dims)});
  const Output outer =
      span(shape, {static_cast<int32_t>(batch_dims)},
           ops::ExpandDims(scope, ops::Sub(scope, axis, static_cast<int32_t>(batch_dims)), 0));
  const Output axis_size = span(shape, axis_vector, {1});
  const Output inner = span(shape, ops::Add(scope, axis_vector, 1), {-1});
  const Output per_batch =
      span(ShapeOf(scope, indices, index), {static_cast<int32_t>(batch_dims)}, {-1});
  const Output all = IndexScalar(scope, index, -1);

  const Output grad4 =
      ops::Reshape(scope, grad, ops::Pack(scope, {batch, outer, per_batch, inner}));
  const Output updates = ops::Reshape(scope, ops::Transpose(scope, grad4, {0, 2, 1, 3}),
                                      ops::Pack(scope, {all, outer, inner}));
  Output rows = ops::Reshape(scope, indices, ops::Pack(scope, {batch, all}));
  if (batch_dims > 0) {
    const Output batch_start = ops::Mul(
        scope, ops::Range(scope, IndexScalar(scope, index, 0), batch, IndexScalar(scope, index, 1)),
        axis_size);
    rows = ops::AddV2(scope, rows, ops::ExpandDims(scope, batch_start, 1));
  }
  const Output scattered =
      ops::ScatterNd(scope, ops::Reshape(scope, rows, {-1, 1}), updates,
                     ops::Pack(scope, {ops::Mul(scope, batch, axis_size), outer, inner}));
  const Output unbatched =
      ops::Reshape(scope, scattered, ops::Pack(scope, {batch, axis_size, outer, inner}));
  return ops::Reshape(scope, ops::Transpose(scope, unbatched, {0, 2, 1, 3}), shape);
}

absl::Status GatherV2Grad(const Scope& scope, const Operation& op,
                          const std::vector<Output>& grad_inputs,
                          std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  const Output& params = in[0];
  const Output& indices = in[1];
  const Output& axis = in[2];
  int64_t batch_dims;
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "batch_dims", &batch_dims));
  if (batch_dims < 0) {
    const int indices_rank = indices.shape().dims();
    if (indices_rank < 0) {
      return errors::InvalidArgument(
          "Currently, it is unsupported to take the gradient of tf.gather when batch_dims < 0 "
          "and the rank of the indices is unknown. Please pass a positive batch_dims or use "
          "tf.ensure_shape to update the shape of indices when calling tf.gather.");
    }
    batch_dims += indices_rank;
  }
  const std::optional<DimVector> axis_value = array_grad::ConstantValues(axis);
  if (axis_value.has_value() && axis_value->size() == 1 && (*axis_value)[0] == 0) {
    grad_outputs->push_back(GatherAxis0Grad(scope, params, indices, grad_inputs[0]));
  } else {
    grad_outputs->push_back(GatherScatterGrad(
        scope, params, indices, NonNegativeAxis(scope, axis, params), batch_dims, grad_inputs[0]));
  }
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("GatherV2", GatherV2Grad);

// GatherNd's gradient scatters the gradient back; with [N, 1] indices (whole rows) it is
// an IndexedSlices.
absl::Status GatherNdGrad(const Scope& scope, const Operation& op,
                          const std::vector<Output>& grad_inputs,
                          std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  const Output& params = in[0];
  const Output& indices = in[1];
  const Output params_shape = ShapeOf(scope, params, indices.type());
  const PartialTensorShape indices_shape = indices.shape();
  if (indices_shape.dims() == 2 && indices_shape.dim_size(1) == 1) {
    IndexedSlices slices;
    slices.values = grad_inputs[0];
    slices.indices = ops::Squeeze(scope, indices, ops::Squeeze::SqueezeDims({-1}));
    slices.dense_shape = params_shape;
    grad_outputs->push_back(slices);
  } else {
    grad_outputs->push_back(ops::ScatterNd(scope, indices, grad_inputs[0], params_shape).output);
  }
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("GatherNd", GatherNdGrad);

absl::Status ScatterNdGrad(const Scope& scope, const Operation& op,
                           const std::vector<Output>& grad_inputs,
                           std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(ops::GatherNd(scope, grad_inputs[0], in[0]).output);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("ScatterNd", ScatterNdGrad);

}  // namespace
}  // namespace rill
