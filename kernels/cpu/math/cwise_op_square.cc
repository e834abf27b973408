// The CPU kernels of Square for int32, int64, half, bfloat16, float and double: UnaryOp with
// functor::Square.
#include <cstdint>

#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Square", functor::Square, int32_t);
REGISTER_UNARY_OP_CPU("Square", functor::Square, int64_t);
REGISTER_UNARY_OP_CPU("Square", functor::Square, Eigen::half);
REGISTER_UNARY_OP_CPU("Square", functor::Square, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Square", functor::Square, float);
REGISTER_UNARY_OP_CPU("Square", functor::Square, double);

}  // namespace rill
