// Helpers of the array gradient tests: distinct input values and the numeric gradient check
// at double precision.
#ifndef RILL_OPS_ARRAY_GRADIENT_TEST_UTIL_H_
#define RILL_OPS_ARRAY_GRADIENT_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "gtest/gtest.h"
#include "ops/gradients/gradient_checker.h"

namespace rill {
namespace test {

// DoubleValues is a double tensor of `shape` holding sin(1), sin(2), ...: distinct values,
// so that a gradient sent to the wrong element shows.
inline Tensor DoubleValues(const TensorShape& shape) {
  Tensor t(DT_DOUBLE, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.flat<double>()(i) = std::sin(i + 1.0);
  return t;
}

// ExpectGradientsMatch checks, with `xs` fed `values`, that the symbolic Jacobian of `ys`
// with respect to `xs` matches central differences. The array ops are linear, so at double
// precision the two agree to rounding.
inline void ExpectGradientsMatch(const Scope& root, const std::vector<Output>& xs,
                                 const std::vector<Tensor>& values, const std::vector<Output>& ys) {
  const absl::StatusOr<double> error = ComputeGradientError(root, xs, values, ys);
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-9);
}

// ExpectGradientMatches: ExpectGradientsMatch for one x, fed DoubleValues, and one y.
inline void ExpectGradientMatches(const Scope& root, const Output& x, const TensorShape& shape,
                                  const Output& y) {
  ExpectGradientsMatch(root, {x}, {DoubleValues(shape)}, {y});
}

}  // namespace test
}  // namespace rill

#endif  // RILL_OPS_ARRAY_GRADIENT_TEST_UTIL_H_
