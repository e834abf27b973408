// The CPU kernels of Minimum (BinaryOp with functor::Minimum, NaN-propagating) for
// half, bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Minimum", functor::Minimum, Eigen::half);
REGISTER_BINARY_OP_CPU("Minimum", functor::Minimum, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Minimum", functor::Minimum, float);
REGISTER_BINARY_OP_CPU("Minimum", functor::Minimum, double);
REGISTER_BINARY_OP_CPU("Minimum", functor::Minimum, int32_t);
REGISTER_BINARY_OP_CPU("Minimum", functor::Minimum, int64_t);

}  // namespace rill
