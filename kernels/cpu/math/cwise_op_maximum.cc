// The CPU kernels of Maximum (BinaryOp with functor::Maximum, NaN-propagating) for
// half, bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Maximum", functor::Maximum, Eigen::half);
REGISTER_BINARY_OP_CPU("Maximum", functor::Maximum, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Maximum", functor::Maximum, float);
REGISTER_BINARY_OP_CPU("Maximum", functor::Maximum, double);
REGISTER_BINARY_OP_CPU("Maximum", functor::Maximum, int32_t);
REGISTER_BINARY_OP_CPU("Maximum", functor::Maximum, int64_t);

}  // namespace rill
