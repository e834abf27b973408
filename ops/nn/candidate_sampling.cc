// The candidate-sampler functions: seeds by get_seed, then the sampler op.
#include "ops/nn/candidate_sampling.h"

#include <utility>

#include "ops/nn/nn_ops.h"
#include "ops/random/random_seed.h"

namespace rill {
namespace ops {
namespace {

template <typename Sampler>
SampledValues AsSampledValues(const Sampler& sampler) {
  return {sampler.sampled_candidates, sampler.true_expected_count,
          sampler.sampled_expected_count};
}

}  // namespace

SampledValues uniform_candidate_sampler(const Scope& scope, const Input& true_classes,
                                        int64_t num_true, int64_t num_sampled, bool unique,
                                        int64_t range_max, std::optional<int64_t> seed) {
  const auto [seed1, seed2] = get_seed(scope, seed);
  return AsSampledValues(UniformCandidateSampler(
      scope, true_classes, num_true, num_sampled, unique, range_max,
      UniformCandidateSampler::Seed(seed1).Seed2(seed2)));
}

SampledValues log_uniform_candidate_sampler(const Scope& scope, const Input& true_classes,
                                            int64_t num_true, int64_t num_sampled,
                                            bool unique, int64_t range_max,
                                            std::optional<int64_t> seed) {
  const auto [seed1, seed2] = get_seed(scope, seed);
  return AsSampledValues(LogUniformCandidateSampler(
      scope, true_classes, num_true, num_sampled, unique, range_max,
      LogUniformCandidateSampler::Seed(seed1).Seed2(seed2)));
}

SampledValues fixed_unigram_candidate_sampler(const Scope& scope, const Input& true_classes,
                                              int64_t num_true, int64_t num_sampled,
                                              bool unique, int64_t range_max,
                                              const FixedUnigramOptions& options) {
  const auto [seed1, seed2] = get_seed(scope, options.seed);
  return AsSampledValues(FixedUnigramCandidateSampler(
      scope, true_classes, num_true, num_sampled, unique, range_max,
      FixedUnigramCandidateSampler::VocabFile(options.vocab_file)
          .Distortion(options.distortion)
          .NumReservedIds(options.num_reserved_ids)
          .NumShards(options.num_shards)
          .Shard(options.shard)
          .Unigrams(options.unigrams)
          .Seed(seed1)
          .Seed2(seed2)));
}

AccidentalHits compute_accidental_hits(const Scope& scope, const Input& true_classes,
                                       const Input& sampled_candidates, int64_t num_true,
                                       std::optional<int64_t> seed) {
  const auto [seed1, seed2] = get_seed(scope, seed);
  const ComputeAccidentalHits hits(scope, true_classes, sampled_candidates, num_true,
                                   ComputeAccidentalHits::Seed(seed1).Seed2(seed2));
  return {hits.indices, hits.ids, hits.weights};
}

}  // namespace ops
}  // namespace rill
