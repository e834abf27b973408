// The CPU kernels of Pow (BinaryOp with functor::Pow) for half, bfloat16, float,
// double, int32 and int64.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Pow", functor::Pow, Eigen::half);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, float);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, double);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, int32_t);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, int64_t);

}  // namespace rill
