// The helpers of the math gradient functions (see gradient_util.h).
#include "ops/math/gradient_util.h"

#include <type_traits>

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"

namespace rill {
namespace math_gradients {

Output OpInput(const Operation& op, int i) {
  const Edge* edge = nullptr;
  if (!op.node()->input_edge(i, &edge).ok()) return Output();
  return Output(edge->src, edge->src_output);
}

absl::Status GetBoolAttr(const Operation& op, absl::string_view name, bool* value) {
  return GetNodeAttr(op.node()->def(), name, value);
}

Output ScalarConst(const Scope& scope, double value, DataType dtype) {
  Tensor scalar(dtype, TensorShape());
  bool real = false;
  VisitDataType(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>) {
      scalar.scalar<T>()() = T(static_cast<float>(value));
      real = true;
    } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
      scalar.scalar<T>()() = static_cast<T>(value);
      real = true;
    }
  });
  if (!real) {
    scope.UpdateStatus(errors::Unimplemented("A gradient needs the constant ", value, " as ",
                                             DataTypeString(dtype),
                                             ", which is not a real number type"));
    return Output();
  }
  return ops::Const(scope, scalar);
}

Output Conj(const Scope& scope, const Output& x) {
  if (DataTypeIsComplex(x.type())) {
    scope.UpdateStatus(errors::Unimplemented("The gradient of complex ", x.name(),
                                             " needs Conj, which Rill does not have"));
  }
  return x;
}

std::optional<std::vector<int64_t>> ConstantInt64s(const Output& x) {
  if (x.node() == nullptr || x.node()->type_string() != "Const") return std::nullopt;
  Tensor value;
  if (!GetNodeAttr(x.node()->def(), "value", &value).ok()) return std::nullopt;
  std::vector<int64_t> values;
  if (value.dtype() == DT_INT32) {
    for (int64_t i = 0; i < value.NumElements(); ++i) values.push_back(value.flat<int32_t>()(i));
  } else if (value.dtype() == DT_INT64) {
    for (int64_t i = 0; i < value.NumElements(); ++i) values.push_back(value.flat<int64_t>()(i));
  } else {
    return std::nullopt;
  }
  return values;
}

}  // namespace math_gradients
}  // namespace rill
