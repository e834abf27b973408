// Gradient functions of the nn ops, as TensorFlow's nn_grad.py defines them: the activations
// Relu, Relu6, Elu and Softplus, and the second-order gradients of their gradient ops.
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/client_util.h"
#include "ops/nn/nn_ops.h"

namespace rill {
namespace {

using nn_util::FloatScalar;
using nn_util::InputOf;
using nn_util::ZerosOfShapeOf;

// Relu: relu_grad(grad, y) with y the activation itself (y > 0 exactly where x > 0), so
// the Relu's input need not be kept.
absl::Status ReluGradient(const Scope& scope, const Operation& op,
                          const std::vector<Output>& grad_inputs,
                          std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(ops::ReluGrad(scope, grad_inputs[0], op.output(0)).backprops);
  return absl::OkStatus();
}

// Relu6: relu6_grad(grad, y) with the activation y, which is 6 (no gradient) where x >= 6.
absl::Status Relu6Gradient(const Scope& scope, const Operation& op,
                           const std::vector<Output>& grad_inputs,
                           std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(ops::Relu6Grad(scope, grad_inputs[0], op.output(0)).backprops);
  return absl::OkStatus();
}

// Elu: elu_grad(grad, y): below 0 the derivative exp(x) is y + 1.
absl::Status EluGradient(const Scope& scope, const Operation& op,
                         const std::vector<Output>& grad_inputs,
                         std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(ops::EluGrad(scope, grad_inputs[0], op.output(0)).backprops);
  return absl::OkStatus();
}

// Softplus: grad * sigmoid(x).
absl::Status SoftplusGradient(const Scope& scope, const Operation& op,
                              const std::vector<Output>& grad_inputs,
                              std::vector<Gradient>* grad_outputs) {
  Output x;
  RETURN_IF_ERROR(InputOf(op, 0, &x));
  grad_outputs->push_back(ops::Mul(scope, grad_inputs[0], ops::Sigmoid(scope, x)).z);
  return absl::OkStatus();
}

// ReluGrad(gradients, features) is linear in gradients with slope (features > 0), and flat
// in features: (relu_grad(grad, features), zeros).
absl::Status ReluGradGradient(const Scope& scope, const Operation& op,
                              const std::vector<Output>& grad_inputs,
                              std::vector<Gradient>* grad_outputs) {
  Output features;
  RETURN_IF_ERROR(InputOf(op, 1, &features));
  grad_outputs->push_back(ops::ReluGrad(scope, grad_inputs[0], features).backprops);
  grad_outputs->push_back(ZerosOfShapeOf(scope, features));
  return absl::OkStatus();
}

// Relu6Grad: (relu6_grad(grad, features), zeros), as ReluGrad.
absl::Status Relu6GradGradient(const Scope& scope, const Operation& op,
                               const std::vector<Output>& grad_inputs,
                               std::vector<Gradient>* grad_outputs) {
  Output features;
  RETURN_IF_ERROR(InputOf(op, 1, &features));
  grad_outputs->push_back(ops::Relu6Grad(scope, grad_inputs[0], features).backprops);
  grad_outputs->push_back(ZerosOfShapeOf(scope, features));
  return absl::OkStatus();
}

// EluGrad(gradients, outputs) is gradients * (outputs + 1) below 0 and gradients above:
// (elu_grad(grad, outputs), where(outputs < 0, grad * gradients, zeros)).
absl::Status EluGradGradient(const Scope& scope, const Operation& op,
                             const std::vector<Output>& grad_inputs,
                             std::vector<Gradient>* grad_outputs) {
  Output gradients;
  Output outputs;
  RETURN_IF_ERROR(InputOf(op, 0, &gradients));
  RETURN_IF_ERROR(InputOf(op, 1, &outputs));
  const Output& grad = grad_inputs[0];
  grad_outputs->push_back(ops::EluGrad(scope, grad, outputs).backprops);
  const Output negative = ops::Less(scope, outputs, FloatScalar(scope, 0, outputs.type()));
  grad_outputs->push_back(
      ops::Select(scope, negative, ops::Mul(scope, grad, gradients), ops::ZerosLike(scope, outputs))
          .output);
  return absl::OkStatus();
}

// SoftplusGrad(dy, x) = dy / (1 + exp(-x)): with ddx the incoming gradient,
// (softplus_grad(ddx, x), ddx * dy / (exp(-x) + 2 + exp(x))), the latter being
// ddx * dy * sigmoid'(x). Built after ddx, as TensorFlow's control dependency orders it.
absl::Status SoftplusGradGradient(const Scope& scope, const Operation& op,
                                  const std::vector<Output>& grad_inputs,
                                  std::vector<Gradient>* grad_outputs) {
  Output dy;
  Output x;
  RETURN_IF_ERROR(InputOf(op, 0, &dy));
  RETURN_IF_ERROR(InputOf(op, 1, &x));
  const Output& ddx = grad_inputs[0];
  const Scope after = scope.WithControlDependencies(ddx);
  grad_outputs->push_back(ops::SoftplusGrad(after, ddx, x).backprops);
  const Output denominator = ops::AddV2(
      after,
      ops::AddV2(after, ops::Exp(after, ops::Neg(after, x)), FloatScalar(after, 2, x.type())),
      ops::Exp(after, x));
  grad_outputs->push_back(ops::RealDiv(after, ops::Mul(after, ddx, dy), denominator).z);
  return absl::OkStatus();
}

REGISTER_GRADIENT("Relu", ReluGradient);
REGISTER_GRADIENT("Relu6", Relu6Gradient);
REGISTER_GRADIENT("Elu", EluGradient);
REGISTER_GRADIENT("Softplus", SoftplusGradient);
REGISTER_GRADIENT("ReluGrad", ReluGradGradient);
REGISTER_GRADIENT("Relu6Grad", Relu6GradGradient);
REGISTER_GRADIENT("EluGrad", EluGradGradient);
REGISTER_GRADIENT("SoftplusGrad", SoftplusGradGradient);

}  // namespace
}  // namespace rill
