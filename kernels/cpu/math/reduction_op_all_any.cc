// The CPU kernels of All and Any: logical and / or of bool tensors over axes.
#include "kernels/cpu/math/reduction_op.h"

namespace rill {

REGISTER_KERNEL_BUILDER(Name("All").Device(DEVICE_CPU), ReductionOp<bool, reduction::AllReducer>);
REGISTER_KERNEL_BUILDER(Name("Any").Device(DEVICE_CPU), ReductionOp<bool, reduction::AnyReducer>);

}  // namespace rill
