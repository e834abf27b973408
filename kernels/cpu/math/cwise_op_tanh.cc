// The CPU kernels of Tanh for half, bfloat16, float and double: UnaryOp with functor::Tanh.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, Eigen::half);
REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, float);
REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, double);

}  // namespace rill
