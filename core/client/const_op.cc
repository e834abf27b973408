// ops::Const: a `Const` node from an Initializer, with its value and dtype as attrs.
#include "core/client/const_op.h"

#include "core/client/op_builder.h"
#include "core/framework/errors.h"

namespace rill {
namespace ops {

Output Const(const Scope& scope, const Input::Initializer& value) {
  if (!scope.ok()) return Output();
  if (!value.status.ok()) {
    scope.UpdateStatus(value.status);
    return Output();
  }
  if (!value.tensor.IsInitialized()) {
    scope.UpdateStatus(
        errors::InvalidArgument("Const needs a value, but was given an uninitialized ",
                                DataTypeString(value.tensor.dtype()), " tensor"));
    return Output();
  }
  OpBuilder builder(scope, "Const");
  builder.Attr("value", value.tensor).Attr("dtype", value.tensor.dtype());
  Node* node = builder.Finalize();
  if (node == nullptr) return Output();
  return Output(node, 0);
}

Output Const(const Scope& scope, const Input::Initializer& value, const TensorShape& shape) {
  if (!scope.ok()) return Output();
  if (!value.status.ok()) {
    scope.UpdateStatus(value.status);
    return Output();
  }
  const Tensor& source = value.tensor;
  Tensor shaped(source.dtype());
  if (source.NumElements() == shape.num_elements()) {
    shaped.CopyFrom(source, shape);
  } else if (source.NumElements() == 1 && source.IsInitialized()) {
    shaped = Tensor(source.dtype(), shape);
    const bool visited = VisitDataType(source.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      auto destination = shaped.flat<T>();
      for (int64_t i = 0; i < destination.size(); ++i) destination(i) = source.flat<T>()(0);
    });
    if (!visited) {
      scope.UpdateStatus(errors::InvalidArgument("Const cannot hold a ",
                                                 DataTypeString(source.dtype()), " value"));
      return Output();
    }
  } else {
    scope.UpdateStatus(
        errors::InvalidArgument("Const of shape ", shape.DebugString(), " needs ",
                                shape.num_elements(), " values (or 1 to repeat), but was given ",
                                source.NumElements(), " of shape ", source.shape().DebugString()));
    return Output();
  }
  return Const(scope, Input::Initializer(shaped));
}

}  // namespace ops
}  // namespace rill
