// TensorFlow Python's candidate-sampling losses for the C++ client: tf.nn.nce_loss and
// tf.nn.sampled_softmax_loss, training losses over a few sampled classes instead of all of
// them, with sparse gradients into the class weights and biases.
#ifndef RILL_OPS_NN_SAMPLED_LOSSES_H_
#define RILL_OPS_NN_SAMPLED_LOSSES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "ops/nn/candidate_sampling.h"
#include "ops/nn/embedding_lookup.h"

namespace rill {
namespace ops {

// NceLossOptions are nce_loss's optional arguments, with TensorFlow's names and defaults.
struct NceLossOptions {
  // num_true is the number of target classes per example (labels' second dimension).
  int64_t num_true = 1;
  // sampled_values are the candidates to use instead of drawing them with the default
  // log_uniform_candidate_sampler(labels, num_true, num_sampled, unique = true,
  // range_max = num_classes).
  std::optional<SampledValues> sampled_values;
  // remove_accidental_hits: push the logit of a sampled class that is also a target of its
  // example to -FLT_MAX ("Sampled Logistic" instead of NCE).
  bool remove_accidental_hits = false;
  // partition_strategy: "mod" or "div", for weights and biases given as partitions (see
  // embedding_lookup).
  std::string partition_strategy = "mod";
  // seed is the op-level seed of the default sampler (a Rill extension of TensorFlow 1.x's
  // nce_loss; sampled_softmax_loss has it in TensorFlow too).
  std::optional<int64_t> seed;
};

// SampledSoftmaxLossOptions are sampled_softmax_loss's optional arguments: NceLossOptions'
// fields with TensorFlow's default of removing accidental hits.
struct SampledSoftmaxLossOptions {
  int64_t num_true = 1;
  std::optional<SampledValues> sampled_values;
  bool remove_accidental_hits = true;
  std::string partition_strategy = "mod";
  std::optional<int64_t> seed;
};

// nce_loss returns the per-example noise-contrastive estimation loss, a [batch_size]
// vector (tf.nn.nce_loss). For the examples `inputs` [batch_size, dim] with target classes
// `labels` [batch_size, num_true] (int64, or int32 cast), class embeddings `weights`
// [num_classes, dim] and biases `biases` [num_classes] (tables or partitions; resource
// Variables get IndexedSlices gradients of the rows used), and num_sampled classes
// sampled once for the whole batch, as TensorFlow's _compute_sampled_logits does:
//   logit(c) = inputs . weights[c] + biases[c] - log(expected_count(c))
// for the true classes (label 1 / num_true) and the sampled ones (label 0); the loss is
// the sum over those columns of sigmoid_cross_entropy_with_logits.
//
// Nodes: the logits in the name scope "nce_loss", the losses in "sampled_losses", and the
// row sums (a MatMul by ones, TensorFlow's _sum_rows) in the caller's scope. Errors while
// building go to the scope's status and give an empty Output.
Output nce_loss(const Scope& scope, const EmbeddingParams& weights,
                const EmbeddingParams& biases, const Output& labels, const Output& inputs,
                int64_t num_sampled, int64_t num_classes, const NceLossOptions& options = {});

// sampled_softmax_loss returns the per-example sampled softmax loss, a [batch_size] vector
// (tf.nn.sampled_softmax_loss): the same logits as nce_loss, in the name scope
// "sampled_softmax_loss", through softmax_cross_entropy_with_logits_v2 with the labels
// behind a StopGradient.
Output sampled_softmax_loss(const Scope& scope, const EmbeddingParams& weights,
                            const EmbeddingParams& biases, const Output& labels,
                            const Output& inputs, int64_t num_sampled, int64_t num_classes,
                            const SampledSoftmaxLossOptions& options = {});

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_NN_SAMPLED_LOSSES_H_
