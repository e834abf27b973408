// The CPU kernels of Sigmoid (UnaryOp with functor::Sigmoid) and of its gradient SigmoidGrad
// (UnaryGradOp with functor::SigmoidGrad) for half, bfloat16, float and double.
#include "kernels/cpu/math/unary_grad_op.h"
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, Eigen::half);
REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, float);
REGISTER_UNARY_OP_CPU("Sigmoid", functor::Sigmoid, double);

REGISTER_UNARY_GRAD_OP_CPU("SigmoidGrad", functor::SigmoidGrad, Eigen::half);
REGISTER_UNARY_GRAD_OP_CPU("SigmoidGrad", functor::SigmoidGrad, Eigen::bfloat16);
REGISTER_UNARY_GRAD_OP_CPU("SigmoidGrad", functor::SigmoidGrad, float);
REGISTER_UNARY_GRAD_OP_CPU("SigmoidGrad", functor::SigmoidGrad, double);

}  // namespace rill
