// Helpers for gradient functions of broadcasting ops: sum a gradient of the broadcast
// output's shape back to an operand's shape.
#ifndef RILL_OPS_GRADIENTS_BROADCAST_GRADIENTS_H_
#define RILL_OPS_GRADIENTS_BROADCAST_GRADIENTS_H_

#include <vector>

#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {

// AppendBroadcastGradients appends to `grad_outputs` the gradients of the operands `x` and
// `y` of a broadcasting binary op, from `gx` and `gy`, their gradients at the output's
// shape: each is summed over the dimensions its operand was broadcast along and reshaped
// to the operand's shape. An empty gx or gy appends no gradient (Gradient()).
//
// When both operands' shapes are fully known the reduction is decided while building (and
// costs nothing at all for equal shapes); otherwise the graph computes it with Shape and
// BroadcastGradientArgs, as TensorFlow does.
void AppendBroadcastGradients(const Scope& scope, const Output& x, const Output& y,
                              const Output& gx, const Output& gy,
                              std::vector<Gradient>* grad_outputs);

// SumToShapeOf sums `grad` (a gradient at a shape `x` broadcasts to) back to `x`'s shape,
// over the dimensions `x` was broadcast along (BroadcastTo's gradient).
Output SumToShapeOf(const Scope& scope, const Output& grad, const Output& x);

}  // namespace rill

#endif  // RILL_OPS_GRADIENTS_BROADCAST_GRADIENTS_H_
