// AdamOptimizer: its slots and beta powers, the fused dense update, the scatter-based sparse
// update, and the powers' advance after each step.
#include "train/adam.h"

#include <algorithm>
#include <utility>

#include "absl/status/statusor.h"
#include "core/client/const_op.h"
#include "core/framework/tensor.h"
#include "ops/control/control_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/constant_conversion.h"
#include "ops/state/state_ops.h"
#include "ops/training/training_ops.h"

namespace rill {
namespace train {
namespace {

// One is the scalar 1 of `dtype`.
Output One(const Scope& scope, DataType dtype) {
  absl::StatusOr<Tensor> one = ops::ConvertConstant(Tensor(1.0), dtype, "the constant 1");
  if (!one.ok()) {
    scope.UpdateStatus(one.status());
    return Output();
  }
  return ops::Const(scope, *one);
}

}  // namespace

AdamOptimizer::AdamOptimizer(const Input& learning_rate, const Input& beta1, const Input& beta2,
                             const Input& epsilon, bool use_locking, std::string name)
    : Optimizer(std::move(name), use_locking),
      learning_rate_(learning_rate),
      beta1_(beta1),
      beta2_(beta2),
      epsilon_(epsilon) {}

void AdamOptimizer::Prepare(const Scope& scope) {
  learning_rate_tensor_ = HyperparameterTensor(scope, learning_rate_, "learning_rate");
  beta1_tensor_ = HyperparameterTensor(scope, beta1_, "beta1");
  beta2_tensor_ = HyperparameterTensor(scope, beta2_, "beta2");
  epsilon_tensor_ = HyperparameterTensor(scope, epsilon_, "epsilon");
}

void AdamOptimizer::CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) {
  const ops::Variable& first = *std::min_element(
      variables.begin(), variables.end(),
      [](const ops::Variable& a, const ops::Variable& b) { return a.name() < b.name(); });
  GetOrCreateNonSlotVariable(scope, "beta1_power", beta1_, first);
  GetOrCreateNonSlotVariable(scope, "beta2_power", beta2_, first);
  for (const ops::Variable& variable : variables) {
    ZerosSlot(scope, variable, "m");
    ZerosSlot(scope, variable, "v");
  }
}

Output AdamOptimizer::Power(const Scope& scope, const char* name, DataType dtype) const {
  const std::optional<ops::Variable> power = GetNonSlotVariable(scope, name);
  if (!power.has_value()) return Output();
  return CastTo(scope, power->ReadValue(scope), dtype);
}

Operation AdamOptimizer::ApplyDense(const Scope& scope, const Output& gradient,
                                    const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  return ops::ResourceApplyAdam(
             scope, variable.handle(), SlotHandle(variable, "m"), SlotHandle(variable, "v"),
             Power(scope, "beta1_power", dtype), Power(scope, "beta2_power", dtype),
             CastTo(scope, learning_rate_tensor_, dtype), CastTo(scope, beta1_tensor_, dtype),
             CastTo(scope, beta2_tensor_, dtype), CastTo(scope, epsilon_tensor_, dtype), gradient,
             ops::ResourceApplyAdam::UseLocking(use_locking()))
      .operation;
}

Operation AdamOptimizer::ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                     const ops::Variable& variable) {
  const IndexedSlices rows = DeduplicateIndexedSlices(scope, gradient);
  const DataType dtype = variable.dtype();
  const Output one = One(scope, dtype);
  const Output beta1 = CastTo(scope, beta1_tensor_, dtype);
  const Output beta2 = CastTo(scope, beta2_tensor_, dtype);
  const Output lr = ops::RealDiv(
      scope,
      ops::Mul(scope, CastTo(scope, learning_rate_tensor_, dtype),
               ops::Sqrt(scope, ops::Sub(scope, one, Power(scope, "beta2_power", dtype)))),
      ops::Sub(scope, one, Power(scope, "beta1_power", dtype)));
  const std::optional<ops::Variable> m = GetSlot(variable, "m");
  const std::optional<ops::Variable> v = GetSlot(variable, "v");
  if (!m.has_value() || !v.has_value()) return Operation();

  // slot = slot * beta; slot[rows] += scaled rows; then slot is read after the scatter.
  const auto decay_and_add = [&](const ops::Variable& slot, const Output& beta,
                                 const Output& scaled) {
    const Operation decay = slot.Assign(scope, ops::Mul(scope, slot.ReadValue(scope), beta));
    const Operation add = ops::ResourceScatterAdd(scope.WithControlDependencies({decay}),
                                                  slot.handle(), rows.indices, scaled)
                              .operation;
    return slot.ReadValue(scope.WithControlDependencies({add}));
  };
  const Output m_t = decay_and_add(
      *m, beta1, ops::Mul(scope, rows.values, ops::Sub(scope, one, beta1)));
  const Output v_t = decay_and_add(
      *v, beta2,
      ops::Mul(scope, ops::Mul(scope, rows.values, rows.values), ops::Sub(scope, one, beta2)));
  const Output step = ops::RealDiv(
      scope, ops::Mul(scope, lr, m_t),
      ops::Add(scope, ops::Sqrt(scope, v_t), CastTo(scope, epsilon_tensor_, dtype)));
  const Operation var_update = variable.AssignSub(scope, step);
  return ops::NoOp(scope.WithControlDependencies({var_update, m_t.op(), v_t.op()})).operation;
}

Operation AdamOptimizer::Finish(const Scope& scope, const std::vector<Operation>& updates) {
  const Scope after = scope.WithOpName("").WithControlDependencies(updates);
  std::vector<Operation> step = updates;
  for (const auto& [name, beta] : {std::make_pair("beta1_power", beta1_tensor_),
                                   std::make_pair("beta2_power", beta2_tensor_)}) {
    const std::optional<ops::Variable> power = GetNonSlotVariable(scope, name);
    if (!power.has_value()) continue;
    step.push_back(power->Assign(after, ops::Mul(after, power->ReadValue(after), beta)));
  }
  return ops::NoOp(scope.WithControlDependencies(step)).operation;
}

}  // namespace train
}  // namespace rill
