// The CPU kernels of IsInf for half, bfloat16, float and double: UnaryOp with functor::IsInf.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("IsInf", functor::IsInf, Eigen::half);
REGISTER_UNARY_OP_CPU("IsInf", functor::IsInf, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("IsInf", functor::IsInf, float);
REGISTER_UNARY_OP_CPU("IsInf", functor::IsInf, double);

}  // namespace rill
