// Resource-variable op definitions with TensorFlow's names, attrs and shape functions:
// VarHandleOp, ReadVariableOp, Assign(Add|Sub)VariableOp, VarIsInitializedOp,
// VariableShape, ResourceGather, ResourceScatter(Add|Sub|Update), DestroyResourceOp.
// Kernels live in kernels/cpu/state; gradient functions in state_gradients.cc.
//
// Rill's shape inference carries no handle data (TensorFlow's shapes and types riding on a
// resource tensor), so the value shapes these functions see are only the inputs' own. A
// read's shape is unknown unless its node carries TensorFlow's "_output_shapes" attr (the
// client's Variable sets it to the variable's shape); checks against the variable's
// declared shape happen in the kernels, which read it from the handle.
#include <cstdint>
#include <vector>

#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"

namespace rill {
namespace {

// HandleIsScalar: input 0, the resource handle, is a scalar.
absl::Status HandleIsScalar(InferenceContext* c) {
  ShapeHandle unused;
  return c->WithRank(c->input(0), 0, &unused);
}

absl::Status VarHandleShape(InferenceContext* c) {
  PartialTensorShape shape;
  RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  DataType dtype;
  RETURN_IF_ERROR(c->GetAttr("dtype", &dtype));
  if (dtype == DT_RESOURCE) {
    return errors::InvalidArgument("A variable cannot hold a resource (dtype ",
                                   DataTypeString(dtype), ")");
  }
  c->set_output(0, c->Scalar());
  return absl::OkStatus();
}

// ReadVariableShape: the shape "_output_shapes" gives, else unknown.
absl::Status ReadVariableShape(InferenceContext* c) {
  RETURN_IF_ERROR(HandleIsScalar(c));
  std::vector<PartialTensorShape> output_shapes;
  const absl::Status status = c->GetAttr("_output_shapes", &output_shapes);
  if (absl::IsNotFound(status)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(status);
  if (output_shapes.size() != 1) {
    return errors::InvalidArgument("_output_shapes of a ReadVariableOp must hold one shape, got ",
                                   output_shapes.size());
  }
  c->set_output(0, c->MakeShapeFromPartialTensorShape(output_shapes[0]));
  return absl::OkStatus();
}

absl::Status VarIsInitializedShape(InferenceContext* c) {
  RETURN_IF_ERROR(HandleIsScalar(c));
  c->set_output(0, c->Scalar());
  return absl::OkStatus();
}

// ResourceGatherShape: the output is params.shape[:batch_dims] + indices.shape[batch_dims:]
// + params.shape[batch_dims + 1:] with the batch dims equal to indices', i.e. indices'
// shape followed by the variable's trailing dims, which only the kernel knows.
absl::Status ResourceGatherShape(InferenceContext* c) {
  RETURN_IF_ERROR(HandleIsScalar(c));
  int64_t batch_dims;
  RETURN_IF_ERROR(c->GetAttr("batch_dims", &batch_dims));
  const ShapeHandle indices = c->input(1);
  if (c->RankKnown(indices)) {
    const int64_t rank = c->Rank(indices);
    if (batch_dims < -rank || batch_dims > rank) {
      return errors::InvalidArgument("Expected batch_dims in the range [", -rank, ", ", rank,
                                     "], but got ", batch_dims);
    }
  }
  c->set_output(0, c->UnknownShape());
  return absl::OkStatus();
}

// ResourceScatterShape: updates is a scalar (applied to every row named) or
// indices.shape + var.shape[1:], so it starts with indices' dims; the rest is checked by
// the kernel against the variable.
absl::Status ResourceScatterShape(InferenceContext* c) {
  RETURN_IF_ERROR(HandleIsScalar(c));
  const ShapeHandle indices = c->input(1);
  const ShapeHandle updates = c->input(2);
  if (c->RankKnown(indices) && c->RankKnown(updates) && c->Rank(updates) > 0) {
    ShapeHandle unused_updates;
    ShapeHandle unused_prefix;
    if (c->Rank(updates) < c->Rank(indices) ||
        !c->MergePrefix(updates, indices, &unused_updates, &unused_prefix).ok()) {
      return errors::InvalidArgument("updates.shape ", c->DebugString(updates),
                                     " must start with indices.shape ", c->DebugString(indices));
    }
  }
  return absl::OkStatus();
}

// VariableShapeShape: a vector, of the variable's rank, which only the kernel knows.
absl::Status VariableShapeShape(InferenceContext* c) {
  c->set_output(0, c->Vector(c->UnknownDim()));
  return absl::OkStatus();
}

absl::Status AssignShape(InferenceContext* c) { return HandleIsScalar(c); }

}  // namespace

REGISTER_OP("VarHandleOp")
    .NoGradient()
    .Output("resource: resource")
    .Attr("container: string = ''")
    .Attr("shared_name: string = ''")
    .Attr("dtype: type")
    .Attr("shape: shape")
    .Attr("allowed_devices: list(string) = []")
    .SetIsStateful()
    .SetShapeFn(VarHandleShape)
    .Doc(R"doc(
Creates a handle to a Variable resource.

The handle names the variable `container`/`shared_name` in the resource manager of the
session running it, so two sessions on one graph hold separate values. It does not
create the variable: the first assignment does.

resource: The handle, a scalar resource tensor.
container: The container this variable is placed in; empty means the device's default
  container.
shared_name: The name by which this variable is referred to (and named in errors);
  empty means the node's name.
dtype: The type of this variable. Must agree with the dtypes of all ops using it.
shape: The (possibly partially specified) shape of this variable; assignments must be
  compatible with it.
allowed_devices: Kept for compatibility with TensorFlow's graphs; unused.
)doc");

REGISTER_OP("ReadVariableOp")
    .Differentiable()
    .Input("resource: resource")
    .Output("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(ReadVariableShape)
    .Doc(R"doc(
Reads the value of a variable.

The tensor returned by this operation is immutable: later writes to the variable copy
the variable's buffer while a reader still holds it.

Reading a variable that was never assigned is a FailedPrecondition error:
"Attempting to use uninitialized value <shared_name>". The inferred shape of `value` is
unknown unless the node's "_output_shapes" attr gives it.

resource: Handle to the resource in which the variable is stored.
value: The variable's value.
dtype: The dtype of the value.
)doc");

REGISTER_OP("AssignVariableOp")
    .NoGradient()
    .Input("resource: resource")
    .Input("value: dtype")
    .Attr("dtype: type")
    .Attr("validate_shape: bool = false")
    .SetShapeFn(AssignShape)
    .Doc(R"doc(
Assigns a new value to a variable, creating the variable at its first assignment.

The value must have the variable's dtype and a shape compatible with the shape its
VarHandleOp declared (InvalidArgument naming the variable otherwise). Any ReadVariableOp
with a control dependency on this op returns this value or a newer one.

resource: Handle to the resource in which the variable is stored.
value: The value to set the new tensor to use.
dtype: The dtype of the value.
validate_shape: Also require the value to have the shape of the current value.
)doc");

REGISTER_OP("AssignAddVariableOp")
    .NoGradient()
    .Input("resource: resource")
    .Input("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(AssignShape)
    .Doc(R"doc(
Adds a value to the current value of a variable.

The value must have the variable's dtype and shape. Any ReadVariableOp which depends
directly or indirectly on this assign sees the incremented value or a newer one.

resource: Handle to the resource in which the variable is stored.
value: The value by which the variable will be incremented.
dtype: The dtype of the value.
)doc");

REGISTER_OP("AssignSubVariableOp")
    .NoGradient()
    .Input("resource: resource")
    .Input("value: dtype")
    .Attr("dtype: type")
    .SetShapeFn(AssignShape)
    .Doc(R"doc(
Subtracts a value from the current value of a variable.

The value must have the variable's dtype and shape. Any ReadVariableOp which depends
directly or indirectly on this assign sees the decremented value or a newer one.

resource: Handle to the resource in which the variable is stored.
value: The value by which the variable will be decremented.
dtype: The dtype of the value.
)doc");

REGISTER_OP("VarIsInitializedOp")
    .NoGradient()
    .Input("resource: resource")
    .Output("is_initialized: bool")
    .SetShapeFn(VarIsInitializedShape)
    .Doc(R"doc(
Checks whether a resource handle-based variable has been initialized.

resource: The input resource handle.
is_initialized: A scalar boolean which is true if the variable has been initialized.
)doc");

REGISTER_OP("VariableShape")
    .NoGradient()
    .Input("input: resource")
    .Output("output: out_type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(VariableShapeShape)
    .Doc(R"doc(
Returns the shape of the variable pointed to by `resource`.

This operation returns a 1-D integer tensor representing the shape of `input`.

For example:

```
# 't' is [[[1, 1, 1], [2, 2, 2]], [[3, 3, 3], [4, 4, 4]]]
shape(t) ==> [2, 2, 3]
```

Reading the shape of a variable that was never assigned is the uninitialized-value error;
a dimension beyond int32's range with out_type int32 is InvalidArgument.

input: Handle to the variable.
output: The variable's shape.
)doc");

REGISTER_OP("ResourceGather")
    .Differentiable()
    .Input("resource: resource")
    .Input("indices: Tindices")
    .Attr("batch_dims: int = 0")
    .Attr("validate_indices: bool = true")
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(ResourceGatherShape)
    .Doc(R"doc(
Gathers slices from the variable pointed to by `resource` according to `indices`.

`indices` must be an integer tensor of any dimension (usually 0-D or 1-D). Produces an
output tensor with shape `indices.shape + params.shape[1:]` where:

```
    # Scalar indices
    output[:, ..., :] = params[indices, :, ... :]

    # Vector indices
    output[i, :, ..., :] = params[indices[i], :, ... :]

    # Higher rank indices
    output[i, ..., j, :, ... :] = params[indices[i, ..., j], :, ..., :]
```

With `batch_dims` > 0 the leading `batch_dims` dimensions of the variable and of
`indices` are batch dimensions and the gather is along axis `batch_dims`. An index
outside the gathered dimension is an error: "indices[3] = 50001 is not in [0, 50000)".

resource: Handle to the variable to gather from.
indices: Index tensor.
batch_dims: The number of leading batch dimensions; negative values count from the
  rank of `indices`.
validate_indices: Kept for compatibility; indices are always validated.
output: The gathered slices.
)doc");

REGISTER_OP("ResourceScatterAdd")
    .NoGradient()
    .Input("resource: resource")
    .Input("indices: Tindices")
    .Input("updates: dtype")
    .Attr("dtype: numbertype")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(ResourceScatterShape)
    .Doc(R"doc(
Adds sparse updates to the variable referenced by `resource`.

This operation computes

    # Scalar indices
    ref[indices, ...] += updates[...]

    # Vector indices (for each i)
    ref[indices[i], ...] += updates[i, ...]

    # High rank indices (for each i, ..., j)
    ref[indices[i, ..., j], ...] += updates[i, ..., j, ...]

Duplicate entries are handled correctly: if multiple `indices` reference the same
location, their contributions add. Requires `updates.shape = indices.shape +
ref.shape[1:]` or a scalar `updates`.

resource: Should be from a `VarHandleOp` node.
indices: A tensor of indices into the first dimension of `ref`.
updates: A tensor of updated values to add to `ref`.
)doc");

REGISTER_OP("ResourceScatterSub")
    .NoGradient()
    .Input("resource: resource")
    .Input("indices: Tindices")
    .Input("updates: dtype")
    .Attr("dtype: numbertype")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(ResourceScatterShape)
    .Doc(R"doc(
Subtracts sparse updates from the variable referenced by `resource`.

This operation computes

    # Vector indices (for each i)
    ref[indices[i], ...] -= updates[i, ...]

Duplicate entries are handled correctly: if multiple `indices` reference the same
location, their (negated) contributions add. Requires `updates.shape = indices.shape +
ref.shape[1:]` or a scalar `updates`.

resource: Should be from a `VarHandleOp` node.
indices: A tensor of indices into the first dimension of `ref`.
updates: A tensor of updated values to subtract from `ref`.
)doc");

REGISTER_OP("ResourceScatterUpdate")
    .NoGradient()
    .Input("resource: resource")
    .Input("indices: Tindices")
    .Input("updates: dtype")
    .Attr("dtype: type")
    .Attr("Tindices: {int32, int64}")
    .SetShapeFn(ResourceScatterShape)
    .Doc(R"doc(
Assigns sparse updates to the variable referenced by `resource`.

This operation computes

    # Vector indices (for each i)
    ref[indices[i], ...] = updates[i, ...]

When several `indices` name one row, the last update wins. Requires `updates.shape =
indices.shape + ref.shape[1:]` or a scalar `updates`.

resource: Should be from a `VarHandleOp` node.
indices: A tensor of indices into the first dimension of `ref`.
updates: A tensor of updated values to store in `ref`.
)doc");

REGISTER_OP("DestroyResourceOp")
    .NoGradient()
    .Input("resource: resource")
    .Attr("ignore_lookup_error: bool = true")
    .SetIsStateful()
    .SetShapeFn(HandleIsScalar)
    .Doc(R"doc(
Deletes the resource specified by the handle.

All subsequent operations using the resource will result in a NotFound error status
(for a variable: the uninitialized-value error).

resource: Handle to the resource to delete.
ignore_lookup_error: Whether to ignore the error when the resource doesn't exist.
)doc");

}  // namespace rill
