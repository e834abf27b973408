// The CPU kernels of Floor for half, bfloat16, float and double: UnaryOp with functor::Floor.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Floor", functor::Floor, Eigen::half);
REGISTER_UNARY_OP_CPU("Floor", functor::Floor, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Floor", functor::Floor, float);
REGISTER_UNARY_OP_CPU("Floor", functor::Floor, double);

}  // namespace rill
