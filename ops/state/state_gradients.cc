// Gradient functions of the state ops, as TensorFlow's resource_variable_ops.py defines them:
// a read passes its gradient to the variable's handle as it is, and a gather from a variable
// gives an IndexedSlices of the rows it read.
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "core/client/const_op.h"
#include "core/client/gradient.h"
#include "core/client/gradient_registry.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/state/state_ops.h"

namespace rill {
namespace {

// InputOf sets `*input` to the tensor feeding data input `i` of `op`.
absl::Status InputOf(const Operation& op, int i, Output* input) {
  const Edge* edge;
  RETURN_IF_ERROR(op.node()->input_edge(i, &edge));
  *input = Output(edge->src, edge->src_output);
  return absl::OkStatus();
}

// VariableShapeOf is the int32 shape of the variable `handle` names (TensorFlow's
// variable_shape): a constant when the handle comes straight from a VarHandleOp whose
// declared shape is fully defined (TensorFlow reads it from the handle's shape data), else
// a VariableShape op reading the variable's current shape when the graph runs.
Output VariableShapeOf(const Scope& scope, const Output& handle) {
  PartialTensorShape declared;
  if (handle.node()->type_string() == "VarHandleOp" &&
      GetNodeAttr(handle.node()->def(), "shape", &declared).ok() && declared.IsFullyDefined()) {
    std::vector<int32_t> dims;
    for (int d = 0; d < declared.dims(); ++d) {
      dims.push_back(static_cast<int32_t>(declared.dim_size(d)));
    }
    return ops::Const(scope, Input::Initializer(dims));
  }
  return ops::VariableShape(scope, handle);
}

// ResourceGather(handle, indices) reads rows indices of the variable, so its gradient is the
// IndexedSlices of those rows: values = grad reshaped to [size(indices)] + params.shape[1:],
// indices flattened, dense_shape = the variable's shape. Repeated indices repeat rows, which
// add up when densified. Only for batch_dims = 0 (TensorFlow builds the same slices whatever
// batch_dims is, which is wrong for any other value).
absl::Status ResourceGatherGradient(const Scope& scope, const Operation& op,
                                    const std::vector<Output>& grad_inputs,
                                    std::vector<Gradient>* grad_outputs) {
  Output handle;
  Output indices;
  RETURN_IF_ERROR(InputOf(op, 0, &handle));
  RETURN_IF_ERROR(InputOf(op, 1, &indices));
  int64_t batch_dims;
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "batch_dims", &batch_dims));
  const PartialTensorShape indices_shape = indices.shape();
  if (batch_dims < 0 && indices_shape.dims() >= 0) batch_dims += indices_shape.dims();
  if (batch_dims != 0) {
    return errors::Unimplemented(
        "The gradient of ResourceGather ", op.name(),
        " is only implemented for batch_dims = 0, not batch_dims = ", batch_dims);
  }
  const Output params_shape = VariableShapeOf(scope, handle);
  const Output size = ops::ExpandDims(scope, ops::Size(scope, indices), 0);
  const Output trailing_dims =
      ops::StridedSlice(scope, params_shape, {1}, {0}, {1}, ops::StridedSlice::EndMask(1));
  const Output values_shape = ops::ConcatV2(scope, {size, trailing_dims}, 0);
  IndexedSlices slices;
  slices.values = ops::Reshape(scope, grad_inputs[0], values_shape);
  slices.indices = ops::Reshape(scope, indices, size);
  slices.dense_shape = params_shape;
  grad_outputs->push_back(slices);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}

REGISTER_FORWARDING_GRADIENT("ReadVariableOp");
REGISTER_GRADIENT("ResourceGather", ResourceGatherGradient);

}  // namespace
}  // namespace rill
