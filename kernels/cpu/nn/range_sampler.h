// Range samplers behind the candidate-sampler kernels: draw integers in [0, range) from a
// fixed distribution with a SimplePhilox stream, and report each value's expected count,
// drawing the same values and counts as TensorFlow's RangeSampler family.
#ifndef RILL_KERNELS_CPU_NN_RANGE_SAMPLER_H_
#define RILL_KERNELS_CPU_NN_RANGE_SAMPLER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/random/simple_philox.h"

namespace rill {

// RangeSampler draws from a distribution over [0, range). Implementations are immutable
// after construction, so one sampler serves concurrent calls, each with its own stream.
class RangeSampler {
 public:
  explicit RangeSampler(int64_t range) : range_(range) {}
  virtual ~RangeSampler() = default;

  int64_t range() const { return range_; }

  // Sample draws one value.
  virtual int64_t Sample(random::SimplePhilox* rnd) const = 0;

  // Probability is the chance that Sample returns `value` (0 outside the range).
  virtual float Probability(int64_t value) const = 0;

  // SampleBatchGetExpectedCount fills `batch` with draws and the expected counts of the
  // drawn values and of `extras` (TensorFlow's SampleBatchGetExpectedCount):
  //   - unique = false: independent draws; a value of probability p has expected count
  //     p * batch.size().
  //   - unique = true: draws repeating an earlier value of the batch are rejected until
  //     batch.size() distinct values were kept, after num_tries draws in all; the expected
  //     count is then the chance of drawing the value in num_tries draws,
  //     1 - (1 - p)^num_tries, computed in float as -expm1(num_tries * log1p(-p)).
  // REQUIRES: batch_expected_count is empty or batch-sized; extras_expected_count is
  // extras-sized; with unique, batch.size() values of positive probability exist.
  void SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique,
                                   absl::Span<int64_t> batch,
                                   absl::Span<float> batch_expected_count,
                                   absl::Span<const int64_t> extras,
                                   absl::Span<float> extras_expected_count) const;

 protected:
  const int64_t range_;
};

// UniformSampler: every value with probability 1 / range (an exact uniform 64-bit draw).
class UniformSampler : public RangeSampler {
 public:
  explicit UniformSampler(int64_t range);
  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t value) const override;

 private:
  const float inv_range_;
};

// LogUniformSampler: the approximately Zipfian distribution of value k with probability
// log((k + 2) / (k + 1)) / log(range + 1), drawn as floor(exp(u * log(range + 1))) - 1 for
// a uniform double u in [0, 1).
class LogUniformSampler : public RangeSampler {
 public:
  explicit LogUniformSampler(int64_t range);
  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t value) const override;

 private:
  const double log_range_;
};

// DistributionSampler draws index i of a weight vector with probability weight[i] /
// sum(weights) in constant time, by Walker's alias method (TensorFlow's
// random::DistributionSampler, built and drawn the same way: a float and a uniform bucket
// per draw). REQUIRES: weights non-empty, non-negative, with a positive sum.
class DistributionSampler {
 public:
  explicit DistributionSampler(absl::Span<const float> weights);
  int64_t Sample(random::SimplePhilox* rnd) const;

 private:
  // Bucket i keeps i when a uniform float is below `prob`, else gives `alt`.
  std::vector<std::pair<float, int32_t>> buckets_;
};

// FixedUnigramSampler: a fixed distribution over the ids of one shard, from per-id weights
// (counts or probabilities) given in memory or read from a CSV-like vocabulary file whose
// last field on each line is the weight. Weights are raised to `distortion`; the first
// `num_reserved_ids` ids get weight 0. With num_shards > 1 the sampler covers the ids with
// id % num_shards == shard, numbered densely from 0 within the shard. Build with Create.
class FixedUnigramSampler : public RangeSampler {
 public:
  // Create builds the sampler from exactly one of `unigrams` and `vocab_file`: errors when
  // both or neither are given, when the vocabulary file cannot be read or has a line whose
  // last field is not a number (InvalidArgument naming the line), when the shard's id count
  // is not `range`, or when no id has positive weight.
  static absl::Status Create(int64_t range, const std::vector<float>& unigrams,
                             const std::string& vocab_file, float distortion,
                             int64_t num_reserved_ids, int64_t num_shards, int64_t shard,
                             std::unique_ptr<FixedUnigramSampler>* sampler);

  int64_t Sample(random::SimplePhilox* rnd) const override;
  float Probability(int64_t value) const override;

  // num_positive is the number of ids with positive probability: the most distinct values a
  // unique batch can hold.
  int64_t num_positive() const { return num_positive_; }

 private:
  explicit FixedUnigramSampler(int64_t range) : RangeSampler(range) {}

  std::vector<float> weights_;
  float total_weight_ = 0;
  int64_t num_positive_ = 0;
  std::unique_ptr<DistributionSampler> distribution_;
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_NN_RANGE_SAMPLER_H_
