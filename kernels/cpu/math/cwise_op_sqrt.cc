// The CPU kernels of Sqrt (UnaryOp with functor::Sqrt) and of its gradient SqrtGrad
// (UnaryGradOp with functor::SqrtGrad) for half, bfloat16, float and double.
#include "kernels/cpu/math/unary_grad_op.h"
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, Eigen::half);
REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, float);
REGISTER_UNARY_OP_CPU("Sqrt", functor::Sqrt, double);

REGISTER_UNARY_GRAD_OP_CPU("SqrtGrad", functor::SqrtGrad, Eigen::half);
REGISTER_UNARY_GRAD_OP_CPU("SqrtGrad", functor::SqrtGrad, Eigen::bfloat16);
REGISTER_UNARY_GRAD_OP_CPU("SqrtGrad", functor::SqrtGrad, float);
REGISTER_UNARY_GRAD_OP_CPU("SqrtGrad", functor::SqrtGrad, double);

}  // namespace rill
