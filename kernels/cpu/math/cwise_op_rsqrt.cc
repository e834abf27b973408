// The CPU kernels of Rsqrt for half, bfloat16, float and double: UnaryOp with functor::Rsqrt.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, Eigen::half);
REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, float);
REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, double);

}  // namespace rill
