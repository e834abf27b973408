// TensorFlow Python's candidate samplers for the C++ client (tf.nn.uniform_candidate_sampler,
// log_uniform_candidate_sampler, fixed_unigram_candidate_sampler, compute_accidental_hits):
// the sampler ops with their seeds chosen by TensorFlow 1.x's rules.
#ifndef RILL_OPS_NN_CANDIDATE_SAMPLING_H_
#define RILL_OPS_NN_CANDIDATE_SAMPLING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {
namespace ops {

// The functions below keep TensorFlow's snake_case names, as ops/random's composites do,
// which keeps them apart from the generated builders of the ops they build
// (ops::LogUniformCandidateSampler is the op, ops::log_uniform_candidate_sampler the
// function that seeds it).
//
// Seeds: `seed` is the op-level seed; the op's (seed, seed2) attrs come from it and the
// graph-level seed (set_random_seed) by get_seed, as TensorFlow chooses them. Without
// either seed the candidates are nondeterministic. Errors from building go to the scope's
// status; errors in the values (a true class outside [0, range_max)) come when the op runs.

// SampledValues is what a candidate sampler returns, TensorFlow's tuple
// (sampled_candidates, true_expected_count, sampled_expected_count); nce_loss and
// sampled_softmax_loss take one to use fixed candidates.
struct SampledValues {
  Output sampled_candidates;      // [num_sampled] int64
  Output true_expected_count;     // [batch_size, num_true] float
  Output sampled_expected_count;  // [num_sampled] float
};

// uniform_candidate_sampler draws num_sampled classes uniformly from [0, range_max) for
// the whole batch; with `unique`, without repeats (rejecting repeated draws).
// `true_classes`: [batch_size, num_true] int64.
SampledValues uniform_candidate_sampler(const Scope& scope, const Input& true_classes,
                                        int64_t num_true, int64_t num_sampled, bool unique,
                                        int64_t range_max,
                                        std::optional<int64_t> seed = std::nullopt);

// log_uniform_candidate_sampler draws from the log-uniform (Zipfian) distribution
// P(class) = (log(class + 2) - log(class + 1)) / log(range_max + 1), which suits classes
// sorted by decreasing frequency. nce_loss's default sampler (with unique = true).
SampledValues log_uniform_candidate_sampler(const Scope& scope, const Input& true_classes,
                                            int64_t num_true, int64_t num_sampled,
                                            bool unique, int64_t range_max,
                                            std::optional<int64_t> seed = std::nullopt);

// FixedUnigramOptions are fixed_unigram_candidate_sampler's optional arguments, with
// TensorFlow's names and defaults. Exactly one of vocab_file and unigrams must be given.
struct FixedUnigramOptions {
  std::string vocab_file;        // CSV-like lines whose last field is the id's weight.
  float distortion = 1.0f;       // Each weight is raised to this power.
  int64_t num_reserved_ids = 0;  // Ids [0, num_reserved_ids) get weight 0.
  int64_t num_shards = 1;        // Sample the ids of one of num_shards shards...
  int64_t shard = 0;             // ...this one (ids with id % num_shards == shard).
  std::vector<float> unigrams;   // One weight per id after the reserved ones.
  std::optional<int64_t> seed;
};

// fixed_unigram_candidate_sampler draws classes with probability proportional to their
// (distorted) unigram weights, from memory or a vocabulary file.
SampledValues fixed_unigram_candidate_sampler(const Scope& scope, const Input& true_classes,
                                              int64_t num_true, int64_t num_sampled,
                                              bool unique, int64_t range_max,
                                              const FixedUnigramOptions& options);

// AccidentalHits is compute_accidental_hits' result: for each true class that is also a
// sampled candidate, its row in true_classes (indices, int32), the candidate's position in
// sampled_candidates (ids, int64) and -FLT_MAX (weights, float), the logit adjustment that
// removes the hit.
struct AccidentalHits {
  Output indices;
  Output ids;
  Output weights;
};

// compute_accidental_hits finds the sampled candidates equal to a true class of their row.
AccidentalHits compute_accidental_hits(const Scope& scope, const Input& true_classes,
                                       const Input& sampled_candidates, int64_t num_true,
                                       std::optional<int64_t> seed = std::nullopt);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_NN_CANDIDATE_SAMPLING_H_
