// The CPU kernels of IsFinite for half, bfloat16, float and double: UnaryOp with functor::IsFinite.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("IsFinite", functor::IsFinite, Eigen::half);
REGISTER_UNARY_OP_CPU("IsFinite", functor::IsFinite, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("IsFinite", functor::IsFinite, float);
REGISTER_UNARY_OP_CPU("IsFinite", functor::IsFinite, double);

}  // namespace rill
