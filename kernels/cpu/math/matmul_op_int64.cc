// The CPU MatMul kernel for int64, and the one instantiation of functor::MatMul<int64_t> (the
// Eigen contraction) that MatMul and BatchMatMulV2 of int64 share.
#include <cstdint>

#include "kernels/cpu/math/matmul_op.h"

namespace rill {

template struct functor::MatMul<int64_t>;

REGISTER_KERNEL_BUILDER(Name("MatMul").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        MatMulOp<int64_t>);

}  // namespace rill
