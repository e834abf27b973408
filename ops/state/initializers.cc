// ZerosInitializer, OnesInitializer and ConstantInitializer (see initializers.h): a Fill of a
// scalar, or a Const of the value reshaped, built in the scope the variable gives them.
#include "ops/state/initializers.h"

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "ops/array/array_ops.h"
#include "ops/array/constant_helpers.h"
#include "ops/state/constant_conversion.h"

namespace rill {
namespace ops {
namespace {

// ShapeConstant is `shape` as the int64 vector Fill takes.
Tensor ShapeConstant(const TensorShape& shape) {
  Tensor dims(DT_INT64, TensorShape({shape.dims()}));
  for (int i = 0; i < shape.dims(); ++i) dims.flat<int64_t>()(i) = shape.dim_size(i);
  return dims;
}

}  // namespace

Initializer ZerosInitializer() {
  return [](const Scope& scope, const TensorShape& shape, DataType dtype) {
    return Zeros(scope.WithOpName("zeros"), ShapeConstant(shape), dtype);
  };
}

Initializer OnesInitializer() {
  return [](const Scope& scope, const TensorShape& shape, DataType dtype) {
    return Ones(scope.WithOpName("ones"), ShapeConstant(shape), dtype);
  };
}

Initializer ConstantInitializer(const Input::Initializer& value) {
  return [value](const Scope& scope, const TensorShape& shape, DataType dtype) -> Output {
    if (!scope.ok()) return Output();
    if (!value.status.ok()) {
      scope.UpdateStatus(value.status);
      return Output();
    }
    absl::StatusOr<Tensor> converted = ConvertConstant(value.tensor, dtype, scope.name_scope());
    if (!converted.ok()) {
      scope.UpdateStatus(converted.status());
      return Output();
    }
    if (converted->dims() == 0) {
      return Fill(scope, ShapeConstant(shape), *converted);
    }
    if (converted->NumElements() != shape.num_elements()) {
      scope.UpdateStatus(errors::InvalidArgument(
          "The constant initializer in ", scope.name_scope(), " has ", converted->NumElements(),
          " elements (shape ", converted->shape().DebugString(), ") but the variable's shape ",
          shape.DebugString(), " has ", shape.num_elements()));
      return Output();
    }
    Tensor reshaped;
    reshaped.CopyFrom(*converted, shape);
    return Const(scope.WithOpName("Const"), reshaped);
  };
}

}  // namespace ops
}  // namespace rill
