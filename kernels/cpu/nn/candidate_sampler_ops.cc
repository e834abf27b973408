// The CPU kernels of the candidate samplers (UniformCandidateSampler,
// LogUniformCandidateSampler, FixedUnigramCandidateSampler) and ComputeAccidentalHits. Each
// sampler kernel owns a RangeSampler and a guarded Philox stream seeded from its seed and
// seed2 attrs, and reserves TensorFlow's block of the stream per call, so that seeded runs
// draw TensorFlow's candidates.
#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/random/guarded_philox_random.h"
#include "core/random/simple_philox.h"
#include "kernels/cpu/nn/range_sampler.h"

namespace rill {
namespace {

// CandidateSamplerOp draws num_sampled candidates per call from the sampler a subclass sets
// in InitializeSampler, with the expected counts of the candidates and of true_classes.
// Thread-safe: the sampler is immutable and each call reserves its own part of the stream.
class CandidateSamplerOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("num_sampled", &num_sampled_));
    RETURN_IF_ERROR(ctx->GetAttr("num_true", &num_true_));
    RETURN_IF_ERROR(ctx->GetAttr("unique", &unique_));
    int64_t seed;
    int64_t seed2;
    RETURN_IF_ERROR(ctx->GetAttr("seed", &seed));
    RETURN_IF_ERROR(ctx->GetAttr("seed2", &seed2));
    generator_.Init(seed, seed2);
    int64_t range_max;
    RETURN_IF_ERROR(ctx->GetAttr("range_max", &range_max));
    if (range_max <= 0) return errors::InvalidArgument("range_max must be positive");
    return InitializeSampler(ctx, range_max);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& true_classes = ctx->input(0);
    if (true_classes.dims() != 2) {
      return errors::InvalidArgument("true_classes must be a matrix, got shape ",
                                     true_classes.shape().DebugString());
    }
    if (true_classes.dim_size(1) != num_true_) {
      return errors::InvalidArgument("true_classes must have num_true columns, expected: ",
                                     num_true_, " was: ", true_classes.dim_size(1));
    }
    if (unique_ && num_sampled_ > sampler_->range()) {
      return errors::InvalidArgument("Sampler's range is too small: cannot draw ", num_sampled_,
                                     " unique candidates from [0, ", sampler_->range(), ")");
    }
    const int64_t batch_size = true_classes.dim_size(0);
    const int64_t num_true_classes = batch_size * num_true_;
    const absl::Span<const int64_t> true_candidates(
        static_cast<const int64_t*>(true_classes.data()), num_true_classes);
    for (int64_t i = 0; i < num_true_classes; ++i) {
      const int64_t candidate = true_candidates[i];
      if (candidate < 0 || candidate >= sampler_->range()) {
        return errors::InvalidArgument("true_classes[", i / num_true_, ",", i % num_true_,
                                       "] = ", candidate, " is not in [0, ", sampler_->range(),
                                       ")");
      }
    }

    Tensor* sampled_candidates;
    Tensor* true_expected_count;
    Tensor* sampled_expected_count;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({num_sampled_}), &sampled_candidates));
    RETURN_IF_ERROR(
        ctx->allocate_output(1, TensorShape({batch_size, num_true_}), &true_expected_count));
    RETURN_IF_ERROR(ctx->allocate_output(2, TensorShape({num_sampled_}), &sampled_expected_count));

    // TensorFlow's conservative budget of 32-bit words per call; rejection sampling may draw
    // more, reusing words of the next reservation, exactly as TensorFlow does.
    random::PhiloxRandom local = generator_.ReserveSamples32(2048 * num_sampled_);
    random::SimplePhilox rnd(&local);
    sampler_->SampleBatchGetExpectedCount(
        &rnd, unique_,
        absl::Span<int64_t>(static_cast<int64_t*>(sampled_candidates->data()), num_sampled_),
        absl::Span<float>(static_cast<float*>(sampled_expected_count->data()), num_sampled_),
        true_candidates,
        absl::Span<float>(static_cast<float*>(true_expected_count->data()), num_true_classes));
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }

 protected:
  // InitializeSampler sets sampler_ from the kernel's attrs.
  virtual absl::Status InitializeSampler(OpKernelConstruction* ctx, int64_t range_max) = 0;

  int64_t num_sampled_ = 0;
  bool unique_ = false;
  std::unique_ptr<RangeSampler> sampler_;

 private:
  int64_t num_true_ = 0;
  random::GuardedPhiloxRandom generator_;
};

// SimpleCandidateSamplerOp<Sampler> samples from a Sampler built from range_max alone.
template <typename Sampler>
class SimpleCandidateSamplerOp : public CandidateSamplerOp {
 public:
  using CandidateSamplerOp::CandidateSamplerOp;

 protected:
  absl::Status InitializeSampler(OpKernelConstruction* ctx, int64_t range_max) override {
    sampler_ = std::make_unique<Sampler>(range_max);
    return absl::OkStatus();
  }
};

