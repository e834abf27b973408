// Control op definitions: NoOp, the op whose only effect is its control edges (TensorFlow
// keeps it in no_op.cc; here it opens the control family). Kernel in kernels/cpu/control.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"

namespace rill {

REGISTER_OP("NoOp")
    .NoGradient()
    .SetShapeFn(NoOutputs)
    .Doc("Does nothing. Only useful as a placeholder for control edges.");

}  // namespace rill
