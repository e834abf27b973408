// The lecture's linear-regression graph (Y_predicted = w * X + b, squared loss, one
// gradient-descent step), shared by the example program and its benchmark.
#ifndef RILL_EXAMPLES_LINEAR_REGRESSION_MODEL_H_
#define RILL_EXAMPLES_LINEAR_REGRESSION_MODEL_H_

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "ops/state/variables.h"

namespace rill {
namespace examples {

// LinearRegression is the lecture's graph: X and Y (placeholders, or a dataset's elements;
// scalars, one sample per step, or vectors of the whole data set), get_variable "weights"
// and "bias" initialized to 0, Y_predicted = w * X + b, loss = (Y - Y_predicted)^2 (its
// mean for vectors), and GradientDescentOptimizer(0.001).minimize(loss).
struct LinearRegression {
  Output x;
  Output y;
  ops::Variable w;
  ops::Variable b;
  Output loss;
  Operation train_op;
  Operation init;  // global_variables_initializer
};

// BuildLinearRegression builds it in `root`; `vectorized` picks vector placeholders.
absl::StatusOr<LinearRegression> BuildLinearRegression(const Scope& root, bool vectorized);

// BuildLinearRegressionOn builds the same model on given X and Y, such as the two
// components an iterator's GetNext returns (the lecture's tf.data variant): scalars, or
// vectors when `vectorized`.
absl::StatusOr<LinearRegression> BuildLinearRegressionOn(const Scope& root, Output x, Output y,
                                                         bool vectorized);

}  // namespace examples
}  // namespace rill

#endif  // RILL_EXAMPLES_LINEAR_REGRESSION_MODEL_H_
