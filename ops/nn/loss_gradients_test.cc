// Tests of the softmax-family and loss gradient functions: each checked against central
// differences on double inputs (and a float case), the cross entropy's second derivative
// through its backprop output, and the sparse one's refusal of it.
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
#include "ops/nn/nn_ops.h"

namespace rill {
namespace {

Output DoubleInput(const Scope& scope, const TensorShape& shape) {
  return ops::Placeholder(scope, DT_DOUBLE, ops::Placeholder::Shape(shape));
}

Tensor Logits() {
  return test::AsTensor<double>({0.5, -1.2, 2.0, 0.1, 1.5, 0.3, -0.7, 0.9}, TensorShape({2, 4}));
}

Tensor Labels() {
  return test::AsTensor<double>({0.1, 0.2, 0.3, 0.4, 0.7, 0.0, 0.2, 0.1}, TensorShape({2, 4}));
}

double Error(const Scope& root, const std::vector<Output>& xs, const std::vector<Tensor>& values,
             const std::vector<Output>& ys) {
  const absl::StatusOr<double> error = ComputeGradientError(root, xs, values, ys);
  EXPECT_TRUE(error.ok()) << error.status();
  return error.ok() ? *error : 1;
}

TEST(LossGradientsTest, SoftmaxAndLogSoftmax) {
  for (const bool log : {false, true}) {
    Scope root = Scope::NewRootScope();
    const Output x = DoubleInput(root, {2, 4});
    const Output y = log ? Output(ops::LogSoftmax(root, x)) : Output(ops::Softmax(root, x));
    EXPECT_LT(Error(root, {x}, {Logits()}, {y}), 1e-6) << (log ? "LogSoftmax" : "Softmax");
  }
  // Rank 3: normalized along the last dimension.
  Scope root = Scope::NewRootScope();
  const Output x = DoubleInput(root, {2, 2, 2});
  const Tensor value =
      test::AsTensor<double>({0.5, -1.2, 2.0, 0.1, 1.5, 0.3, -0.7, 0.9}, TensorShape({2, 2, 2}));
  EXPECT_LT(Error(root, {x}, {value}, {ops::Softmax(root, x)}), 1e-6);
}

TEST(LossGradientsTest, SoftmaxCrossEntropyInBothInputs) {
  Scope root = Scope::NewRootScope();
  const Output logits = DoubleInput(root, {2, 4});
  const Output labels = DoubleInput(root, {2, 4});
  const ops::SoftmaxCrossEntropyWithLogits xent(root, logits, labels);
  EXPECT_LT(Error(root, {logits, labels}, {Logits(), Labels()}, {xent.loss}), 1e-6);
}

// The backprop output's own gradient: the softmax derivative applied to grad_grad.
TEST(LossGradientsTest, SoftmaxCrossEntropySecondDerivative) {
  Scope root = Scope::NewRootScope();
  const Output logits = DoubleInput(root, {2, 4});
  const Output labels = DoubleInput(root, {2, 4});
  const ops::SoftmaxCrossEntropyWithLogits xent(root, logits, labels);
  EXPECT_LT(Error(root, {logits, labels}, {Logits(), Labels()}, {xent.loss, xent.backprop}),
            1e-6);
  // Only the loss used: the unused backprop's zeros add no softmax term.
  Scope plain = Scope::NewRootScope();
  const Output x = DoubleInput(plain, {2, 4});
  const ops::SoftmaxCrossEntropyWithLogits loss_only(plain, x, DoubleInput(plain, {2, 4}));
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(plain, {loss_only.loss}, {x}, &grads).ok());
  ASSERT_EQ(grads.size(), 1u);
  EXPECT_EQ(grads[0].dense().node()->type_string(), "Mul");
  for (Node* node : plain.graph()->nodes()) {
    if (node != nullptr) {
      EXPECT_NE(node->type_string(), "BatchMatMulV2");
    }
  }
}

TEST(LossGradientsTest, SparseSoftmaxCrossEntropy) {
  Scope root = Scope::NewRootScope();
  const Output logits = DoubleInput(root, {2, 4});
  const Output loss =
      ops::SparseSoftmaxCrossEntropyWithLogits(root, logits, ops::Const(root, {int64_t{2}, int64_t{0}}))
          .loss;
  EXPECT_LT(Error(root, {logits}, {Logits()}, {loss}), 1e-6);
}

TEST(LossGradientsTest, SparseSoftmaxCrossEntropyHasNoSecondDerivative) {
  Scope root = Scope::NewRootScope();
  const Output logits = DoubleInput(root, {2, 4});
  const Output loss =
      ops::SparseSoftmaxCrossEntropyWithLogits(root, logits, ops::Const(root, {1, 3})).loss;
  std::vector<Gradient> first;
  ASSERT_TRUE(AddSymbolicGradients(root, {loss}, {logits}, &first).ok());
  std::vector<Gradient> second;
  const absl::Status status = AddSymbolicGradients(root, {first[0].dense()}, {logits}, &second);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(absl::StrContains(status.message(), "no way to take the second derivative"))
      << status;
}

TEST(LossGradientsTest, L2Loss) {
  Scope root = Scope::NewRootScope();
  const Output t = DoubleInput(root, {2, 4});
  EXPECT_LT(Error(root, {t}, {Logits()}, {ops::L2Loss(root, t)}), 1e-6);
}

TEST(LossGradientsTest, FloatSoftmaxCrossEntropy) {
  Scope root = Scope::NewRootScope();
  const Output logits = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({1, 3}));
  const Output loss =
      ops::SoftmaxCrossEntropyWithLogits(root, logits, ops::Const(root, {{0.2f, 0.3f, 0.5f}}))
          .loss;
  const absl::StatusOr<double> error =
      ComputeGradientError(root, logits, test::AsTensor<float>({1, 2, 3}, TensorShape({1, 3})), loss);
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-2);
}

// d loss / d logits is softmax - labels, scaled per row by the incoming gradient.
TEST(LossGradientsTest, CrossEntropyGradientValues) {
  Scope root = Scope::NewRootScope();
  const Output logits = ops::Placeholder(root, DT_DOUBLE);
  const Output loss = ops::SoftmaxCrossEntropyWithLogits(
                          root, logits, ops::Const(root, {{0.2, 0.3, 0.5}, {1.0, 0.0, 0.0}}))
                          .loss;
  std::vector<Gradient> grads;
  ASSERT_TRUE(
      AddSymbolicGradients(root, {loss}, {logits}, {ops::Const(root, {1.0, 2.0})}, &grads).ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session
                  .Run({{logits, test::AsTensor<double>({1, 2, 3, 0, 0, 0}, TensorShape({2, 3}))}},
                       {grads[0].dense()}, &out)
                  .ok());
  test::ExpectTensorNear<double>(
      out[0],
      test::AsTensor<double>({-0.10996942682961955, -0.05527152894520235, 0.16524095577482178,
                              2 * (1.0 / 3 - 1), 2.0 / 3, 2.0 / 3},
                             TensorShape({2, 3})),
      1e-12);
}

}  // namespace
}  // namespace rill
