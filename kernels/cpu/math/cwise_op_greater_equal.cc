// The CPU kernels of GreaterEqual (BinaryOp with functor::GreaterEqual, bool output)
// for half, bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("GreaterEqual", functor::GreaterEqual, Eigen::half);
REGISTER_BINARY_OP_CPU("GreaterEqual", functor::GreaterEqual, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("GreaterEqual", functor::GreaterEqual, float);
REGISTER_BINARY_OP_CPU("GreaterEqual", functor::GreaterEqual, double);
REGISTER_BINARY_OP_CPU("GreaterEqual", functor::GreaterEqual, int32_t);
REGISTER_BINARY_OP_CPU("GreaterEqual", functor::GreaterEqual, int64_t);

}  // namespace rill
