// Gradient clipping (see clip_ops.h), TensorFlow 1.x's clip_ops.py op by op; the half
// squared norm of each tensor is L2Loss's sum(x * x * 0.5).
#include "train/clip_ops.h"

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/constant_conversion.h"

namespace rill {
namespace train {
namespace {

// AsTensor is `value` as a tensor: a constant becomes a Const named `name`, converted to
// `dtype` when one is given (as a Python number takes the dtype of the tensor it meets).
Output AsTensor(const Scope& scope, const Input& value, const char* name,
                DataType dtype = DT_INVALID) {
  if (!value.status().ok()) {
    scope.UpdateStatus(value.status());
    return Output();
  }
  if (!value.is_constant()) return value.output();
  if (dtype == DT_INVALID) return ops::Const(scope.WithOpName(name), value.tensor());
  absl::StatusOr<Tensor> converted = ops::ConvertConstant(value.tensor(), dtype, name);
  if (!converted.ok()) {
    scope.UpdateStatus(converted.status());
    return Output();
  }
  return ops::Const(scope.WithOpName(name), *converted);
}

// CheckShapeKept: clipping must not broadcast `values` to a larger shape.
void CheckShapeKept(const Scope& scope, const Output& values, const Output& clipped) {
  if (!scope.ok() || values.shape().IsCompatibleWith(clipped.shape())) return;
  scope.UpdateStatus(errors::InvalidArgument(
      "clip_by_value: the bounds would change the shape of t from ",
      values.shape().DebugString(), " to ", clipped.shape().DebugString()));
}

}  // namespace

Output ClipByValue(const Scope& scope, const Input& t, const Input& clip_value_min,
                   const Input& clip_value_max) {
  const Scope s = scope.NewSubScope("clip_by_value");
  const Output values = AsTensor(s, t, "t");
  if (!s.ok()) return Output();
  const Output t_min =
      ops::Minimum(s, values, AsTensor(s, clip_value_max, "clip_value_max", values.type()));
  CheckShapeKept(s, values, t_min);
  const Output t_max =
      ops::Maximum(s, t_min, AsTensor(s, clip_value_min, "clip_value_min", values.type()));
  CheckShapeKept(s, values, t_max);
  return s.ok() ? t_max : Output();
}

IndexedSlices ClipByValue(const Scope& scope, const IndexedSlices& t, const Input& clip_value_min,
                          const Input& clip_value_max) {
  return IndexedSlices{ClipByValue(scope, t.values, clip_value_min, clip_value_max), t.indices,
                       t.dense_shape};
}

Output GlobalNorm(const Scope& scope, const std::vector<Gradient>& t_list) {
  const Scope s = scope.NewSubScope("global_norm");
  std::vector<Output> half_squared_norms;
  for (const Gradient& t : t_list) {
    if (t.is_none()) continue;
    const Output& v = t.values();
    const Output half = AsTensor(s, 0.5, "half", v.type());
    half_squared_norms.push_back(
        ops::Sum(s, ops::Reshape(s, ops::Mul(s, ops::Square(s, v), half), {-1}), 0));
  }
  if (half_squared_norms.empty()) {
    s.UpdateStatus(errors::InvalidArgument("global_norm of no tensors: every gradient is empty"));
    return Output();
  }
  const Output half_squared_norm = ops::Sum(s, ops::Pack(s, half_squared_norms), 0);
  if (!s.ok()) return Output();
  return ops::Sqrt(s.WithOpName("global_norm"),
                   ops::Mul(s, half_squared_norm, AsTensor(s, 2.0, "two", half_squared_norm.type())));
}

ClippedGradients ClipByGlobalNorm(const Scope& scope, const std::vector<Gradient>& t_list,
                                  const Input& clip_norm, const std::optional<Output>& use_norm) {
  const Scope s = scope.NewSubScope("clip_by_global_norm");
  ClippedGradients result;
  result.global_norm = use_norm.has_value() ? *use_norm : GlobalNorm(s, t_list);
  if (!s.ok()) return result;
  const DataType dtype = result.global_norm.type();
  const Output clip = AsTensor(s, clip_norm, "clip_norm", dtype);
  const Output one = AsTensor(s, 1.0, "one", dtype);
  const Output scale_for_finite =
      ops::Mul(s, clip, ops::Minimum(s, ops::RealDiv(s, one, result.global_norm),
                                     ops::RealDiv(s, one, clip)));
  // Zero for a finite norm; NaN for an infinite or NaN one, which then spreads to the scale.
  const Output scale = ops::Add(s, scale_for_finite,
                                ops::Sub(s, result.global_norm, result.global_norm));
  for (size_t i = 0; i < t_list.size(); ++i) {
    const Gradient& t = t_list[i];
    if (t.is_none()) {
      result.list_clipped.push_back(Gradient());
      continue;
    }
    const Output& v = t.values();
    const Output scaled = ops::Mul(s, v, v.type() == dtype ? scale : ops::Cast(s, scale, v.type()));
    const Output clipped =
        ops::Identity(s.WithOpName(absl::StrCat("clip_by_global_norm_", i)), scaled);
    if (t.is_sparse()) {
      result.list_clipped.push_back(
          IndexedSlices{clipped, t.sparse().indices, t.sparse().dense_shape});
    } else {
      result.list_clipped.push_back(clipped);
    }
  }
  return result;
}

}  // namespace train
}  // namespace rill
