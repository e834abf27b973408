// The CPU kernels of Tanh (UnaryOp with functor::Tanh) and of its gradient TanhGrad
// (UnaryGradOp with functor::TanhGrad) for half, bfloat16, float and double.
#include "kernels/cpu/math/unary_grad_op.h"
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, Eigen::half);
REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, float);
REGISTER_UNARY_OP_CPU("Tanh", functor::Tanh, double);

REGISTER_UNARY_GRAD_OP_CPU("TanhGrad", functor::TanhGrad, Eigen::half);
REGISTER_UNARY_GRAD_OP_CPU("TanhGrad", functor::TanhGrad, Eigen::bfloat16);
REGISTER_UNARY_GRAD_OP_CPU("TanhGrad", functor::TanhGrad, float);
REGISTER_UNARY_GRAD_OP_CPU("TanhGrad", functor::TanhGrad, double);

}  // namespace rill
