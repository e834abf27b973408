// Op definitions of StopGradient, PreventGradient and CheckNumerics: identities that matter
// only to gradients or checks, with TensorFlow's names, attrs and shape functions.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"

namespace rill {

REGISTER_OP("StopGradient")
    .NoGradient()
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Stops gradient computation.

When executed in a graph, this op outputs its input tensor as-is. When building
the gradient graph, it is treated as a constant: nothing flows back through it to
its input. Use it to keep a value out of the derivative, e.g. targets computed by
the model itself, or the quantity inside a straight-through estimator.
)doc");

// PreventGradient has a gradient function: one that fails with `message`, so it declares
// itself differentiable rather than silently stopping the gradient as StopGradient does.
REGISTER_OP("PreventGradient")
    .Differentiable()
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("message: string = ''")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
An identity op that triggers an error if a gradient is requested.

When executed in a graph, this op outputs its input tensor as-is. When building
the gradient graph, asking for its gradient is an error that says `message`,
because the gradient of this function is not implemented or not meaningful.

input: any tensor.
output: the same input tensor.
message: Will be printed in the error when anyone tries to differentiate
  this operation.
)doc");

REGISTER_OP("CheckNumerics")
    .Differentiable()
    .Input("tensor: T")
    .Output("output: T")
    .Attr("T: {bfloat16, half, float, double}")
    .Attr("message: string")
    .SetIsStateful()
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Checks a tensor for NaN and Inf values.

When run, reports an `InvalidArgument` error if `tensor` has any values that are
not a number (NaN) or infinity (Inf). Otherwise, returns the input tensor.

message: Prefix of the error message.
)doc");

}  // namespace rill
