// The CPU kernels of Sub (BinaryOp with functor::Sub) for half, bfloat16, float,
// double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Sub", functor::Sub, Eigen::half);
REGISTER_BINARY_OP_CPU("Sub", functor::Sub, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Sub", functor::Sub, float);
REGISTER_BINARY_OP_CPU("Sub", functor::Sub, double);
REGISTER_BINARY_OP_CPU("Sub", functor::Sub, int32_t);
REGISTER_BINARY_OP_CPU("Sub", functor::Sub, int64_t);

}  // namespace rill
