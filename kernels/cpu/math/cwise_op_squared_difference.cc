// The CPU kernels of SquaredDifference (BinaryOp with functor::SquaredDifference) for
// half, bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("SquaredDifference", functor::SquaredDifference, Eigen::half);
REGISTER_BINARY_OP_CPU("SquaredDifference", functor::SquaredDifference, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("SquaredDifference", functor::SquaredDifference, float);
REGISTER_BINARY_OP_CPU("SquaredDifference", functor::SquaredDifference, double);
REGISTER_BINARY_OP_CPU("SquaredDifference", functor::SquaredDifference, int32_t);
REGISTER_BINARY_OP_CPU("SquaredDifference", functor::SquaredDifference, int64_t);

}  // namespace rill
