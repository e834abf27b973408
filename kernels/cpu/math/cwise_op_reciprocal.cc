// The CPU kernels of Reciprocal (UnaryOp with functor::Reciprocal) and of its gradient
// ReciprocalGrad (UnaryGradOp with functor::ReciprocalGrad) for half, bfloat16, float and
// double.
#include "kernels/cpu/math/unary_grad_op.h"
#include "kernels/cpu/math/unary_op.h"

namespace rill {

REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, Eigen::half);
REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, float);
REGISTER_UNARY_OP_CPU("Reciprocal", functor::Reciprocal, double);

REGISTER_UNARY_GRAD_OP_CPU("ReciprocalGrad", functor::ReciprocalGrad, Eigen::half);
REGISTER_UNARY_GRAD_OP_CPU("ReciprocalGrad", functor::ReciprocalGrad, Eigen::bfloat16);
REGISTER_UNARY_GRAD_OP_CPU("ReciprocalGrad", functor::ReciprocalGrad, float);
REGISTER_UNARY_GRAD_OP_CPU("ReciprocalGrad", functor::ReciprocalGrad, double);

}  // namespace rill
