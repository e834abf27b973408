// TensorFlow Python's neural-network functions built from several ops, for the C++ client:
// tf.nn.sigmoid_cross_entropy_with_logits, softmax_cross_entropy_with_logits (and _v2) and
// l2_normalize, with TensorFlow's argument names, formulas and gradients.
#ifndef RILL_OPS_NN_NN_COMPOSITES_H_
#define RILL_OPS_NN_NN_COMPOSITES_H_

#include <vector>

#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {
namespace ops {

// Like ops/random's composites, these keep TensorFlow's snake_case names, which keeps them
// apart from the generated builders (ops::SoftmaxCrossEntropyWithLogits is the op,
// ops::softmax_cross_entropy_with_logits the function). Each builds its nodes in a new name
// scope named as TensorFlow's ("logistic_loss", "softmax_cross_entropy_with_logits",
// "l2_normalize", uniquified). Errors (shapes that cannot match, a non-floating dtype) go
// to the scope's status, and the function returns an empty Output.

// sigmoid_cross_entropy_with_logits is the element-wise logistic loss of `logits` against
// `labels` (same shape and floating dtype), z * -log(sigmoid(x)) + (1 - z) *
// -log(1 - sigmoid(x)), computed without overflow as TensorFlow does:
//   max(x, 0) - x * z + log1p(exp(-|x|))
// (tf.nn.sigmoid_cross_entropy_with_logits(labels=, logits=)).
Output sigmoid_cross_entropy_with_logits(const Scope& scope, const Output& labels,
                                         const Output& logits);

// softmax_cross_entropy_with_logits_v2 is the softmax cross entropy of `logits` against the
// probability distributions `labels` along dimension `axis` (negative from the end):
// -sum(labels * log_softmax(logits), axis), with logits' shape less that dimension. half
// and bfloat16 logits are computed in float and the loss cast back, as TensorFlow does.
// Gradients flow into both logits and labels. `axis` other than the last needs logits of
// known rank (the dimension is moved last with a Transpose).
Output softmax_cross_entropy_with_logits_v2(const Scope& scope, const Output& labels,
                                            const Output& logits, int axis = -1);

// softmax_cross_entropy_with_logits is TensorFlow 1.x's version: the _v2 loss with the
// labels behind a StopGradient, so no gradient flows into them (TensorFlow's `dim` is
// `axis` here).
Output softmax_cross_entropy_with_logits(const Scope& scope, const Output& labels,
                                         const Output& logits, int axis = -1);

// l2_normalize divides `x` by its L2 norm along the dimensions `axis` (negative from the
// end): x * rsqrt(max(sum(x^2, axis, keepdims), epsilon)), so a norm below sqrt(epsilon)
// counts as sqrt(epsilon) (tf.nn.l2_normalize):
//   ops::l2_normalize(scope, embeddings, {1});
Output l2_normalize(const Scope& scope, const Output& x, const std::vector<int>& axis,
                    double epsilon = 1e-12);

// l2_normalize over every dimension of `x` (TensorFlow's axis=None), epsilon 1e-12.
Output l2_normalize(const Scope& scope, const Output& x);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_NN_NN_COMPOSITES_H_
