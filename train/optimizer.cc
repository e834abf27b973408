// The Optimizer base: gradient computation, dense/sparse dispatch and step grouping.
#include "train/optimizer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/control/control_ops.h"
#include "core/client/const_op.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradients.h"
#include "ops/math/math_ops.h"
#include "train/slot_creator.h"

namespace rill {
namespace train {

absl::StatusOr<std::vector<GradientAndVariable>> Optimizer::ComputeGradients(
    const Scope& scope, const Output& loss, std::vector<ops::Variable> var_list) const {
  RETURN_IF_ERROR(scope.status());
  if (var_list.empty()) var_list = ops::TrainableVariables(scope);
  if (var_list.empty()) {
    return errors::InvalidArgument("No variables to optimize: the graph has no trainable "
                                   "variables and no var_list was given");
  }
  std::vector<Output> handles;
  for (const ops::Variable& variable : var_list) handles.push_back(variable.handle());
  std::vector<Gradient> gradients;
  RETURN_IF_ERROR(AddSymbolicGradients(scope, {loss}, handles, &gradients));
  std::vector<GradientAndVariable> pairs;
  for (size_t i = 0; i < var_list.size(); ++i) pairs.push_back({gradients[i], var_list[i]});
  return pairs;
}

absl::StatusOr<Operation> Optimizer::ApplyGradients(
    const Scope& scope, const std::vector<GradientAndVariable>& grads_and_vars,
    const std::optional<ops::Variable>& global_step) {
  RETURN_IF_ERROR(scope.status());
  std::vector<ops::Variable> variables;
  std::vector<std::string> names;
  for (const GradientAndVariable& pair : grads_and_vars) {
    names.push_back(pair.variable.name());
    if (pair.gradient.is_none()) continue;
    if (pair.gradient.values().type() != pair.variable.dtype()) {
      return errors::InvalidArgument("The gradient of variable ", pair.variable.name(),
                                     " has dtype ", DataTypeString(pair.gradient.values().type()),
                                     " but the variable has ",
                                     DataTypeString(pair.variable.dtype()));
    }
    variables.push_back(pair.variable);
  }
  if (variables.empty()) {
    return errors::InvalidArgument(
        "No gradients provided for any variable, check your graph for ops that do not support "
        "gradients, between variables [",
        absl::StrJoin(names, ", "), "] and the loss");
  }

  const Scope optimizer_scope = scope.NewSubScope(name_);
  Prepare(optimizer_scope);
  CreateSlots(optimizer_scope, variables);
  std::vector<Operation> updates;
  for (const GradientAndVariable& pair : grads_and_vars) {
    if (pair.gradient.is_none()) continue;
    const Scope update_scope = optimizer_scope.NewSubScope("update_" + pair.variable.name());
    updates.push_back(pair.gradient.is_sparse()
                          ? ApplySparse(update_scope, pair.gradient.sparse(), pair.variable)
                          : ApplyDense(update_scope, pair.gradient.dense(), pair.variable));
  }
  Operation step = Finish(optimizer_scope.WithOpName("update"), updates);
  if (global_step.has_value()) {
    step = global_step->AssignAdd(
        optimizer_scope.WithOpName("increment_global_step").WithControlDependencies({step}),
        int64_t{1});
  }
  RETURN_IF_ERROR(scope.status());
  return step;
}

absl::StatusOr<Operation> Optimizer::Minimize(const Scope& scope, const Output& loss,
                                              const std::optional<ops::Variable>& global_step,
                                              std::vector<ops::Variable> var_list) {
  ASSIGN_OR_RETURN(std::vector<GradientAndVariable> grads_and_vars,
                   ComputeGradients(scope, loss, std::move(var_list)));
  return ApplyGradients(scope, grads_and_vars, global_step);
}

Operation Optimizer::Finish(const Scope& scope, const std::vector<Operation>& updates) {
  return ops::NoOp(scope.WithControlDependencies(updates)).operation;
}

Output Optimizer::CastTo(const Scope& scope, const Output& value, DataType dtype) {
  if (value.type() == dtype) return value;
  return ops::Cast(scope, value, dtype);
}

IndexedSlices Optimizer::DeduplicateIndexedSlices(const Scope& scope,
                                                  const IndexedSlices& slices) {
  const ops::Unique unique(scope, slices.indices);
  const Output rows = ops::Shape(scope, unique.y);
  const Output row_shape = ops::Slice(scope, ops::Shape(scope, slices.values), {1}, {-1});
  const Output summed =
      ops::ScatterNd(scope, ops::ExpandDims(scope, unique.idx, -1), slices.values,
                     ops::ConcatV2(scope, {rows, row_shape}, 0));
  return IndexedSlices{summed, unique.y, slices.dense_shape};
}

Output Optimizer::HyperparameterTensor(const Scope& scope, const Input& value,
                                       const std::string& name) {
  if (!value.status().ok()) {
    scope.UpdateStatus(value.status());
    return Output();
  }
  return value.is_constant() ? ops::Const(scope.WithOpName(name), value.tensor())
                             : value.output();
}

std::optional<ops::Variable> Optimizer::GetSlot(const ops::Variable& variable,
                                                const std::string& slot_name) const {
  const auto named = slots_.find(slot_name);
  if (named == slots_.end()) return std::nullopt;
  const auto slot = named->second.find(variable.handle().node());
  if (slot == named->second.end()) return std::nullopt;
  return slot->second;
}

std::vector<std::string> Optimizer::GetSlotNames() const {
  std::vector<std::string> names;
  for (const auto& [name, slots] : slots_) names.push_back(name);
  return names;
}

ops::Variable Optimizer::GetOrMakeSlot(const Scope& scope, const ops::Variable& variable,
                                       double value, const std::string& slot_name) {
  std::map<const Node*, ops::Variable>& slots = slots_[slot_name];
  const auto slot = slots.find(variable.handle().node());
  if (slot != slots.end()) return slot->second;
  ops::Variable made = CreateSlot(scope, variable, value, name_);
  if (scope.ok()) slots.emplace(variable.handle().node(), made);
  return made;
}

Output Optimizer::SlotHandle(const ops::Variable& variable, const std::string& slot_name) const {
  const std::optional<ops::Variable> slot = GetSlot(variable, slot_name);
  return slot.has_value() ? slot->handle() : Output();
}

ops::Variable Optimizer::ZerosSlot(const Scope& scope, const ops::Variable& variable,
                                   const std::string& slot_name) {
  return GetOrMakeSlot(scope, variable, 0.0, slot_name);
}

ops::Variable Optimizer::GetOrCreateNonSlotVariable(const Scope& scope, const std::string& name,
                                                    const Input& initial_value,
                                                    const ops::Variable& colocate_with) {
  const auto key = std::make_pair(static_cast<const Graph*>(scope.graph()), name);
  const auto found = non_slot_.find(key);
  if (found != non_slot_.end()) return found->second;
  const std::string device = colocate_with.handle().node() == nullptr
                                 ? std::string()
                                 : colocate_with.handle().node()->requested_device();
  ops::Variable made(scope.RootScope().WithDevice(device).WithOpName(name), initial_value,
                     ops::Variable::Trainable(false));
  if (scope.ok()) non_slot_.emplace(key, made);
  return made;
}

std::optional<ops::Variable> Optimizer::GetNonSlotVariable(const Scope& scope,
                                                           const std::string& name) const {
  const auto found = non_slot_.find(std::make_pair(static_cast<const Graph*>(scope.graph()), name));
  if (found == non_slot_.end()) return std::nullopt;
  return found->second;
}

}  // namespace train
}  // namespace rill
