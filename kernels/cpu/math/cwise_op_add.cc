// The CPU kernels of Add for int32, int64, float and double: BinaryOp with functor::Add.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Add", functor::Add, int32_t);
REGISTER_BINARY_OP_CPU("Add", functor::Add, int64_t);
REGISTER_BINARY_OP_CPU("Add", functor::Add, float);
REGISTER_BINARY_OP_CPU("Add", functor::Add, double);

}  // namespace rill
