// Reduction op definitions: across tensors (AddN), over axes (Sum, Mean, Prod, Max, Min,
// All, Any), to indices (ArgMax, ArgMin) and cumulative (Cumsum, Cumprod), with TensorFlow's
// names, attrs and shape functions. Kernels: kernels/cpu/math.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

// AddNShape: every input describes the same shape; the output is their merge.
absl::Status AddNShape(InferenceContext* c) {
  ShapeHandle merged = c->input(c->num_inputs() - 1);
  for (int i = c->num_inputs() - 2; i >= 0; --i) {
    const absl::Status status = c->Merge(c->input(i), merged, &merged);
    if (!status.ok()) {
      return errors::AppendToMessage(status, " (from merging shape ", i, " with other shapes)");
    }
  }
  c->set_output(0, merged);
  return absl::OkStatus();
}

// ScalarAxisValue reads the constant scalar int32/int64 `axis`.
int64_t ScalarAxisValue(const Tensor& axis) {
  return axis.dtype() == DT_INT32 ? axis.scalar<int32_t>()() : axis.scalar<int64_t>()();
}

// ArgOpShape: input 0 without the dimension named by the scalar input 1. That dimension
// must exist and be non-empty; when its value is unknown, the output has the input's rank
// minus one with unknown dims.
absl::Status ArgOpShape(InferenceContext* c) {
  ShapeHandle dimension;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &dimension));
  const ShapeHandle input = c->input(0);
  if (!c->RankKnown(input)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  const int32_t rank = c->Rank(input);
  const Tensor* dimension_tensor = c->input_tensor(1);
  if (dimension_tensor == nullptr) {
    c->set_output(0, rank <= 1 ? c->Scalar() : c->UnknownShapeOfRank(rank - 1));
    return absl::OkStatus();
  }
  const int64_t value = ScalarAxisValue(*dimension_tensor);
  const int64_t axis = value < 0 ? value + rank : value;
  if (axis < 0 || axis >= rank) {
    return errors::InvalidArgument("Dimension (", value, ") must be in the range [", -rank, ", ",
                                   rank, "), where ", rank,
                                   " is the number of dimensions in the input.");
  }
  if (c->Value(c->Dim(input, axis)) == 0) {
    return errors::InvalidArgument("Reduction axis ", value, " is empty in shape ",
                                   c->DebugString(input));
  }
  std::vector<DimensionHandle> dims;
  for (int i = 0; i < rank; ++i) {
    if (i != axis) dims.push_back(c->Dim(input, i));
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

// ScanShape: the output has x's shape; the axis is a scalar, and when both it and x's rank
// are known it must name one of x's dimensions.
absl::Status ScanShape(InferenceContext* c) {
  ShapeHandle axis;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &axis));
  const ShapeHandle x = c->input(0);
  const Tensor* axis_tensor = c->input_tensor(1);
  if (axis_tensor != nullptr && c->RankKnown(x)) {
    const int64_t value = ScalarAxisValue(*axis_tensor);
    const int32_t rank = c->Rank(x);
    if (value < -rank || value >= rank) {
      return errors::InvalidArgument("ScanOp: Expected scan axis in the range [", -rank, ", ", rank,
                                     "), but got ", value);
    }
  }
  c->set_output(0, x);
  return absl::OkStatus();
}

// ReductionOp is the spec every reduction shares: `input` reduced along
// `reduction_indices`, with keep_dims. Numeric reductions are over T (numbertype) and
// differentiable; the logical ones (All, Any) are over bool and have no gradient.
OpDefBuilder ReductionOp(const char* name, const char* what, bool logical) {
  OpDefBuilder builder(name);
  const std::string element_type = logical ? "bool" : "T";
  if (logical) {
    builder.NoGradient();
  } else {
    builder.Differentiable().Attr("T: numbertype");
  }
  builder.Input("input: " + element_type)
      .Input("reduction_indices: Tidx")
      .Output("output: " + element_type)
      .Attr("keep_dims: bool = false")
      .Attr("Tidx: {int32, int64} = DT_INT32")
      .SetShapeFn(ReductionShape)
      .Doc(absl::StrCat("Computes the ", what, R"doc( of elements across dimensions of a tensor.

Reduces `input` along the dimensions given in `reduction_indices`. Unless
`keep_dims` is true, the rank of the tensor is reduced by 1 for each entry in
`reduction_indices`. If `keep_dims` is true, the reduced dimensions are
retained with length 1.

input: The tensor to reduce.
reduction_indices: The dimensions to reduce. Must be in the range
  `[-rank(input), rank(input))`.
keep_dims: If true, retain reduced dimensions with length 1.
output: The reduced tensor.
)doc"));
  return builder;
}

// ScanOp is the spec the cumulative ops (Cumsum, Cumprod) share: x scanned along `axis`,
// inclusive or exclusive, forwards or in reverse; differentiable.
OpDefBuilder ScanOp(const char* name) {
  OpDefBuilder builder(name);
  builder.Differentiable()
      .Input("x: T")
      .Input("axis: Tidx")
      .Attr("exclusive: bool = false")
      .Attr("reverse: bool = false")
      .Output("out: T")
      .Attr("T: numbertype")
      .Attr("Tidx: {int32, int64} = DT_INT32")
      .SetShapeFn(ScanShape);
  return builder;
}

}  // namespace

