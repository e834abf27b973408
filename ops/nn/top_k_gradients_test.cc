// Tests of the TopKV2 gradient function: each value's gradient goes back to its input
// position (central differences on double inputs), zeros elsewhere.
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"
#include "ops/nn/nn_ops.h"

namespace rill {
namespace {

TEST(TopKGradientsTest, ValuesGetTheirGradientsBack) {
  Scope root = Scope::NewRootScope();
  const Output x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2, 2, 5}));
  const ops::TopKV2 top(root, x, 3);
  // Distinct values, at least 0.1 apart, so the selection is stable under the check's steps.
  const Tensor value = test::AsTensor<double>(
      {0.3, 1.2, -0.5, 2.1, 0.9, 1.1, 0.2, 0.8, -1.4, 3.0,
       -0.2, 0.6, 1.9, 0.1, -0.9, 2.2, 1.0, -0.1, 0.4, 1.6},
      TensorShape({2, 2, 5}));
  const absl::StatusOr<double> error = ComputeGradientError(root, x, value, top.values);
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-9);
}

}  // namespace
}  // namespace rill
