// Op definitions of the ops that produce or consume positions (Where, Unique,
// InvertPermutation, OneHot), with TensorFlow's names, attrs and shape functions.
#include <cstdint>

#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// WhereShape: [number of true elements (unknown), rank of the input].
absl::Status WhereShape(InferenceContext* c) {
  c->set_output(0, c->Matrix(c->UnknownDim(), c->Rank(c->input(0))));
  return absl::OkStatus();
}

// UniqueShape: y is a vector of unknown length, idx has the shape of the vector x.
absl::Status UniqueShape(InferenceContext* c) {
  ShapeHandle x;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &x));
  c->set_output(0, c->Vector(InferenceContext::kUnknownDim));
  c->set_output(1, x);
  return absl::OkStatus();
}

// InvertPermutationShape: the input vector's shape.
absl::Status InvertPermutationShape(InferenceContext* c) {
  ShapeHandle x;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &x));
  c->set_output(0, x);
  return absl::OkStatus();
}

// OneHotShape: indices' shape with a dimension of size `depth` inserted at `axis`
// (-1: appended).
absl::Status OneHotShape(InferenceContext* c) {
  int64_t axis;
  RETURN_IF_ERROR(c->GetAttr("axis", &axis));
  if (axis < -1) return errors::InvalidArgument("axis must be >= -1, but is ", axis);
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
  RETURN_IF_ERROR(c->WithRank(c->input(2), 0, &unused));
  RETURN_IF_ERROR(c->WithRank(c->input(3), 0, &unused));
  DimensionHandle depth;
  RETURN_IF_ERROR(c->MakeDimForScalarInput(1, &depth));

  const ShapeHandle indices = c->input(0);
  if (!c->RankKnown(indices)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  const int64_t rank = c->Rank(indices);
  if (axis > rank) {
    return errors::InvalidArgument("Expected axis to be -1 or between [0, ", rank + 1,
                                   "), but received: ", axis);
  }
  const int64_t depth_index = axis == -1 ? rank : axis;
  ShapeHandle front;
  RETURN_IF_ERROR(c->Subshape(indices, 0, depth_index, &front));
  ShapeHandle back;
  RETURN_IF_ERROR(c->Subshape(indices, depth_index, &back));
  ShapeHandle out;
  RETURN_IF_ERROR(c->Concatenate(front, c->Vector(depth), &out));
  RETURN_IF_ERROR(c->Concatenate(out, back, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Where")
    .NoGradient()
    .Input("input: T")
    // TensorFlow's {numbertype, bool}, spelled out: the spec parser takes no group in a set.
    .Attr(
        "T: {float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
        "uint32, uint64, complex64, complex128, qint8, quint8, qint32, qint16, quint16, "
        "bool} = DT_BOOL")
    .Output("index: int64")
    .SetShapeFn(WhereShape)
    .Doc(R"doc(
Returns locations of nonzero / true values in a tensor.

This operation returns the coordinates of true elements in `input`. The
coordinates are returned in a 2-D tensor where the first dimension (rows)
represents the number of true elements, and the second dimension (columns)
represents the coordinates of the true elements. The output has as many rows as
`input` has true (nonzero) elements, in row-major order.

```
# 'input' tensor is [[True, False]
#                    [True, False]]
where(input) ==> [[0, 0],
                  [1, 0]]
```
)doc");

REGISTER_OP("Unique")
    .NoGradient()
    .Input("x: T")
    .Output("y: T")
    .Output("idx: out_idx")
    .Attr("T: type")
    .Attr("out_idx: {int32, int64} = DT_INT32")
    .SetShapeFn(UniqueShape)
    .Doc(R"doc(
Finds unique elements in a 1-D tensor.

This operation returns a tensor `y` containing all of the unique elements of `x`
in the order they first occur in `x`, and a tensor `idx` the same size as `x`
that holds the index of each value of `x` in `y`: `y[idx[i]] = x[i]`.

```
# tensor 'x' is [1, 1, 2, 4, 4, 4, 7, 8, 8]
y, idx = unique(x)
y ==> [1, 2, 4, 7, 8]
idx ==> [0, 0, 1, 2, 2, 2, 3, 4, 4]
```

x: 1-D.
y: 1-D.
idx: 1-D.
)doc");

REGISTER_OP("InvertPermutation")
    .NoGradient()
    .Input("x: T")
    .Output("y: T")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn(InvertPermutationShape)
    .Doc(R"doc(
Computes the inverse permutation of a tensor.

Given a vector `x` holding a permutation of `0, ..., n - 1`, this operation computes
`y` such that `y[x[i]] = i` for `i` in `[0, 1, ..., len(x) - 1]`. A value out of
range or a duplicate is an error.

```
# tensor `x` is [3, 4, 0, 2, 1]
invert_permutation(x) ==> [2, 4, 3, 0, 1]
```

x: 1-D.
y: 1-D.
)doc");

REGISTER_OP("OneHot")
    .NoGradient()
    .Input("indices: TI")
    .Input("depth: int32")
    .Input("on_value: T")
    .Input("off_value: T")
    .Attr("axis: int = -1")
    .Output("output: T")
    .Attr("T: type")
    .Attr("TI: {uint8, int8, int32, int64} = DT_INT64")
    .SetShapeFn(OneHotShape)
    .Doc(R"doc(
Returns a one-hot tensor.

The locations represented by indices in `indices` take value `on_value`, while all
other locations take value `off_value`. An index outside `[0, depth)` (negative ones
included) gives a row of `off_value` only; it is not an error.

If `indices` has rank N, the output has rank N + 1: a new axis of size `depth` is
inserted at dimension `axis` (default: appended last).

```
indices = [0, 2, -1, 1], depth = 3, on_value = 5.0, off_value = 0.0, axis = -1
output ==> [[5.0, 0.0, 0.0],
            [0.0, 0.0, 5.0],
            [0.0, 0.0, 0.0],
            [0.0, 5.0, 0.0]]
```

indices: A tensor of indices.
depth: A scalar defining the depth of the one hot dimension.
on_value: A scalar defining the value to fill in output when `indices[j] = i`.
off_value: A scalar defining the value to fill in output when `indices[j] != i`.
axis: The axis to fill (default: -1, a new inner-most axis).
output: The one-hot tensor.
)doc");

}  // namespace rill
