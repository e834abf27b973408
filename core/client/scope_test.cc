// Tests of Scope: TensorFlow's unique naming (defaults, explicit names, name scopes),
// devices and control dependencies on the built nodes, and the one shared status.
#include "core/client/scope.h"

#include <string>

#include "core/client/const_op.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/control/control_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

TEST(ScopeTest, DefaultNamesGetSuffixes) {
  Scope root = Scope::NewRootScope();
  EXPECT_EQ(root.GetUniqueNameForOp("Add"), "Add");
  EXPECT_EQ(root.GetUniqueNameForOp("Add"), "Add_1");
  EXPECT_EQ(root.GetUniqueNameForOp("Add"), "Add_2");
  EXPECT_EQ(root.GetUniqueNameForOp("Mul"), "Mul");
}

TEST(ScopeTest, ExplicitNamesAreUsedAndUniquified) {
  Scope root = Scope::NewRootScope();
  EXPECT_EQ(root.WithOpName("a").GetUniqueNameForOp("Add"), "a");
  EXPECT_EQ(root.WithOpName("a").GetUniqueNameForOp("Add"), "a_1");
  // An explicit name that a default would produce later pushes the default on.
  EXPECT_EQ(root.WithOpName("Add").GetUniqueNameForOp("Mul"), "Add");
  EXPECT_EQ(root.GetUniqueNameForOp("Add"), "Add_1");
  EXPECT_EQ(root.WithOpName("").GetUniqueNameForOp("Mul"), "Mul");
}

TEST(ScopeTest, SubScopesPrefixNamesAndAreUniquified) {
  Scope root = Scope::NewRootScope();
  Scope loss = root.NewSubScope("loss");
  EXPECT_EQ(loss.name_scope(), "loss");
  EXPECT_EQ(loss.GetUniqueNameForOp("Add"), "loss/Add");
  EXPECT_EQ(loss.GetUniqueNameForOp("Add"), "loss/Add_1");
  EXPECT_EQ(loss.WithOpName("total").GetUniqueNameForOp("Add"), "loss/total");
  Scope loss_again = root.NewSubScope("loss");
  EXPECT_EQ(loss_again.name_scope(), "loss_1");
  EXPECT_EQ(loss_again.GetUniqueNameForOp("Add"), "loss_1/Add");
  Scope inner = loss.NewSubScope("inner");
  EXPECT_EQ(inner.GetUniqueNameForOp("Add"), "loss/inner/Add");
  // Sub-scope names and op names share one namespace, as in TensorFlow.
  EXPECT_EQ(root.GetUniqueNameForOp("loss"), "loss_2");
  EXPECT_EQ(root.NewSubScope("").name_scope(), "");
}

TEST(ScopeTest, SubScopeDropsOpNameButKeepsDeviceAndControlDeps) {
  Scope root = Scope::NewRootScope();
  auto first = ops::NoOp(root);
  Scope configured =
      root.WithOpName("x").WithDevice("/cpu:0").WithControlDependencies({first.operation});
  Scope sub = configured.NewSubScope("sub");
  EXPECT_EQ(sub.GetUniqueNameForOp("Add"), "sub/Add");
  EXPECT_EQ(sub.device(), "/cpu:0");
  ASSERT_EQ(sub.control_deps().size(), 1u);
  EXPECT_EQ(sub.control_deps()[0], first.operation);
}

TEST(ScopeTest, BuiltNodesFollowTensorFlowNaming) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 3, 5);
  auto b = ops::Add(root, 3, 5);
  auto named = ops::Add(root.WithOpName("sum"), a, b);
  auto scoped = ops::Mul(root.NewSubScope("loss"), named, 2);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(a.node()->name(), "Add");
  EXPECT_EQ(b.node()->name(), "Add_1");
  EXPECT_EQ(named.node()->name(), "sum");
  EXPECT_EQ(scoped.node()->name(), "loss/Mul");
  // Constants take "Const" names in the op's name scope, never the op's own name.
  EXPECT_EQ(b.node()->def().input(0), "Const_2");
  EXPECT_EQ(scoped.node()->def().input(1), "loss/Const");
  EXPECT_NE(root.graph()->FindNode("loss/Const"), nullptr);
}

