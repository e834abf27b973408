// The CPU kernels of FloorDiv (BinaryOp with functor::FloorDiv) for half, bfloat16,
// float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("FloorDiv", functor::FloorDiv, Eigen::half);
REGISTER_BINARY_OP_CPU("FloorDiv", functor::FloorDiv, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("FloorDiv", functor::FloorDiv, float);
REGISTER_BINARY_OP_CPU("FloorDiv", functor::FloorDiv, double);
REGISTER_BINARY_OP_CPU("FloorDiv", functor::FloorDiv, int32_t);
REGISTER_BINARY_OP_CPU("FloorDiv", functor::FloorDiv, int64_t);

}  // namespace rill
