// Tests of VariableScope and GetVariable: the lecture's two_hidden_layers without a scope
// (the "already exists" error), inside variable_scope("two_layers") with reuse_variables()
// (four variables, identical outputs), the fully_connected AUTO_REUSE pattern, and the
// reuse rules, names and errors of variable scopes.
#include "ops/state/variable_scope.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
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
#include "ops/state/variables.h"

namespace rill {
namespace ops {
namespace {

std::vector<std::string> Names(const std::vector<Variable>& variables) {
  std::vector<std::string> names;
  for (const Variable& variable : variables) names.push_back(variable.name());
  return names;
}

// TwoHiddenLayers is the lecture's two_hidden_layers on a [?, 2] input, with constant
// weights so that the logits can be checked by hand:
//   h1 = x @ [[1, 0, -1], [2, 1, 0]] + [0.5, 0.5, 0.5];   logits = h1 @ [[1], [2], [4]] + [1].
Output TwoHiddenLayers(const VariableScope& scope, const Output& x) {
  Variable w1 = GetVariable(scope, "h1_weights", {2, 3}, DT_FLOAT,
                            ConstantInitializer({1.f, 0.f, -1.f, 2.f, 1.f, 0.f}));
  Variable b1 = GetVariable(scope, "h1_biases", {3}, DT_FLOAT, ConstantInitializer(0.5f));
  Output h1 = Add(scope, MatMul(scope, x, w1), b1);
  Variable w2 =
      GetVariable(scope, "h2_weights", {3, 1}, DT_FLOAT, ConstantInitializer({1.f, 2.f, 4.f}));
  Variable b2 = GetVariable(scope, "h2_biases", {1}, DT_FLOAT, ConstantInitializer(1.f));
  return Add(scope, MatMul(scope, h1, w2), b2);
}

// FullyConnected is the lecture's fully_connected(x, output_dim, scope): its own variable
// scope with AUTO_REUSE, weights of 0.5 and biases of 0.25.
Output FullyConnected(const VariableScope& parent, const Output& x, int64_t output_dim,
                      const std::string& name) {
  VariableScope scope(parent, name, VariableReuse::kAutoReuse);
  Variable w = GetVariable(scope, "weights", {x.shape().dim_size(1), output_dim}, DT_FLOAT,
                           ConstantInitializer(0.5f));
  Variable b = GetVariable(scope, "biases", {output_dim}, DT_FLOAT, ConstantInitializer(0.25f));
  return Add(scope, MatMul(scope, x, w), b);
}

Output TwoFullyConnectedLayers(const VariableScope& scope, const Output& x) {
  Output h1 = FullyConnected(scope, x, 3, "h1");
  return FullyConnected(scope, h1, 1, "h2");
}

Output Input2(const Scope& root, const std::string& name) {
  return Placeholder(root.WithOpName(name), DT_FLOAT, Placeholder::Shape({-1, 2}));
}

// Logits runs both outputs on x = [[1, 2]] after initializing every variable.
std::vector<Tensor> Logits(const Scope& root, const Output& x1, const Output& x2,
                           const Output& logits1, const Output& logits2) {
  ClientSession session(root);
  EXPECT_TRUE(session.Run({}, {}, {GlobalVariablesInitializer(root)}, nullptr).ok());
  std::vector<Tensor> out;
  const Tensor x = test::AsTensor<float>({1, 2}, TensorShape({1, 2}));
  const absl::Status status = session.Run({{x1, x}, {x2, x}}, {logits1, logits2}, &out);
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST(VariableScopeTest, TwoHiddenLayersTwiceWithoutAScopeFails) {
  Scope root = Scope::NewRootScope();
  VariableScope variables(root);
  TwoHiddenLayers(variables, Input2(root, "x1"));
  ASSERT_TRUE(root.ok()) << root.status();
  TwoHiddenLayers(variables, Input2(root, "x2"));
  EXPECT_EQ(root.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(root.status().message(),
            "Variable h1_weights already exists, disallowed. Did you mean to set reuse=True or "
            "reuse=AUTO_REUSE in VarScope?");
}

TEST(VariableScopeTest, TwoHiddenLayersInAScopeWithoutReuseFails) {
  Scope root = Scope::NewRootScope();
  VariableScope two_layers(root, "two_layers");
  TwoHiddenLayers(two_layers, Input2(root, "x1"));
  TwoHiddenLayers(two_layers, Input2(root, "x2"));
  EXPECT_EQ(root.status().message(),
            "Variable two_layers/h1_weights already exists, disallowed. Did you mean to set "
            "reuse=True or reuse=AUTO_REUSE in VarScope?");
}

TEST(VariableScopeTest, ReuseVariablesSharesTheFourVariables) {
  Scope root = Scope::NewRootScope();
  const Output x1 = Input2(root, "x1");
  const Output x2 = Input2(root, "x2");
  VariableScope two_layers(root, "two_layers");
  const Output logits1 = TwoHiddenLayers(two_layers, x1);
  two_layers.ReuseVariables();
  const Output logits2 = TwoHiddenLayers(two_layers, x2);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(Names(GlobalVariables(root)),
            (std::vector<std::string>{"two_layers/h1_weights", "two_layers/h1_biases",
                                      "two_layers/h2_weights", "two_layers/h2_biases"}));
  EXPECT_EQ(logits1.shape(), PartialTensorShape({-1, 1}));

  const std::vector<Tensor> out = Logits(root, x1, x2, logits1, logits2);
  ASSERT_EQ(out.size(), 2u);
  // h1 = [1, 2] @ w1 + 0.5 = [5.5, 2.5, -0.5]; logits = 5.5 + 5 - 2 + 1 = 9.5.
  test::ExpectTensorEqual<float>(out[0], test::AsTensor<float>({9.5f}, TensorShape({1, 1})));
  test::ExpectTensorEqual<float>(out[1], out[0]);
}

TEST(VariableScopeTest, FullyConnectedWithAutoReuse) {
  Scope root = Scope::NewRootScope();
  const Output x1 = Input2(root, "x1");
  const Output x2 = Input2(root, "x2");
  VariableScope two_layers(root, "two_layers");
  const Output logits1 = TwoFullyConnectedLayers(two_layers, x1);
  const Output logits2 = TwoFullyConnectedLayers(two_layers, x2);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(Names(GlobalVariables(root)),
            (std::vector<std::string>{"two_layers/h1/weights", "two_layers/h1/biases",
                                      "two_layers/h2/weights", "two_layers/h2/biases"}));
  // The ops of the second call went in fresh name scopes; the variables did not.
  EXPECT_NE(root.graph()->FindNode("two_layers/h1_1/MatMul"), nullptr);

  const std::vector<Tensor> out = Logits(root, x1, x2, logits1, logits2);
  ASSERT_EQ(out.size(), 2u);
  // h1 = 0.5 * (1 + 2) + 0.25 = 1.75 (three times); logits = 0.5 * 3 * 1.75 + 0.25 = 2.875.
  test::ExpectTensorEqual<float>(out[0], test::AsTensor<float>({2.875f}, TensorShape({1, 1})));
  test::ExpectTensorEqual<float>(out[1], out[0]);
}

TEST(VariableScopeTest, ReuseOfAMissingVariableFails) {
  Scope root = Scope::NewRootScope();
  VariableScope reusing(root, "", VariableReuse::kReuse);
  GetVariable(reusing, "x", {}, DT_FLOAT, ZerosInitializer());
  EXPECT_EQ(root.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(root.status().message(),
            "Variable x does not exist, or was not created with get_variable(). Did you mean to "
            "set reuse=AUTO_REUSE in VarScope?");
}

TEST(VariableScopeTest, DirectlyBuiltVariablesAreNotShared) {
  Scope root = Scope::NewRootScope();
  Variable x(root.WithOpName("x"), 1.f);
  VariableScope reusing(root, "", VariableReuse::kReuse);
  GetVariable(reusing, "x");
  EXPECT_EQ(root.status().code(), absl::StatusCode::kNotFound) << root.status();
}

TEST(VariableScopeTest, SharingChecksShapeAndDtype) {
  Scope root = Scope::NewRootScope();
  VariableScope scope(root, "s", VariableReuse::kAutoReuse);
  const Variable v = GetVariable(scope, "v", {2}, DT_FLOAT, ZerosInitializer());
  EXPECT_EQ(GetVariable(scope, "v", {2}, DT_FLOAT, OnesInitializer()), v);
  EXPECT_EQ(GetVariable(scope, "v"), v);
  GetVariable(scope, "v", {3}, DT_FLOAT, ZerosInitializer());
  EXPECT_EQ(root.status().message(),
            "Trying to share variable s/v, but specified shape [3] and found shape [2].");

  Scope dtypes = Scope::NewRootScope();
  VariableScope auto_reuse(dtypes, "s", VariableReuse::kAutoReuse);
  GetVariable(auto_reuse, "v", {2}, DT_FLOAT, ZerosInitializer());
  GetVariable(auto_reuse, "v", {2}, DT_INT32, ZerosInitializer());
  EXPECT_EQ(dtypes.status().message(),
            "Trying to share variable s/v, but specified dtype int32 and found dtype float.");

  Scope no_shape = Scope::NewRootScope();
  GetVariable(VariableScope(no_shape, "s", VariableReuse::kAutoReuse), "w");
  EXPECT_EQ(no_shape.status().message(),
            "Shape of a new variable (s/w) must be fully defined, but instead was <unknown>.");
}

TEST(VariableScopeTest, NestingNamesAndInheritedReuse) {
  Scope root = Scope::NewRootScope();
  VariableScope outer(root, "outer");
  VariableScope inner(outer, "inner");
  EXPECT_EQ(inner.name(), "outer/inner");
  EXPECT_EQ(inner.scope().name_scope(), "outer/inner");
  const Variable v = GetVariable(inner, "v", {}, DT_INT32, OnesInitializer(), /*trainable=*/false);
  EXPECT_EQ(v.name(), "outer/inner/v");
  EXPECT_TRUE(TrainableVariables(root).empty());

  // Reopening reaches the same variables; its ops get a new name scope.
  VariableScope reopened(root, "outer", VariableReuse::kReuse);
  EXPECT_EQ(reopened.scope().name_scope(), "outer_1");
  VariableScope reopened_inner(reopened, "inner");
  EXPECT_EQ(reopened_inner.reuse(), VariableReuse::kReuse);
  EXPECT_EQ(GetVariable(reopened_inner, "v"), v);
  // kCreate cannot turn reuse off inside a reusing scope; kAutoReuse replaces it.
  EXPECT_EQ(VariableScope(reopened, "inner", VariableReuse::kCreate).reuse(),
            VariableReuse::kReuse);
  EXPECT_EQ(VariableScope(reopened, "inner", VariableReuse::kAutoReuse).reuse(),
            VariableReuse::kAutoReuse);
  EXPECT_EQ(VariableScope(outer, "other").reuse(), VariableReuse::kCreate);
  ASSERT_TRUE(root.ok()) << root.status();

  // The variable scope of a name scope names variables inside it.
  VariableScope model(root.NewSubScope("model"));
  EXPECT_EQ(GetVariable(model, "w", {1}, DT_FLOAT, ZerosInitializer()).name(), "model/w");
}

}  // namespace
}  // namespace ops
}  // namespace rill
