// Tests of the nn composites: sigmoid and softmax cross entropies and l2_normalize, values
// from the Python script quoted below, TensorFlow's gradient flow into labels (none for
// softmax_cross_entropy_with_logits, some for _v2), numeric gradient checks, and errors.
//
// Expected values (python3):
//   sigmoid_xent(x, z) = max(x, 0) - x * z + math.log1p(math.exp(-abs(x)))
//   softmax_xent(x, p) = -sum(p * lsm(x)), lsm(x) = x - max(x) - log(sum(exp(x - max(x))))
//   l2_normalize(x)    = x / sqrt(max(sum(x * x), 1e-12))
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"
#include "ops/gradients/gradients.h"
#include "ops/nn/nn_composites.h"

namespace rill {
namespace {

Tensor RunOne(const Scope& scope, const Output& fetch) {
  ClientSession session(scope);
  std::vector<Tensor> out;
  const absl::Status status = session.Run({fetch}, &out);
  EXPECT_TRUE(status.ok()) << status;
  return status.ok() ? out[0] : Tensor();
}

TEST(NnCompositesTest, SigmoidCrossEntropyIsStableForLargeLogits) {
  Scope root = Scope::NewRootScope();
  const Output loss = ops::sigmoid_cross_entropy_with_logits(
      root, ops::Const(root, {0.0, 1.0, 0.5, 1.0, 0.0, 1.0, 0.0}),
      ops::Const(root, {-2.0, -0.5, 0.0, 0.5, 3.0, 100.0, -100.0}));
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(loss.node()->name(), "logistic_loss/AddV2");
  test::ExpectTensorNear<double>(
      RunOne(root, loss),
      test::AsTensor<double>({0.1269280110429725, 0.9740769841801067, 0.6931471805599453,
                              0.4740769841801067, 3.048587351573742, 3.720075976020836e-44,
                              3.720075976020836e-44}),
      1e-15);
}

TEST(NnCompositesTest, SigmoidCrossEntropyGradients) {
  Scope root = Scope::NewRootScope();
  const Output labels = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({5}));
  const Output logits = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({5}));
  const Output loss = ops::sigmoid_cross_entropy_with_logits(root, labels, logits);
  const absl::StatusOr<double> error = ComputeGradientError(
      root, {labels, logits},
      {test::AsTensor<double>({0, 1, 0.5, 0.2, 0.9}), test::AsTensor<double>({-2, -0.5, 0.3, 0.5, 3})},
      {loss});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-6);
}

TEST(NnCompositesTest, SigmoidCrossEntropyShapeMismatch) {
  Scope root = Scope::NewRootScope();
  ops::sigmoid_cross_entropy_with_logits(root, ops::Const(root, {1.f, 0.f}),
                                         ops::Const(root, {1.f, 2.f, 3.f}));
  EXPECT_TRUE(absl::StrContains(root.status().message(),
                                "logits and labels must have the same shape ([3] vs [2])"))
      << root.status();
}

TEST(NnCompositesTest, SoftmaxCrossEntropyOfRankThreeAndAlongAnotherAxis) {
  Scope root = Scope::NewRootScope();
  const Output logits = ops::Const(
      root, {{{1.0, 2.0, 3.0}, {0.0, 0.0, 0.0}}, {{1000.0, -1000.0, 0.0}, {0.5, -0.5, 0.25}}});
  const Output labels = ops::Const(
      root, {{{0.2, 0.3, 0.5}, {1.0, 0.0, 0.0}}, {{0.5, 0.5, 0.0}, {0.0, 0.0, 1.0}}});
  const Output loss = ops::softmax_cross_entropy_with_logits(root, labels, logits);
  const Output columns = ops::softmax_cross_entropy_with_logits_v2(
      root, ops::Const(root, {{0.2, 1.0}, {0.3, 0.0}, {0.5, 0.0}}),
      ops::Const(root, {{1.0, 0.0}, {2.0, 0.0}, {3.0, 0.0}}), /*axis=*/0);
  ASSERT_TRUE(root.ok()) << root.status();
  test::ExpectTensorNear<double>(
      RunOne(root, loss),
      test::AsTensor<double>({1.1076059644443805, 1.0986122886681098, 1000.0, 1.013922567069287},
                             TensorShape({2, 2})),
      1e-12);
  test::ExpectTensorNear<double>(
      RunOne(root, columns), test::AsTensor<double>({1.1076059644443805, 1.0986122886681098}),
      1e-12);
}

