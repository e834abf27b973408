// Checks ZeroOut's gradient, registered from its own plugin-able library: numerically
// against central differences, and by value (only element 0 gets the output's gradient).
#include <vector>

#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "examples/custom_op/zero_out.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"
#include "ops/gradients/gradients.h"

namespace rill {
namespace {

TEST(ZeroOutGradientTest, MatchesCentralDifferences) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT, ops::Placeholder::Shape({2, 3}));
  auto y = ops::ZeroOut(root, x);
  absl::StatusOr<double> error = ComputeGradientError(
      root, x, test::AsTensor<float>({1, -2, 3, 4, 5, -6}, TensorShape({2, 3})), y);
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-3);
}

TEST(ZeroOutGradientTest, OnlyTheFirstElementGetsTheGradient) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto y = ops::ZeroOut(root, x);
  auto dy = ops::Placeholder(root.WithOpName("dy"), DT_FLOAT);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, {dy}, &grads).ok()) << root.status();
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({{x, {7.f, 8.f, 9.f}}, {dy, {10.f, 20.f, 30.f}}}, {grads[0].dense()},
                          &out)
                  .ok());
  test::ExpectTensorEqual<float>(out[0], test::AsTensor<float>({10, 0, 0}));
}

}  // namespace
}  // namespace rill
