// The CPU kernels of Sqrt for half, bfloat16, float and double: UnaryOp with functor::Sqrt.
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, Eigen::half);
REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, float);
REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, double);

}  // namespace rill