TEST(NnCompositesTest, SoftmaxCrossEntropyHalfIsComputedInFloat) {
  Scope root = Scope::NewRootScope();
  const Output logits = ops::Const(
      root, test::AsTensor<Eigen::half>({Eigen::half(1), Eigen::half(2), Eigen::half(3)},
                                        TensorShape({1, 3})));
  const Output labels = ops::Const(
      root, test::AsTensor<Eigen::half>({Eigen::half(0), Eigen::half(0), Eigen::half(1)},
                                        TensorShape({1, 3})));
  const Output loss = ops::softmax_cross_entropy_with_logits_v2(root, labels, logits);
  ASSERT_TRUE(root.ok()) << root.status();
  ASSERT_EQ(loss.type(), DT_HALF);
  EXPECT_NEAR(static_cast<float>(RunOne(root, loss).flat<Eigen::half>()(0)), 0.40760596f, 1e-3);
}

// TensorFlow 1.x's softmax_cross_entropy_with_logits stops the labels' gradient; _v2 lets
// it through. Both match central differences where they flow.
TEST(NnCompositesTest, SoftmaxCrossEntropyGradients) {
  for (const bool v2 : {false, true}) {
    Scope root = Scope::NewRootScope();
    const Tensor label_values =
        test::AsTensor<double>({0.2, 0.3, 0.5, 1, 0, 0}, TensorShape({2, 3}));
    const Tensor logit_values =
        test::AsTensor<double>({1, 2, 3, 0.5, -0.5, 0.25}, TensorShape({2, 3}));
    const Output labels = ops::PlaceholderWithDefault(root, label_values, PartialTensorShape({2, 3}));
    const Output logits = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2, 3}));
    const Output loss =
        v2 ? ops::softmax_cross_entropy_with_logits_v2(root, labels, logits)
           : ops::softmax_cross_entropy_with_logits(root, labels, logits);
    std::vector<Gradient> grads;
    ASSERT_TRUE(AddSymbolicGradients(root, {loss}, {labels, logits}, &grads).ok());
    EXPECT_EQ(grads[0].is_none(), !v2);
    const absl::StatusOr<double> error =
        v2 ? ComputeGradientError(root, {labels, logits}, {label_values, logit_values}, {loss})
           : ComputeGradientError(root, logits, logit_values, loss);
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 1e-6);
  }
}

TEST(NnCompositesTest, L2NormalizeValuesAndGradients) {
  Scope root = Scope::NewRootScope();
  const Output x = ops::Const(root, {{3.0, 4.0}, {0.0, 0.0}, {1.0, -1.0}});
  const Output rows = ops::l2_normalize(root, x, {1});
  const Output all = ops::l2_normalize(root, x);
  ASSERT_TRUE(root.ok()) << root.status();
  test::ExpectTensorNear<double>(
      RunOne(root, rows),
      test::AsTensor<double>({0.6, 0.8, 0, 0, 0.7071067811865475, -0.7071067811865475},
                             TensorShape({3, 2})),
      1e-15);
  test::ExpectTensorNear<double>(
      RunOne(root, all),
      test::AsTensor<double>({0.5773502691896257, 0.769800358919501, 0, 0, 0.19245008972987526,
                              -0.19245008972987526},
                             TensorShape({3, 2})),
      1e-15);

  Scope grad_root = Scope::NewRootScope();
  const Output p = ops::Placeholder(grad_root, DT_DOUBLE, ops::Placeholder::Shape({2, 3}));
  const absl::StatusOr<double> error = ComputeGradientError(
      grad_root, p, test::AsTensor<double>({1, -2, 0.5, 0.3, 0.4, -1.2}, TensorShape({2, 3})),
      ops::l2_normalize(grad_root, p, {1}));
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-6);
}

TEST(NnCompositesTest, NonFloatingInputsAreRejected) {
  Scope root = Scope::NewRootScope();
  ops::l2_normalize(root, ops::Const(root, {1, 2}));
  EXPECT_TRUE(absl::StrContains(root.status().message(), "x must be a floating tensor"))
      << root.status();
}

}  // namespace
}  // namespace rill
