// The CPU kernels of Pow for int32, int64, float and double: BinaryOp with functor::Pow.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Pow", functor::Pow, int32_t);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, int64_t);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, float);
REGISTER_BINARY_OP_CPU("Pow", functor::Pow, double);

}  // namespace rill
