// Op definitions of the momentum optimizer's fused updates, ResourceApplyMomentum and
// ResourceSparseApplyMomentum, with TensorFlow's names, attrs and shape functions.
// Kernels live in kernels/cpu/training.
#include "core/framework/op_registry.h"
#include "ops/training/apply_shape_fn.h"

namespace rill {

REGISTER_OP("ResourceApplyMomentum")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("lr: T")
    .Input("grad: T")
    .Input("momentum: T")
    .Attr("T: numbertype")
    .Attr("use_locking: bool = false")
    .Attr("use_nesterov: bool = false")
    .SetShapeFn(ApplyShapeFn({2, 4}, 3, /*sparse=*/false))
    .Doc(R"doc(
Update '*var' according to the momentum scheme.

accum = accum * momentum + grad
var -= lr * accum

With use_nesterov, var -= grad * lr + accum * momentum * lr instead.

var: Should be from a Variable().
accum: Should be from a Variable().
lr: Scaling factor. Must be a scalar.
grad: The gradient. Must have the variable's shape.
momentum: Momentum. Must be a scalar.
use_locking: If `True`, the variables are held by exclusive locks during the update
  (dense updates always are).
use_nesterov: If `True`, the tensor passed to compute grad will be
  var - lr * momentum * accum, so in the end, the var you get is actually
  var - lr * momentum * accum.
)doc");

REGISTER_OP("ResourceSparseApplyMomentum")
    .NoGradient()
    .Input("var: resource")
    .Input("accum: resource")
    .Input("lr: T")
    .Input("grad: T")
    .Input("indices: Tindices")
    .Input("momentum: T")
    .Attr("T: numbertype")
    .Attr("Tindices: {int32, int64}")
    .Attr("use_locking: bool = false")
    .Attr("use_nesterov: bool = false")
    .SetShapeFn(ApplyShapeFn({2, 5}, 3, /*sparse=*/true))
    .Doc(R"doc(
Update relevant entries in '*var' and '*accum' according to the momentum scheme.

For each row i of grad, with r = indices[i]:
accum[r] = accum[r] * momentum + grad[i]
var[r] -= lr * accum[r]
(with use_nesterov, var[r] -= lr * grad[i] + lr * momentum * accum[r]). Rows repeated in
indices are updated once per occurrence, in order.

var: Should be from a Variable().
accum: Should be from a Variable().
lr: Learning rate. Must be a scalar.
grad: The gradient rows: indices' length, then the variable's trailing dimensions.
indices: A vector of indices into the first dimension of var and accum.
momentum: Momentum. Must be a scalar.
use_locking: If `True`, the variables are held by exclusive locks during the update;
  otherwise by shared locks, so concurrent sparse updates may interleave.
use_nesterov: If `True`, the tensor passed to compute grad will be
  var - lr * momentum * accum, so in the end, the var you get is actually
  var - lr * momentum * accum.
)doc");

}  // namespace rill
