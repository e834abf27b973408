// Neural-network op definitions: the activations Relu, Relu6, Elu and Softplus and their
// gradient ops (ReluGrad, ...), with TensorFlow's names, attrs and type sets. Kernels live in
// kernels/cpu/nn; gradient functions in nn_gradients.cc.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// MergeBothInputsShape: the output has the shape both inputs must share (TensorFlow's
// MergeBothInputsShapeFn).
absl::Status MergeBothInputsShape(InferenceContext* c) {
  ShapeHandle out;
  RETURN_IF_ERROR(c->Merge(c->input(0), c->input(1), &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Relu")
    .Differentiable()
    .Input("features: T")
    .Output("activations: T")
    // TensorFlow's {realnumbertype, qint8}.
    .Attr("T: {float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
          "uint32, uint64, qint8}")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Computes rectified linear: `max(features, 0)`.

NaN stays NaN.
)doc");

REGISTER_OP("ReluGrad")
    .Differentiable()
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: realnumbertype")
    .SetShapeFn(MergeBothInputsShape)
    .Doc(R"doc(
Computes rectified linear gradients for a Relu operation.

gradients: The backpropagated gradients to the corresponding Relu operation.
features: The features passed as input to the corresponding Relu operation, OR the
  outputs of that operation (both work equivalently).
backprops: `gradients * (features > 0)`.
)doc");

REGISTER_OP("Relu6")
    .Differentiable()
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: realnumbertype")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Computes rectified linear 6: `min(max(features, 0), 6)`.

NaN stays NaN.
)doc");

REGISTER_OP("Relu6Grad")
    .Differentiable()
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: realnumbertype")
    .SetShapeFn(MergeBothInputsShape)
    .Doc(R"doc(
Computes rectified linear 6 gradients for a Relu6 operation.

gradients: The backpropagated gradients to the corresponding Relu6 operation.
features: The features passed as input to the corresponding Relu6 operation, or its
  output; if the output, a value of 6 gets no gradient, as it should.
backprops: `gradients * (features > 0) * (features < 6)`.
)doc");

REGISTER_OP("Elu")
    .Differentiable()
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Computes the exponential linear function.

`features` if `features >= 0`, `exp(features) - 1` otherwise. See
[Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)](http://arxiv.org/abs/1511.07289).
)doc");

REGISTER_OP("EluGrad")
    .Differentiable()
    .Input("gradients: T")
    .Input("outputs: T")
    .Output("backprops: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(MergeBothInputsShape)
    .Doc(R"doc(
Computes gradients for the exponential linear (Elu) operation.

gradients: The backpropagated gradients to the corresponding Elu operation.
outputs: The outputs of the corresponding Elu operation.
backprops: `gradients * (outputs + 1)` where `outputs < 0`, `gradients` otherwise.
)doc");

REGISTER_OP("Softplus")
    .Differentiable()
    .Input("features: T")
    .Output("activations: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Computes softplus: `log(exp(features) + 1)`.

Without overflow: for large `features` the result is `features`, for very negative ones
`exp(features)`, each within the type's precision of the exact value.
)doc");

REGISTER_OP("SoftplusGrad")
    .Differentiable()
    .Input("gradients: T")
    .Input("features: T")
    .Output("backprops: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(MergeBothInputsShape)
    .Doc(R"doc(
Computes softplus gradients for a softplus operation.

gradients: The backpropagated gradients to the corresponding softplus operation.
features: The features passed as input to the corresponding softplus operation.
backprops: `gradients / (1 + exp(-features))`.
)doc");

}  // namespace rill
