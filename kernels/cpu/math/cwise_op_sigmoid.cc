// The CPU kernels of Sigmoid for half, bfloat16, float and double: UnaryOp with functor::Sigmoid.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, Eigen::half);
REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, float);
REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, double);

}  // namespace rill
