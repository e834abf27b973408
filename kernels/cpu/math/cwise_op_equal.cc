// The CPU kernels of Equal (BinaryOp with functor::Equal, bool output) for half,
// bfloat16, float, double, int32, int64, bool and string.
#include <cstdint>
#include <string>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Equal", functor::Equal, Eigen::half);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, float);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, double);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, int32_t);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, int64_t);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, bool);
REGISTER_BINARY_OP_CPU("Equal", functor::Equal, std::string);

}  // namespace rill
