// The random variable initializers of TensorFlow 1.x (random_normal, truncated_normal,
// random_uniform, variance_scaling, glorot_uniform, glorot_normal) as ops::Initializer
// factories for Variable and get_variable.
#ifndef RILL_OPS_RANDOM_INITIALIZERS_H_
#define RILL_OPS_RANDOM_INITIALIZERS_H_

#include <cstdint>
#include <optional>

#include "core/client/ops.h"
#include "ops/state/initializer.h"

namespace rill {
namespace ops {

// Each factory returns an Initializer that builds, in the scope it is given, the random
// composite TensorFlow's initializer calls (ops/random/random_composites.h), with the
// variable's shape as a constant and the initializer's `seed` as the op seed: so a variable
// gets TensorFlow's initial values, and a new value in every session that runs its
// initializer. Parameters given as Inputs are constants converted to the variable's dtype.
// An unsupported dtype is InvalidArgument in the scope.

// RandomNormalInitializer: tf.random_normal_initializer(mean, stddev, seed); floating
// dtypes.
Initializer RandomNormalInitializer(const Input& mean = 0.0, const Input& stddev = 1.0,
                                    std::optional<int64_t> seed = std::nullopt);

// TruncatedNormalInitializer: tf.truncated_normal_initializer(mean, stddev, seed); values
// more than two stddevs from the mean are redrawn. Floating dtypes.
Initializer TruncatedNormalInitializer(const Input& mean = 0.0, const Input& stddev = 1.0,
                                       std::optional<int64_t> seed = std::nullopt);

// RandomUniformInitializer: tf.random_uniform_initializer(minval, maxval, seed), values in
// [minval, maxval). Floating and int32/int64 dtypes (integers need integer bounds).
Initializer RandomUniformInitializer(const Input& minval = 0, const Input& maxval = 1.0,
                                     std::optional<int64_t> seed = std::nullopt);

// VarianceScalingMode: which fan divides the scale. For a shape [..., in, out] the fans are
// in and out times the product of the leading (receptive field) dimensions; a vector's
// fans are both its size, a scalar's both 1.
enum class VarianceScalingMode { kFanIn, kFanOut, kFanAvg };

// VarianceScalingDistribution: what the values are drawn from, with n = scale / max(1, fan):
//   kTruncatedNormal:   truncated_normal(0, sqrt(n) / 0.87962566103423978), the stddev
//                       corrected for the truncation at two stddevs (TensorFlow 1.x's
//                       "normal" means this too);
//   kUntruncatedNormal: random_normal(0, sqrt(n));
//   kUniform:           random_uniform(-sqrt(3 n), sqrt(3 n)).
enum class VarianceScalingDistribution { kTruncatedNormal, kUntruncatedNormal, kUniform };

// VarianceScalingInitializer: tf.variance_scaling_initializer(scale, mode, distribution,
// seed). `scale` must be positive (InvalidArgument in the scope otherwise). Floating dtypes.
Initializer VarianceScalingInitializer(
    double scale = 1.0, VarianceScalingMode mode = VarianceScalingMode::kFanIn,
    VarianceScalingDistribution distribution = VarianceScalingDistribution::kTruncatedNormal,
    std::optional<int64_t> seed = std::nullopt);

// GlorotUniformInitializer: tf.glorot_uniform_initializer (Xavier), variance scaling with
// scale 1, fan_avg, uniform. TensorFlow's default initializer for get_variable.
Initializer GlorotUniformInitializer(std::optional<int64_t> seed = std::nullopt);

// GlorotNormalInitializer: tf.glorot_normal_initializer, variance scaling with scale 1,
// fan_avg, truncated normal.
Initializer GlorotNormalInitializer(std::optional<int64_t> seed = std::nullopt);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_RANDOM_INITIALIZERS_H_
