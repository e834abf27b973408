// The CPU kernels of Div (truncating for integers) and RealDiv (floating types only):
// BinaryOp with functor::Div, which rejects integer division by zero.
#include <cstdint>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Div", functor::Div, Eigen::half);
REGISTER_BINARY_OP_CPU("Div", functor::Div, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Div", functor::Div, float);
REGISTER_BINARY_OP_CPU("Div", functor::Div, double);
REGISTER_BINARY_OP_CPU("Div", functor::Div, int32_t);
REGISTER_BINARY_OP_CPU("Div", functor::Div, int64_t);

REGISTER_BINARY_OP_CPU("RealDiv", functor::Div, Eigen::half);
REGISTER_BINARY_OP_CPU("RealDiv", functor::Div, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("RealDiv", functor::Div, float);
REGISTER_BINARY_OP_CPU("RealDiv", functor::Div, double);

}  // namespace rill
