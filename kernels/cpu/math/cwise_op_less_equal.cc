// The CPU kernels of LessEqual (BinaryOp with functor::LessEqual, bool output) for
// half, bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("LessEqual", functor::LessEqual, Eigen::half);
REGISTER_BINARY_OP_CPU("LessEqual", functor::LessEqual, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("LessEqual", functor::LessEqual, float);
REGISTER_BINARY_OP_CPU("LessEqual", functor::LessEqual, double);
REGISTER_BINARY_OP_CPU("LessEqual", functor::LessEqual, int32_t);
REGISTER_BINARY_OP_CPU("LessEqual", functor::LessEqual, int64_t);

}  // namespace rill
