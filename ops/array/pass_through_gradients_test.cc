// Tests of the gradients of Identity, PlaceholderWithDefault, CheckNumerics and
// PreventGradient: numeric checks, sparse gradients forwarded as they are, the gradient's
// own numerics check, and PreventGradient's error.
#include <cmath>
#include <limits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/array/gradient_test_util.h"
#include "ops/gradients/gradients.h"

namespace rill {
namespace {

using test::ExpectGradientMatches;

TEST(PassThroughGradientsTest, IdentityAndPlaceholderWithDefault) {
  Scope root = Scope::NewRootScope();
  Output x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 3}), ops::Identity(root, x));

  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 3}),
                        ops::PlaceholderWithDefault(root, x, PartialTensorShape({2, 3})));
}

TEST(PassThroughGradientsTest, IdentityForwardsSparseGradients) {
  Scope root = Scope::NewRootScope();
  const Output x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({4, 2}));
  const Output y = ops::GatherV2(root, ops::Identity(root, x), {3, 1}, 0);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, &grads).ok());
  EXPECT_TRUE(grads[0].is_sparse());
}

TEST(PassThroughGradientsTest, CheckNumericsChecksTheGradient) {
  Scope root = Scope::NewRootScope();
  Output x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({3}));
  ExpectGradientMatches(root, x, TensorShape({3}), ops::CheckNumerics(root, x, "x is bad"));

  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2}));
  const Output y = ops::CheckNumerics(root, x, "x is bad");
  const Output dy = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2}));
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, {dy}, &grads).ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const absl::Status status =
      session.Run({{x, test::AsTensor<double>({1, 2})}, {dy, test::AsTensor<double>({1, nan})}},
                  {grads[0].dense()}, &out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(
      status.message(),
      "Not a number (NaN) or infinity (Inf) values detected in gradient. x is bad"))
      << status;
}

TEST(PassThroughGradientsTest, PreventGradientFails) {
  Scope root = Scope::NewRootScope();
  const Output x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2}));
  const Output y = ops::PreventGradient(root.WithOpName("guard"), x,
                                        ops::PreventGradient::Message("second derivative"));
  std::vector<Gradient> grads;
  const absl::Status status = AddSymbolicGradients(root, {y}, {x}, &grads);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(
      absl::StartsWith(status.message(), "Gradient explicitly disabled. Reason: second derivative"))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "guard (PreventGradient)")) << status;
}

}  // namespace
}  // namespace rill
