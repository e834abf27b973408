// The CPU kernels of Log1p for half, bfloat16, float and double: UnaryOp with functor::Log1p.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Log1p", functor::Log1p, Eigen::half);
REGISTER_UNARY_OP_CPU("Log1p", functor::Log1p, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Log1p", functor::Log1p, float);
REGISTER_UNARY_OP_CPU("Log1p", functor::Log1p, double);

}  // namespace rill
