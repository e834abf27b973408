// RMSPropOptimizer: its slots and the fused dense and sparse updates, plain or centered.
#include "train/rms_prop.h"

#include <utility>

#include "ops/training/training_ops.h"

namespace rill {
namespace train {

RMSPropOptimizer::RMSPropOptimizer(const Input& learning_rate, const Input& decay,
                                   const Input& momentum, const Input& epsilon, bool use_locking,
                                   bool centered, std::string name)
    : Optimizer(std::move(name), use_locking),
      learning_rate_(learning_rate),
      decay_(decay),
      momentum_(momentum),
      epsilon_(epsilon),
      centered_(centered) {}

void RMSPropOptimizer::Prepare(const Scope& scope) {
  learning_rate_tensor_ = HyperparameterTensor(scope, learning_rate_, "learning_rate");
  decay_tensor_ = HyperparameterTensor(scope, decay_, "decay");
  momentum_tensor_ = HyperparameterTensor(scope, momentum_, "momentum");
  epsilon_tensor_ = HyperparameterTensor(scope, epsilon_, "epsilon");
}

void RMSPropOptimizer::CreateSlots(const Scope& scope,
                                   const std::vector<ops::Variable>& variables) {
  for (const ops::Variable& variable : variables) {
    GetOrMakeSlot(scope, variable, 1.0, "rms");
    if (centered_) ZerosSlot(scope, variable, "mg");
    ZerosSlot(scope, variable, "momentum");
  }
}

Operation RMSPropOptimizer::ApplyDense(const Scope& scope, const Output& gradient,
                                       const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  const Output lr = CastTo(scope, learning_rate_tensor_, dtype);
  const Output decay = CastTo(scope, decay_tensor_, dtype);
  const Output momentum = CastTo(scope, momentum_tensor_, dtype);
  const Output epsilon = CastTo(scope, epsilon_tensor_, dtype);
  if (centered_) {
    return ops::ResourceApplyCenteredRMSProp(
               scope, variable.handle(), SlotHandle(variable, "mg"), SlotHandle(variable, "rms"),
               SlotHandle(variable, "momentum"), lr, decay, momentum, epsilon, gradient,
               ops::ResourceApplyCenteredRMSProp::UseLocking(use_locking()))
        .operation;
  }
  return ops::ResourceApplyRMSProp(scope, variable.handle(), SlotHandle(variable, "rms"),
                                   SlotHandle(variable, "momentum"), lr, decay, momentum, epsilon,
                                   gradient, ops::ResourceApplyRMSProp::UseLocking(use_locking()))
      .operation;
}

Operation RMSPropOptimizer::ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                        const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  const IndexedSlices rows = DeduplicateIndexedSlices(scope, gradient);
  const Output lr = CastTo(scope, learning_rate_tensor_, dtype);
  const Output decay = CastTo(scope, decay_tensor_, dtype);
  const Output momentum = CastTo(scope, momentum_tensor_, dtype);
  const Output epsilon = CastTo(scope, epsilon_tensor_, dtype);
  if (centered_) {
    return ops::ResourceSparseApplyCenteredRMSProp(
               scope, variable.handle(), SlotHandle(variable, "mg"), SlotHandle(variable, "rms"),
               SlotHandle(variable, "momentum"), lr, decay, momentum, epsilon, rows.values,
               rows.indices, ops::ResourceSparseApplyCenteredRMSProp::UseLocking(use_locking()))
        .operation;
  }
  return ops::ResourceSparseApplyRMSProp(
             scope, variable.handle(), SlotHandle(variable, "rms"),
             SlotHandle(variable, "momentum"), lr, decay, momentum, epsilon, rows.values,
             rows.indices, ops::ResourceSparseApplyRMSProp::UseLocking(use_locking()))
      .operation;
}

}  // namespace train
}  // namespace rill
