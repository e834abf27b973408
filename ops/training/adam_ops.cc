// Op definition of the Adam optimizer's fused dense update, ResourceApplyAdam, with
// TensorFlow's name, attrs and shape function (Adam's sparse update is built from scatter
// ops, as in TensorFlow). Kernels live in kernels/cpu/training.
#include "core/framework/op_registry.h"
#include "ops/training/apply_shape_fn.h"

namespace rill {

REGISTER_OP("ResourceApplyAdam")
    .NoGradient()
    .Input("var: resource")
    .Input("m: resource")
    .Input("v: resource")
    .Input("beta1_power: T")
    .Input("beta2_power: T")
    .Input("lr: T")
    .Input("beta1: T")
    .Input("beta2: T")
    .Input("epsilon: T")
    .Input("grad: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .Attr("use_nesterov: bool = false")
    .SetShapeFn(ApplyShapeFn({3, 4, 5, 6, 7, 8}, 9, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the Adam algorithm.

lr_t = learning_rate * sqrt(1 - beta2^t) / (1 - beta1^t)
m_t = beta1 * m_{t-1} + (1 - beta1) * g
v_t = beta2 * v_{t-1} + (1 - beta2) * g * g
variable = variable - lr_t * m_t / (sqrt(v_t) + epsilon)

var: Should be from a Variable().
m: Should be from a Variable().
v: Should be from a Variable().
beta1_power: Must be a scalar.
beta2_power: Must be a scalar.
lr: Scaling factor. Must be a scalar.
beta1: Momentum factor. Must be a scalar.
beta2: Momentum factor. Must be a scalar.
epsilon: Ridge term. Must be a scalar.
grad: The gradient. Must have the variable's shape.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
use_nesterov: If `True`, uses the nesterov update.
)doc");

}  // namespace rill
