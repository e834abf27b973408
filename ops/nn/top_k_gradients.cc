// The gradient function of TopKV2, as TensorFlow's nn_grad.py defines it: each value's
// gradient scattered back to the input position it came from, zeros elsewhere.
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "core/client/const_op.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/client_util.h"

namespace rill {
namespace {

// LastDim is shape[size(shape) - 1] of an int32 shape vector, as an int64 scalar.
Output LastDim(const Scope& scope, const Output& shape) {
  return ops::GatherV2(scope, ops::Cast(scope, shape, DT_INT64),
                       ops::Sub(scope, ops::Size(scope, shape), 1), 0);
}

// TopKV2: the indices output, flattened to [rows, k], offset by each row's start in the
// flattened input, says where each value's gradient goes (ScatterNd into the input's
// size, reshaped to its shape); k gets none.
absl::Status TopKV2Gradient(const Scope& scope, const Operation& op,
                            const std::vector<Output>& grad_inputs,
                            std::vector<Gradient>* grad_outputs) {
  Output input;
  RETURN_IF_ERROR(nn_util::InputOf(op, 0, &input));
  const Output indices = op.output(1);
  const Output in_shape = ops::Shape(scope, input);
  const Output ind_shape = ops::Shape(scope, indices);
  const Output ind_lastdim = LastDim(scope, ind_shape);
  const Output ind_2d = ops::Reshape(
      scope, indices, ops::Pack(scope, {ops::Const(scope, int64_t{-1}), ind_lastdim}));
  const Output in_lastdim = LastDim(scope, in_shape);
  const Output outerdim =
      ops::StridedSlice(scope, ops::Shape(scope, ind_2d), {0}, {1}, {1},
                        ops::StridedSlice::ShrinkAxisMask(1));
  const Output row_starts = ops::Range(
      scope, ops::Const(scope, int64_t{0}),
      ops::Mul(scope, ops::Cast(scope, outerdim, DT_INT64), in_lastdim), in_lastdim);
  const Output ind = ops::Reshape(
      scope,
      ops::AddV2(scope, ind_2d, ops::Cast(scope, ops::ExpandDims(scope, row_starts, -1), DT_INT32)),
      {-1});
  const Output scattered = ops::ScatterNd(
      scope, ops::ExpandDims(scope, ind, -1), ops::Reshape(scope, grad_inputs[0], {-1}),
      ops::Pack(scope, {ops::Prod(scope, in_shape, 0)}));
  grad_outputs->push_back(ops::Reshape(scope, scattered, in_shape).output);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}

REGISTER_GRADIENT("TopKV2", TopKV2Gradient);

}  // namespace
}  // namespace rill
