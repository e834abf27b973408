// The global step, made with GetVariable at the graph's root so that every caller finds the
// same variable.
#include "train/global_step.h"

#include "core/framework/tensor_shape.h"
#include "ops/state/initializers.h"
#include "ops/state/variable_scope.h"

namespace rill {
namespace train {
namespace {

constexpr char kGlobalStepName[] = "global_step";

}  // namespace

ops::Variable GetOrCreateGlobalStep(const Scope& scope) {
  const ops::VariableScope root(scope.RootScope(), "", ops::VariableReuse::kAutoReuse);
  return ops::GetVariable(root, kGlobalStepName, TensorShape({}), DT_INT64,
                          ops::ZerosInitializer(), /*trainable=*/false);
}

std::optional<ops::Variable> GetGlobalStep(const Scope& scope) {
  for (const ops::Variable& variable : ops::GlobalVariables(scope)) {
    if (variable.name() == kGlobalStepName) return variable;
  }
  return std::nullopt;
}

}  // namespace train
}  // namespace rill
