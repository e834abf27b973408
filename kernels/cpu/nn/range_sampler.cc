// The range samplers: TensorFlow's draws (exact uniform integers, log-uniform doubles,
// Walker's alias tables) and expected counts, the unigram weights from memory or a file.
#include "kernels/cpu/nn/range_sampler.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// ExpectedCount is the expected count of a value of probability p in a batch of batch_size
// values drawn in num_tries tries, in float as TensorFlow computes it.
float ExpectedCount(float p, int64_t batch_size, int64_t num_tries) {
  if (num_tries == batch_size) return p * static_cast<float>(batch_size);
  return -std::expm1(static_cast<float>(num_tries) * std::log1p(-p));
}

// ReadFile returns the bytes of the local file `path`. Kernels read it with the C library
// rather than core/io, whose file systems a kernel plugin cannot assume its program links.
absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    const std::string message = absl::StrCat(path, ": ", std::strerror(error));
    return error == ENOENT ? errors::NotFound(message) : errors::InvalidArgument(message);
  }
  std::string contents;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) contents.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return errors::DataLoss(path, ": read error");
  return contents;
}

}  // namespace

void RangeSampler::SampleBatchGetExpectedCount(random::SimplePhilox* rnd, bool unique,
                                               absl::Span<int64_t> batch,
                                               absl::Span<float> batch_expected_count,
                                               absl::Span<const int64_t> extras,
                                               absl::Span<float> extras_expected_count) const {
  const int64_t batch_size = static_cast<int64_t>(batch.size());
  int64_t num_tries = 0;
  if (unique) {
    absl::flat_hash_set<int64_t> used;
    used.reserve(batch_size);
    int64_t num_picked = 0;
    while (num_picked < batch_size) {
      ++num_tries;
      const int64_t value = Sample(rnd);
      if (used.insert(value).second) batch[num_picked++] = value;
    }
  } else {
    for (int64_t i = 0; i < batch_size; ++i) batch[i] = Sample(rnd);
    num_tries = batch_size;
  }
  for (size_t i = 0; i < batch_expected_count.size(); ++i) {
    batch_expected_count[i] = ExpectedCount(Probability(batch[i]), batch_size, num_tries);
  }
  for (size_t i = 0; i < extras.size(); ++i) {
    extras_expected_count[i] = ExpectedCount(Probability(extras[i]), batch_size, num_tries);
  }
}

UniformSampler::UniformSampler(int64_t range)
    : RangeSampler(range), inv_range_(static_cast<float>(1.0 / static_cast<double>(range))) {}

int64_t UniformSampler::Sample(random::SimplePhilox* rnd) const {
  return static_cast<int64_t>(rnd->Uniform64(static_cast<uint64_t>(range_)));
}

float UniformSampler::Probability(int64_t value) const { return inv_range_; }

LogUniformSampler::LogUniformSampler(int64_t range)
    : RangeSampler(range), log_range_(std::log1p(static_cast<double>(range))) {}

int64_t LogUniformSampler::Sample(random::SimplePhilox* rnd) const {
  const int64_t value = static_cast<int64_t>(std::exp(rnd->RandDouble() * log_range_)) - 1;
  // exp(u * log(range + 1)) < range + 1 mathematically; the modulo guards against rounding.
  return value % range_;
}

float LogUniformSampler::Probability(int64_t value) const {
  // The chance that u * log_range falls in [log(value + 1), log(value + 2)).
  return static_cast<float>(std::log((value + 2.0) / (value + 1.0)) / log_range_);
}

DistributionSampler::DistributionSampler(absl::Span<const float> weights)
    : buckets_(weights.size(), {0.0f, -1}) {
  const int64_t n = static_cast<int64_t>(weights.size());
  double sum = 0;
  for (const float w : weights) sum += w;
  // Each bucket holds probability mass 1 (in units of sum / n): pair an under-full bucket
  // ("low") with an over-full one ("high") that tops it up.
  std::vector<double> mass(n);
  std::vector<int32_t> high;
  std::vector<int32_t> low;
  high.reserve(n);
  low.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    // In float, then double, as TensorFlow computes it.
    mass[i] = (weights[i] * static_cast<float>(n)) / sum;
    (mass[i] < 1.0 ? low : high).push_back(static_cast<int32_t>(i));
  }
  while (!high.empty() && !low.empty()) {
    const int32_t l = low.back();
    low.pop_back();
    const int32_t h = high.back();
    high.pop_back();
    buckets_[l].second = h;
    mass[h] -= 1.0 - mass[l];
    (mass[h] < 1.0 ? low : high).push_back(h);
  }
  for (int64_t i = 0; i < n; ++i) buckets_[i].first = static_cast<float>(mass[i]);
  // Rounding can leave buckets in either list with mass close to 1: they keep themselves.
  for (const std::vector<int32_t>* rest : {&high, &low}) {
    for (const int32_t i : *rest) buckets_[i] = {1.0f, i};
  }
}

