// Op definitions of the gradients of unary functions taken from their output (SigmoidGrad,
// TanhGrad, SqrtGrad, RsqrtGrad, ReciprocalGrad), with TensorFlow's names, attrs and shape
// function. The gradient functions of Sigmoid, Tanh, ... build them; kernels: kernels/cpu/math.
#include "absl/status/status.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// MergeBothInputsShape: y and dy describe the same shape, which is z's (TensorFlow's
// MergeBothInputsShapeFn).
absl::Status MergeBothInputsShape(InferenceContext* c) {
  ShapeHandle merged;
  RETURN_IF_ERROR(c->Merge(c->input(0), c->input(1), &merged));
  c->set_output(0, merged);
  return absl::OkStatus();
}

// UnaryGradOp is the spec the five ops share (TensorFlow's UNARY_GRADIENT_COMPLEX): z is the
// gradient of x, from y = f(x) and dy, the gradient of y. Each is differentiable again.
OpDefBuilder UnaryGradOp(const char* name) {
  OpDefBuilder builder(name);
  builder.Differentiable()
      .Input("y: T")
      .Input("dy: T")
      .Output("z: T")
      .Attr("T: {bfloat16, half, float, double, complex64, complex128}")
      .SetShapeFn(MergeBothInputsShape);
  return builder;
}

}  // namespace

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSigmoidGrad(
    UnaryGradOp("SigmoidGrad").Doc(R"doc(
Computes the gradient of the sigmoid of `x` wrt its input.

Specifically, `grad = dy * y * (1 - y)`, where `y = sigmoid(x)`, and
`dy` is the corresponding input gradient.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterTanhGrad(
    UnaryGradOp("TanhGrad").Doc(R"doc(
Computes the gradient for the tanh of `x` wrt its input.

Specifically, `grad = dy * (1 - y*y)`, where `y = tanh(x)`, and `dy`
is the corresponding input gradient.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSqrtGrad(
    UnaryGradOp("SqrtGrad").Doc(R"doc(
Computes the gradient for the sqrt of `x` wrt its input.

Specifically, `grad = dy * 0.5 / y`, where `y = sqrt(x)`, and `dy`
is the corresponding input gradient.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterRsqrtGrad(
    UnaryGradOp("RsqrtGrad").Doc(R"doc(
Computes the gradient for the rsqrt of `x` wrt its input.

Specifically, `grad = dy * -0.5 * y^3`, where `y = rsqrt(x)`, and `dy`
is the corresponding input gradient.
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterReciprocalGrad(
    UnaryGradOp("ReciprocalGrad").Doc(R"doc(
Computes the gradient for the inverse of `x` wrt its input.

Specifically, `grad = -dy * y*y`, where `y = 1/x`, and `dy`
is the corresponding input gradient.
)doc"));

}  // namespace rill
