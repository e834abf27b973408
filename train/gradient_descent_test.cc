// Tests of GradientDescentOptimizer and the Optimizer base: dense and sparse steps with
// values worked by hand, the global step, var_list and non-trainable variables, a learning
// rate fed as a tensor, double variables, node names, and the no-gradient error.
#include "train/gradient_descent.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/state_ops.h"
#include "ops/state/variables.h"
#include "train/global_step.h"

namespace rill {
namespace train {
namespace {

// Step runs `train_op` once in `session` after initializing every variable the first time.
void Step(const ClientSession& session, const Operation& train_op,
          const ClientSession::FeedType& feeds = {}) {
  RILL_CHECK_OK(session.Run(feeds, {}, {train_op}, nullptr));
}

Tensor Value(const ClientSession& session, const ops::Variable& variable) {
  absl::StatusOr<Tensor> value = variable.Eval(session);
  RILL_CHECK_OK(value.status());
  return *value;
}

bool GraphHasOp(const Scope& root, const std::string& type) {
  for (const Node* node : root.graph()->nodes()) {
    if (node->type_string() == type) return true;
  }
  return false;
}

TEST(GradientDescentTest, DenseStepSubtractsTheScaledGradient) {
  // loss = sum(w * c): the gradient is c; w = [1, 2] - 0.5 * [3, 4] = [-0.5, 0].
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), {1.f, 2.f});
  auto loss = ops::Sum(root, ops::Mul(root, w, {3.f, 4.f}), 0);
  GradientDescentOptimizer optimizer(0.5f);
  absl::StatusOr<Operation> train_op = optimizer.Minimize(root, loss);
  ASSERT_TRUE(train_op.ok()) << train_op.status();
  EXPECT_NE(root.graph()->FindNode("GradientDescent/update_w/ResourceApplyGradientDescent"),
            nullptr);
  EXPECT_EQ(train_op->name(), "GradientDescent/update");

  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  Step(session, *train_op);
  test::ExpectTensorEqual<float>(Value(session, w), test::AsTensor<float>({-0.5f, 0}));
  Step(session, *train_op);
  test::ExpectTensorEqual<float>(Value(session, w), test::AsTensor<float>({-2, -2}));
}

TEST(GradientDescentTest, SparseStepTouchesOnlyTheGatheredRows) {
  // loss = sum(table[[1, 3, 1]]): row 1 gets gradient 2 (gathered twice), row 3 gets 1.
  Scope root = Scope::NewRootScope();
  ops::Variable table(root.WithOpName("table"),
                      {{1.f, 1.f}, {2.f, 2.f}, {3.f, 3.f}, {4.f, 4.f}});
  auto rows = ops::ResourceGather(root, table.handle(), {1, 3, 1}, DT_FLOAT);
  auto loss = ops::Sum(root, rows, {0, 1});
  GradientDescentOptimizer optimizer(0.25f);
  absl::StatusOr<Operation> train_op = optimizer.Minimize(root, loss);
  ASSERT_TRUE(train_op.ok()) << train_op.status();
  EXPECT_TRUE(GraphHasOp(root, "ResourceScatterAdd"));
  EXPECT_FALSE(GraphHasOp(root, "ResourceApplyGradientDescent"));

  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  Step(session, *train_op);
  test::ExpectTensorEqual<float>(
      Value(session, table),
      test::AsTensor<float>({1, 1, 1.5f, 1.5f, 3, 3, 3.75f, 3.75f}, TensorShape({4, 2})));
}

TEST(GradientDescentTest, GlobalStepCountsStepsAndIsNeverTrained) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), 3.0);
  ops::Variable frozen(root.WithOpName("frozen"), 10.0, ops::Variable::Trainable(false));
  ops::Variable unused(root.WithOpName("unused"), 7.0);
  // loss = w * w * frozen: d/dw = 2 * w * frozen = 60 at the start.
  auto loss = ops::Mul(root, ops::Mul(root, w, w), frozen);
  ops::Variable global_step = GetOrCreateGlobalStep(root.NewSubScope("somewhere"));
  EXPECT_EQ(global_step.name(), "global_step");
  EXPECT_EQ(global_step.dtype(), DT_INT64);
  EXPECT_FALSE(global_step.trainable());
  EXPECT_EQ(GetOrCreateGlobalStep(root), global_step);
  ASSERT_TRUE(GetGlobalStep(root).has_value());

  // 0.125: exact in float and double, so the float learning rate cast to the double
  // variable's dtype changes nothing.
  GradientDescentOptimizer optimizer(0.125f);
  absl::StatusOr<Operation> train_op = optimizer.Minimize(root, loss, global_step);
  ASSERT_TRUE(train_op.ok()) << train_op.status();
  EXPECT_EQ(train_op->name(), "GradientDescent/increment_global_step");

  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  Step(session, *train_op);
  Step(session, *train_op);
  test::ExpectTensorEqual<int64_t>(Value(session, global_step), test::AsScalar<int64_t>(2));
  // 3 - 0.125 * 60 = -4.5; -4.5 - 0.125 * (2 * -4.5 * 10) = 6.75.
  test::ExpectTensorEqual<double>(Value(session, w), test::AsScalar<double>(6.75));
  test::ExpectTensorEqual<double>(Value(session, frozen), test::AsScalar<double>(10));
  test::ExpectTensorEqual<double>(Value(session, unused), test::AsScalar<double>(7));
}

