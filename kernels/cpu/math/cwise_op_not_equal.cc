// The CPU kernels of NotEqual (BinaryOp with functor::NotEqual, bool output) for half,
// bfloat16, float, double, int32, int64, bool and string.
#include <cstdint>
#include <string>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, Eigen::half);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, float);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, double);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, int32_t);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, int64_t);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, bool);
REGISTER_BINARY_OP_CPU("NotEqual", functor::NotEqual, std::string);

}  // namespace rill
