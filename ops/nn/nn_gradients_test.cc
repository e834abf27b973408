// Tests of the nn gradient functions: each checked against central differences on double
// inputs (away from the kinks at 0 and 6), a float check, the graphs TensorFlow builds for
// them, and the second-order gradients of ReluGrad, Relu6Grad, EluGrad and SoftplusGrad.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
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

// Points on both sides of 0 and of 6, at least 0.1 from either.
const std::vector<double> kPoints = {-7, -2.5, -0.3, 0.2, 1.5, 3, 5.5, 6.4, 9};

Tensor Doubles(const std::vector<double>& values) {
  return test::AsTensor<double>(values, TensorShape({3, 3}));
}

Output DoublePlaceholder(const Scope& scope) {
  return ops::Placeholder(scope, DT_DOUBLE, ops::Placeholder::Shape({3, 3}));
}

// ActivationError is the gradient-check error of `activation` (a builder) at kPoints.
template <typename Activation>
double ActivationError() {
  Scope root = Scope::NewRootScope();
  const Output x = DoublePlaceholder(root);
  const Output y = Activation(root, x);
  const absl::StatusOr<double> error = ComputeGradientError(root, x, Doubles(kPoints), y);
  EXPECT_TRUE(error.ok()) << error.status();
  return error.ok() ? *error : 1;
}

TEST(NnGradientsTest, ActivationsMatchCentralDifferences) {
  EXPECT_LT(ActivationError<ops::Relu>(), 1e-9);
  EXPECT_LT(ActivationError<ops::Relu6>(), 1e-9);
  EXPECT_LT(ActivationError<ops::Elu>(), 1e-6);
  EXPECT_LT(ActivationError<ops::Softplus>(), 1e-6);
}

TEST(NnGradientsTest, FloatActivationsMatchCentralDifferences) {
  for (const bool softplus : {false, true}) {
    Scope root = Scope::NewRootScope();
    const Output x = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({4}));
    const Output y = softplus ? Output(ops::Softplus(root, x)) : Output(ops::Elu(root, x));
    const absl::StatusOr<double> error =
        ComputeGradientError(root, x, test::AsTensor<float>({-2, -0.5, 0.5, 2}), y);
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 1e-2) << (softplus ? "Softplus" : "Elu");
  }
}

// The rectifiers and Elu differentiate through their own output, as TensorFlow's do:
// Relu's gradient is ReluGrad(dy, Relu(x)), so x itself need not be kept.
TEST(NnGradientsTest, RectifierAndEluGradientsReadTheActivation) {
  struct Case {
    std::string op;
    std::string grad_op;
  };
  for (const Case& c :
       {Case{"Relu", "ReluGrad"}, Case{"Relu6", "Relu6Grad"}, Case{"Elu", "EluGrad"}}) {
    Scope root = Scope::NewRootScope();
    const Output x = DoublePlaceholder(root);
    const Output y = c.op == "Relu"    ? Output(ops::Relu(root, x))
                     : c.op == "Relu6" ? Output(ops::Relu6(root, x))
                                       : Output(ops::Elu(root, x));
    const Output dy = DoublePlaceholder(root);
    std::vector<Gradient> grads;
    ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, {dy}, &grads).ok());
    ASSERT_EQ(grads.size(), 1u);
    ASSERT_FALSE(grads[0].is_sparse());
    Node* grad = grads[0].dense().node();
    EXPECT_EQ(grad->type_string(), c.grad_op);
    const Edge* gradients;
    const Edge* activations;
    ASSERT_TRUE(grad->input_edge(0, &gradients).ok());
    ASSERT_TRUE(grad->input_edge(1, &activations).ok());
    EXPECT_EQ(gradients->src, dy.node());
    EXPECT_EQ(activations->src, y.node());
  }
}

TEST(NnGradientsTest, Relu6GradientValues) {
  Scope root = Scope::NewRootScope();
  const Output x = ops::Placeholder(root, DT_DOUBLE);
  const Output y = ops::Relu6(root, x);
  std::vector<Gradient> grads;
  ASSERT_TRUE(
      AddSymbolicGradients(root, {y}, {x}, {ops::Const(root, {10.0, 20.0, 30.0, 40.0})}, &grads)
          .ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      session.Run({{x, test::AsTensor<double>({-1, 2, 5, 8})}}, {grads[0].dense()}, &out).ok());
  test::ExpectTensorEqual<double>(out[0], test::AsTensor<double>({0, 20, 30, 0}));
}

// The gradient ops' own gradients, with respect to both inputs. SoftplusGrad's gradient
// waits on its incoming gradient (a control dependency, as in TensorFlow), which the check
// feeds through a placeholder; a placeholder that is fed but also a control input is still
// run, and fails, in Rill (TensorFlow moves such control edges to the fed value), so the
// result goes through a Softplus first, giving the incoming gradient an op of its own.
template <typename GradOp>
double GradOpError(const std::vector<double>& second_input, bool through_softplus = false) {
  Scope root = Scope::NewRootScope();
  const Output gradients = DoublePlaceholder(root);
  const Output x = DoublePlaceholder(root);
  const Output backprops = GradOp(root, gradients, x);
  const Output y = through_softplus ? Output(ops::Softplus(root, backprops)) : backprops;
  const absl::StatusOr<double> error = ComputeGradientError(
      root, {gradients, x},
      {Doubles({1.5, -2, 0.5, 3, -1, 2, 0.25, -0.75, 4}), Doubles(second_input)}, {y});
  EXPECT_TRUE(error.ok()) << error.status();
  return error.ok() ? *error : 1;
}

TEST(NnGradientsTest, SecondOrderGradientsMatchCentralDifferences) {
  EXPECT_LT(GradOpError<ops::ReluGrad>(kPoints), 1e-9);
  EXPECT_LT(GradOpError<ops::Relu6Grad>(kPoints), 1e-9);
  // EluGrad takes Elu's outputs: in (-1, 0) below, anything above.
  EXPECT_LT(GradOpError<ops::EluGrad>({-0.9, -0.5, -0.2, 0.3, 1, 2, -0.05, 5, -0.7}), 1e-9);
  EXPECT_LT(GradOpError<ops::SoftplusGrad>(kPoints, /*through_softplus=*/true), 1e-6);
}

// SoftplusGrad's gradient at hand-checked points.
TEST(NnGradientsTest, SoftplusGradSecondDerivativeValues) {
  Scope root = Scope::NewRootScope();
  const Output dy = ops::Placeholder(root, DT_DOUBLE);
  const Output x = ops::Placeholder(root, DT_DOUBLE);
  const Output backprops = ops::SoftplusGrad(root, dy, x);
  std::vector<Gradient> grads;
  ASSERT_TRUE(
      AddSymbolicGradients(root, {backprops}, {dy, x}, {ops::Const(root, {1.0, 2.0})}, &grads)
          .ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session
                  .Run({{dy, test::AsTensor<double>({3, 5})}, {x, test::AsTensor<double>({0, 0})}},
                       {grads[0].dense(), grads[1].dense()}, &out)
                  .ok());
  // At x = 0: d/d dy = ddx * sigmoid(0) = ddx / 2; d/dx = ddx * dy / (1 + 2 + 1).
  test::ExpectTensorNear<double>(out[0], test::AsTensor<double>({0.5, 1.0}), 1e-15);
  test::ExpectTensorNear<double>(out[1], test::AsTensor<double>({0.75, 2.5}), 1e-15);
}

}  // namespace
}  // namespace rill
