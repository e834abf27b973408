// The lecture's variables programs with Rill's C++ client: creating and initializing
// variables, the W.assign(100) lesson, assign_add/assign_sub, one graph in two sessions, and
// what reading an uninitialized variable says. `tools/bazel run //examples:variables`.
#include "ops/state/variables.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "ops/math/math_ops.h"
#include "ops/state/initializers.h"
#include "ops/state/variable_scope.h"

namespace rill {
namespace {

using ops::Variable;

// Section prints a heading for one of the lecture's programs.
void Section(const std::string& title) { std::cout << "\n== " << title << " ==\n"; }

// RunOp runs `op` (an initializer or an assign) in `session`.
void RunOp(const ClientSession& session, const Operation& op) {
  RILL_CHECK_OK(session.Run({}, {}, {op}, nullptr));
}

// Value is the variable's value in `session`, printed as TensorFlow prints it.
std::string Value(const Variable& variable, const ClientSession& session) {
  absl::StatusOr<Tensor> value = variable.Eval(session);
  RILL_CHECK_OK(value.status());
  return value->DebugString();
}

// s = tf.Variable(2, name="scalar"), m = tf.Variable([[0, 1], [2, 3]], name="matrix"),
// W = tf.Variable(tf.zeros([784, 10])), and s = tf.get_variable("scalar", ...).
void CreatingVariables() {
  Section("Creating variables");
  Scope root = Scope::NewRootScope();
  Variable s(root.WithOpName("scalar"), 2);
  Variable m(root.WithOpName("matrix"), {{0, 1}, {2, 3}});
  Variable W(root.WithOpName("big_matrix"), TensorShape({784, 10}), DT_FLOAT,
             ops::ZerosInitializer());
  ops::VariableScope variables(root);
  Variable s2 = ops::GetVariable(variables, "scalar_2", {}, DT_INT32, ops::ConstantInitializer(2));
  std::cout << "s = " << s.value() << "\n";
  std::cout << "m = " << m.value() << "\n";
  std::cout << "W = " << W.value() << "\n";
  std::cout << "get_variable(\"scalar_2\") = " << s2.value() << "\n";

  ClientSession session(root);
  RunOp(session, ops::GlobalVariablesInitializer(root));
  std::cout << "after global_variables_initializer: s = " << Value(s, session)
            << ", m = " << Value(m, session) << "\n";
}

// W.assign(100) builds an op: W stays 10 until the op runs. The assign also initializes W.
void AssignIsAnOp() {
  Section("W = tf.Variable(10); W.assign(100)");
  Scope root = Scope::NewRootScope();
  Variable W(root.WithOpName("W"), 10);
  W.Assign(root, 100);
  {
    ClientSession session(root);
    RunOp(session, W.initializer());
    std::cout << "assign op not run: W.eval() = " << Value(W, session) << "\n";
  }
  const Operation assign_op = W.Assign(root, 100);
  {
    ClientSession session(root);
    RunOp(session, W.initializer());
    RunOp(session, assign_op);
    std::cout << "assign op run: W.eval() = " << Value(W, session) << "\n";
  }
  {
    ClientSession session(root);
    RunOp(session, assign_op);
    std::cout << "assign op run without the initializer: W.eval() = " << Value(W, session) << "\n";
  }
}

// my_var_times_two = my_var.assign(2 * my_var): each run doubles my_var.
void AssignTwiceTheVariable() {
  Section("my_var.assign(2 * my_var)");
  Scope root = Scope::NewRootScope();
  Variable my_var(root.WithOpName("my_var"), 2);
  const Operation my_var_times_two = my_var.Assign(root, ops::Mul(root, 2, my_var));
  ClientSession session(root);
  RunOp(session, my_var.initializer());
  for (int i = 0; i < 3; ++i) {
    RunOp(session, my_var_times_two);
    std::cout << "run my_var_times_two: my_var = " << Value(my_var, session) << "\n";
  }
}

// assign_add and assign_sub on one variable.
void AssignAddAndSub() {
  Section("my_var.assign_add(10), my_var.assign_sub(2)");
  Scope root = Scope::NewRootScope();
  Variable my_var(root.WithOpName("my_var"), 10);
  const Operation add_10 = my_var.AssignAdd(root, 10);
  const Operation sub_2 = my_var.AssignSub(root, 2);
  ClientSession session(root);
  RunOp(session, my_var.initializer());
  RunOp(session, add_10);
  std::cout << "assign_add(10): my_var = " << Value(my_var, session) << "\n";
  RunOp(session, sub_2);
  std::cout << "assign_sub(2): my_var = " << Value(my_var, session) << "\n";
}

// Each session keeps its own copy of W.
void TwoSessions() {
  Section("One graph, two sessions");
  Scope root = Scope::NewRootScope();
  Variable W(root.WithOpName("W"), 10);
  const Operation add_10 = W.AssignAdd(root, 10);
  const Operation sub_2 = W.AssignSub(root, 2);
  const Operation add_100 = W.AssignAdd(root, 100);
  const Operation sub_50 = W.AssignSub(root, 50);
  ClientSession sess1(root);
  ClientSession sess2(root);
  RunOp(sess1, W.initializer());
  RunOp(sess2, W.initializer());
  RunOp(sess1, add_10);
  std::cout << "sess1: W.assign_add(10) -> " << Value(W, sess1) << "\n";
  RunOp(sess2, sub_2);
  std::cout << "sess2: W.assign_sub(2) -> " << Value(W, sess2) << "\n";
  RunOp(sess1, add_100);
  std::cout << "sess1: W.assign_add(100) -> " << Value(W, sess1) << "\n";
  RunOp(sess2, sub_50);
  std::cout << "sess2: W.assign_sub(50) -> " << Value(W, sess2) << "\n";
}

// Only the listed variables are initialized; reading another is an error.
void InitializingSome() {
  Section("tf.variables_initializer([a, b])");
  Scope root = Scope::NewRootScope();
  Variable a(root.WithOpName("a"), 1);
  Variable b(root.WithOpName("b"), 2);
  Variable c(root.WithOpName("c"), 3);
  const Operation init_ab = ops::VariablesInitializer(root, {a, b});
  const Output report = ops::ReportUninitializedVariables(root);
  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({report}, &out));
  std::cout << "report_uninitialized_variables() = " << out[0].DebugString() << "\n";
  RunOp(session, init_ab);
  RILL_CHECK_OK(session.Run({report}, &out));
  std::cout << "after variables_initializer([a, b]): report_uninitialized_variables() = "
            << out[0].DebugString() << "\n";
  std::cout << "a = " << Value(a, session) << ", b = " << Value(b, session) << "\n";
  const absl::Status error = c.Eval(session).status();
  std::cout << "c.eval(): " << absl::StatusCodeToString(error.code()) << ": " << error.message()
            << "\n";
}

}  // namespace
}  // namespace rill

int main() {
  rill::CreatingVariables();
  rill::AssignIsAnOp();
  rill::AssignTwiceTheVariable();
  rill::AssignAddAndSub();
  rill::TwoSessions();
  rill::InitializingSome();
  return 0;
}