TEST(ScopeTest, DeviceIsRequestedOnBuiltNodesAndTheirConstants) {
  Scope root = Scope::NewRootScope();
  Scope cpu = root.WithDevice("/cpu:0");
  auto sum = ops::Add(cpu, 1.f, 2.f);
  auto elsewhere = ops::Add(root, sum, 1.f);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(sum.node()->requested_device(), "/cpu:0");
  EXPECT_EQ(root.graph()->FindNode("Const")->requested_device(), "/cpu:0");
  EXPECT_EQ(elsewhere.node()->requested_device(), "");
}

TEST(ScopeTest, ControlDependenciesBecomeControlInputs) {
  Scope root = Scope::NewRootScope();
  auto init = ops::NoOp(root.WithOpName("init"));
  auto x = ops::Const(root.WithOpName("x"), 1.f);
  auto other = ops::Const(root.WithOpName("other"), 2.f);
  Scope after_init = root.WithControlDependencies({init.operation});
  auto y = ops::Identity(after_init.WithOpName("y"), x);
  auto z = ops::Identity(after_init.WithControlDependencies(other).WithOpName("z"), x);
  auto free = ops::Identity(after_init.WithNoControlDependencies().WithOpName("free"), x);
  ASSERT_TRUE(root.ok()) << root.status();
  ASSERT_EQ(y.node()->def().input_size(), 2);
  EXPECT_EQ(y.node()->def().input(1), "^init");
  ASSERT_EQ(z.node()->def().input_size(), 3);
  EXPECT_EQ(z.node()->def().input(1), "^init");
  EXPECT_EQ(z.node()->def().input(2), "^other");
  EXPECT_EQ(free.node()->def().input_size(), 1);
}

TEST(ScopeTest, DtypeMismatchNamesTheNodeAndStopsBuilding) {
  Scope root = Scope::NewRootScope();
  Scope loss = root.NewSubScope("loss");
  auto bad = ops::Add(loss, 3, 5.f);
  EXPECT_EQ(bad.node(), nullptr);
  ASSERT_FALSE(root.ok());
  const absl::Status first_error = root.status();
  EXPECT_EQ(first_error.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(first_error.message().find("loss/Add"), absl::string_view::npos) << first_error;
  EXPECT_NE(first_error.message().find("DT_INT32 vs. DT_FLOAT"), absl::string_view::npos)
      << first_error;
  // Both constants were built; nothing is built after the error, and it stays the first.
  const int num_nodes = root.graph()->num_nodes();
  EXPECT_EQ(num_nodes, 2);
  auto skipped = ops::Add(root, 1, 2);
  EXPECT_EQ(skipped.node(), nullptr);
  EXPECT_EQ(root.graph()->num_nodes(), num_nodes);
  root.UpdateStatus(absl::InternalError("later"));
  EXPECT_EQ(root.status(), first_error);
  EXPECT_EQ(loss.status(), first_error);
  tensorflow::GraphDef graph_def;
  EXPECT_EQ(root.ToGraphDef(&graph_def), first_error);
}

TEST(ScopeTest, ShapeErrorNamesTheNode) {
  Scope root = Scope::NewRootScope();
  ops::Add(root.WithOpName("broken"), {1.f, 2.f}, {1.f, 2.f, 3.f});
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(root.status().message().find("broken"), absl::string_view::npos) << root.status();
}

TEST(ScopeTest, CopiesShareGraphAndStatus) {
  Scope root = Scope::NewRootScope();
  Scope copy = root;
  Scope device = root.WithDevice("/cpu:0");
  EXPECT_EQ(copy.graph(), root.graph());
  EXPECT_EQ(device.graph_as_shared_ptr(), root.graph_as_shared_ptr());
  device.UpdateStatus(absl::InvalidArgumentError("first"));
  EXPECT_FALSE(copy.ok());
  EXPECT_EQ(root.status().message(), "first");
  EXPECT_TRUE(Scope::NewRootScope().ok());
}

TEST(ScopeTest, ToGraphDefWritesTheNodes) {
  Scope root = Scope::NewRootScope();
  ops::Add(root, 3, 5);
  tensorflow::GraphDef graph_def;
  ASSERT_TRUE(root.ToGraphDef(&graph_def).ok());
  ASSERT_EQ(graph_def.node_size(), 3);
  EXPECT_EQ(graph_def.node(2).name(), "Add");
  EXPECT_EQ(graph_def.node(2).op(), "Add");
  EXPECT_EQ(graph_def.node(2).input(0), "Const");
  EXPECT_EQ(graph_def.node(2).input(1), "Const_1");
}

}  // namespace
}  // namespace rill
