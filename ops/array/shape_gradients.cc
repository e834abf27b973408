// Gradients of the ops that change only a tensor's shape or layout (Reshape, Squeeze,
// ExpandDims, Transpose, BroadcastTo) and of Fill, after TensorFlow's array_grad.py.
#include <cstdint>
#include <vector>

#include "core/client/const_op.h"
#include "core/client/gradient_registry.h"
#include "core/framework/status_macros.h"
#include "ops/array/array_ops.h"
#include "ops/array/gradient_util.h"
#include "ops/gradients/broadcast_gradients.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

using array_grad::DataInputs;
using array_grad::RankOf;
using array_grad::ShapeOf;

// ReshapeToInputGrad: the gradient reshaped to input 0's shape; no gradient for the other
// inputs (Reshape's shape, ExpandDims' axis).
absl::Status ReshapeToInputGrad(const Scope& scope, const Operation& op,
                                const std::vector<Output>& grad_inputs,
                                std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(ops::Reshape(scope, grad_inputs[0], ShapeOf(scope, in[0])).output);
  grad_outputs->resize(in.size());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Reshape", ReshapeToInputGrad);
REGISTER_GRADIENT("Squeeze", ReshapeToInputGrad);
REGISTER_GRADIENT("ExpandDims", ReshapeToInputGrad);

absl::Status TransposeGrad(const Scope& scope, const Operation& op,
                           const std::vector<Output>& grad_inputs,
                           std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(
      ops::Transpose(scope, grad_inputs[0], ops::InvertPermutation(scope, in[1])).y);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Transpose", TransposeGrad);

absl::Status BroadcastToGrad(const Scope& scope, const Operation& op,
                             const std::vector<Output>& grad_inputs,
                             std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(SumToShapeOf(scope, grad_inputs[0], in[0]));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("BroadcastTo", BroadcastToGrad);

// Fill's value is every element of the output: its gradient is the sum of all of them.
absl::Status FillGrad(const Scope& scope, const Operation& op,
                      const std::vector<Output>& grad_inputs, std::vector<Gradient>* grad_outputs) {
  const Output& grad = grad_inputs[0];
  const PartialTensorShape shape = grad.shape();
  Output axes;
  if (shape.unknown_rank()) {
    axes = ops::Range(scope, 0, ops::Rank(scope, grad), 1);
  } else {
    std::vector<int32_t> all(shape.dims());
    for (int d = 0; d < shape.dims(); ++d) all[d] = d;
    axes = ops::Const(scope, Input::Initializer(all));
  }
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(ops::Sum(scope, grad, axes).output);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Fill", FillGrad);

}  // namespace
}  // namespace rill
