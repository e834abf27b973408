// Op definitions of the Adagrad optimizer's fused updates, ResourceApplyAdagrad and
// ResourceSparseApplyAdagrad, with TensorFlow's names, attrs and shape functions.
// Kernels live in kernels/cpu/training.
#include "core/framework/op_registry.h"
#include "ops/training/apply_shape_fn.h"

namespace rill {

REGISTER_OP("ResourceApplyAdagrad")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("lr: T")
    .Input("grad: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .Attr("update_slots: bool = true")
    .SetShapeFn(ApplyShapeFn({2}, 3, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the adagrad scheme.

accum += grad * grad
var -= lr * grad * (1 / sqrt(accum))

var: Should be from a Variable().
accum: Should be from a Variable().
lr: Scaling factor. Must be a scalar.
grad: The gradient. Must have the variable's shape.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
update_slots: If `False`, accum is left as it is.
)doc");

REGISTER_OP("ResourceSparseApplyAdagrad")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("lr: T")
    .Input("grad: T")
    .Input("indices: Tindices")
    .Attr("T: numbertype")
    .Attr("Tindices: {int32, int64}")
    .Attr("use_locking: bool = false")
    .Attr("update_slots: bool = true")
    .SetShapeFn(ApplyShapeFn({2}, 3, /*sparse=*/true))
    .Doc(R"doc(
Update relevant entries in '*var' and '*accum' according to the adagrad scheme.

For each row i of grad, with r = indices[i]:
accum[r] += grad[i] * grad[i]
var[r] -= lr * grad[i] * (1 / sqrt(accum[r]))
Rows repeated in indices are updated once per occurrence, in order.

var: Should be from a Variable().
accum: Should be from a Variable().
lr: Learning rate. Must be a scalar.
grad: The gradient rows: indices' length, then the variable's trailing dimensions.
indices: A vector of indices into the first dimension of var and accum.
use_locking: If `True`, the variables are held by exclusive locks during the update;
  otherwise by shared locks, so concurrent sparse updates may interleave.
update_slots: If `False`, accum is left as it is.
)doc");

}  // namespace rill
