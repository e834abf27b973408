// AdagradOptimizer: its accumulator slot and the fused dense and sparse updates.
#include "train/adagrad.h"

#include <utility>

#include "core/framework/errors.h"
#include "ops/training/training_ops.h"

namespace rill {
namespace train {

AdagradOptimizer::AdagradOptimizer(const Input& learning_rate, double initial_accumulator_value,
                                   bool use_locking, std::string name)
    : Optimizer(std::move(name), use_locking),
      learning_rate_(learning_rate),
      initial_accumulator_value_(initial_accumulator_value) {}

void AdagradOptimizer::Prepare(const Scope& scope) {
  if (!(initial_accumulator_value_ > 0.0)) {
    scope.UpdateStatus(errors::InvalidArgument("initial_accumulator_value must be positive: ",
                                               initial_accumulator_value_));
    return;
  }
  learning_rate_tensor_ = HyperparameterTensor(scope, learning_rate_, "learning_rate");
}

void AdagradOptimizer::CreateSlots(const Scope& scope,
                                   const std::vector<ops::Variable>& variables) {
  for (const ops::Variable& variable : variables) {
    GetOrMakeSlot(scope, variable, initial_accumulator_value_, "accumulator");
  }
}

Operation AdagradOptimizer::ApplyDense(const Scope& scope, const Output& gradient,
                                       const ops::Variable& variable) {
  return ops::ResourceApplyAdagrad(scope, variable.handle(), SlotHandle(variable, "accumulator"),
                                   CastTo(scope, learning_rate_tensor_, variable.dtype()),
                                   gradient, ops::ResourceApplyAdagrad::UseLocking(use_locking()))
      .operation;
}

Operation AdagradOptimizer::ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                        const ops::Variable& variable) {
  const IndexedSlices rows = DeduplicateIndexedSlices(scope, gradient);
  return ops::ResourceSparseApplyAdagrad(
             scope, variable.handle(), SlotHandle(variable, "accumulator"),
             CastTo(scope, learning_rate_tensor_, variable.dtype()), rows.values, rows.indices,
             ops::ResourceSparseApplyAdagrad::UseLocking(use_locking()))
      .operation;
}

}  // namespace train
}  // namespace rill
