// MomentumOptimizer: its slot and the fused dense and sparse updates.
#include "train/momentum.h"

#include <utility>

#include "ops/training/training_ops.h"

namespace rill {
namespace train {

MomentumOptimizer::MomentumOptimizer(const Input& learning_rate, const Input& momentum,
                                     bool use_locking, std::string name, bool use_nesterov)
    : Optimizer(std::move(name), use_locking),
      learning_rate_(learning_rate),
      momentum_(momentum),
      use_nesterov_(use_nesterov) {}

void MomentumOptimizer::Prepare(const Scope& scope) {
  learning_rate_tensor_ = HyperparameterTensor(scope, learning_rate_, "learning_rate");
  momentum_tensor_ = HyperparameterTensor(scope, momentum_, "momentum");
}

void MomentumOptimizer::CreateSlots(const Scope& scope,
                                    const std::vector<ops::Variable>& variables) {
  for (const ops::Variable& variable : variables) ZerosSlot(scope, variable, "momentum");
}

Operation MomentumOptimizer::ApplyDense(const Scope& scope, const Output& gradient,
                                        const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  return ops::ResourceApplyMomentum(scope, variable.handle(),
                                    SlotHandle(variable, "momentum"),
                                    CastTo(scope, learning_rate_tensor_, dtype), gradient,
                                    CastTo(scope, momentum_tensor_, dtype),
                                    ops::ResourceApplyMomentum::UseLocking(use_locking())
                                        .UseNesterov(use_nesterov_))
      .operation;
}

Operation MomentumOptimizer::ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                         const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  const IndexedSlices rows = DeduplicateIndexedSlices(scope, gradient);
  return ops::ResourceSparseApplyMomentum(
             scope, variable.handle(), SlotHandle(variable, "momentum"),
             CastTo(scope, learning_rate_tensor_, dtype), rows.values, rows.indices,
             CastTo(scope, momentum_tensor_, dtype),
             ops::ResourceSparseApplyMomentum::UseLocking(use_locking()).UseNesterov(use_nesterov_))
      .operation;
}

}  // namespace train
}  // namespace rill
