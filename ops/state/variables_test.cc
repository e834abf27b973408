// Tests of Variable and the collections, run in real sessions: the lecture's W.assign(100)
// lesson, separate values per session, the uninitialized-value error, initializing only
// listed variables, the report of uninitialized ones, and the graph each variable builds.
#include "ops/state/variables.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/initializers.h"

namespace rill {
namespace ops {
namespace {

// RunOp runs `op` in `session` and expects it to succeed.
void RunOp(const ClientSession& session, const Operation& op) {
  ASSERT_TRUE(session.Run({}, {}, {op}, nullptr).ok());
}

// EvalInt32 is the variable's scalar value in `session`.
int32_t EvalInt32(const Variable& variable, const ClientSession& session) {
  absl::StatusOr<Tensor> value = variable.Eval(session);
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? value->scalar<int32_t>()() : -1;
}

std::vector<std::string> Names(const std::vector<Variable>& variables) {
  std::vector<std::string> names;
  for (const Variable& variable : variables) names.push_back(variable.name());
  return names;
}

TEST(VariableTest, AssignDoesNothingUntilRun) {
  Scope root = Scope::NewRootScope();
  Variable W(root.WithOpName("W"), 10);
  const Operation assign_op = W.Assign(root, 100);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(W.name(), "W");
  EXPECT_EQ(W.dtype(), DT_INT32);
  EXPECT_EQ(W.shape(), PartialTensorShape({}));

  ClientSession session(root);
  RunOp(session, W.initializer());
  EXPECT_EQ(EvalInt32(W, session), 10);
  RunOp(session, assign_op);
  EXPECT_EQ(EvalInt32(W, session), 100);

  // The assign op creates the variable by itself: no initializer needed.
  ClientSession fresh(root);
  RunOp(fresh, assign_op);
  EXPECT_EQ(EvalInt32(W, fresh), 100);
}

TEST(VariableTest, TwoSessionsHoldSeparateValues) {
  Scope root = Scope::NewRootScope();
  Variable W(root.WithOpName("W"), 10);
  const Operation add_10 = W.AssignAdd(root, 10);
  const Operation sub_2 = W.AssignSub(root, 2);
  const Operation add_100 = W.AssignAdd(root, 100);
  const Operation sub_50 = W.AssignSub(root, 50);
  ClientSession session1(root);
  ClientSession session2(root);
  RunOp(session1, W.initializer());
  RunOp(session2, W.initializer());
  RunOp(session1, add_10);
  EXPECT_EQ(EvalInt32(W, session1), 20);
  RunOp(session2, sub_2);
  EXPECT_EQ(EvalInt32(W, session2), 8);
  RunOp(session1, add_100);
  EXPECT_EQ(EvalInt32(W, session1), 120);
  RunOp(session2, sub_50);
  EXPECT_EQ(EvalInt32(W, session2), -42);
}

TEST(VariableTest, AssignFromTheVariableItself) {
  // my_var_times_two = my_var.assign(2 * my_var): each run doubles it.
  Scope root = Scope::NewRootScope();
  Variable my_var(root.WithOpName("my_var"), 2);
  const Operation times_two = my_var.Assign(root, Mul(root, 2, my_var));
  ClientSession session(root);
  RunOp(session, my_var.initializer());
  RunOp(session, times_two);
  EXPECT_EQ(EvalInt32(my_var, session), 4);
  RunOp(session, times_two);
  EXPECT_EQ(EvalInt32(my_var, session), 8);
  RunOp(session, times_two);
  EXPECT_EQ(EvalInt32(my_var, session), 16);
}

TEST(VariableTest, ReadsKeepTheirValueAcrossLaterUpdates) {
  Scope root = Scope::NewRootScope();
  Variable v(root.WithOpName("v"), {1.f, 2.f});
  const Operation add = v.AssignAdd(root, {10.f, 10.f});
  ClientSession session(root);
  RunOp(session, v.initializer());
  absl::StatusOr<Tensor> before = v.Eval(session);
  ASSERT_TRUE(before.ok()) << before.status();
  RunOp(session, add);
  test::ExpectTensorEqual<float>(*before, test::AsTensor<float>({1, 2}));
  test::ExpectTensorEqual<float>(*v.Eval(session), test::AsTensor<float>({11, 12}));
}

TEST(VariableTest, UninitializedReadIsAFailedPrecondition) {
  Scope root = Scope::NewRootScope();
  Scope layer = root.NewSubScope("layer");
  Variable W(layer.WithOpName("W"), {{1.f, 2.f}});
  ClientSession session(root);
  absl::StatusOr<Tensor> value = W.Eval(session);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().code(), absl::StatusCode::kFailedPrecondition) << value.status();
  EXPECT_TRUE(
      absl::StrContains(value.status().message(), "Attempting to use uninitialized value layer/W"))
      << value.status();
}

TEST(VariableTest, VariablesInitializerInitializesOnlyTheListed) {
  Scope root = Scope::NewRootScope();
  Variable a(root.WithOpName("a"), 1);
  Variable b(root.WithOpName("b"), 2);
  Variable c(root.WithOpName("c"), 3);
  const Operation init_ab = VariablesInitializer(root, {a, b});
  const Output report = ReportUninitializedVariables(root);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(init_ab.name(), "init");

  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({report}, &out).ok());
  test::ExpectTensorEqual<std::string>(out[0], test::AsTensor<std::string>({"a", "b", "c"}));

