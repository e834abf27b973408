// The random initializers (see initializers.h): the shape as a constant, then the random
// composite; variance scaling computes its stddev or limit in double, as Python does.
#include "ops/random/initializers.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "ops/random/random_composites.h"

namespace rill {
namespace ops {
namespace {

// ShapeConstant is the Python list a TensorFlow initializer receives: int32 values, or
// int64 when a dimension does not fit.
Tensor ShapeConstant(const TensorShape& shape) {
  bool fits = true;
  for (int i = 0; i < shape.dims(); ++i) {
    fits &= shape.dim_size(i) <= std::numeric_limits<int32_t>::max();
  }
  Tensor dims(fits ? DT_INT32 : DT_INT64, TensorShape({shape.dims()}));
  for (int i = 0; i < shape.dims(); ++i) {
    if (fits) {
      dims.flat<int32_t>()(i) = static_cast<int32_t>(shape.dim_size(i));
    } else {
      dims.flat<int64_t>()(i) = shape.dim_size(i);
    }
  }
  return dims;
}

bool IsFloating(DataType dtype) {
  return dtype == DT_HALF || dtype == DT_BFLOAT16 || dtype == DT_FLOAT || dtype == DT_DOUBLE;
}

// CheckFloating puts TensorFlow's "Expected floating point type" error in `scope`.
bool CheckFloating(const Scope& scope, const char* initializer, DataType dtype) {
  if (IsFloating(dtype)) return true;
  scope.UpdateStatus(errors::InvalidArgument(initializer, ": expected a floating point type, got ",
                                             DataTypeString(dtype)));
  return false;
}

// Fans are TensorFlow's _compute_fans.
struct Fans {
  double in;
  double out;
};

Fans ComputeFans(const TensorShape& shape) {
  if (shape.dims() == 0) return {1, 1};
  if (shape.dims() == 1) {
    return {static_cast<double>(shape.dim_size(0)), static_cast<double>(shape.dim_size(0))};
  }
  double receptive_field_size = 1;
  for (int i = 0; i + 2 < shape.dims(); ++i) receptive_field_size *= shape.dim_size(i);
  return {shape.dim_size(shape.dims() - 2) * receptive_field_size,
          shape.dim_size(shape.dims() - 1) * receptive_field_size};
}

}  // namespace

Initializer RandomNormalInitializer(const Input& mean, const Input& stddev,
                                    std::optional<int64_t> seed) {
  return [mean, stddev, seed](const Scope& scope, const TensorShape& shape, DataType dtype) {
    if (!CheckFloating(scope, "random_normal_initializer", dtype)) return Output();
    return random_normal(scope, ShapeConstant(shape), mean, stddev, dtype, seed);
  };
}

Initializer TruncatedNormalInitializer(const Input& mean, const Input& stddev,
                                       std::optional<int64_t> seed) {
  return [mean, stddev, seed](const Scope& scope, const TensorShape& shape, DataType dtype) {
    if (!CheckFloating(scope, "truncated_normal_initializer", dtype)) return Output();
    return truncated_normal(scope, ShapeConstant(shape), mean, stddev, dtype, seed);
  };
}

Initializer RandomUniformInitializer(const Input& minval, const Input& maxval,
                                     std::optional<int64_t> seed) {
  return [minval, maxval, seed](const Scope& scope, const TensorShape& shape, DataType dtype) {
    return random_uniform(scope, ShapeConstant(shape), minval, maxval, dtype, seed);
  };
}

Initializer VarianceScalingInitializer(double scale, VarianceScalingMode mode,
                                       VarianceScalingDistribution distribution,
                                       std::optional<int64_t> seed) {
  return [scale, mode, distribution, seed](const Scope& scope, const TensorShape& shape,
                                           DataType dtype) {
    if (!(scale > 0)) {
      scope.UpdateStatus(errors::InvalidArgument(
          "variance_scaling_initializer: scale must be positive, got ", scale));
      return Output();
    }
    if (!CheckFloating(scope, "variance_scaling_initializer", dtype)) return Output();
    const Fans fans = ComputeFans(shape);
    double n = scale;
    switch (mode) {
      case VarianceScalingMode::kFanIn:
        n /= std::max(1.0, fans.in);
        break;
      case VarianceScalingMode::kFanOut:
        n /= std::max(1.0, fans.out);
        break;
      case VarianceScalingMode::kFanAvg:
        n /= std::max(1.0, (fans.in + fans.out) / 2.0);
        break;
    }
    const Tensor dims = ShapeConstant(shape);
    if (distribution == VarianceScalingDistribution::kUniform) {
      const double limit = std::sqrt(3.0 * n);
      return random_uniform(scope, dims, -limit, limit, dtype, seed);
    }
    if (distribution == VarianceScalingDistribution::kUntruncatedNormal) {
      return random_normal(scope, dims, 0.0, std::sqrt(n), dtype, seed);
    }
    // 0.87962566103423978 is the standard deviation of a unit normal truncated to (-2, 2).
    return truncated_normal(scope, dims, 0.0, std::sqrt(n) / .87962566103423978, dtype, seed);
  };
}

Initializer GlorotUniformInitializer(std::optional<int64_t> seed) {
  return VarianceScalingInitializer(1.0, VarianceScalingMode::kFanAvg,
                                    VarianceScalingDistribution::kUniform, seed);
}

Initializer GlorotNormalInitializer(std::optional<int64_t> seed) {
  return VarianceScalingInitializer(1.0, VarianceScalingMode::kFanAvg,
                                    VarianceScalingDistribution::kTruncatedNormal, seed);
}

}  // namespace ops
}  // namespace rill
