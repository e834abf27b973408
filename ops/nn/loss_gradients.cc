// Gradient functions of the softmax family and the losses, as TensorFlow's nn_grad.py
// defines them: Softmax, LogSoftmax, SoftmaxCrossEntropyWithLogits,
// SparseSoftmaxCrossEntropyWithLogits and L2Loss.
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/client_util.h"
#include "ops/nn/nn_ops.h"

namespace rill {
namespace {

using nn_util::InputOf;

// BroadcastMul is vec[:, None] * mat: a per-row scale of the [batch, classes] `mat`.
Output BroadcastMul(const Scope& scope, const Output& vec, const Output& mat) {
  return ops::Mul(scope, ops::ExpandDims(scope, vec, -1), mat);
}

// Softmax: (grad - sum(grad * softmax, -1, keepdims)) * softmax, from the op's output.
absl::Status SoftmaxGradient(const Scope& scope, const Operation& op,
                             const std::vector<Output>& grad_inputs,
                             std::vector<Gradient>* grad_outputs) {
  const Output softmax = op.output(0);
  const Output& grad = grad_inputs[0];
  const Output sum_channels = ops::Sum(scope, ops::Mul(scope, grad, softmax), -1,
                                       ops::Sum::KeepDims(true));
  grad_outputs->push_back(ops::Mul(scope, ops::Sub(scope, grad, sum_channels), softmax).z);
  return absl::OkStatus();
}

// LogSoftmax: grad - sum(grad, -1, keepdims) * exp(logsoftmax).
absl::Status LogSoftmaxGradient(const Scope& scope, const Operation& op,
                                const std::vector<Output>& grad_inputs,
                                std::vector<Gradient>* grad_outputs) {
  const Output softmax = ops::Exp(scope, op.output(0));
  const Output& grad = grad_inputs[0];
  const Output sum = ops::Sum(scope, grad, -1, ops::Sum::KeepDims(true));
  grad_outputs->push_back(ops::Sub(scope, grad, ops::Mul(scope, sum, softmax)).z);
  return absl::OkStatus();
}

// SoftmaxCrossEntropyWithLogits: the logits get grad_loss[:, None] * backprop (the op's
// second output, softmax - labels), plus, when backprop itself received a gradient
// grad_grad, the softmax derivative applied to it:
//   (grad_grad - sum(grad_grad * softmax, -1)[:, None]) * softmax,
// the sum written as TensorFlow writes it, a batched [1, C] x [C, 1] product. The labels get
// grad_loss[:, None] * -log_softmax(logits), and -grad_grad when backprop received one:
// TensorFlow leaves that term out, so its labels gradient is wrong when the backprop output
// is differentiated; Rill's is exact (the two agree whenever backprop is unused).
absl::Status SoftmaxCrossEntropyWithLogitsGradient(const Scope& scope, const Operation& op,
                                                   const std::vector<Output>& grad_inputs,
                                                   std::vector<Gradient>* grad_outputs) {
  const Output& grad_loss = grad_inputs[0];
  const Output& grad_grad = grad_inputs[1];
  Output logits;
  RETURN_IF_ERROR(InputOf(op, 0, &logits));
  Output grad = BroadcastMul(scope, grad_loss, op.output(1));
  Output labels_grad =
      BroadcastMul(scope, grad_loss, ops::Neg(scope, ops::LogSoftmax(scope, logits)));
  if (grad_grad.node() != nullptr && !nn_util::IsUnusedOutputGradient(op, 1, grad_grad)) {
    const Output softmax = ops::Softmax(scope, logits);
    const Output dot = ops::Squeeze(
        scope,
        ops::BatchMatMulV2(scope, ops::ExpandDims(scope, grad_grad, 1),
                           ops::ExpandDims(scope, softmax, 2)),
        ops::Squeeze::SqueezeDims({1}));
    grad = ops::AddV2(scope, grad, ops::Mul(scope, ops::Sub(scope, grad_grad, dot), softmax));
    labels_grad = ops::Sub(scope, labels_grad, grad_grad);
  }
  grad_outputs->push_back(grad);
  grad_outputs->push_back(labels_grad);
  return absl::OkStatus();
}

// SparseSoftmaxCrossEntropyWithLogits: the logits get grad_loss[:, None] * backprop, with
// backprop behind a PreventGradient (the fused op has no second derivative); the integer
// labels get none.
absl::Status SparseSoftmaxCrossEntropyWithLogitsGradient(const Scope& scope,
                                                         const Operation& op,
                                                         const std::vector<Output>& grad_inputs,
                                                         std::vector<Gradient>* grad_outputs) {
  const Output backprop = ops::PreventGradient(
      scope, op.output(1),
      ops::PreventGradient::Message(
          "Currently there is no way to take the second derivative of "
          "sparse_softmax_cross_entropy_with_logits due to the fused implementation's "
          "interaction with tf.gradients()"));
  grad_outputs->push_back(BroadcastMul(scope, grad_inputs[0], backprop));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}

// L2Loss: t * grad.
absl::Status L2LossGradient(const Scope& scope, const Operation& op,
                            const std::vector<Output>& grad_inputs,
                            std::vector<Gradient>* grad_outputs) {
  Output t;
  RETURN_IF_ERROR(InputOf(op, 0, &t));
  grad_outputs->push_back(ops::Mul(scope, t, grad_inputs[0]).z);
  return absl::OkStatus();
}

REGISTER_GRADIENT("Softmax", SoftmaxGradient);
REGISTER_GRADIENT("LogSoftmax", LogSoftmaxGradient);
REGISTER_GRADIENT("SoftmaxCrossEntropyWithLogits", SoftmaxCrossEntropyWithLogitsGradient);
REGISTER_GRADIENT("SparseSoftmaxCrossEntropyWithLogits",
                  SparseSoftmaxCrossEntropyWithLogitsGradient);
REGISTER_GRADIENT("L2Loss", L2LossGradient);

}  // namespace
}  // namespace rill
