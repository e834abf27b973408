// The CPU kernels of Exp for half, bfloat16, float and double: UnaryOp with functor::Exp.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Exp", functor::Exp, Eigen::half);
REGISTER_UNARY_OP_CPU("Exp", functor::Exp, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Exp", functor::Exp, float);
REGISTER_UNARY_OP_CPU("Exp", functor::Exp, double);

}  // namespace rill
