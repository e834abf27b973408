// The CPU kernels of Rsqrt (UnaryOp with functor::Rsqrt) and of its gradient RsqrtGrad
// (UnaryGradOp with functor::RsqrtGrad) for half, bfloat16, float and double.
#include "kernels/cpu/math/unary_grad_op.h"
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, Eigen::half);
REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, float);
REGISTER_UNARY_OP_CPU("Rsqrt", functor::Rsqrt, double);

REGISTER_UNARY_GRAD_OP_CPU("RsqrtGrad", functor::RsqrtGrad, Eigen::half);
REGISTER_UNARY_GRAD_OP_CPU("RsqrtGrad", functor::RsqrtGrad, Eigen::bfloat16);
REGISTER_UNARY_GRAD_OP_CPU("RsqrtGrad", functor::RsqrtGrad, float);
REGISTER_UNARY_GRAD_OP_CPU("RsqrtGrad", functor::RsqrtGrad, double);

}  // namespace rill
