// FtrlOptimizer: its two slots, the checks of its constant hyperparameters, and the fused
// dense and sparse updates (with L2 shrinkage, the V2 ops).
#include "train/ftrl.h"

#include <optional>
#include <utility>

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "ops/training/training_ops.h"

namespace rill {
namespace train {
namespace {

// ConstantValue is `value` when it is a constant float or double scalar.
std::optional<double> ConstantValue(const Input& value) {
  if (!value.status().ok() || !value.is_constant() || value.tensor().NumElements() != 1) {
    return std::nullopt;
  }
  const Tensor& tensor = value.tensor();
  if (tensor.dtype() == DT_FLOAT) return static_cast<double>(*static_cast<const float*>(tensor.data()));
  if (tensor.dtype() == DT_DOUBLE) return *static_cast<const double*>(tensor.data());
  return std::nullopt;
}

}  // namespace

FtrlOptimizer::FtrlOptimizer(const Input& learning_rate, const Input& learning_rate_power,
                             double initial_accumulator_value, const Input& l1, const Input& l2,
                             bool use_locking, std::string name, double l2_shrinkage)
    : Optimizer(std::move(name), use_locking),
      learning_rate_(learning_rate),
      learning_rate_power_(learning_rate_power),
      initial_accumulator_value_(initial_accumulator_value),
      l1_(l1),
      l2_(l2),
      l2_shrinkage_(l2_shrinkage) {}

void FtrlOptimizer::Prepare(const Scope& scope) {
  const auto check = [&](std::optional<double> value, bool ok, const char* what,
                         const char* needs) {
    if (value.has_value() && !ok) {
      scope.UpdateStatus(errors::InvalidArgument(what, " ", *value, " needs to be ", needs));
    }
  };
  const std::optional<double> power = ConstantValue(learning_rate_power_);
  const std::optional<double> l1 = ConstantValue(l1_);
  const std::optional<double> l2 = ConstantValue(l2_);
  check(initial_accumulator_value_, initial_accumulator_value_ >= 0.0,
        "initial_accumulator_value", "positive or zero");
  check(power, power.value_or(0) <= 0.0, "learning_rate_power", "negative or zero");
  check(l1, l1.value_or(0) >= 0.0, "l1_regularization_strength", "positive or zero");
  check(l2, l2.value_or(0) >= 0.0, "l2_regularization_strength", "positive or zero");
  check(l2_shrinkage_, l2_shrinkage_ >= 0.0, "l2_shrinkage_regularization_strength",
        "positive or zero");
  learning_rate_tensor_ = HyperparameterTensor(scope, learning_rate_, "learning_rate");
  l1_tensor_ = HyperparameterTensor(scope, l1_, "l1_regularization_strength");
  l2_tensor_ = HyperparameterTensor(scope, l2_, "l2_regularization_strength");
  l2_shrinkage_tensor_ = HyperparameterTensor(
      scope, Input(static_cast<float>(l2_shrinkage_)), "l2_shrinkage_regularization_strength");
  learning_rate_power_tensor_ =
      HyperparameterTensor(scope, learning_rate_power_, "learning_rate_power");
}

void FtrlOptimizer::CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) {
  for (const ops::Variable& variable : variables) {
    GetOrMakeSlot(scope, variable, initial_accumulator_value_, "accum");
    ZerosSlot(scope, variable, "linear");
  }
}

Operation FtrlOptimizer::ApplyDense(const Scope& scope, const Output& gradient,
                                    const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  const Output accum = SlotHandle(variable, "accum");
  const Output linear = SlotHandle(variable, "linear");
  const Output lr = CastTo(scope, learning_rate_tensor_, dtype);
  const Output l1 = CastTo(scope, l1_tensor_, dtype);
  const Output l2 = CastTo(scope, l2_tensor_, dtype);
  const Output power = CastTo(scope, learning_rate_power_tensor_, dtype);
  if (l2_shrinkage_ <= 0.0) {
    return ops::ResourceApplyFtrl(scope, variable.handle(), accum, linear, gradient, lr, l1, l2,
                                  power, ops::ResourceApplyFtrl::UseLocking(use_locking()))
        .operation;
  }
  return ops::ResourceApplyFtrlV2(scope, variable.handle(), accum, linear, gradient, lr, l1, l2,
                                  CastTo(scope, l2_shrinkage_tensor_, dtype), power,
                                  ops::ResourceApplyFtrlV2::UseLocking(use_locking()))
      .operation;
}

Operation FtrlOptimizer::ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                     const ops::Variable& variable) {
  const DataType dtype = variable.dtype();
  const IndexedSlices rows = DeduplicateIndexedSlices(scope, gradient);
  const Output accum = SlotHandle(variable, "accum");
  const Output linear = SlotHandle(variable, "linear");
  const Output lr = CastTo(scope, learning_rate_tensor_, dtype);
  const Output l1 = CastTo(scope, l1_tensor_, dtype);
  const Output l2 = CastTo(scope, l2_tensor_, dtype);
  const Output power = CastTo(scope, learning_rate_power_tensor_, dtype);
  if (l2_shrinkage_ <= 0.0) {
    return ops::ResourceSparseApplyFtrl(scope, variable.handle(), accum, linear, rows.values,
                                        rows.indices, lr, l1, l2, power,
                                        ops::ResourceSparseApplyFtrl::UseLocking(use_locking()))
        .operation;
  }
  return ops::ResourceSparseApplyFtrlV2(
             scope, variable.handle(), accum, linear, rows.values, rows.indices, lr, l1, l2,
             CastTo(scope, l2_shrinkage_tensor_, dtype), power,
             ops::ResourceSparseApplyFtrlV2::UseLocking(use_locking()))
      .operation;
}

}  // namespace train
}  // namespace rill
