// Op definitions of the RMSProp optimizer's fused updates, ResourceApplyRMSProp,
// ResourceApplyCenteredRMSProp and their sparse forms, with TensorFlow's names, attrs and
// shape functions. Kernels live in kernels/cpu/training.
#include "core/framework/op_registry.h"
#include "ops/training/apply_shape_fn.h"

namespace rill {

REGISTER_OP("ResourceApplyRMSProp")
    .NoGradient()
    .Input("var: resource")
    .Input("ms: resource")
    .Input("mom: resource")
    .Input("lr: T")
    .Input("rho: T")
    .Input("momentum: T")
    .Input("epsilon: T")
    .Input("grad: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({3, 4, 5, 6}, 7, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the RMSProp algorithm.

ms <- rho * ms_{t-1} + (1-rho) * grad * grad
mom <- momentum * mom_{t-1} + lr * grad / sqrt(ms + epsilon)
var <- var - mom

var: Should be from a Variable().
ms: Should be from a Variable().
mom: Should be from a Variable().
lr: Scaling factor. Must be a scalar.
rho: Decay rate. Must be a scalar.
momentum: Momentum. Must be a scalar.
epsilon: Ridge term. Must be a scalar.
grad: The gradient. Must have the variable's shape.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
)doc");

REGISTER_OP("ResourceSparseApplyRMSProp")
    .NoGradient()
    .Input("var: resource")
    .Input("ms: resource")
    .Input("mom: resource")
    .Input("lr: T")
    .Input("rho: T")
    .Input("momentum: T")
    .Input("epsilon: T")
    .Input("grad: T")
    .Input("indices: Tindices")
    .Attr("T: numbertype")
    .Attr("Tindices: {int32, int64}")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({3, 4, 5, 6}, 7, /*sparse=*/true))
    .Doc(R"doc(
Update relevant entries in '*var', '*ms' and '*mom' according to the RMSProp algorithm.

For each row i of grad, with r = indices[i]:
ms[r] = ms[r] * rho + grad[i] * grad[i] * (1 - rho)
mom[r] = mom[r] * momentum + (1 / sqrt(ms[r] + epsilon)) * lr * grad[i]
var[r] -= mom[r]
Rows repeated in indices are updated once per occurrence, in order.

var: Should be from a Variable().
ms: Should be from a Variable().
mom: Should be from a Variable().
lr: Scaling factor. Must be a scalar.
rho: Decay rate. Must be a scalar.
momentum: Momentum. Must be a scalar.
epsilon: Ridge term. Must be a scalar.
grad: The gradient rows: indices' length, then the variable's trailing dimensions.
indices: A vector of indices into the first dimension of var, ms and mom.
use_locking: If `True`, the variables are held by exclusive locks during the update;
  otherwise by shared locks, so concurrent sparse updates may interleave.
)doc");

REGISTER_OP("ResourceApplyCenteredRMSProp")
    .NoGradient()
    .Input("var: resource")
    .Input("mg: resource")
    .Input("ms: resource")
    .Input("mom: resource")
    .Input("lr: T")
    .Input("rho: T")
    .Input("momentum: T")
    .Input("epsilon: T")
    .Input("grad: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({4, 5, 6, 7}, 8, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the centered RMSProp algorithm.

The centered RMSProp algorithm uses an estimate of the centered second moment (i.e., the
variance) for normalization, as opposed to regular RMSProp, which uses the (uncentered)
second moment.

mg <- rho * mg_{t-1} + (1-rho) * grad
ms <- rho * ms_{t-1} + (1-rho) * grad * grad
mom <- momentum * mom_{t-1} + lr * grad / sqrt(ms - mg * mg + epsilon)
var <- var - mom

var: Should be from a Variable().
mg: Should be from a Variable().
ms: Should be from a Variable().
mom: Should be from a Variable().
lr: Scaling factor. Must be a scalar.
rho: Decay rate. Must be a scalar.
momentum: Momentum. Must be a scalar.
epsilon: Ridge term. Must be a scalar.
grad: The gradient. Must have the variable's shape.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
)doc");

REGISTER_OP("ResourceSparseApplyCenteredRMSProp")
    .NoGradient()
    .Input("var: resource")
    .Input("mg: resource")
    .Input("ms: resource")
    .Input("mom: resource")
    .Input("lr: T")
    .Input("rho: T")
    .Input("momentum: T")
    .Input("epsilon: T")
    .Input("grad: T")
    .Input("indices: Tindices")
    .Attr("T: numbertype")
    .Attr("Tindices: {int32, int64}")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({4, 5, 6, 7}, 8, /*sparse=*/true))
    .Doc(R"doc(
Update relevant entries in '*var', '*mg', '*ms' and '*mom' according to the centered RMSProp
algorithm.

For each row i of grad, with r = indices[i]:
ms[r] = ms[r] * rho + grad[i] * grad[i] * (1 - rho)
mg[r] = mg[r] * rho + grad[i] * (1 - rho)
mom[r] = mom[r] * momentum + (1 / sqrt(ms[r] + epsilon - mg[r] * mg[r])) * lr * grad[i]
var[r] -= mom[r]
Rows repeated in indices are updated once per occurrence, in order.

var: Should be from a Variable().
mg: Should be from a Variable().
ms: Should be from a Variable().
mom: Should be from a Variable().
lr: Scaling factor. Must be a scalar.
rho: Decay rate. Must be a scalar.
momentum: Momentum. Must be a scalar.
epsilon: Ridge term. Must be a scalar.
grad: The gradient rows: indices' length, then the variable's trailing dimensions.
indices: A vector of indices into the first dimension of var, mg, ms and mom.
use_locking: If `True`, the variables are held by exclusive locks during the update;
  otherwise by shared locks, so concurrent sparse updates may interleave.
)doc");

}  // namespace rill
