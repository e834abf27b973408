// The lecture's variable sharing with Rill's C++ client: two_hidden_layers called twice makes
// two sets of variables; with GetVariable it fails unless a variable scope reuses them; the
// fully_connected pattern shares them with AUTO_REUSE. `tools/bazel run
// //examples:variable_sharing`.
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/random/initializers.h"
#include "ops/state/initializers.h"
#include "ops/state/variable_scope.h"
#include "ops/state/variables.h"

namespace rill {
namespace {

using ops::GetVariable;
using ops::Variable;
using ops::VariableScope;

void Section(const std::string& title) { std::cout << "\n== " << title << " ==\n"; }

// PrintVariables lists the graph's variables, as tf.global_variables() would.
void PrintVariables(const Scope& root) {
  const std::vector<Variable> variables = ops::GlobalVariables(root);
  std::cout << variables.size() << " variables:";
  for (const Variable& variable : variables) std::cout << " " << variable.name();
  std::cout << "\n";
}

// Inputs are the lecture's x1 and x2, [200, 100] each, fed with the same values.
struct Inputs {
  explicit Inputs(const Scope& root)
      : x1(ops::Placeholder(root.WithOpName("x1"), DT_FLOAT, ops::Placeholder::Shape({200, 100}))),
        x2(ops::Placeholder(root.WithOpName("x2"), DT_FLOAT, ops::Placeholder::Shape({200, 100}))) {
  }
  Output x1;
  Output x2;
};

// SameInput is one [200, 100] batch, fed to both x1 and x2.
Tensor SameInput() {
  Tensor x(DT_FLOAT, TensorShape({200, 100}));
  auto flat = x.flat<float>();
  for (int64_t i = 0; i < flat.size(); ++i) flat(i) = static_cast<float>(i * 37 % 101) / 50 - 1;
  return x;
}

// CompareLogits initializes every variable, feeds the same batch to x1 and x2, and says
// whether the two logits agree.
void CompareLogits(const Scope& root, const Inputs& inputs, const Output& logits1,
                   const Output& logits2) {
  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  const Tensor x = SameInput();
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({{inputs.x1, x}, {inputs.x2, x}}, {logits1, logits2}, &out));
  bool equal = out[0].shape() == out[1].shape();
  for (int64_t i = 0; equal && i < out[0].NumElements(); ++i) {
    equal = out[0].flat<float>()(i) == out[1].flat<float>()(i);
  }
  std::cout << "logits1 = " << logits1 << "\n";
  std::cout << "same input: logits1 == logits2: " << (equal ? "true" : "false") << "\n";
}

// The lecture's first two_hidden_layers: plain Variables, so every call makes new ones.
Output TwoHiddenLayersWithVariables(const Scope& scope, const Output& x) {
  Variable w1(scope.WithOpName("h1_weights"), TensorShape({100, 50}), DT_FLOAT,
              ops::RandomNormalInitializer());
  Variable b1(scope.WithOpName("h1_biases"), TensorShape({50}), DT_FLOAT, ops::ZerosInitializer());
  Output h1 = ops::Add(scope, ops::MatMul(scope, x, w1), b1);
  Variable w2(scope.WithOpName("h2_weights"), TensorShape({50, 10}), DT_FLOAT,
              ops::RandomNormalInitializer());
  Variable b2(scope.WithOpName("h2_biases"), TensorShape({10}), DT_FLOAT, ops::ZerosInitializer());
  return ops::Add(scope, ops::MatMul(scope, h1, w2), b2);
}

// two_hidden_layers with get_variable: the variables are found by name in the variable
// scope it is given.
Output TwoHiddenLayers(const VariableScope& scope, const Output& x) {
  Variable w1 =
      GetVariable(scope, "h1_weights", {100, 50}, DT_FLOAT, ops::RandomNormalInitializer());
  Variable b1 = GetVariable(scope, "h1_biases", {50}, DT_FLOAT, ops::ConstantInitializer(0.0f));
  Output h1 = ops::Add(scope, ops::MatMul(scope, x, w1), b1);
  Variable w2 =
      GetVariable(scope, "h2_weights", {50, 10}, DT_FLOAT, ops::RandomNormalInitializer());
  Variable b2 = GetVariable(scope, "h2_biases", {10}, DT_FLOAT, ops::ConstantInitializer(0.0f));
  return ops::Add(scope, ops::MatMul(scope, h1, w2), b2);
}

// fully_connected(x, output_dim, scope): a layer in its own variable scope with AUTO_REUSE.
Output FullyConnected(const VariableScope& parent, const Output& x, int64_t output_dim,
                      const std::string& name) {
  VariableScope scope(parent, name, ops::VariableReuse::kAutoReuse);
  Variable w = GetVariable(scope, "weights", {x.shape().dim_size(1), output_dim}, DT_FLOAT,
                           ops::RandomNormalInitializer());
  Variable b = GetVariable(scope, "biases", {output_dim}, DT_FLOAT, ops::ConstantInitializer(0.0f));
  return ops::Add(scope, ops::MatMul(scope, x, w), b);
}

Output TwoFullyConnectedLayers(const VariableScope& scope, const Output& x) {
  Output h1 = FullyConnected(scope, x, 50, "h1");
  return FullyConnected(scope, h1, 10, "h2");
}

void CalledTwiceWithVariables() {
  Section("two_hidden_layers with tf.Variable, called twice");
  Scope root = Scope::NewRootScope();
  Inputs inputs(root);
  const Output logits1 = TwoHiddenLayersWithVariables(root, inputs.x1);
  const Output logits2 = TwoHiddenLayersWithVariables(root, inputs.x2);
  RILL_CHECK_OK(root.status());
  PrintVariables(root);
  CompareLogits(root, inputs, logits1, logits2);
}

void CalledTwiceWithoutAScope() {
  Section("two_hidden_layers with tf.get_variable, called twice");
  Scope root = Scope::NewRootScope();
  Inputs inputs(root);
  VariableScope variables(root);
  TwoHiddenLayers(variables, inputs.x1);
  TwoHiddenLayers(variables, inputs.x2);
  std::cout << "error: " << root.status().message() << "\n";
}

void InAScopeWithoutReuse() {
  Section("with tf.variable_scope('two_layers'), no reuse");
  Scope root = Scope::NewRootScope();
  Inputs inputs(root);
  VariableScope two_layers(root, "two_layers");
  TwoHiddenLayers(two_layers, inputs.x1);
  TwoHiddenLayers(two_layers, inputs.x2);
  std::cout << "error: " << root.status().message() << "\n";
}

void InAScopeWithReuseVariables() {
  Section("with tf.variable_scope('two_layers') as scope: ...; scope.reuse_variables()");
  Scope root = Scope::NewRootScope();
  Inputs inputs(root);
  VariableScope two_layers(root, "two_layers");
  const Output logits1 = TwoHiddenLayers(two_layers, inputs.x1);
  two_layers.ReuseVariables();
  const Output logits2 = TwoHiddenLayers(two_layers, inputs.x2);
  RILL_CHECK_OK(root.status());
  PrintVariables(root);
  CompareLogits(root, inputs, logits1, logits2);
}

void FullyConnectedWithAutoReuse() {
  Section("fully_connected(x, output_dim, scope) with reuse=tf.AUTO_REUSE");
  Scope root = Scope::NewRootScope();
  Inputs inputs(root);
  VariableScope two_layers(root, "two_layers");
  const Output logits1 = TwoFullyConnectedLayers(two_layers, inputs.x1);
  const Output logits2 = TwoFullyConnectedLayers(two_layers, inputs.x2);
  RILL_CHECK_OK(root.status());
  PrintVariables(root);
  CompareLogits(root, inputs, logits1, logits2);
}

}  // namespace
}  // namespace rill

int main() {
  rill::CalledTwiceWithVariables();
  rill::CalledTwiceWithoutAScope();
  rill::InAScopeWithoutReuse();
  rill::InAScopeWithReuseVariables();
  rill::FullyConnectedWithAutoReuse();
  return 0;
}
