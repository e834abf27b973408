// The CPU kernels of Less (BinaryOp with functor::Less, bool output) for half,
// bfloat16, float, double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Less", functor::Less, Eigen::half);
REGISTER_BINARY_OP_CPU("Less", functor::Less, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Less", functor::Less, float);
REGISTER_BINARY_OP_CPU("Less", functor::Less, double);
REGISTER_BINARY_OP_CPU("Less", functor::Less, int32_t);
REGISTER_BINARY_OP_CPU("Less", functor::Less, int64_t);

}  // namespace rill
