// Op definitions of the softmax family and the losses built on it: Softmax, LogSoftmax,
// SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits and L2Loss, with
// TensorFlow's names, attrs and shape functions. Kernels live in kernels/cpu/nn; gradient
// functions in loss_gradients.cc.
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// SoftmaxShape: logits of rank >= 1, normalized along the last dimension, keep their shape.
absl::Status SoftmaxShape(InferenceContext* c) { return UnchangedShapeWithRankAtLeast(c, 1); }

// SoftmaxCrossEntropyShape: features and labels are [batch, classes] matrices that merge,
// or that broadcast to one (TensorFlow's broadcasting form); loss is [batch] and backprop
// the broadcast matrix.
absl::Status SoftmaxCrossEntropyShape(InferenceContext* c) {
  ShapeHandle input;
  if (c->WithRank(c->input(0), 2, &input).ok() && c->Merge(input, c->input(1), &input).ok()) {
    c->set_output(0, c->Vector(c->Dim(input, 0)));
    c->set_output(1, input);
    return absl::OkStatus();
  }
  ShapeHandle broadcast;
  RETURN_IF_ERROR(BroadcastBinaryOpOutputShape(c, c->input(0), c->input(1), &broadcast));
  if (!c->RankKnown(broadcast)) {
    return errors::InvalidArgument(
        "Shape must be broadcasted with rank 2, but is rank is unknown.");
  }
  if (c->Rank(broadcast) != 2) {
    return errors::InvalidArgument("Shape must be broadcasted with rank 2, but is rank ",
                                   c->Rank(broadcast));
  }
  c->set_output(0, c->Vector(c->Dim(broadcast, 0)));
  c->set_output(1, broadcast);
  return absl::OkStatus();
}

// SparseSoftmaxCrossEntropyShape: features [batch, classes], labels [batch]; loss [batch],
// backprop features' shape with the merged batch size.
absl::Status SparseSoftmaxCrossEntropyShape(InferenceContext* c) {
  ShapeHandle features;
  ShapeHandle labels;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &features));
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &labels));
  DimensionHandle batch_size;
  RETURN_IF_ERROR(c->Merge(c->Dim(features, 0), c->Dim(labels, 0), &batch_size));
  RETURN_IF_ERROR(c->ReplaceDim(features, 0, batch_size, &features));
  c->set_output(0, c->Vector(batch_size));
  c->set_output(1, features);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Softmax")
    .Differentiable()
    .Input("logits: T")
    .Output("softmax: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(SoftmaxShape)
    .Doc(R"doc(
Computes softmax activations.

For each batch `i` and class `j` we have

    $$softmax[i, j] = exp(logits[i, j]) / sum_j(exp(logits[i, j]))$$

computed as exp(logits - max(logits)) times the inverse of its sum, so large logits do not
overflow.

logits: A non-empty `Tensor`, normalized along its last dimension.
softmax: Same shape as `logits`.
)doc");

REGISTER_OP("LogSoftmax")
    .Differentiable()
    .Input("logits: T")
    .Output("logsoftmax: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(SoftmaxShape)
    .Doc(R"doc(
Computes log softmax activations.

For each batch `i` and class `j` we have

    logsoftmax[i, j] = logits[i, j] - log(sum(exp(logits[i])))

computed from logits - max(logits), so large logits do not overflow.

logits: A non-empty `Tensor`, normalized along its last dimension.
logsoftmax: Same shape as `logits`.
)doc");

REGISTER_OP("SoftmaxCrossEntropyWithLogits")
    .Differentiable()
    .Input("features: T")
    .Input("labels: T")
    .Output("loss: T")
    .Output("backprop: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(SoftmaxCrossEntropyShape)
    .Doc(R"doc(
Computes softmax cross entropy cost and gradients to backpropagate.

Inputs are the logits, not probabilities. `features` and `labels` may broadcast to one
[batch_size, num_classes] matrix (a dimension of 1 repeats).

features: batch_size x num_classes matrix
labels: batch_size x num_classes matrix
  The caller must ensure that each batch of labels represents a valid
  probability distribution.
loss: Per example loss (batch_size vector).
backprop: backpropagated gradients (batch_size x num_classes matrix).
)doc");

REGISTER_OP("SparseSoftmaxCrossEntropyWithLogits")
    .Differentiable()
    .Input("features: T")
    .Input("labels: Tlabels")
    .Output("loss: T")
    .Output("backprop: T")
    .Attr("T: {half, bfloat16, float, double}")
    .Attr("Tlabels: {int32, int64} = DT_INT64")
    .SetShapeFn(SparseSoftmaxCrossEntropyShape)
    .Doc(R"doc(
Computes softmax cross entropy cost and gradients to backpropagate.

Unlike `SoftmaxCrossEntropyWithLogits`, this operation does not accept a matrix of label
probabilities, but rather a single label per row of features. This label is considered to
have probability 1.0 for the given row.

Inputs are the logits, not probabilities.

features: batch_size x num_classes matrix
labels: batch_size vector with values in [0, num_classes).
  This is the label for the given minibatch entry. A value outside the range is an
  InvalidArgument error naming it and its row.
loss: Per example loss (batch_size vector).
backprop: backpropagated gradients (batch_size x num_classes matrix).
)doc");

REGISTER_OP("L2Loss")
    .Differentiable()
    .Input("t: T")
    .Output("output: T")
    .Attr("T: {half, bfloat16, float, double}")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
L2 Loss.

Computes half the L2 norm of a tensor without the `sqrt`:

    output = sum(t ** 2) / 2

t: Typically 2-D, but may have any dimensions.
output: 0-D.
)doc");

}  // namespace rill
