// Helpers shared by the array ops' gradient functions.
#include "ops/array/gradient_util.h"

#include "core/client/const_op.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/array/slicing.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace array_grad {

absl::Status DataInputs(const Operation& op, std::vector<Output>* inputs) {
  inputs->clear();
  for (int i = 0; i < op.num_inputs(); ++i) {
    const Edge* edge;
    RETURN_IF_ERROR(op.node()->input_edge(i, &edge));
    inputs->emplace_back(edge->src, edge->src_output);
  }
  return absl::OkStatus();
}

std::optional<DimVector> ConstantValues(const Output& x) {
  if (x.node() == nullptr) return std::nullopt;
  const Tensor* value = x.node()->constant_value();
  if (value == nullptr) return std::nullopt;
  absl::StatusOr<DimVector> values = IndexValues(*value, "constant");
  if (!values.ok()) return std::nullopt;
  return *std::move(values);
}

Tensor IndexTensor(DataType dtype, absl::Span<const int64_t> values) {
  Tensor tensor(dtype, TensorShape({static_cast<int64_t>(values.size())}));
  for (size_t i = 0; i < values.size(); ++i) {
    if (dtype == DT_INT64) {
      tensor.flat<int64_t>()(i) = values[i];
    } else {
      tensor.flat<int32_t>()(i) = static_cast<int32_t>(values[i]);
    }
  }
  return tensor;
}

Output IndexScalar(const Scope& scope, DataType dtype, int64_t value) {
  return ops::Const(scope, IndexTensor(dtype, {value}), TensorShape());
}

Output ShapeOf(const Scope& scope, const Output& x, DataType dtype) {
  const PartialTensorShape shape = x.shape();
  if (!shape.IsFullyDefined()) return ops::Shape(scope, x, ops::Shape::OutType(dtype));
  DimVector dims;
  for (int d = 0; d < shape.dims(); ++d) dims.push_back(shape.dim_size(d));
  return ops::Const(scope, IndexTensor(dtype, dims));
}

Output RankOf(const Scope& scope, const Output& x) {
  const PartialTensorShape shape = x.shape();
  if (shape.unknown_rank()) return ops::Rank(scope, x);
  return ops::Const(scope, static_cast<int32_t>(shape.dims()));
}

Output NonNegativeAxis(const Scope& scope, const Output& axis, const Output& x) {
  const std::optional<DimVector> value = ConstantValues(axis);
  const int rank = x.shape().dims();  // -1 when unknown.
  if (value.has_value() && value->size() == 1 && ((*value)[0] >= 0 || rank >= 0)) {
    const int64_t a = (*value)[0];
    return ops::Const(scope, static_cast<int32_t>(a < 0 ? a + rank : a));
  }
  const Output axis32 = axis.type() == DT_INT32 ? axis : ops::Cast(scope, axis, DT_INT32).y;
  return ops::FloorMod(scope, axis32, RankOf(scope, x));
}

}  // namespace array_grad
}  // namespace rill