TEST(GradientDescentTest, VarListAndFedLearningRate) {
  Scope root = Scope::NewRootScope();
  ops::Variable a(root.WithOpName("a"), 1.f);
  ops::Variable b(root.WithOpName("b"), 1.f);
  auto loss = ops::Add(root, a, b);
  auto rate = ops::Placeholder(root.WithOpName("rate"), DT_FLOAT);
  GradientDescentOptimizer optimizer(rate);
  absl::StatusOr<Operation> train_op = optimizer.Minimize(root, loss, std::nullopt, {b});
  ASSERT_TRUE(train_op.ok()) << train_op.status();
  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  Step(session, *train_op, {{rate, 0.25f}});
  Step(session, *train_op, {{rate, 0.5f}});
  test::ExpectTensorEqual<float>(Value(session, a), test::AsScalar<float>(1));
  test::ExpectTensorEqual<float>(Value(session, b), test::AsScalar<float>(0.25f));
}

TEST(GradientDescentTest, ComputeGradientsPairsEveryVariable) {
  Scope root = Scope::NewRootScope();
  ops::Variable a(root.WithOpName("a"), 2.f);
  ops::Variable b(root.WithOpName("b"), 5.f);
  auto loss = ops::Square(root, a);
  GradientDescentOptimizer optimizer(1.f);
  absl::StatusOr<std::vector<GradientAndVariable>> pairs = optimizer.ComputeGradients(root, loss);
  ASSERT_TRUE(pairs.ok()) << pairs.status();
  ASSERT_EQ(pairs->size(), 2u);
  EXPECT_EQ((*pairs)[0].variable, a);
  EXPECT_FALSE((*pairs)[0].gradient.is_none());
  EXPECT_EQ((*pairs)[1].variable, b);
  EXPECT_TRUE((*pairs)[1].gradient.is_none());
}

TEST(GradientDescentTest, NoGradientForAnyVariableIsAnError) {
  Scope root = Scope::NewRootScope();
  ops::Variable a(root.WithOpName("a"), 2.f);
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto loss = ops::Square(root, x);
  GradientDescentOptimizer optimizer(1.f);
  absl::StatusOr<Operation> train_op = optimizer.Minimize(root, loss);
  ASSERT_FALSE(train_op.ok());
  EXPECT_EQ(train_op.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(train_op.status().message(),
                                "No gradients provided for any variable"))
      << train_op.status();
  EXPECT_TRUE(absl::StrContains(train_op.status().message(), "[a]")) << train_op.status();
}

}  // namespace
}  // namespace train
}  // namespace rill
