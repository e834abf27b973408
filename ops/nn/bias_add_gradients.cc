// Gradient functions of BiasAdd and BiasAddGrad, as TensorFlow's nn_grad.py defines them:
// the bias gradient sums the incoming gradient over every position of a channel, and the
// gradient of that sum tiles its incoming gradient back over the positions.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "core/client/const_op.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/nn/client_util.h"
#include "ops/nn/nn_ops.h"

namespace rill {
namespace {

// DataFormat is the op's data_format attr ("NHWC" or "NCHW").
absl::Status DataFormat(const Operation& op, std::string* data_format) {
  return GetNodeAttr(op.node()->def(), "data_format", data_format);
}

// Dims is shape[begin:end] of an int32 shape vector (end 0 meaning "to the end").
Output Dims(const Scope& scope, const Output& shape, int begin, int end) {
  return ops::StridedSlice(scope, shape, {begin}, {end}, {1},
                           ops::StridedSlice::EndMask(end == 0 ? 1 : 0));
}

// BiasAdd: the value gets the gradient as it is, the bias its channel sums (BiasAddGrad).
absl::Status BiasAddGradient(const Scope& scope, const Operation& op,
                             const std::vector<Output>& grad_inputs,
                             std::vector<Gradient>* grad_outputs) {
  std::string data_format;
  RETURN_IF_ERROR(DataFormat(op, &data_format));
  grad_outputs->push_back(grad_inputs[0]);
  grad_outputs->push_back(
      ops::BiasAddGrad(scope, grad_inputs[0], ops::BiasAddGrad::DataFormat(data_format)).output);
  return absl::OkStatus();
}

// BiasAddGrad: its incoming gradient, one value per channel, reshaped to broadcast along
// the channel dimension of out_backprop and tiled over the others.
absl::Status BiasAddGradGradient(const Scope& scope, const Operation& op,
                                 const std::vector<Output>& grad_inputs,
                                 std::vector<Gradient>* grad_outputs) {
  std::string data_format;
  RETURN_IF_ERROR(DataFormat(op, &data_format));
  Output out_backprop;
  RETURN_IF_ERROR(nn_util::InputOf(op, 0, &out_backprop));
  const Output& grad = grad_inputs[0];
  const Output shape = ops::Shape(scope, out_backprop);
  const Output bias_shape = ops::Shape(scope, grad);
  Output expanded_shape;
  Output tile_multiples;
  if (data_format == "NCHW") {
    const Output batch = Dims(scope, shape, 0, 1);
    const Output spatial = Dims(scope, shape, 2, 0);
    expanded_shape = ops::ConcatV2(
        scope, {ops::OnesLike(scope, batch), bias_shape, ops::OnesLike(scope, spatial)}, 0);
    tile_multiples = ops::ConcatV2(scope, {batch, ops::Const(scope, {1}), spatial}, 0);
  } else {
    const Output leading = Dims(scope, shape, 0, -1);
    expanded_shape = ops::ConcatV2(scope, {ops::OnesLike(scope, leading), bias_shape}, 0);
    tile_multiples = ops::ConcatV2(scope, {leading, ops::Const(scope, {1})}, 0);
  }
  grad_outputs->push_back(
      ops::Tile(scope, ops::Reshape(scope, grad, expanded_shape), tile_multiples).output);
  return absl::OkStatus();
}

REGISTER_GRADIENT("BiasAdd", BiasAddGradient);
REGISTER_GRADIENT("BiasAddGrad", BiasAddGradGradient);

}  // namespace
}  // namespace rill