// FixedUnigramCandidateSamplerOp samples from the unigrams or vocab_file attr's weights.
class FixedUnigramCandidateSamplerOp : public CandidateSamplerOp {
 public:
  using CandidateSamplerOp::CandidateSamplerOp;

 protected:
  absl::Status InitializeSampler(OpKernelConstruction* ctx, int64_t range_max) override {
    std::string vocab_file;
    std::vector<float> unigrams;
    float distortion;
    int64_t num_reserved_ids;
    int64_t num_shards;
    int64_t shard;
    RETURN_IF_ERROR(ctx->GetAttr("vocab_file", &vocab_file));
    RETURN_IF_ERROR(ctx->GetAttr("unigrams", &unigrams));
    RETURN_IF_ERROR(ctx->GetAttr("distortion", &distortion));
    RETURN_IF_ERROR(ctx->GetAttr("num_reserved_ids", &num_reserved_ids));
    RETURN_IF_ERROR(ctx->GetAttr("num_shards", &num_shards));
    RETURN_IF_ERROR(ctx->GetAttr("shard", &shard));
    std::unique_ptr<FixedUnigramSampler> sampler;
    RETURN_IF_ERROR(FixedUnigramSampler::Create(range_max, unigrams, vocab_file, distortion,
                                                num_reserved_ids, num_shards, shard, &sampler));
    // TensorFlow would retry forever; asking for more unique candidates than there are ids
    // of positive weight is an error instead.
    if (unique_ && num_sampled_ > sampler->num_positive()) {
      return errors::InvalidArgument("Cannot draw ", num_sampled_,
                                     " unique candidates: only ", sampler->num_positive(),
                                     " ids have a positive weight");
    }
    sampler_ = std::move(sampler);
    return absl::OkStatus();
  }
};

// ComputeAccidentalHitsOp lists, in row-major order of true_classes, each true class equal
// to a sampled candidate: its row (indices), the candidate's position (ids: the last one
// when a candidate repeats) and -FLT_MAX (weights). Thread-safe.
class ComputeAccidentalHitsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("num_true", &num_true_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& true_classes = ctx->input(0);
    const Tensor& sampled_candidates = ctx->input(1);
    if (true_classes.dims() != 2 || true_classes.dim_size(1) != num_true_) {
      return errors::InvalidArgument("true_candidates must be a batch_size * num_true matrix ",
                                     "with num_true = ", num_true_, ", got shape ",
                                     true_classes.shape().DebugString());
    }
    if (sampled_candidates.dims() != 1) {
      return errors::InvalidArgument(
          "sampled_candidates must be a vector, which is typically an output from "
          "CandidateSampler, got shape ",
          sampled_candidates.shape().DebugString());
    }
    const int64_t num_sampled = sampled_candidates.dim_size(0);
    const int64_t* sampled = static_cast<const int64_t*>(sampled_candidates.data());
    absl::flat_hash_map<int64_t, int64_t> position;
    position.reserve(num_sampled);
    for (int64_t i = 0; i < num_sampled; ++i) position[sampled[i]] = i;

    const int64_t* classes = static_cast<const int64_t*>(true_classes.data());
    const int64_t num_classes = true_classes.NumElements();
    std::vector<int32_t> rows;
    std::vector<int64_t> ids;
    for (int64_t i = 0; i < num_classes; ++i) {
      const auto hit = position.find(classes[i]);
      if (hit == position.end()) continue;
      rows.push_back(static_cast<int32_t>(i / num_true_));
      ids.push_back(hit->second);
    }

    const int64_t hits = static_cast<int64_t>(rows.size());
    Tensor* indices;
    Tensor* out_ids;
    Tensor* weights;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({hits}), &indices));
    RETURN_IF_ERROR(ctx->allocate_output(1, TensorShape({hits}), &out_ids));
    RETURN_IF_ERROR(ctx->allocate_output(2, TensorShape({hits}), &weights));
    std::copy(rows.begin(), rows.end(), static_cast<int32_t*>(indices->data()));
    std::copy(ids.begin(), ids.end(), static_cast<int64_t*>(out_ids->data()));
    std::fill_n(static_cast<float*>(weights->data()), hits, -FLT_MAX);
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }

 private:
  int64_t num_true_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("UniformCandidateSampler").Device(DEVICE_CPU),
                        SimpleCandidateSamplerOp<UniformSampler>);
REGISTER_KERNEL_BUILDER(Name("LogUniformCandidateSampler").Device(DEVICE_CPU),
                        SimpleCandidateSamplerOp<LogUniformSampler>);
REGISTER_KERNEL_BUILDER(Name("FixedUnigramCandidateSampler").Device(DEVICE_CPU),
                        FixedUnigramCandidateSamplerOp);
REGISTER_KERNEL_BUILDER(Name("ComputeAccidentalHits").Device(DEVICE_CPU),
                        ComputeAccidentalHitsOp);

}  // namespace
}  // namespace rill
