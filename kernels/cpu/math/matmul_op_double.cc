// The CPU MatMul kernel for double, and the one instantiation of functor::MatMul<double> (the
// Eigen contraction) that MatMul and BatchMatMulV2 of double share.
#include <cstdint>

#include "kernels/cpu/math/matmul_op.h"

namespace rill {

template struct functor::MatMul<double>;

REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<double>("T"),
                        MatMulOp<double>);

}  // namespace rill
