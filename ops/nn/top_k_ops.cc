// Op definitions of TopKV2 (the k largest entries of each last-dimension row) and InTopKV2
// (whether each target is among its row's k largest predictions), with TensorFlow's names,
// attrs and shape functions. Kernels live in kernels/cpu/nn; TopKV2's gradient in
// top_k_gradients.cc.
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// TopKShape: input of rank >= 1 with its last dimension replaced by k (the scalar input's
// value when constant); a known last dimension smaller than a known k is an error.
absl::Status TopKShape(InferenceContext* c) {
  ShapeHandle input;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 1, &input));
  DimensionHandle k;
  RETURN_IF_ERROR(c->MakeDimForScalarInput(1, &k));
  const DimensionHandle last = c->Dim(input, -1);
  if (c->ValueKnown(last) && c->ValueKnown(k) && c->Value(last) < c->Value(k)) {
    return errors::InvalidArgument("input must have last dimension >= k = ", c->Value(k),
                                   " but is ", c->Value(last));
  }
  ShapeHandle out;
  RETURN_IF_ERROR(c->Subshape(input, 0, -1, &out));
  RETURN_IF_ERROR(c->Concatenate(out, c->Vector(k), &out));
  c->set_output(0, out);
  c->set_output(1, out);
  return absl::OkStatus();
}

// InTopKShape: predictions [batch, classes], targets [batch]; precision [batch].
absl::Status InTopKShape(InferenceContext* c) {
  ShapeHandle predictions;
  ShapeHandle targets;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &predictions));
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &targets));
  DimensionHandle batch_size;
  RETURN_IF_ERROR(c->Merge(c->Dim(predictions, 0), c->Dim(targets, 0), &batch_size));
  c->set_output(0, c->Vector(batch_size));
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("TopKV2")
    .Differentiable()
    .Input("input: T")
    .Input("k: int32")
    .Output("values: T")
    .Output("indices: int32")
    .Attr("sorted: bool = true")
    .Attr("T: realnumbertype")
    .SetShapeFn(TopKShape)
    .Doc(R"doc(
Finds values and indices of the `k` largest elements for the last dimension.

If the input is a vector (rank-1), finds the `k` largest entries in the vector
and outputs their values and indices as vectors.  Thus `values[j]` is the
`j`-th largest entry in `input`, and its index is `indices[j]`.

For matrices (resp. higher rank input), computes the top `k` entries in each
row (resp. vector along the last dimension).  Thus,

    values.shape = indices.shape = input.shape[:-1] + [k]

If two elements are equal, the lower-index element appears first.

input: 1-D or higher with last dimension at least `k`.
k: 0-D.  Number of top elements to look for along the last dimension (along each
  row for matrices).
sorted: If true the resulting `k` elements will be sorted by the values in
  descending order.
values: The `k` largest elements along each last dimensional slice.
indices: The indices of `values` within the last dimension of `input`.
)doc");

REGISTER_OP("InTopKV2")
    .NoGradient()
    .Input("predictions: float")
    .Input("targets: T")
    .Input("k: T")
    .Output("precision: bool")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn(InTopKShape)
    .Doc(R"doc(
Says whether the targets are in the top `K` predictions.

This outputs a `batch_size` bool array, an entry `out[i]` is `true` if the
prediction for the target class is among the top `k` predictions among
all predictions for example `i`. Note that the behavior of `InTopK` differs
from the `TopK` op in its handling of ties; if multiple classes have the
same prediction value and straddle the top-`k` boundary, all of those
classes are considered to be in the top `k`.

More formally, let

  \\(predictions_i\\) be the predictions for all classes for example `i`,
  \\(targets_i\\) be the target class for example `i`,
  \\(out_i\\) be the output for example `i`,

$$out_i = predictions_{i, targets_i} \in TopKIncludingTies(predictions_i)$$

A target out of range, or a row with a non-finite prediction, gives `false`.

predictions: A `batch_size` x `classes` tensor.
targets: A `batch_size` vector of class ids.
k: Number of top elements to look at for computing precision.
precision: Computed precision at `k` as a `bool Tensor`.
)doc");

}  // namespace rill
