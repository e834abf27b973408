// Matrix product op definitions: MatMul and BatchMatMulV2 (batch dimensions broadcast as
// in NumPy), with TensorFlow's names, attrs and shape functions. Kernels: kernels/cpu/math.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// BatchMatMulV2Shape: x [..., r_x, c_x] and y [..., r_y, c_y], both at least matrices. The
// contracted dims (c_x or r_x with adj_x; r_y or c_y with adj_y) must merge, the batch
// dims broadcast, and the output is [broadcast batch..., rows of x', cols of y'].
absl::Status BatchMatMulV2Shape(InferenceContext* c) {
  ShapeHandle x;
  ShapeHandle y;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 2, &x));
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(1), 2, &y));
  bool adj_x;
  bool adj_y;
  RETURN_IF_ERROR(c->GetAttr("adj_x", &adj_x));
  RETURN_IF_ERROR(c->GetAttr("adj_y", &adj_y));
  const DimensionHandle rows = c->Dim(x, adj_x ? -1 : -2);
  const DimensionHandle cols = c->Dim(y, adj_y ? -2 : -1);
  DimensionHandle inner;
  RETURN_IF_ERROR(c->Merge(c->Dim(x, adj_x ? -2 : -1), c->Dim(y, adj_y ? -1 : -2), &inner));
  ShapeHandle x_batch;
  ShapeHandle y_batch;
  ShapeHandle batch;
  RETURN_IF_ERROR(c->Subshape(x, 0, -2, &x_batch));
  RETURN_IF_ERROR(c->Subshape(y, 0, -2, &y_batch));
  RETURN_IF_ERROR(BroadcastBinaryOpOutputShape(c, x_batch, y_batch, &batch));
  ShapeHandle out;
  RETURN_IF_ERROR(c->Concatenate(batch, c->Matrix(rows, cols), &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("MatMul")
    .Differentiable()
    .Input("a: T")
    .Input("b: T")
    .Output("product: T")
    .Attr("transpose_a: bool = false")
    .Attr("transpose_b: bool = false")
    .Attr("T: {bfloat16, half, float, double, int32, int64, complex64, complex128}")
    .SetShapeFn(MatMulShape)
    .Doc(R"doc(
Multiply the matrix "a" by the matrix "b".

The inputs must be two-dimensional matrices and the inner dimension of
"a" (after being transposed if transpose_a is true) must match the
outer dimension of "b" (after being transposed if transposed_b is
true).

transpose_a: If true, "a" is transposed before multiplication.
transpose_b: If true, "b" is transposed before multiplication.
)doc");

REGISTER_OP("BatchMatMulV2")
    .Differentiable()
    .Input("x: T")
    .Input("y: T")
    .Output("output: T")
    .Attr("T: {bfloat16, half, float, double, int16, int32, int64, complex64, complex128}")
    .Attr("adj_x: bool = false")
    .Attr("adj_y: bool = false")
    .SetShapeFn(BatchMatMulV2Shape)
    .Doc(R"doc(
Multiplies slices of two tensors in batches.

Multiplies all slices of `Tensor` `x` and `y` (each slice can be
viewed as an element of a batch), and arranges the individual results
in a single output tensor of the same batch size. Each of the
individual slices can optionally be adjointed (to adjoint a matrix
means to transpose and conjugate it) before multiplication by setting
the `adj_x` or `adj_y` flag to `True`, which are by default `False`.

The input tensors `x` and `y` are 2-D or higher with shape `[..., r_x, c_x]`
and `[..., r_y, c_y]`.

The output tensor is 2-D or higher with shape `[..., r_o, c_o]`, where:

    r_o = c_x if adj_x else r_x
    c_o = r_y if adj_y else c_y

It is computed as:

    output[..., :, :] = matrix(x[..., :, :]) * matrix(y[..., :, :])

*NOTE*: `BatchMatMulV2` supports broadcasting in the batch dimensions. More
about broadcasting
[here](http://docs.scipy.org/doc/numpy/user/basics.broadcasting.html).

x: 2-D or higher with shape `[..., r_x, c_x]`.
y: 2-D or higher with shape `[..., r_y, c_y]`.
output: 3-D or higher with shape `[..., r_o, c_o]`
adj_x: If `True`, adjoint the slices of `x`.
adj_y: If `True`, adjoint the slices of `y`.
)doc");

}  // namespace rill
