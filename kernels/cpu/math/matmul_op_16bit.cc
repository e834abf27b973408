// The CPU MatMul kernels for half and bfloat16: converted to float, multiplied with
// functor::MatMul<float>, and rounded back.
#include "kernels/cpu/math/matmul_op.h"

namespace rill {

REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<Eigen::half>("T"),
                        MatMulOp<Eigen::half>);
REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<Eigen::bfloat16>("T"),
                        MatMulOp<Eigen::bfloat16>);

}  // namespace rill
