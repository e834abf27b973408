// Math op definitions of the element-wise unary ops (Neg, Abs, ..., Round), Cast and the
// floating-point tests IsNan, IsInf, IsFinite, with TensorFlow's names, attrs and type sets.
// Every output has its input's shape. Kernels live in kernels/cpu/math.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"

namespace rill {
namespace {

// The type sets of TensorFlow's unary op families.
// kUnaryTypes: signed numbers (TensorFlow's UNARY).
constexpr char kUnaryTypes[] =
    "T: {bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128}";
// kUnaryUnsignedTypes: kUnaryTypes and the unsigned integers (UNARY_UNSIGNED).
constexpr char kUnaryUnsignedTypes[] =
    "T: {bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, uint32, "
    "uint64, complex64, complex128}";
// kUnaryComplexTypes: floating and complex (UNARY_COMPLEX).
constexpr char kUnaryComplexTypes[] = "T: {bfloat16, half, float, double, complex64, complex128}";
// kUnaryRealTypes: floating only (UNARY_REAL).
constexpr char kUnaryRealTypes[] = "T: {bfloat16, half, float, double}";

// UnaryOp is the spec every element-wise unary op shares: y = f(x), same shape and type.
OpDefBuilder UnaryOp(const char* name, const char* type_attr) {
  OpDefBuilder builder(name);
  builder.Input("x: T").Output("y: T").Attr(type_attr).SetShapeFn(UnchangedShape);
  return builder;
}

}  // namespace

REGISTER_OP("Cast")
    .Differentiable()
    .Input("x: SrcT")
    .Output("y: DstT")
    .Attr("SrcT: type")
    .Attr("DstT: type")
    .Attr("Truncate: bool = false")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Cast x of type SrcT to y of DstT.

Numbers convert as C++'s static_cast does where it is defined: integers wrap modulo
2^bits, floating-point values round to nearest. Floating-point to integer truncates toward
zero and saturates: NaN gives 0, values out of range the type's lowest or highest value.
Any nonzero value (NaN included) casts to true; true casts to 1.

Truncate: When casting float or double to a floating type with fewer mantissa bits,
  truncate the mantissa toward zero instead of rounding to nearest.
)doc");

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterAbs(
    UnaryOp("Abs", "T: {bfloat16, half, float, double, int8, int16, int32, int64}")
        .Differentiable()
        .Doc(R"doc(
Computes the absolute value of a tensor.

Given a tensor `x`, this operation returns a tensor containing the absolute value of each
element in `x`: \\(y = |x|\\). For integers, the absolute value of the most negative value
wraps to itself.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterNeg(
    UnaryOp("Neg", kUnaryTypes)
        .Differentiable()
        .Doc(R"doc(
Computes numerical negative value element-wise.

I.e., \\(y = -x\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterReciprocal(
    UnaryOp("Reciprocal", kUnaryTypes)
        .Differentiable()
        .Doc(R"doc(
Computes the reciprocal of x element-wise.

I.e., \\(y = 1 / x\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSquare(
    UnaryOp("Square", kUnaryUnsignedTypes)
        .Differentiable()
        .Doc(R"doc(
Computes square of x element-wise.

I.e., \\(y = x * x = x^2\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSqrt(
    UnaryOp("Sqrt", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes square root of x element-wise.

I.e., \\(y = \sqrt{x} = x^{1/2}\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterRsqrt(
    UnaryOp("Rsqrt", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes reciprocal of square root of x element-wise.

I.e., \\(y = 1 / \sqrt{x}\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterExp(
    UnaryOp("Exp", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes exponential of x element-wise.

I.e., \\(y = e^x\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterLog(
    UnaryOp("Log", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes natural logarithm of x element-wise.

I.e., \\(y = \log_e x\\).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterLog1p(
    UnaryOp("Log1p", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes natural logarithm of (1 + x) element-wise.

I.e., \\(y = \log_e (1 + x)\\), accurate also when x is close to zero.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSigmoid(
    UnaryOp("Sigmoid", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes sigmoid of `x` element-wise.

Specifically, `y = 1 / (1 + exp(-x))`.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterTanh(
    UnaryOp("Tanh", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes hyperbolic tangent of `x` element-wise.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSin(
    UnaryOp("Sin", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes sine of x element-wise (x in radians).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterCos(
    UnaryOp("Cos", kUnaryComplexTypes)
        .Differentiable()
        .Doc(R"doc(
Computes cosine of x element-wise (x in radians).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSign(
    UnaryOp("Sign", kUnaryTypes)
        .Differentiable()
        .Doc(R"doc(
Returns an element-wise indication of the sign of a number.

`y = sign(x) = -1` if `x < 0`; 0 if `x == 0`; 1 if `x > 0`; NaN if `x` is NaN.

For complex numbers, `y = sign(x) = x / |x|` if `x != 0`, otherwise `y = 0`.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterFloor(
    UnaryOp("Floor", kUnaryRealTypes)
        .NoGradient()
        .Doc(R"doc(
Returns element-wise largest integer not greater than x.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterCeil(
    UnaryOp("Ceil", kUnaryRealTypes)
        .NoGradient()
        .Doc(R"doc(
Returns element-wise smallest integer not less than x.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterRound(
    UnaryOp("Round", kUnaryTypes)
        .NoGradient()
        .Doc(R"doc(
Rounds the values of a tensor to the nearest integer, element-wise.

Rounds half to even, also known as banker's rounding: [0.5, 1.5, 2.5, -2.5] rounds to
[0, 2, 2, -2]. Integers are returned unchanged.
)doc"));

REGISTER_OP("IsNan")
    .NoGradient()
    .Input("x: T")
    .Output("y: bool")
    .Attr(kUnaryRealTypes)
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Returns which elements of x are NaN.
)doc");

REGISTER_OP("IsInf")
    .NoGradient()
    .Input("x: T")
    .Output("y: bool")
    .Attr(kUnaryRealTypes)
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Returns which elements of x are Inf.
)doc");

REGISTER_OP("IsFinite")
    .NoGradient()
    .Input("x: T")
    .Output("y: bool")
    .Attr(kUnaryRealTypes)
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Returns which elements of x are finite.
)doc");

}  // namespace rill
