// Op definitions of the FTRL-proximal optimizer's fused updates, ResourceApplyFtrl(V2) and
// ResourceSparseApplyFtrl(V2), with TensorFlow 1.x's names, attrs and shape functions.
// Kernels live in kernels/cpu/training.
#include "core/framework/op_registry.h"
#include "ops/training/apply_shape_fn.h"

namespace rill {

REGISTER_OP("ResourceApplyFtrl")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("linear: resource")
    .Input("grad: T")
    .Input("lr: T")
    .Input("l1: T")
    .Input("l2: T")
    .Input("lr_power: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({4, 5, 6, 7}, 3, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the Ftrl-proximal scheme.

accum_new = accum + grad * grad
linear += grad - (accum_new^(-lr_power) - accum^(-lr_power)) / lr * var
quadratic = 1.0 / (accum_new^(lr_power) * lr) + 2 * l2
var = (sign(linear) * l1 - linear) / quadratic if |linear| > l1 else 0.0
accum = accum_new

var: Should be from a Variable().
accum: Should be from a Variable().
linear: Should be from a Variable().
grad: The gradient. Must have the variable's shape.
lr: Scaling factor. Must be a positive scalar.
l1: L1 regularization. Must be a non-negative scalar.
l2: L2 regularization. Must be a non-negative scalar.
lr_power: Scaling factor. Must be a non-positive scalar.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
)doc");

REGISTER_OP("ResourceSparseApplyFtrl")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("linear: resource")
    .Input("grad: T")
    .Input("indices: Tindices")
    .Input("lr: T")
    .Input("l1: T")
    .Input("l2: T")
    .Input("lr_power: T")
    .Attr("T: numbertype")
    .Attr("Tindices: {int32, int64}")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({5, 6, 7, 8}, 3, /*sparse=*/true))
    .Doc(R"doc(
Update relevant entries in '*var' according to the Ftrl-proximal scheme.

ResourceApplyFtrl's update on the rows indices names, row i of grad for row indices[i] of
var, accum and linear. Rows repeated in indices are updated once per occurrence, in order.

var: Should be from a Variable().
accum: Should be from a Variable().
linear: Should be from a Variable().
grad: The gradient rows: indices' length, then the variable's trailing dimensions.
indices: A vector of indices into the first dimension of var and accum.
lr: Scaling factor. Must be a positive scalar.
l1: L1 regularization. Must be a non-negative scalar.
l2: L2 regularization. Must be a non-negative scalar.
lr_power: Scaling factor. Must be a non-positive scalar.
use_locking: If `True`, the variables are held by exclusive locks during the update;
  otherwise by shared locks, so concurrent sparse updates may interleave.
)doc");

REGISTER_OP("ResourceApplyFtrlV2")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("linear: resource")
    .Input("grad: T")
    .Input("lr: T")
    .Input("l1: T")
    .Input("l2: T")
    .Input("l2_shrinkage: T")
    .Input("lr_power: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({4, 5, 6, 7, 8}, 3, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the Ftrl-proximal scheme with L2 shrinkage.

grad_with_shrinkage = grad + 2 * l2_shrinkage * var
accum_new = accum + grad_with_shrinkage * grad_with_shrinkage
linear += grad_with_shrinkage - (accum_new^(-lr_power) - accum^(-lr_power)) / lr * var
quadratic = 1.0 / (accum_new^(lr_power) * lr) + 2 * l2
var = (sign(linear) * l1 - linear) / quadratic if |linear| > l1 else 0.0
accum = accum_new

var: Should be from a Variable().
accum: Should be from a Variable().
linear: Should be from a Variable().
grad: The gradient. Must have the variable's shape.
lr: Scaling factor. Must be a positive scalar.
l1: L1 regularization. Must be a non-negative scalar.
l2: L2 regularization (the stabilization term). Must be a non-negative scalar.
l2_shrinkage: L2 shrinkage regularization. Must be a non-negative scalar.
lr_power: Scaling factor. Must be a non-positive scalar.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
)doc");

REGISTER_OP("ResourceSparseApplyFtrlV2")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("linear: resource")
    .Input("grad: T")
    .Input("indices: Tindices")
    .Input("lr: T")
    .Input("l1: T")
    .Input("l2: T")
    .Input("l2_shrinkage: T")
    .Input("lr_power: T")
    .Attr("T: numbertype")
    .Attr("Tindices: {int32, int64}")
    .Attr("use_locking: bool = false")
    .SetShapeFn(ApplyShapeFn({5, 6, 7, 8, 9}, 3, /*sparse=*/true))
    .Doc(R"doc(
Update relevant entries in '*var' according to the Ftrl-proximal scheme with L2 shrinkage.

ResourceApplyFtrlV2's update on the rows indices names, row i of grad for row indices[i] of
var, accum and linear. Rows repeated in indices are updated once per occurrence, in order.

var: Should be from a Variable().
accum: Should be from a Variable().
linear: Should be from a Variable().
grad: The gradient rows: indices' length, then the variable's trailing dimensions.
indices: A vector of indices into the first dimension of var and accum.
lr: Scaling factor. Must be a positive scalar.
l1: L1 regularization. Must be a non-negative scalar.
l2: L2 regularization (the stabilization term). Must be a non-negative scalar.
l2_shrinkage: L2 shrinkage regularization. Must be a non-negative scalar.
lr_power: Scaling factor. Must be a non-positive scalar.
use_locking: If `True`, the variables are held by exclusive locks during the update;
  otherwise by shared locks, so concurrent sparse updates may interleave.
)doc");

}  // namespace rill
