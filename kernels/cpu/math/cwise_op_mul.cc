// The CPU kernels of Mul (BinaryOp with functor::Mul) for half, bfloat16, float,
// double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Mul", functor::Mul, Eigen::half);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, float);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, double);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, int32_t);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, int64_t);

}  // namespace rill