int64_t DistributionSampler::Sample(random::SimplePhilox* rnd) const {
  const float r = rnd->RandFloat();
  const uint32_t i = rnd->Uniform(static_cast<uint32_t>(buckets_.size()));
  return r < buckets_[i].first ? i : buckets_[i].second;
}

absl::Status FixedUnigramSampler::Create(int64_t range, const std::vector<float>& unigrams,
                                         const std::string& vocab_file, float distortion,
                                         int64_t num_reserved_ids, int64_t num_shards,
                                         int64_t shard,
                                         std::unique_ptr<FixedUnigramSampler>* sampler) {
  if (vocab_file.empty() == unigrams.empty()) {
    return errors::InvalidArgument(vocab_file.empty()
                                       ? "Must provide either vocab_file or unigrams."
                                       : "Must only provide one of vocab_file and unigrams.");
  }
  if (num_shards < 1 || shard < 0 || shard >= num_shards) {
    return errors::InvalidArgument("shard must be in [0, num_shards = ", num_shards,
                                   "), got ", shard);
  }
  std::unique_ptr<FixedUnigramSampler> s(new FixedUnigramSampler(range));
  for (int64_t id = 0; id < num_reserved_ids; ++id) {
    if (id % num_shards == shard) s->weights_.push_back(0.0f);
  }
  // As in TensorFlow, the ids of the weights continue from the number of weights kept so
  // far (the reserved ids of this shard), which is num_reserved_ids for one shard.
  int64_t id = static_cast<int64_t>(s->weights_.size());
  absl::Status status;
  const auto add_weight = [&](float w) {
    if (!(w >= 0) && status.ok()) {
      status = errors::InvalidArgument("The weight of id ", id, " is ", w,
                                       ", not a non-negative number");
    }
    if (id % num_shards == shard) {
      w = std::pow(w, distortion);
      s->total_weight_ += w;
      s->weights_.push_back(w);
      if (w > 0) ++s->num_positive_;
    }
    ++id;
  };
  if (!vocab_file.empty()) {
    ASSIGN_OR_RETURN(const std::string contents, ReadFile(vocab_file));
    absl::string_view rest = contents;
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      absl::string_view line = rest.substr(0, end);
      rest = end == absl::string_view::npos ? absl::string_view() : rest.substr(end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (id % num_shards == shard) {
        const absl::string_view last = line.substr(line.rfind(',') + 1);
        float w;
        if (!absl::SimpleAtof(last, &w)) {
          return errors::InvalidArgument("Wrong vocabulary format at line: ", line);
        }
        add_weight(w);
      } else {
        ++id;
      }
    }
  } else {
    for (const float w : unigrams) add_weight(w);
  }
  RETURN_IF_ERROR(status);
  if (static_cast<int64_t>(s->weights_.size()) != range) {
    return errors::InvalidArgument("range is ", range, " must be equal to weights size  ",
                                   s->weights_.size());
  }
  if (s->num_positive_ == 0) {
    return errors::InvalidArgument(
        "FixedUnigramCandidateSampler needs an id of positive weight, but all ", range,
        " weights of shard ", shard, " are 0");
  }
  s->distribution_ = std::make_unique<DistributionSampler>(s->weights_);
  *sampler = std::move(s);
  return absl::OkStatus();
}

int64_t FixedUnigramSampler::Sample(random::SimplePhilox* rnd) const {
  return distribution_->Sample(rnd);
}

float FixedUnigramSampler::Probability(int64_t value) const {
  if (value < 0 || value >= static_cast<int64_t>(weights_.size())) return 0.0f;
  return weights_[value] / total_weight_;
}

}  // namespace rill
