// The CPU kernel of RandomGamma (half, float, double): TensorFlow 1.x's Marsaglia-Tsang
// sampler in double precision, each sample drawn from its own block of the stream, so the
// values do not depend on how the samples are sharded.
#include <cmath>
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"
#include "kernels/cpu/random/random_kernel.h"

namespace rill {
namespace {

using random::PhiloxRandom;

// SampleBuffer hands out the values of one distribution call last to first (TensorFlow's
// `remaining--; x = result[remaining]`), calling the distribution again when empty.
template <class Distribution>
class SampleBuffer {
 public:
  explicit SampleBuffer(PhiloxRandom* gen) : gen_(gen) {}

  double Next() {
    if (remaining_ == 0) {
      result_ = Distribution()(gen_);
      remaining_ = Distribution::kResultElementCount;
    }
    return result_[--remaining_];
  }

 private:
  PhiloxRandom* gen_;
  typename Distribution::ResultType result_{};
  int remaining_ = 0;
};

using Normal = random::NormalDistribution<PhiloxRandom, double>;
using Uniform = random::UniformDistribution<PhiloxRandom, double>;

// GammaSample draws one Gamma(alpha) value from `gen`, as TensorFlow 1.x's RandomGammaOp:
// alpha == 1 is exponential, -log(1 - u); otherwise Marsaglia-Tsang transformation-rejection
// with d = alpha - 1/3 (alpha + 2/3 when alpha < 1, the result then scaled by
// u^(1/alpha)), normals and uniforms each buffered two to a 128-bit sample.
double GammaSample(double alpha, PhiloxRandom gen) {
  SampleBuffer<Uniform> uniform(&gen);
  if (alpha == 1.0) return -std::log(1.0 - uniform.Next());
  SampleBuffer<Normal> normal(&gen);
  const bool alpha_less_than_one = alpha < 1;
  const double d = alpha + (alpha_less_than_one ? 2.0 / 3 : -1.0 / 3);
  const double c = 1.0 / 3 / std::sqrt(d);
  while (true) {
    const double x = normal.Next();
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = uniform.Next();
    // A squeeze that avoids the logs for most samples, then the full test.
    if ((u < 1 - 0.0331 * (x * x) * (x * x)) ||
        (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))) {
      double result = d * v;
      if (alpha_less_than_one) result *= std::pow(uniform.Next(), 1 / alpha);
      return result;
    }
  }
}

// RandomGammaOp: output shape + alpha.shape; output[s..., a...] ~ Gamma(alpha[a...]).
// Sample number i (alpha-major: i = alpha_index * samples_per_alpha + sample_index) starts
// kReservedSamplesPerOutput samples into the call's reservation per preceding sample.
template <typename T>
class RandomGammaOp : public RandomKernel {
 public:
  using RandomKernel::RandomKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& alpha = ctx->input(1);
    ASSIGN_OR_RETURN(TensorShape shape, ShapeFromTensor(ctx->input(0), "shape"));
    const int64_t samples_per_alpha = shape.num_elements();
    shape.AppendShape(alpha.shape());
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, shape, &output));
    if (samples_per_alpha == 0) return absl::OkStatus();
    const int64_t num_alphas = alpha.NumElements();
    if (num_alphas == 0) return absl::OkStatus();
    const PhiloxRandom rng = generator().ReserveRandomOutputs(samples_per_alpha * num_alphas);
    const auto alphas = alpha.flat<T>();
    auto samples = output->flat<T>();
    auto work = [&](int64_t start, int64_t limit) {
      for (int64_t i = start; i < limit; ++i) {
        const int64_t alpha_index = i / samples_per_alpha;
        const int64_t sample_index = i % samples_per_alpha;
        PhiloxRandom gen = rng;
        gen.Skip(static_cast<uint64_t>(i) * random::kReservedSamplesPerOutput);
        samples(sample_index * num_alphas + alpha_index) =
            static_cast<T>(GammaSample(static_cast<double>(alphas(alpha_index)), gen));
      }
    };
    // TensorFlow's estimate: about 85 cycles of arithmetic, two normals, a uniform and
    // three Philox calls per sample.
    constexpr int64_t kSampleCost =
        85 + 2 * Normal::kElementCost + Uniform::kElementCost + 3 * PhiloxRandom::kElementCost;
    const random::ParallelFor parallel_for = IntraOpParallelFor(ctx);
    if (parallel_for) {
      parallel_for(samples_per_alpha * num_alphas, kSampleCost, work);
    } else {
      work(0, samples_per_alpha * num_alphas);
    }
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("RandomGamma").Device(DEVICE_CPU).TypeConstraint<Eigen::half>("T"),
                        RandomGammaOp<Eigen::half>);
REGISTER_KERNEL_BUILDER(Name("RandomGamma").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        RandomGammaOp<float>);
REGISTER_KERNEL_BUILDER(Name("RandomGamma").Device(DEVICE_CPU).TypeConstraint<double>("T"),
                        RandomGammaOp<double>);

}  // namespace
}  // namespace rill
