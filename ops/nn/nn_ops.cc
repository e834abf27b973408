// Neural-network op definitions: the activations Relu, Relu6, Elu and Softplus, with
// TensorFlow's names, attrs and type sets. Kernels live in kernels/cpu/nn.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"

namespace rill {

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

}  // namespace rill
