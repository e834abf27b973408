// The CPU kernels of Reciprocal for half, bfloat16, float and double: UnaryOp with
// functor::Reciprocal.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, Eigen::half);
REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, float);
REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, double);

}  // namespace rill
