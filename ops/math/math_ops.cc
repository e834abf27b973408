// Math op definitions: the broadcasting element-wise arithmetic ops (Add, AddV2, Sub, Mul,
// Div, RealDiv, FloorDiv, FloorMod, Pow, Maximum, Minimum, SquaredDifference), with
// TensorFlow's names, attrs and shape functions. Kernels live in kernels/cpu/math.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"

namespace rill {
namespace {

// TensorFlow's BINARY_MORE and BINARY_FEWER type sets, shared by several ops.
constexpr char kBinaryMoreTypes[] =
    "T: {bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, "
    "int64, complex64, complex128}";
constexpr char kBinaryFewerTypes[] =
    "T: {bfloat16, half, float, double, int32, int64, complex64, complex128}";
// Maximum and Minimum: the real numbers.
constexpr char kMinMaxTypes[] =
    "T: {bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, int64, "
    "uint64}";

}  // namespace

REGISTER_OP("Add")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {bfloat16, half, float, double, uint8, int8, int16, int32, int64, "
          "complex64, complex128, string}")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x + y element-wise.

*NOTE*: `Add` supports broadcasting. `AddN` does not. More about broadcasting
[here](http://docs.scipy.org/doc/numpy/user/basics.broadcasting.html)
)doc");

REGISTER_OP("AddV2")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, "
          "int32, int64, complex64, complex128}")
    .SetIsAggregate()
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x + y element-wise.

Like `Add`, without strings, and marked commutative and aggregate so that graph rewrites
may reorder and combine it. Supports broadcasting.
)doc");

REGISTER_OP("Sub")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kBinaryMoreTypes)
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x - y element-wise.

*NOTE*: `Sub` supports broadcasting.
)doc");

REGISTER_OP("Mul")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kBinaryMoreTypes)
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x * y element-wise.

*NOTE*: `Multiply` supports broadcasting. More about broadcasting
[here](http://docs.scipy.org/doc/numpy/user/basics.broadcasting.html)
)doc");

REGISTER_OP("Div")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kBinaryMoreTypes)
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x / y element-wise.

Integer division rounds toward zero (C semantics); an integer divisor of 0 is an error.
*NOTE*: `Div` supports broadcasting.
)doc");

REGISTER_OP("RealDiv")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kBinaryMoreTypes)
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x / y element-wise for real types.

If `x` and `y` are reals, this will return the floating-point division.
*NOTE*: `Div` supports broadcasting.
)doc");

// FloorDiv's result is piecewise constant: TensorFlow's gradient is None for both inputs.
REGISTER_OP("FloorDiv")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kBinaryMoreTypes)
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns x // y element-wise: the quotient rounded toward negative infinity.

For floating types this is floor(x / y); an integer divisor of 0 is an error.
*NOTE*: `FloorDiv` supports broadcasting.
)doc");

REGISTER_OP("FloorMod")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, half, "
          "float, double}")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns element-wise remainder of division, with the sign of the divisor.

`floor(x / y) * y + floormod(x, y) = x`, as Python's `%`. An integer divisor of 0 is an
error. *NOTE*: `FloorMod` supports broadcasting.
)doc");

REGISTER_OP("Pow")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {bfloat16, float, half, double, int8, int16, int32, int64, complex64, "
          "complex128}")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Computes the power of one value to another.

Given a tensor `x` and a tensor `y`, this operation computes \\(x^y\\) for
corresponding elements in `x` and `y`. For example:

```
# tensor 'x' is [[2, 2]], [3, 3]]
# tensor 'y' is [[8, 16], [2, 3]]
tf.pow(x, y) ==> [[256, 65536], [9, 27]]
```
)doc");

REGISTER_OP("Maximum")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kMinMaxTypes)
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the max of x and y (i.e. x > y ? x : y) element-wise.

NaN in either input gives NaN. *NOTE*: `Maximum` supports broadcasting.
)doc");

REGISTER_OP("Minimum")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kMinMaxTypes)
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the min of x and y (i.e. x < y ? x : y) element-wise.

NaN in either input gives NaN. *NOTE*: `Minimum` supports broadcasting.
)doc");

REGISTER_OP("SquaredDifference")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr(kBinaryFewerTypes)
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns (x - y)(x - y) element-wise.

*NOTE*: `SquaredDifference` supports broadcasting.
)doc");

}  // namespace rill
