// The CPU kernels of Round (half to even; integers unchanged) for int32, int64, half, bfloat16,
// float and double: UnaryOp with functor::Round.
#include <cstdint>

#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Round", functor::Round, int32_t);
REGISTER_UNARY_OP_CPU("Round", functor::Round, int64_t);
REGISTER_UNARY_OP_CPU("Round", functor::Round, Eigen::half);
REGISTER_UNARY_OP_CPU("Round", functor::Round, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Round", functor::Round, float);
REGISTER_UNARY_OP_CPU("Round", functor::Round, double);

}  // namespace rill
