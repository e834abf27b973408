// Helpers shared by the nn gradient functions and client composites: an op's inputs, typed
// scalar constants, and whether an incoming gradient is the zeros the gradient driver made
// for an output nobody used.
#ifndef RILL_OPS_NN_CLIENT_UTIL_H_
#define RILL_OPS_NN_CLIENT_UTIL_H_

#include "absl/status/status.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/types.h"

namespace rill {
namespace nn_util {

// InputOf sets `*input` to the tensor feeding data input `i` of `op` (op.inputs[i]).
absl::Status InputOf(const Operation& op, int i, Output* input);

// FloatScalar is a scalar Const of the floating dtype `dtype` holding `value` (what Python
// makes of the literal in `x < 0` or `x + 2.0`); InvalidArgument in the scope's status for
// other dtypes.
Output FloatScalar(const Scope& scope, double value, DataType dtype);

// ZerosOfShapeOf is tf.zeros(tf.shape(x), x.dtype).
Output ZerosOfShapeOf(const Scope& scope, const Output& x);

// IsUnusedOutputGradient is whether `grad`, the gradient reaching output `i` of `op`, is
// the ZerosLike of that output the gradient driver builds when no gradient reached it
// (TensorFlow's _is_zeros_tensor), so a gradient function can skip terms it would zero.
bool IsUnusedOutputGradient(const Operation& op, int i, const Output& grad);

}  // namespace nn_util
}  // namespace rill

#endif  // RILL_OPS_NN_CLIENT_UTIL_H_
