// The CPU kernels of IsNan for half, bfloat16, float and double: UnaryOp with functor::IsNan.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("IsNan", functor::IsNan, Eigen::half);
REGISTER_UNARY_OP_CPU("IsNan", functor::IsNan, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("IsNan", functor::IsNan, float);
REGISTER_UNARY_OP_CPU("IsNan", functor::IsNan, double);

}  // namespace rill
