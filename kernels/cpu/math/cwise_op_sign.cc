// The CPU kernels of Sign for int32, int64, half, bfloat16, float and double: UnaryOp with
// functor::Sign.
#include <cstdint>

#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Sign", functor::Sign, int32_t);
REGISTER_UNARY_OP_CPU("Sign", functor::Sign, int64_t);
REGISTER_UNARY_OP_CPU("Sign", functor::Sign, Eigen::half);
REGISTER_UNARY_OP_CPU("Sign", functor::Sign, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Sign", functor::Sign, float);
REGISTER_UNARY_OP_CPU("Sign", functor::Sign, double);

}  // namespace rill
