// Test helpers of the math gradient tests: deterministic input values and the numeric
// gradient check of a graph built from double placeholders.
#ifndef RILL_OPS_MATH_GRADIENT_TESTUTIL_H_
#define RILL_OPS_MATH_GRADIENT_TESTUTIL_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"

namespace rill {
namespace test {

// Spread is a tensor of `shape` and `dtype` (float or double) whose elements are spread
// over [lo, hi): element i is lo + (hi - lo) * frac(0.618034 * (i + seed)), a sequence
// whose values differ pairwise by more than the checker's 1e-3 steps for small tensors.
inline Tensor Spread(const TensorShape& shape, double lo, double hi, int seed = 1,
                     DataType dtype = DT_DOUBLE) {
  Tensor t(dtype, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    const double golden = 0.6180339887498949 * static_cast<double>(i + seed);
    const double value = lo + (hi - lo) * (golden - static_cast<int64_t>(golden));
    if (dtype == DT_FLOAT) {
      t.flat<float>()(i) = static_cast<float>(value);
    } else {
      t.flat<double>()(i) = value;
    }
  }
  return t;
}

// GraphFn builds the function to check from its inputs, in `scope`.
using GraphFn = std::function<Output(const Scope& scope, const std::vector<Output>& xs)>;

// GradientError builds `fn` on placeholders of the values' dtypes (and shapes, unless
// `known_shapes` is false: then the placeholders have unknown shapes and the gradients
// compute their shapes in the graph) and returns ComputeGradientError's largest difference
// between the symbolic and numeric Jacobians.
inline absl::StatusOr<double> GradientError(const GraphFn& fn, const std::vector<Tensor>& values,
                                            bool known_shapes = true) {
  Scope root = Scope::NewRootScope();
  std::vector<Output> xs;
  for (const Tensor& value : values) {
    PartialTensorShape shape;
    if (known_shapes) shape = value.shape();
    xs.push_back(ops::Placeholder(root, value.dtype(), ops::Placeholder::Shape(shape)));
  }
  const Output y = fn(root, xs);
  return ComputeGradientError(root, xs, values, {y});
}

}  // namespace test
}  // namespace rill

#endif  // RILL_OPS_MATH_GRADIENT_TESTUTIL_H_
