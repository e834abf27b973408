// Gradient functions of the element-wise unary math ops (Abs ... Sign, Sin, Cos) and of
// their gradient ops (SigmoidGrad ... ReciprocalGrad, for second derivatives): TensorFlow's
// math_grad.py, formula for formula and in the same operation order, so float results match
// bit for bit.
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "ops/array/array_ops.h"
#include "ops/array/constant_helpers.h"
#include "ops/math/gradient_util.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace math_gradients {
namespace {

// Each function reads x = op.inputs[0] or y = op.outputs[0] and the gradient `grad` of y,
// and appends the gradient of x. Those TensorFlow builds under control_dependencies([grad])
// use `after_grad`, a scope whose ops wait for grad.

absl::Status AbsGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(Output(ops::Mul(scope, grads[0], ops::Sign(scope, OpInput(op, 0)))));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Abs", AbsGrad);

absl::Status NegGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(Output(ops::Neg(scope, grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Neg", NegGrad);

absl::Status ReciprocalGrad(const Scope& scope, const Operation& op,
                            const std::vector<Output>& grads, std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(Output(ops::ReciprocalGrad(scope, op.output(0), grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Reciprocal", ReciprocalGrad);

// d(x^2) = grad * (x * 2).
absl::Status SquareGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                        std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output x = Conj(after_grad, OpInput(op, 0));
  const Output two = ScalarConst(after_grad, 2.0, x.type());
  grad_outputs->push_back(Output(ops::Mul(after_grad, grads[0], ops::Mul(after_grad, x, two))));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Square", SquareGrad);

absl::Status SqrtGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(Output(ops::SqrtGrad(scope, op.output(0), grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Sqrt", SqrtGrad);

absl::Status RsqrtGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                       std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(Output(ops::RsqrtGrad(scope, op.output(0), grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Rsqrt", RsqrtGrad);

// d(e^x) = grad * y.
absl::Status ExpGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output y = Conj(after_grad, op.output(0));
  grad_outputs->push_back(Output(ops::Mul(after_grad, grads[0], y)));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Exp", ExpGrad);

// d(log x) = grad * (1 / x).
absl::Status LogGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output x = Conj(after_grad, OpInput(op, 0));
  grad_outputs->push_back(Output(ops::Mul(after_grad, grads[0], ops::Reciprocal(after_grad, x))));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Log", LogGrad);

// d(log(1 + x)) = grad * (1 / (1 + x)).
absl::Status Log1pGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                       std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output x = Conj(after_grad, OpInput(op, 0));
  const Output one_plus_x = ops::Add(after_grad, ScalarConst(after_grad, 1, x.type()), x);
  grad_outputs->push_back(
      Output(ops::Mul(after_grad, grads[0], ops::Reciprocal(after_grad, one_plus_x))));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Log1p", Log1pGrad);

absl::Status SigmoidGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                         std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output y = Conj(after_grad, op.output(0));
  grad_outputs->push_back(Output(ops::SigmoidGrad(after_grad, y, grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Sigmoid", SigmoidGrad);

absl::Status TanhGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output y = Conj(after_grad, op.output(0));
  grad_outputs->push_back(Output(ops::TanhGrad(after_grad, y, grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Tanh", TanhGrad);

// d(sin x) = grad * cos(x).
absl::Status SinGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output x = Conj(after_grad, OpInput(op, 0));
  grad_outputs->push_back(Output(ops::Mul(after_grad, grads[0], ops::Cos(after_grad, x))));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Sin", SinGrad);

// d(cos x) = -grad * sin(x).
absl::Status CosGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output x = Conj(after_grad, OpInput(op, 0));
  grad_outputs->push_back(
      Output(ops::Mul(after_grad, ops::Neg(after_grad, grads[0]), ops::Sin(after_grad, x))));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Cos", CosGrad);

// Sign is piecewise constant: its gradient is zeros of x's shape.
absl::Status SignGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  const Output x = OpInput(op, 0);
  grad_outputs->push_back(Output(ops::Zeros(scope, ops::Shape(scope, x), x.type())));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Sign", SignGrad);

// The gradient ops z = f(a, b), a = y the unary function's output, b = dy its gradient.

// SigmoidGrad: z = b * a * (1 - a), so dz/da = b - 2 * b * a and dz/db = a * (1 - a).
absl::Status SigmoidGradGrad(const Scope& scope, const Operation& op,
                             const std::vector<Output>& grads,
                             std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output a = Conj(after_grad, OpInput(op, 0));
  const Output b = Conj(after_grad, OpInput(op, 1));
  const Output gb = ops::Mul(after_grad, grads[0], b);
  const Output two_gb = ops::Mul(after_grad, ScalarConst(after_grad, 2.0, gb.type()), gb);
  grad_outputs->push_back(Output(ops::Sub(after_grad, gb, ops::Mul(after_grad, two_gb, a))));
  grad_outputs->push_back(Output(ops::SigmoidGrad(after_grad, a, grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("SigmoidGrad", SigmoidGradGrad);

// TanhGrad: z = b * (1 - a * a), so dz/da = -2 * b * a and dz/db = 1 - a * a.
absl::Status TanhGradGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                          std::vector<Gradient>* grad_outputs) {
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output a = Conj(after_grad, OpInput(op, 0));
  const Output b = Conj(after_grad, OpInput(op, 1));
  const Output& grad = grads[0];
  const Output scaled = ops::Mul(after_grad, grad, ScalarConst(after_grad, -2.0, grad.type()));
  grad_outputs->push_back(Output(ops::Mul(after_grad, ops::Mul(after_grad, scaled, b), a)));
  grad_outputs->push_back(Output(ops::TanhGrad(after_grad, a, grad)));
  return absl::OkStatus();
}
REGISTER_GRADIENT("TanhGrad", TanhGradGrad);

// SqrtGrad: z = 0.5 * b / a, so dz/da = -(grad / a) * z and dz/db = 0.5 * (grad / a).
absl::Status SqrtGradGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                          std::vector<Gradient>* grad_outputs) {
  const Output a = OpInput(op, 0);
  const Output y = op.output(0);
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output ga = ops::RealDiv(after_grad, grads[0], a);
  grad_outputs->push_back(
      Output(ops::Mul(after_grad, ops::Neg(after_grad, Conj(after_grad, ga)), y)));
  grad_outputs->push_back(
      Output(ops::Mul(after_grad, ScalarConst(after_grad, 0.5, ga.type()), ga)));
  return absl::OkStatus();
}
REGISTER_GRADIENT("SqrtGrad", SqrtGradGrad);

// RsqrtGrad: z = -0.5 * b * a^3, so dz/da = -1.5 * b * a^2 and dz/db = -0.5 * a^3.
absl::Status RsqrtGradGrad(const Scope& scope, const Operation& op,
                           const std::vector<Output>& grads, std::vector<Gradient>* grad_outputs) {
  const Output a = OpInput(op, 0);
  const Output b = OpInput(op, 1);
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output ca = Conj(after_grad, a);
  const Output cg = Conj(after_grad, grads[0]);
  const Output scaled = ops::Mul(after_grad, ScalarConst(after_grad, -1.5, cg.type()), cg);
  grad_outputs->push_back(
      Output(ops::Mul(after_grad, ops::Mul(after_grad, scaled, b), ops::Square(after_grad, ca))));
  grad_outputs->push_back(Output(ops::RsqrtGrad(after_grad, ca, grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("RsqrtGrad", RsqrtGradGrad);

// ReciprocalGrad: z = -b * a^2, so dz/da = -2 * b * a and dz/db = -a^2.
absl::Status ReciprocalGradGrad(const Scope& scope, const Operation& op,
                                const std::vector<Output>& grads,
                                std::vector<Gradient>* grad_outputs) {
  const Output b = OpInput(op, 1);
  const Scope after_grad = scope.WithControlDependencies(grads[0]);
  const Output ca = Conj(after_grad, OpInput(op, 0));
  const Output cg = Conj(after_grad, grads[0]);
  const Output scaled = ops::Mul(after_grad, cg, ScalarConst(after_grad, -2.0, cg.type()));
  grad_outputs->push_back(Output(ops::Mul(after_grad, ops::Mul(after_grad, scaled, b), ca)));
  grad_outputs->push_back(Output(ops::ReciprocalGrad(after_grad, ca, grads[0])));
  return absl::OkStatus();
}
REGISTER_GRADIENT("ReciprocalGrad", ReciprocalGradGrad);

}  // namespace
}  // namespace math_gradients
}  // namespace rill