REGISTER_OP("AddN")
    .Differentiable()
    .Input("inputs: N * T")
    .Output("sum: T")
    .Attr("N: int >= 1")
    // TensorFlow's {numbertype, variant}, spelled out.
    .Attr(
        "T: {float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
        "uint32, uint64, complex64, complex128, qint8, quint8, qint32, qint16, quint16, "
        "variant}")
    .SetIsCommutative()
    .SetIsAggregate()
    .SetShapeFn(AddNShape)
    .Doc(R"doc(
Add all input tensors element wise.

  Inputs must be of same size and shape.

  ```python
  x = [9, 7, 10]
  tf.math.add_n(x) ==> 26
  ```

inputs: Must all be the same size and shape.
)doc");

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterSum(
    ReductionOp("Sum", "sum", /*logical=*/false));
[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterMean(
    ReductionOp("Mean", "mean", /*logical=*/false));
[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterProd(
    ReductionOp("Prod", "product", /*logical=*/false));
[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterMax(
    ReductionOp("Max", "maximum", /*logical=*/false));
[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterMin(
    ReductionOp("Min", "minimum", /*logical=*/false));
[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterAll(
    ReductionOp("All", "\"logical and\"", /*logical=*/true));
[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterAny(
    ReductionOp("Any", "\"logical or\"", /*logical=*/true));

REGISTER_OP("ArgMax")
    .NoGradient()
    .Input("input: T")
    .Input("dimension: Tidx")
    .Output("output: output_type")
    .Attr("T: numbertype")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .Attr("output_type: {int32, int64} = DT_INT64")
    .SetShapeFn(ArgOpShape)
    .Doc(R"doc(
Returns the index with the largest value across dimensions of a tensor.

Ties resolve to the smallest index; a NaN counts as larger than every number, so the
first NaN wins (as NumPy's argmax).

dimension: int32 or int64, must be in the range `[-rank(input), rank(input))`.
  Describes which dimension of the input Tensor to reduce across. For vectors,
  use dimension = 0.
)doc");

REGISTER_OP("ArgMin")
    .NoGradient()
    .Input("input: T")
    .Input("dimension: Tidx")
    .Output("output: output_type")
    .Attr("T: numbertype")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .Attr("output_type: {int32, int64} = DT_INT64")
    .SetShapeFn(ArgOpShape)
    .Doc(R"doc(
Returns the index with the smallest value across dimensions of a tensor.

Ties resolve to the smallest index; a NaN counts as smaller than every number, so the
first NaN wins (as NumPy's argmin).

dimension: int32 or int64, must be in the range `[-rank(input), rank(input))`.
  Describes which dimension of the input Tensor to reduce across. For vectors,
  use dimension = 0.
)doc");

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterCumsum(
    ScanOp("Cumsum").Doc(R"doc(
Compute the cumulative sum of the tensor `x` along `axis`.

By default, this op performs an inclusive cumsum, which means that the first
element of the input is identical to the first element of the output:

```python
tf.cumsum([a, b, c])  # => [a, a + b, a + b + c]
```

By setting the `exclusive` kwarg to `True`, an exclusive cumsum is
performed instead:

```python
tf.cumsum([a, b, c], exclusive=True)  # => [0, a, a + b]
```

By setting the `reverse` kwarg to `True`, the cumsum is performed in the
opposite direction:

```python
tf.cumsum([a, b, c], reverse=True)  # => [a + b + c, b + c, c]
```

The `reverse` and `exclusive` kwargs can also be combined:

```python
tf.cumsum([a, b, c], exclusive=True, reverse=True)  # => [b + c, c, 0]
```

x: A `Tensor` of numbers.
axis: A scalar `Tensor` of type `int32` or `int64`, in the range
  `[-rank(x), rank(x))`.
exclusive: If `True`, perform exclusive cumsum.
reverse: A `bool` (default: False).
)doc"));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterCumprod(
    ScanOp("Cumprod").Doc(R"doc(
Compute the cumulative product of the tensor `x` along `axis`.

By default, this op performs an inclusive cumprod, which means that the first
element of the input is identical to the first element of the output:

```python
tf.math.cumprod([a, b, c])  # => [a, a * b, a * b * c]
```

By setting the `exclusive` kwarg to `True`, an exclusive cumprod is
performed instead:

```python
tf.math.cumprod([a, b, c], exclusive=True)  # => [1, a, a * b]
```

By setting the `reverse` kwarg to `True`, the cumprod is performed in the
opposite direction:

```python
tf.math.cumprod([a, b, c], reverse=True)  # => [a * b * c, b * c, c]
```

The `reverse` and `exclusive` kwargs can also be combined:

```python
tf.math.cumprod([a, b, c], exclusive=True, reverse=True)  # => [b * c, c, 1]
```

x: A `Tensor` of numbers.
axis: A scalar `Tensor` of type `int32` or `int64`, in the range
  `[-rank(x), rank(x))`.
exclusive: If `True`, perform exclusive cumprod.
reverse: A `bool` (default: False).
)doc"));

}  // namespace rill
