// Helpers shared by the nn gradient functions and client composites.
#include "ops/nn/client_util.h"

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/array/constant_helpers.h"

namespace rill {
namespace nn_util {

absl::Status InputOf(const Operation& op, int i, Output* input) {
  const Edge* edge;
  RETURN_IF_ERROR(op.node()->input_edge(i, &edge));
  *input = Output(edge->src, edge->src_output);
  return absl::OkStatus();
}

Output FloatScalar(const Scope& scope, double value, DataType dtype) {
  Tensor scalar(dtype, TensorShape());
  switch (dtype) {
    case DT_HALF:
      scalar.scalar<Eigen::half>()() = static_cast<Eigen::half>(value);
      break;
    case DT_BFLOAT16:
      scalar.scalar<Eigen::bfloat16>()() = static_cast<Eigen::bfloat16>(value);
      break;
    case DT_FLOAT:
      scalar.scalar<float>()() = static_cast<float>(value);
      break;
    case DT_DOUBLE:
      scalar.scalar<double>()() = value;
      break;
    default:
      scope.UpdateStatus(
          errors::InvalidArgument("Expected a floating dtype, got ", DataTypeString(dtype)));
      return Output();
  }
  return ops::Const(scope, scalar);
}

Output ZerosOfShapeOf(const Scope& scope, const Output& x) {
  return ops::Zeros(scope, ops::Shape(scope, x), x.type());
}

bool IsUnusedOutputGradient(const Operation& op, int i, const Output& grad) {
  if (grad.node() == nullptr || grad.node()->type_string() != "ZerosLike") return false;
  const Edge* edge;
  return grad.node()->input_edge(0, &edge).ok() && edge->src == op.node() &&
         edge->src_output == i;
}

}  // namespace nn_util
}  // namespace rill
