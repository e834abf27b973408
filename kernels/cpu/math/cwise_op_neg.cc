// The CPU kernels of Neg for int32, int64, half, bfloat16, float and double: UnaryOp with
// functor::Neg.
#include <cstdint>

#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Neg", functor::Neg, int32_t);
REGISTER_UNARY_OP_CPU("Neg", functor::Neg, int64_t);
REGISTER_UNARY_OP_CPU("Neg", functor::Neg, Eigen::half);
REGISTER_UNARY_OP_CPU("Neg", functor::Neg, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Neg", functor::Neg, float);
REGISTER_UNARY_OP_CPU("Neg", functor::Neg, double);

}  // namespace rill
