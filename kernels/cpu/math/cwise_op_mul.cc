// The CPU kernels of Mul for int32, int64, float and double: BinaryOp with functor::Mul.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Mul", functor::Mul, int32_t);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, int64_t);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, float);
REGISTER_BINARY_OP_CPU("Mul", functor::Mul, double);

}  // namespace rill
