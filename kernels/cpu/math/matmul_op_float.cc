// The CPU MatMul kernel for float, and the one instantiation of functor::MatMul<float> (the
// Eigen contraction) that MatMul and BatchMatMulV2 of float share.
#include <cstdint>

#include "kernels/cpu/math/matmul_op.h"

namespace rill {

template struct functor::MatMul<float>;

REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        MatMulOp<float>);

}  // namespace rill
