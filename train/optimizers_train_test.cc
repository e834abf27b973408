// Every optimizer, with gradients from automatic differentiation (Minimize): trains a
// linear regression and a small two-layer tanh network from fixed starting values until
// the loss is small, and updates only the embedding rows a ResourceGather read.
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/math/math_ops.h"
#include "ops/state/state_ops.h"
#include "ops/state/variables.h"
#include "train/adagrad.h"
#include "train/adam.h"
#include "train/ftrl.h"
#include "train/global_step.h"
#include "train/gradient_descent.h"
#include "train/momentum.h"
#include "train/optimizer_test_util.h"
#include "train/rms_prop.h"

namespace rill {
namespace train {
namespace {

using ::rill::test::AsTensor;

// Case is an optimizer and the losses it must get under on each problem.
struct Case {
  std::string name;
  std::function<std::unique_ptr<Optimizer>()> make;
  float linear_loss;   // the bound after 300 steps of the linear regression
  float network_loss;  // the bound after 500 steps of the two-layer network
};

std::vector<Case> Cases() {
  // The losses each reaches from 7.3 and 0.37 (deterministic: fixed data and starting
  // values) are about half the bounds. Plain RMSProp ends the linear regression circling the
  // optimum at a distance of about its learning rate.
  return {
      {"GradientDescent", [] { return std::make_unique<GradientDescentOptimizer>(0.2f); }, 1e-10f,
       5e-3f},
      {"Momentum", [] { return std::make_unique<MomentumOptimizer>(0.05f, 0.9f); }, 1e-10f,
       2e-3f},
      {"Nesterov",
       [] { return std::make_unique<MomentumOptimizer>(0.05f, 0.9f, false, "Momentum", true); },
       1e-10f, 2e-3f},
      {"Adagrad", [] { return std::make_unique<AdagradOptimizer>(0.5f); }, 1e-10f, 3e-3f},
      {"Adam", [] { return std::make_unique<AdamOptimizer>(0.05f); }, 1e-10f, 1e-4f},
      {"Ftrl", [] { return std::make_unique<FtrlOptimizer>(1.0f); }, 1e-10f, 2e-2f},
      {"RMSProp", [] { return std::make_unique<RMSPropOptimizer>(0.01f); }, 3e-2f, 1e-2f},
      {"CenteredRMSPropWithMomentum",
       [] {
         return std::make_unique<RMSPropOptimizer>(0.005f, 0.9f, 0.5f, 1e-10f, false, true);
       },
       1e-10f, 2e-3f},
  };
}

// Train runs `steps` steps of `optimizer` on `loss` and returns the losses before and after;
// `after` gets the values of `fetch` at the end.
std::vector<float> Train(const Scope& root, Optimizer& optimizer, const Output& loss, int steps,
                         const std::vector<Output>& fetch = {},
                         std::vector<Tensor>* after = nullptr) {
  const ops::Variable global_step = GetOrCreateGlobalStep(root);
  absl::StatusOr<Operation> step = optimizer.Minimize(root, loss, global_step);
  RILL_CHECK_OK(step.status());
  ClientSession session(root);
  test::Initialize(session, root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({loss}, &out));
  const float before = out[0].scalar<float>()();
  test::RunSteps(session, *step, steps);
  RILL_CHECK_OK(session.Run({loss}, &out));
  EXPECT_EQ(test::Value(session, global_step).scalar<int64_t>()(), steps);
  if (after != nullptr) RILL_CHECK_OK(session.Run(fetch, after));
  return {before, out[0].scalar<float>()()};
}

TEST(OptimizersTrainTest, LinearRegression) {
  // y = 3x + 2 on 20 points of [-1, 1], from w = b = 0.
  std::vector<float> xs, ys;
  for (int i = 0; i < 20; ++i) {
    xs.push_back(-1.0f + i * (2.0f / 19));
    ys.push_back(3 * xs.back() + 2);
  }
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Scope root = Scope::NewRootScope();
    ops::Variable w(root.WithOpName("w"), 0.0f);
    ops::Variable b(root.WithOpName("b"), 0.0f);
    const Output prediction = ops::Add(root, ops::Mul(root, AsTensor<float>(xs), w), b);
    const Output loss =
        ops::Mean(root, ops::Square(root, ops::Sub(root, prediction, AsTensor<float>(ys))), 0);
    std::unique_ptr<Optimizer> optimizer = c.make();
    const std::vector<float> losses = Train(root, *optimizer, loss, 300);
    EXPECT_GT(losses[0], 5.0f);
    EXPECT_LT(losses[1], c.linear_loss);
  }
}

TEST(OptimizersTrainTest, TwoLayerNetwork) {
  // y = x0 * x1 on a 5x5 grid of [-1, 1]^2; 8 tanh hidden units with fixed starting weights.
  std::vector<float> xs, ys;
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 5; ++j) {
      xs.push_back(-1.0f + i * 0.5f);
      xs.push_back(-1.0f + j * 0.5f);
      ys.push_back(xs[xs.size() - 2] * xs.back());
    }
  }
  std::vector<float> w1, w2;
  for (int i = 0; i < 16; ++i) w1.push_back(0.8f * std::sin(1.7f * i + 0.3f));
  for (int i = 0; i < 8; ++i) w2.push_back(0.5f * std::cos(2.3f * i + 0.1f));
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Scope root = Scope::NewRootScope();
    ops::Variable hidden_w(root.WithOpName("hidden/w"), AsTensor<float>(w1, {2, 8}));
    ops::Variable hidden_b(root.WithOpName("hidden/b"), AsTensor<float>(std::vector<float>(8, 0.f)));
    ops::Variable out_w(root.WithOpName("out/w"), AsTensor<float>(w2, {8, 1}));
    ops::Variable out_b(root.WithOpName("out/b"), AsTensor<float>({0.f}));
    const Output hidden = ops::Tanh(
        root, ops::Add(root, ops::MatMul(root, AsTensor<float>(xs, {25, 2}), hidden_w), hidden_b));
    const Output prediction = ops::Add(root, ops::MatMul(root, hidden, out_w), out_b);
    const Output loss = ops::Mean(
        root, ops::Square(root, ops::Sub(root, prediction, AsTensor<float>(ys, {25, 1}))), {0, 1});
    std::unique_ptr<Optimizer> optimizer = c.make();
    const std::vector<float> losses = Train(root, *optimizer, loss, 500);
    EXPECT_GT(losses[0], 0.1f);
    EXPECT_LT(losses[1], c.network_loss);
  }
}

TEST(OptimizersTrainTest, EmbeddingGradientsTouchOnlyTheGatheredRows) {
  // loss = sum((table[[1, 4, 1]] - 1)^2): rows 1 (twice) and 4 move toward 1, others stay.
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Scope root = Scope::NewRootScope();
    std::vector<float> start;
    for (int i = 0; i < 18; ++i) start.push_back(0.1f * i);
    ops::Variable table(root.WithOpName("table"), AsTensor<float>(start, {6, 3}));
    const Output rows = ops::ResourceGather(root, table.handle(), {1, 4, 1}, DT_FLOAT);
    const Output loss =
        ops::Sum(root, ops::Square(root, ops::Sub(root, rows, 1.0f)), {0, 1});
    std::unique_ptr<Optimizer> optimizer = c.make();
    std::vector<Tensor> out;
    const std::vector<float> losses = Train(root, *optimizer, loss, 20, {table.value()}, &out);
    EXPECT_LT(losses[1], losses[0]);
    for (int row : {0, 2, 3, 5}) {
      for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(out[0].flat<float>()(row * 3 + k), start[row * 3 + k]) << row;
      }
    }
  }
}

}  // namespace
}  // namespace train
}  // namespace rill
