// The CPU kernels of Log for half, bfloat16, float and double: UnaryOp with functor::Log.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Log", functor::Log, Eigen::half);
REGISTER_UNARY_OP_CPU("Log", functor::Log, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Log", functor::Log, float);
REGISTER_UNARY_OP_CPU("Log", functor::Log, double);

}  // namespace rill
