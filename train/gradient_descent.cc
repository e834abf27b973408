// GradientDescentOptimizer: the fused dense update and the scatter-based sparse one.
#include "train/gradient_descent.h"

#include <utility>

#include "core/client/const_op.h"
#include "ops/math/math_ops.h"
#include "ops/state/state_ops.h"
#include "ops/training/training_ops.h"

namespace rill {
namespace train {

GradientDescentOptimizer::GradientDescentOptimizer(const Input& learning_rate, bool use_locking,
                                                   std::string name)
    : Optimizer(std::move(name), use_locking), learning_rate_(learning_rate) {}

void GradientDescentOptimizer::Prepare(const Scope& scope) {
  if (!learning_rate_.status().ok()) {
    scope.UpdateStatus(learning_rate_.status());
    return;
  }
  learning_rate_tensor_ = learning_rate_.is_constant()
                              ? ops::Const(scope.WithOpName("learning_rate"), learning_rate_.tensor())
                              : learning_rate_.output();
}

Operation GradientDescentOptimizer::ApplyDense(const Scope& scope, const Output& gradient,
                                               const ops::Variable& variable) {
  return ops::ResourceApplyGradientDescent(
             scope, variable.handle(), CastTo(scope, learning_rate_tensor_, variable.dtype()),
             gradient, ops::ResourceApplyGradientDescent::UseLocking(use_locking()))
      .operation;
}

Operation GradientDescentOptimizer::ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                                const ops::Variable& variable) {
  const Output step = ops::Mul(scope, ops::Neg(scope, gradient.values),
                               CastTo(scope, learning_rate_tensor_, variable.dtype()));
  return ops::ResourceScatterAdd(scope, variable.handle(), gradient.indices, step).operation;
}

}  // namespace train
}  // namespace rill
