// The CPU kernels of Cos for half, bfloat16, float and double: UnaryOp with functor::Cos.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Cos", functor::Cos, Eigen::half);
REGISTER_UNARY_OP_CPU("Cos", functor::Cos, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Cos", functor::Cos, float);
REGISTER_UNARY_OP_CPU("Cos", functor::Cos, double);

}  // namespace rill
