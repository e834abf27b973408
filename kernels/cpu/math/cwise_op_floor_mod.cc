// The CPU kernels of FloorMod (BinaryOp with functor::FloorMod) for half, bfloat16,
// float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("FloorMod", functor::FloorMod, Eigen::half);
REGISTER_BINARY_OP_CPU("FloorMod", functor::FloorMod, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("FloorMod", functor::FloorMod, float);
REGISTER_BINARY_OP_CPU("FloorMod", functor::FloorMod, double);
REGISTER_BINARY_OP_CPU("FloorMod", functor::FloorMod, int32_t);
REGISTER_BINARY_OP_CPU("FloorMod", functor::FloorMod, int64_t);

}  // namespace rill
