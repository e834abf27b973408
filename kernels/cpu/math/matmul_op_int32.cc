// The CPU MatMul kernel for int32, and the one instantiation of functor::MatMul<int32_t> (the
// Eigen contraction) that MatMul and BatchMatMulV2 of int32 share.
#include <cstdint>

#include "kernels/cpu/math/matmul_op.h"

namespace rill {

template struct functor::MatMul<int32_t>;

REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        MatMulOp<int32_t>);

}  // namespace rill
