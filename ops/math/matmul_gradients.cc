// Gradient functions of the matrix products MatMul and BatchMatMulV2: TensorFlow's
// math_grad.py, product for product, so float results match bit for bit.
#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient_registry.h"
#include "core/framework/status_macros.h"
#include "ops/gradients/broadcast_gradients.h"
#include "ops/math/gradient_util.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace math_gradients {
namespace {

// For product = op(a) op(b), op transposing where the attrs say:
//   neither:      grad_a = grad b^T         grad_b = a^T grad
//   b:            grad_a = grad b           grad_b = grad^T a
//   a:            grad_a = b grad^T         grad_b = a grad
//   both:         grad_a = b^T grad^T       grad_b = grad^T a^T
absl::Status MatMulGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                        std::vector<Gradient>* grad_outputs) {
  bool t_a;
  bool t_b;
  RETURN_IF_ERROR(GetBoolAttr(op, "transpose_a", &t_a));
  RETURN_IF_ERROR(GetBoolAttr(op, "transpose_b", &t_b));
  const Output a = Conj(scope, OpInput(op, 0));
  const Output b = Conj(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  using Attrs = ops::MatMul::Attrs;
  if (!t_a && !t_b) {
    grad_outputs->push_back(Output(ops::MatMul(scope, grad, b, Attrs().TransposeB(true))));
    grad_outputs->push_back(Output(ops::MatMul(scope, a, grad, Attrs().TransposeA(true))));
  } else if (!t_a && t_b) {
    grad_outputs->push_back(Output(ops::MatMul(scope, grad, b)));
    grad_outputs->push_back(Output(ops::MatMul(scope, grad, a, Attrs().TransposeA(true))));
  } else if (t_a && !t_b) {
    grad_outputs->push_back(Output(ops::MatMul(scope, b, grad, Attrs().TransposeB(true))));
    grad_outputs->push_back(Output(ops::MatMul(scope, a, grad)));
  } else {
    grad_outputs->push_back(
        Output(ops::MatMul(scope, b, grad, Attrs().TransposeA(true).TransposeB(true))));
    grad_outputs->push_back(
        Output(ops::MatMul(scope, grad, a, Attrs().TransposeA(true).TransposeB(true))));
  }
  return absl::OkStatus();
}
REGISTER_GRADIENT("MatMul", MatMulGrad);

// BatchedProduct is math_ops.matmul(x, y, adjoint_a, adjoint_b) for real x and y: a MatMul
// when both are known to be matrices, a BatchMatMulV2 otherwise.
Output BatchedProduct(const Scope& scope, const Output& x, const Output& y, bool adj_x,
                      bool adj_y) {
  const PartialTensorShape x_shape = x.shape();
  const PartialTensorShape y_shape = y.shape();
  if (x_shape.dims() == 2 && y_shape.dims() == 2) {
    return ops::MatMul(scope, x, y, ops::MatMul::TransposeA(adj_x).TransposeB(adj_y));
  }
  return ops::BatchMatMulV2(scope, x, y, ops::BatchMatMulV2::AdjX(adj_x).AdjY(adj_y));
}

// BatchMatMulV2: MatMul's products per batch element, each then summed over the batch
// dimensions its operand was broadcast along.
absl::Status BatchMatMulV2Grad(const Scope& scope, const Operation& op,
                               const std::vector<Output>& grads,
                               std::vector<Gradient>* grad_outputs) {
  bool adj_x;
  bool adj_y;
  RETURN_IF_ERROR(GetBoolAttr(op, "adj_x", &adj_x));
  RETURN_IF_ERROR(GetBoolAttr(op, "adj_y", &adj_y));
  const Output x = Conj(scope, OpInput(op, 0));
  const Output y = Conj(scope, OpInput(op, 1));
  const Output& grad = grads[0];
  Output grad_x;
  Output grad_y;
  if (!adj_x && !adj_y) {
    grad_x = BatchedProduct(scope, grad, y, false, true);
    grad_y = BatchedProduct(scope, x, grad, true, false);
  } else if (!adj_x && adj_y) {
    grad_x = BatchedProduct(scope, grad, y, false, false);
    grad_y = BatchedProduct(scope, grad, x, true, false);
  } else if (adj_x && !adj_y) {
    grad_x = BatchedProduct(scope, y, grad, false, true);
    grad_y = BatchedProduct(scope, x, grad, false, false);
  } else {
    grad_x = BatchedProduct(scope, y, grad, true, true);
    grad_y = BatchedProduct(scope, grad, x, true, true);
  }
  grad_outputs->push_back(SumToShapeOf(scope, grad_x, x));
  grad_outputs->push_back(SumToShapeOf(scope, grad_y, y));
  return absl::OkStatus();
}
REGISTER_GRADIENT("BatchMatMulV2", BatchMatMulV2Grad);

}  // namespace
}  // namespace math_gradients
}  // namespace rill
