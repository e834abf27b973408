// The CPU kernels of Greater (BinaryOp with functor::Greater, bool output) for half,
// bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Greater", functor::Greater, Eigen::half);
REGISTER_BINARY_OP_CPU("Greater", functor::Greater, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Greater", functor::Greater, float);
REGISTER_BINARY_OP_CPU("Greater", functor::Greater, double);
REGISTER_BINARY_OP_CPU("Greater", functor::Greater, int32_t);
REGISTER_BINARY_OP_CPU("Greater", functor::Greater, int64_t);

}  // namespace rill
