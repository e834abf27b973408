// The CPU kernels of Abs for int32, int64, half, bfloat16, float and double: UnaryOp with
// functor::Abs.
#include <cstdint>

#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Abs", functor::Abs, int32_t);
REGISTER_UNARY_OP_CPU("Abs", functor::Abs, int64_t);
REGISTER_UNARY_OP_CPU("Abs", functor::Abs, Eigen::half);
REGISTER_UNARY_OP_CPU("Abs", functor::Abs, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Abs", functor::Abs, float);
REGISTER_UNARY_OP_CPU("Abs", functor::Abs, double);

}  // namespace rill
