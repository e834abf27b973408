// The CPU kernel of Multinomial (logits half, bfloat16, float, double; int32 or int64
// samples): TensorFlow's inverse-CDF sampler, one uniform double (two words) per sample.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/random/philox_random.h"
#include "core/random/simple_philox.h"
#include "kernels/cpu/random/random_kernel.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

using random::PhiloxRandom;

// MultinomialOp samples each row of logits [batch, classes] by inverting its unnormalized
// CDF, exp(logit - max finite logit) summed over the finite logits: sample j of row b is
// the first class whose running total exceeds RandDouble() * total.
//
// Stream: TensorFlow reserves batch * 2 * ceil4(num_samples) outputs' worth per call and
// draws row after row from one SimplePhilox, so row b starts 2 * num_samples * b words into
// the reservation. TensorFlow restarts the stream at every shard boundary (at a position
// that depends on how its pool cut the batch); Rill starts each shard where the
// single-threaded run would be, so every thread count gives the values TensorFlow gives
// when it runs the batch as one shard.
template <typename T, typename OutputType>
class MultinomialOp : public RandomKernel {
 public:
  using RandomKernel::RandomKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& logits = ctx->input(0);
    const Tensor& num_samples_tensor = ctx->input(1);
    if (logits.dims() != 2) {
      return errors::InvalidArgument("logits should be a matrix, got shape ",
                                     logits.shape().DebugString());
    }
    if (num_samples_tensor.dims() != 0) {
      return errors::InvalidArgument("num_samples should be a scalar, got shape ",
                                     num_samples_tensor.shape().DebugString());
    }
    const int32_t num_samples = num_samples_tensor.scalar<int32_t>()();
    if (num_samples < 0) {
      return errors::InvalidArgument("num_samples should be non-negative, got ", num_samples);
    }
    const int64_t batch_size = logits.dim_size(0);
    const int64_t num_classes = logits.dim_size(1);
    if (batch_size > std::numeric_limits<int32_t>::max()) {
      return errors::InvalidArgument("batch_size cannot exceed max int, got ", batch_size);
    }
    if (num_classes > std::numeric_limits<int32_t>::max()) {
      return errors::InvalidArgument("num_classes cannot exceed max int, got ", num_classes);
    }
    if (num_classes <= 0) {
      return errors::InvalidArgument("num_classes should be positive, got ", num_classes);
    }
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({batch_size, num_samples}), &output));
    if (output->NumElements() == 0) return absl::OkStatus();

    const int64_t words_per_row = int64_t{2} * num_samples;
    const int64_t reserved_per_row = (int64_t{num_samples} + 3) / 4 * 4 * 2;
    const PhiloxRandom rng = generator().ReserveRandomOutputs(batch_size * reserved_per_row);
    const auto logits_matrix = logits.matrix<T>();
    auto samples = output->matrix<OutputType>();
    auto work = [&](int64_t start_row, int64_t limit_row) {
      const uint64_t start_word = static_cast<uint64_t>(start_row * words_per_row);
      PhiloxRandom gen = rng;
      gen.Skip(start_word / PhiloxRandom::kResultElementCount);
      random::SimplePhilox philox(&gen);
      for (uint64_t i = 0; i < start_word % PhiloxRandom::kResultElementCount; ++i) {
        philox.Rand32();
      }
      Eigen::Tensor<double, 1, Eigen::RowMajor> cdf(num_classes);
      for (int64_t b = start_row; b < limit_row; ++b) {
        T max_logit = std::numeric_limits<T>::lowest();
        for (int64_t j = 0; j < num_classes; ++j) {
          if (Eigen::numext::isfinite(logits_matrix(b, j))) {
            max_logit = std::max(max_logit, logits_matrix(b, j));
          }
        }
        // Eigen's vectorized exp, as TensorFlow computes it.
        cdf = (logits_matrix.template chip<0>(b).template cast<double>() -
               static_cast<double>(max_logit))
                  .exp();
        double running_total = 0;
        for (int64_t j = 0; j < num_classes; ++j) {
          if (Eigen::numext::isfinite(logits_matrix(b, j))) running_total += cdf(j);
          cdf(j) = running_total;
        }
        const double* cdf_begin = cdf.data();
        const double* cdf_end = cdf.data() + num_classes;
        for (int64_t j = 0; j < num_samples; ++j) {
          const double to_find = philox.RandDouble() * running_total;
          samples(b, j) =
              static_cast<OutputType>(std::upper_bound(cdf_begin, cdf_end, to_find) - cdf_begin);
        }
      }
    };
    // TensorFlow's rough estimate of the cycles per row.
    const int64_t row_cost = static_cast<int64_t>(
        50 * (num_samples * std::log(static_cast<double>(num_classes)) / std::log(2.0) +
              static_cast<double>(num_classes)));
    const random::ParallelFor parallel_for = IntraOpParallelFor(ctx);
    if (parallel_for) {
      parallel_for(batch_size, row_cost, work);
    } else {
      work(0, batch_size);
    }
    return absl::OkStatus();
  }
};

#define RILL_REGISTER_MULTINOMIAL(T)                                    \
  REGISTER_KERNEL_BUILDER(Name("Multinomial")                           \
                              .Device(DEVICE_CPU)                       \
                              .TypeConstraint<T>("T")                   \
                              .TypeConstraint<int32_t>("output_dtype"), \
                          MultinomialOp<T, int32_t>);                   \
  REGISTER_KERNEL_BUILDER(Name("Multinomial")                           \
                              .Device(DEVICE_CPU)                       \
                              .TypeConstraint<T>("T")                   \
                              .TypeConstraint<int64_t>("output_dtype"), \
                          MultinomialOp<T, int64_t>)

RILL_REGISTER_MULTINOMIAL(Eigen::half);
RILL_REGISTER_MULTINOMIAL(Eigen::bfloat16);
RILL_REGISTER_MULTINOMIAL(float);
RILL_REGISTER_MULTINOMIAL(double);
#undef RILL_REGISTER_MULTINOMIAL

}  // namespace
}  // namespace rill
