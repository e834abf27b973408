// The CPU kernels of Sin for half, bfloat16, float and double: UnaryOp with functor::Sin.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Sin", functor::Sin, Eigen::half);
REGISTER_UNARY_OP_CPU("Sin", functor::Sin, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Sin", functor::Sin, float);
REGISTER_UNARY_OP_CPU("Sin", functor::Sin, double);

}  // namespace rill