  RunOp(session, init_ab);
  EXPECT_EQ(EvalInt32(a, session), 1);
  EXPECT_EQ(EvalInt32(b, session), 2);
  absl::StatusOr<Tensor> c_value = c.Eval(session);
  EXPECT_EQ(c_value.status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(session.Run({report}, &out).ok());
  test::ExpectTensorEqual<std::string>(out[0], test::AsTensor<std::string>({"c"}));

  // The global initializer covers the rest; then nothing is reported.
  RunOp(session, GlobalVariablesInitializer(root));
  EXPECT_EQ(EvalInt32(c, session), 3);
  ASSERT_TRUE(session.Run({report}, &out).ok());
  EXPECT_EQ(out[0].shape(), TensorShape({0}));
}

TEST(VariableTest, CollectionsPerGraph) {
  Scope root = Scope::NewRootScope();
  Variable weights(root.WithOpName("weights"), {1.f, 2.f});
  Variable step(root.WithOpName("global_step"), 0, Variable::Trainable(false));
  EXPECT_FALSE(step.trainable());
  EXPECT_EQ(Names(GlobalVariables(root)), (std::vector<std::string>{"weights", "global_step"}));
  EXPECT_EQ(Names(TrainableVariables(root)), (std::vector<std::string>{"weights"}));
  // Another graph has collections of its own.
  Scope other = Scope::NewRootScope();
  EXPECT_TRUE(GlobalVariables(other).empty());
  Variable only(other.WithOpName("only"), 1);
  EXPECT_EQ(Names(GlobalVariables(other)), (std::vector<std::string>{"only"}));
  EXPECT_EQ(GlobalVariables(root).size(), 2u);
}

TEST(VariableTest, GraphNodesAndNames) {
  Scope root = Scope::NewRootScope();
  const Output gate = Const(root.WithOpName("gate"), 1);
  Scope guarded = root.WithControlDependencies(gate);
  Variable W(guarded.WithOpName("W"), 5);
  Variable W_again(root.WithOpName("W"), 6);
  Variable unnamed(root, 7);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(W_again.name(), "W_1");
  EXPECT_EQ(unnamed.name(), "Variable");

  const Graph& graph = *root.graph();
  const Node* handle = graph.FindNode("W");
  ASSERT_NE(handle, nullptr);
  EXPECT_EQ(handle->type_string(), "VarHandleOp");
  EXPECT_EQ(handle->def().attr().at("shared_name").s(), "W");
  // Variables are built outside the scope's control dependencies.
  EXPECT_TRUE(handle->in_edges().empty());
  EXPECT_EQ(W.handle().node(), handle);
  EXPECT_EQ(graph.FindNode("W/Initializer/initial_value")->type_string(), "Const");
  EXPECT_EQ(W.initializer().name(), "W/Assign");
  EXPECT_EQ(W.value().name(), "W/Read/ReadVariableOp:0");
  EXPECT_EQ(W.is_initialized().name(), "W/IsInitialized/VarIsInitializedOp:0");
  EXPECT_EQ(graph.FindNode("W_1/Assign")->type_string(), "AssignVariableOp");
}

TEST(VariableTest, FromAnInitializerOrAnOutput) {
  Scope root = Scope::NewRootScope();
  Variable zeros(root.WithOpName("zeros"), TensorShape({2, 3}), DT_FLOAT, ZerosInitializer());
  Variable doubled(root.WithOpName("doubled"), Mul(root, zeros, 2.f));
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(zeros.shape(), PartialTensorShape({2, 3}));
  // Reads know the variable's shape, so ops built on them do too.
  EXPECT_EQ(zeros.value().shape(), PartialTensorShape({2, 3}));
  EXPECT_EQ(zeros.ReadValue(root).shape(), PartialTensorShape({2, 3}));
  EXPECT_EQ(doubled.shape(), PartialTensorShape({2, 3}));
  EXPECT_EQ(doubled.dtype(), DT_FLOAT);

  Variable ones(root.WithOpName("ones"), TensorShape({2}), DT_INT64, OnesInitializer());
  const Output sum = Add(root, ones, ones);
  ClientSession session(root);
  RunOp(session, GlobalVariablesInitializer(root));
  test::ExpectTensorEqual<float>(*zeros.Eval(session),
                                 test::AsTensor<float>({0, 0, 0, 0, 0, 0}, TensorShape({2, 3})));
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({sum}, &out).ok());
  test::ExpectTensorEqual<int64_t>(out[0], test::AsTensor<int64_t>({2, 2}));
}

TEST(VariableTest, AssignConvertsConstantsAndChecksValues) {
  Scope root = Scope::NewRootScope();
  Variable v(root.WithOpName("v"), {1.f, 2.f});
  const Operation from_ints = v.Assign(root, {3, 4});
  ClientSession session(root);
  RunOp(session, from_ints);
  test::ExpectTensorEqual<float>(*v.Eval(session), test::AsTensor<float>({3, 4}));

  Scope wrong_shape = Scope::NewRootScope();
  Variable w(wrong_shape.WithOpName("w"), {1.f, 2.f});
  w.Assign(wrong_shape, {1.f, 2.f, 3.f});
  EXPECT_EQ(wrong_shape.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(wrong_shape.status().message(),
                                "Trying to assign variable w with an incompatible shape. "
                                "Expected [2] got [3]"))
      << wrong_shape.status();

  Scope wrong_dtype = Scope::NewRootScope();
  Variable n(wrong_dtype.WithOpName("n"), 1);
  n.AssignAdd(wrong_dtype, Const(wrong_dtype, 1.5f));
  EXPECT_TRUE(absl::StrContains(wrong_dtype.status().message(),
                                "Trying to add to variable n with wrong dtype. Expected int32 "
                                "got float"))
      << wrong_dtype.status();

  Scope lossy = Scope::NewRootScope();
  Variable m(lossy.WithOpName("m"), 1);
  m.AssignSub(lossy, 1.5f);
  EXPECT_TRUE(absl::StrContains(lossy.status().message(),
                                "Cannot convert 1.5 (element 0 of the float constant) to int32 "
                                "for variable m"))
      << lossy.status();
}

TEST(VariableTest, InitializerOfTheWrongShapeIsAnError) {
  Scope root = Scope::NewRootScope();
  const Initializer vector_of_three = [](const Scope& scope, const TensorShape&, DataType) {
    return Const(scope, {1.f, 2.f, 3.f});
  };
  Variable v(root.WithOpName("v"), TensorShape({2}), DT_FLOAT, vector_of_three);
  EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(root.status().message(),
                                "The initializer of variable v made a float value of shape [3], "
                                "but the variable is float of shape [2]"))
      << root.status();
  EXPECT_EQ(v.handle().node(), nullptr);
  EXPECT_TRUE(GlobalVariables(root).empty());
}

}  // namespace
}  // namespace ops
}  // namespace rill
