// Helpers shared by the math gradient functions (cwise_gradients.cc, unary_gradients.cc,
// matmul_gradients.cc, reduction_gradients.cc): reading an op's inputs, attrs and constant
// inputs, and TensorFlow Python's small conveniences (typed scalar constants, conj).
#ifndef RILL_OPS_MATH_GRADIENT_UTIL_H_
#define RILL_OPS_MATH_GRADIENT_UTIL_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/types.h"

namespace rill {
namespace math_gradients {

// OpInput is the tensor feeding data input `i` of `op` (op.inputs[i] in TensorFlow's
// Python). REQUIRES: 0 <= i < op.num_inputs().
Output OpInput(const Operation& op, int i);

// GetBoolAttr reads the bool attr `name` of `op`'s node.
absl::Status GetBoolAttr(const Operation& op, absl::string_view name, bool* value);

// ScalarConst is a scalar Const of `dtype` holding `value` (constant_op.constant(value,
// dtype=...)): rounded for floating types, truncated for integers. Unimplemented in the
// scope's status for dtypes that are not real numbers.
Output ScalarConst(const Scope& scope, double value, DataType dtype);

// Conj is math_ops.conj: `x` itself for real dtypes. Rill has no Conj op, so a complex `x`
// puts Unimplemented in the scope's status (no complex kernel computes these gradients
// either).
Output Conj(const Scope& scope, const Output& x);

// ConstantInt64s is tensor_util.constant_value for an int32 or int64 tensor computed by a
// Const node: its values, flattened; nullopt when `x` is not a constant.
std::optional<std::vector<int64_t>> ConstantInt64s(const Output& x);

}  // namespace math_gradients
}  // namespace rill

#endif  // RILL_OPS_MATH_GRADIENT_UTIL_H_
