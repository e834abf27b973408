// ops::Zeros and ops::Ones (see constant_helpers.h): the scalar value for the dtype, the
// shape as a vector, then a Fill.
#include "ops/array/constant_helpers.h"

#include <cstdint>
#include <string>
#include <type_traits>

#include "absl/status/statusor.h"
#include "core/framework/errors.h"
#include "core/framework/resource_handle.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/variant.h"
#include "ops/array/array_ops.h"

namespace rill {
namespace ops {
namespace {

// ScalarOf returns the scalar 0 or 1 of `dtype`; InvalidArgument when the dtype has none.
absl::StatusOr<Tensor> ScalarOf(DataType dtype, bool one, const char* helper) {
  Tensor value(dtype, TensorShape());
  bool supported = false;
  VisitDataType(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, std::string>) {
      supported = !one;
    } else if constexpr (std::is_same_v<T, bool>) {
      value.scalar<T>()() = one;
      supported = true;
    } else if constexpr (!std::is_same_v<T, ResourceHandle> && !std::is_same_v<T, Variant>) {
      value.scalar<T>()() = T(one ? 1 : 0);
      supported = true;
    }
  });
  if (!supported) {
    return errors::InvalidArgument(helper, " does not support dtype ", DataTypeString(dtype));
  }
  return value;
}

// ShapeVector turns a constant scalar shape n into [n], and the empty list {} (a float
// vector of size 0) into an empty int32 vector; any other Input is passed on as is.
Input ShapeVector(const Input& shape) {
  if (!shape.is_constant() || !shape.status().ok()) return shape;
  const Tensor& dims = shape.tensor();
  if (dims.NumElements() == 0 && dims.dtype() == DT_FLOAT) {
    return Tensor(DT_INT32, TensorShape({0}));
  }
  if (dims.dims() == 0 && (dims.dtype() == DT_INT32 || dims.dtype() == DT_INT64)) {
    Tensor vector;
    vector.CopyFrom(dims, TensorShape({1}));
    return vector;
  }
  return shape;
}

Output FillWith(const Scope& scope, const Input& shape, DataType dtype, bool one,
                const char* helper) {
  if (!scope.ok()) return Output();
  absl::StatusOr<Tensor> value = ScalarOf(dtype, one, helper);
  if (!value.ok()) {
    scope.UpdateStatus(value.status());
    return Output();
  }
  return ops::Fill(scope, ShapeVector(shape), *value);
}

}  // namespace

Output Zeros(const Scope& scope, const Input& shape, DataType dtype) {
  return FillWith(scope, shape, dtype, /*one=*/false, "Zeros");
}

Output Ones(const Scope& scope, const Input& shape, DataType dtype) {
  return FillWith(scope, shape, dtype, /*one=*/true, "Ones");
}

}  // namespace ops
}  // namespace rill
