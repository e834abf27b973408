// VariableScope and GetVariable (see variable_scope.h): names joined by hand, variables found
// in or added to the per-graph store of GraphVariables.
#include "ops/state/variable_scope.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "ops/state/graph_variables.h"

namespace rill {
namespace ops {
namespace {

// Join is "a/b", or whichever of a and b is not empty.
std::string Join(absl::string_view a, absl::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return absl::StrCat(a, "/", b);
}

// Lookup finds the variable GetVariable stored as `full_name` on `scope`'s graph.
std::optional<Variable> Lookup(const Scope& scope, const std::string& full_name) {
  std::optional<Variable> found;
  internal::WithGraphVariables(scope, [&](internal::GraphVariables& variables) {
    auto it = variables.shared.find(full_name);
    if (it != variables.shared.end()) found = it->second;
  });
  return found;
}

// Creation is what GetVariable needs to make a variable that does not exist yet.
struct Creation {
  const TensorShape& shape;
  DataType dtype;
  const Initializer& initializer;
  bool trainable;
};

// GetOrCreateVariable is both GetVariables: `creation` is null for the one without a shape.
Variable GetOrCreateVariable(const Scope& root, const std::string& relative_name,
                             VariableReuse reuse, const Creation* creation) {
  if (!root.ok()) return Variable();
  const std::string full_name = Join(root.name_scope(), relative_name);
  const std::optional<Variable> existing = Lookup(root, full_name);
  if (existing.has_value()) {
    if (reuse == VariableReuse::kCreate) {
      root.UpdateStatus(errors::AlreadyExists(
          "Variable ", full_name,
          " already exists, disallowed. Did you mean to set reuse=True or reuse=AUTO_REUSE in "
          "VarScope?"));
      return Variable();
    }
    if (creation != nullptr && !existing->shape().IsIdenticalTo(creation->shape)) {
      root.UpdateStatus(errors::InvalidArgument("Trying to share variable ", full_name,
                                                ", but specified shape ",
                                                creation->shape.DebugString(), " and found shape ",
                                                existing->shape().DebugString(), "."));
      return Variable();
    }
    if (creation != nullptr && existing->dtype() != creation->dtype) {
      root.UpdateStatus(
          errors::InvalidArgument("Trying to share variable ", full_name, ", but specified dtype ",
                                  DataTypeString(creation->dtype), " and found dtype ",
                                  DataTypeString(existing->dtype()), "."));
      return Variable();
    }
    return *existing;
  }
  if (reuse == VariableReuse::kReuse) {
    root.UpdateStatus(errors::NotFound(
        "Variable ", full_name,
        " does not exist, or was not created with get_variable(). Did you mean to set "
        "reuse=AUTO_REUSE in VarScope?"));
    return Variable();
  }
  if (creation == nullptr) {
    root.UpdateStatus(errors::InvalidArgument("Shape of a new variable (", full_name,
                                              ") must be fully defined, but instead was "
                                              "<unknown>."));
    return Variable();
  }
  const Variable created(root.WithOpName(relative_name), creation->shape, creation->dtype,
                         creation->initializer, Variable::Trainable(creation->trainable));
  if (!root.ok()) return Variable();
  internal::WithGraphVariables(root, [&](internal::GraphVariables& variables) {
    variables.shared.emplace(full_name, created);
  });
  return created;
}

}  // namespace

VariableScope::VariableScope(const Scope& scope)
    : variable_root_(scope.NewSubScope("").WithNoControlDependencies()),
      ops_scope_(scope.NewSubScope("")) {}

VariableScope::VariableScope(const Scope& scope, absl::string_view name)
    : VariableScope(VariableScope(scope), name, nullptr) {}

VariableScope::VariableScope(const Scope& scope, absl::string_view name, VariableReuse reuse)
    : VariableScope(VariableScope(scope), name, &reuse) {}

VariableScope::VariableScope(const VariableScope& parent, absl::string_view name)
    : VariableScope(parent, name, nullptr) {}

VariableScope::VariableScope(const VariableScope& parent, absl::string_view name,
                             VariableReuse reuse)
    : VariableScope(parent, name, &reuse) {}

VariableScope::VariableScope(const VariableScope& parent, absl::string_view name,
                             const VariableReuse* reuse)
    : variable_root_(parent.variable_root_),
      name_(Join(parent.name_, name)),
      ops_scope_(parent.ops_scope_.NewSubScope(name)),
      reuse_(reuse == nullptr || *reuse == VariableReuse::kCreate ? parent.reuse_ : *reuse) {}

Variable GetVariable(const VariableScope& scope, absl::string_view name, const TensorShape& shape,
                     DataType dtype, const Initializer& initializer, bool trainable) {
  const Creation creation{shape, dtype, initializer, trainable};
  return GetOrCreateVariable(scope.variable_root_, Join(scope.name_, name), scope.reuse_,
                             &creation);
}

Variable GetVariable(const VariableScope& scope, absl::string_view name) {
  return GetOrCreateVariable(scope.variable_root_, Join(scope.name_, name), scope.reuse_, nullptr);
}

}  // namespace ops
}  // namespace rill
