// The learning-rate schedules (see learning_rate_decay.h), TensorFlow 1.x's formulas op by
// op, with tf.case and tf.cond written as selects.
#include "train/learning_rate_decay.h"

#include <cmath>
#include <string>

#include "absl/status/statusor.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "ops/math/math_ops.h"
#include "ops/state/constant_conversion.h"

namespace rill {
namespace train {
namespace {

// AsTensor is `value` as a tensor: a constant becomes a Const named `name`.
Output AsTensor(const Scope& scope, const Input& value, const char* name) {
  if (!value.status().ok()) {
    scope.UpdateStatus(value.status());
    return Output();
  }
  return value.is_constant() ? ops::Const(scope.WithOpName(name), value.tensor()) : value.output();
}

// CastTo is `value` as a tensor of `dtype` (math_ops.cast: a Cast unless it has it).
Output CastTo(const Scope& scope, const Input& value, DataType dtype) {
  const Output tensor = AsTensor(scope, value, "Const");
  if (!scope.ok() || tensor.type() == dtype) return tensor;
  return ops::Cast(scope, tensor, dtype);
}

// Number is the scalar `value` of `dtype`, as a Python number mixed with a tensor becomes.
Output Number(const Scope& scope, double value, DataType dtype) {
  absl::StatusOr<Tensor> number = ops::ConvertConstant(Tensor(value), dtype, "a schedule");
  if (!number.ok()) {
    scope.UpdateStatus(number.status());
    return Output();
  }
  return ops::Const(scope, *number);
}

// StepFraction is global_step / decay_steps in the learning rate's dtype, rounded down with
// `staircase` (ExponentialDecay's and InverseTimeDecay's exponent).
Output StepFraction(const Scope& scope, const Input& global_step, const Input& decay_steps,
                    DataType dtype, bool staircase) {
  const Output steps = CastTo(scope, decay_steps, dtype);
  const Output p = ops::RealDiv(scope, CastTo(scope, global_step, dtype), steps);
  return staircase ? ops::Floor(scope, p).y : p;
}

}  // namespace

Output ExponentialDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                        const Input& decay_steps, const Input& decay_rate, bool staircase) {
  const Scope s = scope.NewSubScope("ExponentialDecay");
  const Output rate = AsTensor(s, learning_rate, "initial_learning_rate");
  if (!s.ok()) return Output();
  const DataType dtype = rate.type();
  const Output decay = CastTo(s, decay_rate, dtype);
  const Output p = StepFraction(s, global_step, decay_steps, dtype, staircase);
  return ops::Mul(s, rate, ops::Pow(s, decay, p));
}

Output PiecewiseConstant(const Scope& scope, const Input& x, const std::vector<Input>& boundaries,
                         const std::vector<Input>& values) {
  const Scope s = scope.NewSubScope("PiecewiseConstant");
  if (boundaries.empty() || boundaries.size() + 1 != values.size()) {
    s.UpdateStatus(errors::InvalidArgument(
        "The length of boundaries should be 1 less than the length of values, and at least 1: ",
        boundaries.size(), " boundaries, ", values.size(), " values"));
    return Output();
  }
  const Output step = AsTensor(s, x, "x");
  std::vector<Output> bounds;
  for (const Input& boundary : boundaries) bounds.push_back(CastTo(s, boundary, step.type()));
  std::vector<Output> levels;
  for (const Input& value : values) levels.push_back(AsTensor(s, value, "value"));
  if (!s.ok()) return Output();
  for (const Output& level : levels) {
    if (level.type() != levels[0].type()) {
      s.UpdateStatus(errors::InvalidArgument(
          "Values must have elements all with the same dtype: ", DataTypeString(levels[0].type()),
          " and ", DataTypeString(level.type())));
      return Output();
    }
  }
  // The conditions are exclusive and exhaustive (tf.case's), so the selects' order does
  // not matter; values[0] is tf.case's default.
  Output rate = levels[0];
  rate = ops::SelectV2(s, ops::Greater(s, step, bounds.back()), levels.back(), rate);
  for (size_t i = 1; i < bounds.size(); ++i) {
    const Output inside = ops::LogicalAnd(s, ops::Greater(s, step, bounds[i - 1]),
                                          ops::LessEqual(s, step, bounds[i]));
    rate = ops::SelectV2(s, inside, levels[i], rate);
  }
  return rate;
}

Output PolynomialDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                       const Input& decay_steps, const Input& end_learning_rate,
                       const Input& power, bool cycle) {
  const Scope s = scope.NewSubScope("PolynomialDecay");
  const Output rate = AsTensor(s, learning_rate, "initial_learning_rate");
  if (!s.ok()) return Output();
  const DataType dtype = rate.type();
  const Output end_rate = CastTo(s, end_learning_rate, dtype);
  const Output exponent = CastTo(s, power, dtype);
  Output step = CastTo(s, global_step, dtype);
  Output steps = CastTo(s, decay_steps, dtype);
  if (cycle) {
    const Output multiplier =
        ops::SelectV2(s, ops::Equal(s, step, Number(s, 0.0, dtype)), Number(s, 1.0, dtype),
                      ops::Ceil(s, ops::RealDiv(s, step, CastTo(s, decay_steps, dtype))));
    steps = ops::Mul(s, steps, multiplier);
  } else {
    step = ops::Minimum(s, step, steps);
  }
  const Output p = ops::RealDiv(s, step, steps);
  return ops::Add(
      s,
      ops::Mul(s, ops::Sub(s, rate, end_rate),
               ops::Pow(s, ops::Sub(s, Number(s, 1.0, dtype), p), exponent)),
      end_rate);
}

Output CosineDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                   const Input& decay_steps, double alpha) {
  const Scope s = scope.NewSubScope("CosineDecay");
  const Output rate = AsTensor(s, learning_rate, "initial_learning_rate");
  if (!s.ok()) return Output();
  const DataType dtype = rate.type();
  const Output steps = CastTo(s, decay_steps, dtype);
  const Output step = ops::Minimum(s, CastTo(s, global_step, dtype), steps);
  const Output fraction = ops::RealDiv(s, step, steps);
  const Output cosine = ops::Mul(
      s, Number(s, 0.5, dtype),
      ops::Add(s, Number(s, 1.0, dtype),
               ops::Cos(s, ops::Mul(s, Number(s, M_PI, dtype), fraction))));
  const Output decayed =
      ops::Add(s, ops::Mul(s, Number(s, 1.0 - alpha, dtype), cosine), Number(s, alpha, dtype));
  return ops::Mul(s, rate, decayed);
}

Output InverseTimeDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                        const Input& decay_steps, const Input& decay_rate, bool staircase) {
  const Scope s = scope.NewSubScope("InverseTimeDecay");
  const Output rate = AsTensor(s, learning_rate, "initial_learning_rate");
  if (!s.ok()) return Output();
  const DataType dtype = rate.type();
  const Output decay = CastTo(s, decay_rate, dtype);
  const Output p = StepFraction(s, global_step, decay_steps, dtype, staircase);
  const Output denominator = ops::Add(s, Number(s, 1.0, dtype), ops::Mul(s, decay, p));
  return ops::RealDiv(s, rate, denominator);
}

}  // namespace train
}  // namespace rill
