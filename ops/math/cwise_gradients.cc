// Gradient functions of the element-wise binary math ops (Add ... SquaredDifference), of
// Select/SelectV2, AddN and Cast: TensorFlow's math_grad.py, formula for formula and in the
// same operation order, so float results match bit for bit.
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "core/framework/types.h"
#include "ops/array/array_ops.h"
#include "ops/array/constant_helpers.h"
#include "ops/gradients/broadcast_gradients.h"
#include "ops/math/gradient_util.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace math_gradients {
namespace {

// Each gradient function below reads x = op.inputs[0], y = op.inputs[1] and the gradient
// `grad` of the output z, and appends the gradients of x and y, summed back to their shapes
// where they were broadcast (AppendBroadcastGradients).

absl::Status AddGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  AppendBroadcastGradients(scope, OpInput(op, 0), OpInput(op, 1), grads[0], grads[0], grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Add", AddGrad);
REGISTER_GRADIENT("AddV2", AddGrad);

absl::Status SubGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  AppendBroadcastGradients(scope, OpInput(op, 0), OpInput(op, 1), grads[0],
                           ops::Neg(scope, grads[0]), grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Sub", SubGrad);

// d(x * y) = (grad * y, x * grad).
absl::Status MulGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Output x = Conj(scope, OpInput(op, 0));
  const Output y = Conj(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  AppendBroadcastGradients(scope, OpInput(op, 0), OpInput(op, 1), ops::Mul(scope, grad, y),
                           ops::Mul(scope, x, grad), grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Mul", MulGrad);

// d(x / y) = (grad / y, grad * ((-x / y) / y)), for Div and RealDiv alike (TensorFlow's
// math_ops.divide is a RealDiv on the floating types that carry gradients).
absl::Status DivGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Output x = Conj(scope, OpInput(op, 0));
  const Output y = Conj(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  const Output gx = ops::RealDiv(scope, grad, y);
  const Output gy =
      ops::Mul(scope, grad, ops::RealDiv(scope, ops::RealDiv(scope, ops::Neg(scope, x), y), y));
  AppendBroadcastGradients(scope, OpInput(op, 0), OpInput(op, 1), gx, gy, grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Div", DivGrad);
REGISTER_GRADIENT("RealDiv", DivGrad);

// floormod(x, y) = x - floor(x / y) * y: d = (grad, grad * -floor_div(x, y)).
absl::Status FloorModGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                          std::vector<Gradient>* grad_outputs) {
  const Output x = Conj(scope, OpInput(op, 0));
  const Output y = Conj(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  const Output floor_xy = ops::FloorDiv(scope, x, y);
  AppendBroadcastGradients(scope, x, y, grad, ops::Mul(scope, grad, ops::Neg(scope, floor_xy)),
                           grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("FloorMod", FloorModGrad);

// d(x^y) = (grad * y * x^(y - 1), grad * z * log(x)), log(x) taken as 0 where x <= 0 (no
// real logarithm there; TensorFlow's choice).
absl::Status PowGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  const Output x = Conj(scope, OpInput(op, 0));
  const Output y = Conj(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  const Output one = ScalarConst(scope, 1, y.type());
  const Output gx =
      ops::Mul(scope, ops::Mul(scope, grad, y), ops::Pow(scope, x, ops::Sub(scope, y, one)));
  const Output z = Conj(scope, op.output(0));
  const Output mask = ops::Greater(scope, x, ScalarConst(scope, 0, x.type()));
  const Output safe_x = ops::Select(scope, mask, x, ops::OnesLike(scope, x));
  const Output log_x = ops::Select(scope, mask, ops::Log(scope, safe_x), ops::ZerosLike(scope, x));
  const Output gy = ops::Mul(scope, ops::Mul(scope, grad, z), log_x);
  AppendBroadcastGradients(scope, OpInput(op, 0), OpInput(op, 1), gx, gy, grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Pow", PowGrad);

// Maximum and Minimum: the gradient goes to x where selector(x, y) holds (x >= y for
// Maximum, x <= y for Minimum; ties go to x), to y elsewhere.
template <typename Selector>
absl::Status MaximumMinimumGrad(const Scope& scope, const Operation& op,
                                const std::vector<Output>& grads,
                                std::vector<Gradient>* grad_outputs) {
  const Output x = OpInput(op, 0);
  const Output y = OpInput(op, 1);
  const Output& grad = grads[0];
  const Output zeros = ops::Zeros(scope, ops::Shape(scope, grad), grad.type());
  const Output xmask = Selector(scope, x, y);
  AppendBroadcastGradients(scope, x, y, ops::Select(scope, xmask, grad, zeros),
                           ops::Select(scope, xmask, zeros, grad), grad_outputs);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Maximum", MaximumMinimumGrad<ops::GreaterEqual>);
REGISTER_GRADIENT("Minimum", MaximumMinimumGrad<ops::LessEqual>);

// d((x - y)^2) = (2 * grad * (x - y), -(the same)).
absl::Status SquaredDifferenceGrad(const Scope& scope, const Operation& op,
                                   const std::vector<Output>& grads,
                                   std::vector<Gradient>* grad_outputs) {
  const Output x = OpInput(op, 0);
  const Output y = OpInput(op, 1);
  const Output& grad = grads[0];
  const Scope after_grad = scope.WithControlDependencies(grad);
  const Output x_grad =
      ops::Mul(after_grad, ops::Mul(after_grad, ScalarConst(after_grad, 2.0, grad.type()), grad),
               ops::Sub(after_grad, x, y));
  std::vector<Gradient> reduced;
  AppendBroadcastGradients(scope, x, y, x_grad, x_grad, &reduced);
  grad_outputs->push_back(reduced[0]);
  grad_outputs->push_back(Output(ops::Neg(scope, reduced[1].dense())));
  return absl::OkStatus();
}
REGISTER_GRADIENT("SquaredDifference", SquaredDifferenceGrad);

// Select: the gradient goes to t where the condition holds, to e elsewhere; none to the
// condition.
absl::Status SelectGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                        std::vector<Gradient>* grad_outputs) {
  const Output c = OpInput(op, 0);
  const Output zeros = ops::ZerosLike(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(Output(ops::Select(scope, c, grad, zeros)));
  grad_outputs->push_back(Output(ops::Select(scope, c, zeros, grad)));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Select", SelectGrad);

// SelectV2 broadcasts: each branch's gradient is summed back to its shape.
absl::Status SelectV2Grad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                          std::vector<Gradient>* grad_outputs) {
  const Output c = OpInput(op, 0);
  const Output& grad = grads[0];
  const Output zeros = ScalarConst(scope, 0, grad.type());
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(
      SumToShapeOf(scope, ops::SelectV2(scope, c, grad, zeros), OpInput(op, 1)));
  grad_outputs->push_back(
      SumToShapeOf(scope, ops::SelectV2(scope, c, zeros, grad), OpInput(op, 2)));
  return absl::OkStatus();
}
REGISTER_GRADIENT("SelectV2", SelectV2Grad);

// AddN: every input gets the gradient as it is.
absl::Status AddNGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  for (int i = 0; i < op.num_inputs(); ++i) grad_outputs->push_back(grads[0]);
  return absl::OkStatus();
}
REGISTER_GRADIENT("AddN", AddNGrad);

// Cast: the gradient casts back to the source type between floating and complex types;
// none flows through any other cast.
absl::Status CastGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  const DataType src = op.input_type(0);
  const Output& grad = grads[0];
  const auto differentiable = [](DataType t) {
    return DataTypeIsFloating(t) || DataTypeIsComplex(t);
  };
  if (!differentiable(src) || !differentiable(grad.type())) {
    grad_outputs->push_back(Gradient());
  } else if (grad.type() == src) {
    grad_outputs->push_back(grad);
  } else {
    grad_outputs->push_back(Output(ops::Cast(scope, grad, src)));
  }
  return absl::OkStatus();
}
REGISTER_GRADIENT("Cast", CastGrad);

}  // namespace
}  // namespace math_gradients
}  // namespace rill
