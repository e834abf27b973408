// The lecture's linear-regression graph, built with the C++ client.
#include "examples/linear_regression_model.h"

#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/initializers.h"
#include "ops/state/variable_scope.h"
#include "train/gradient_descent.h"

namespace rill {
namespace examples {

absl::StatusOr<LinearRegression> BuildLinearRegression(const Scope& root, bool vectorized) {
  const PartialTensorShape shape = vectorized ? PartialTensorShape({-1}) : PartialTensorShape({});
  const Output x =
      ops::Placeholder(root.WithOpName("X"), DT_FLOAT, ops::Placeholder::Shape(shape));
  const Output y =
      ops::Placeholder(root.WithOpName("Y"), DT_FLOAT, ops::Placeholder::Shape(shape));
  return BuildLinearRegressionOn(root, x, y, vectorized);
}

absl::StatusOr<LinearRegression> BuildLinearRegressionOn(const Scope& root, Output x, Output y,
                                                         bool vectorized) {
  LinearRegression model;
  model.x = x;
  model.y = y;
  const ops::VariableScope variables(root);
  model.w = ops::GetVariable(variables, "weights", TensorShape({}), DT_FLOAT,
                             ops::ConstantInitializer(0.0f));
  model.b = ops::GetVariable(variables, "bias", TensorShape({}), DT_FLOAT,
                             ops::ConstantInitializer(0.0f));
  const Output y_predicted = ops::Add(root, ops::Mul(root, model.w, model.x), model.b);
  const Output squared = ops::Square(root.WithOpName(vectorized ? "squared" : "loss"),
                                     ops::Sub(root, model.y, y_predicted));
  model.loss = vectorized ? Output(ops::Mean(root.WithOpName("loss"), squared, 0)) : squared;
  train::GradientDescentOptimizer optimizer(0.001f);
  ASSIGN_OR_RETURN(model.train_op, optimizer.Minimize(root, model.loss));
  model.init = ops::GlobalVariablesInitializer(root);
  RETURN_IF_ERROR(root.status());
  return model;
}

}  // namespace examples
}  // namespace rill
