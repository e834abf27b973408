// The CPU kernels of Ceil for half, bfloat16, float and double: UnaryOp with functor::Ceil.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Ceil", functor::Ceil, Eigen::half);
REGISTER_UNARY_OP_CPU("Ceil", functor::Ceil, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Ceil", functor::Ceil, float);
REGISTER_UNARY_OP_CPU("Ceil", functor::Ceil, double);

}  // namespace rill
