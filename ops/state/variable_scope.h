// Variable sharing for the C++ client (TensorFlow's tf.variable_scope and tf.get_variable):
// VariableScope names variables and says whether GetVariable creates them or reuses the
// ones already made under the same name.
#ifndef RILL_OPS_STATE_VARIABLE_SCOPE_H_
#define RILL_OPS_STATE_VARIABLE_SCOPE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "ops/state/initializer.h"
#include "ops/state/variables.h"

namespace rill {
namespace ops {

// VariableReuse is a variable scope's `reuse` setting.
enum class VariableReuse {
  // kCreate (reuse=False): GetVariable creates the variable; an existing one is an error,
  // "Variable two_layers/h1_weights already exists, disallowed. ...".
  kCreate,
  // kReuse (reuse=True): GetVariable returns the existing variable; a missing one is an
  // error, "Variable x does not exist, or was not created with get_variable(). ...".
  kReuse,
  // kAutoReuse (reuse=tf.AUTO_REUSE): GetVariable returns the variable, creating it when
  // it does not exist yet.
  kAutoReuse,
};

class VariableScope;

// GetVariable returns the variable `name` of the variable scope `scope` (see below; full
// name "<scope.name()>/<name>"),
// creating it or reusing it as the scope's reuse setting says (tf.get_variable). A new
// variable gets `shape`, `dtype`, `initializer` and `trainable`; an existing one must have
// the same shape and dtype (InvalidArgument "Trying to share variable ..." otherwise).
// Errors go into the scope's status and return a default Variable: AlreadyExists for an
// existing variable under kCreate, NotFound for a missing one under kReuse:
//   "Variable two_layers/h1_weights already exists, disallowed. Did you mean to set
//    reuse=True or reuse=AUTO_REUSE in VarScope?"
//   "Variable x does not exist, or was not created with get_variable(). Did you mean to set
//    reuse=AUTO_REUSE in VarScope?"
// Only variables made by GetVariable are found; a Variable built directly is not.
Variable GetVariable(const VariableScope& scope, absl::string_view name, const TensorShape& shape,
                     DataType dtype, const Initializer& initializer, bool trainable = true);

// GetVariable without a shape, dtype or initializer only finds an existing variable, for
// reusing scopes: the same errors as above, and InvalidArgument "Shape of a new variable
// (x) must be fully defined, but instead was <unknown>." where it would have to create one.
Variable GetVariable(const VariableScope& scope, absl::string_view name);

// VariableScope is an open variable scope: a prefix for the names of the variables
// GetVariable makes, a reuse setting, and the name scope it implies for ops. The lecture's
//
//   with tf.variable_scope('two_layers') as scope:
//       logits1 = two_hidden_layers(x1)
//       scope.reuse_variables()
//       logits2 = two_hidden_layers(x2)
//
// reads
//
//   VariableScope two_layers(root, "two_layers");
//   Output logits1 = TwoHiddenLayers(two_layers, x1);
//   two_layers.ReuseVariables();
//   Output logits2 = TwoHiddenLayers(two_layers, x2);
//
// where TwoHiddenLayers calls GetVariable(scope, "h1_weights", ...) and builds its ops in
// the variable scope (it converts to its Scope): the variables are
// "two_layers/h1_weights", ... whatever name scope the ops get.
//
// Names: a scope opened with `name` inside `parent` names variables
// "<parent's prefix>/<name>/<variable>" (not uniquified: opening "two_layers" again reaches
// the same variables) and puts ops in the name scope parent.NewSubScope(name) (uniquified,
// as TensorFlow does: the second opening's ops go in "two_layers_1"). The root variable
// scope of a Scope names variables relative to that Scope's name scope.
//
// Reuse: a scope opened without a setting inherits its parent's; an explicit kReuse or
// kAutoReuse applies to it and its sub-scopes; kCreate inside a reusing parent keeps the
// parent's setting (TensorFlow 1.x cannot turn reuse off inside a reusing scope).
//
// A value: copies are independent (ReuseVariables changes this object only). Not
// thread-safe, like the Scope it builds in.
class VariableScope {
 public:
  // The root variable scope of `scope`: no prefix, reuse kCreate.
  explicit VariableScope(const Scope& scope);
  // Opens `name` inside the root variable scope of `scope`.
  VariableScope(const Scope& scope, absl::string_view name);
  VariableScope(const Scope& scope, absl::string_view name, VariableReuse reuse);
  // Opens `name` inside `parent`. An empty `name` stays at the parent's prefix and name
  // scope, with the reuse setting given (tf.variable_scope(scope, reuse=...) on an open one).
  VariableScope(const VariableScope& parent, absl::string_view name);
  VariableScope(const VariableScope& parent, absl::string_view name, VariableReuse reuse);

  // name is the prefix of this scope's variables ("two_layers/h1"), "" at the root.
  const std::string& name() const { return name_; }
  VariableReuse reuse() const { return reuse_; }

  // ReuseVariables switches this scope to kReuse (scope.reuse_variables()).
  void ReuseVariables() { reuse_ = VariableReuse::kReuse; }

  // scope is the Scope ops built "in" this variable scope use: its implied name scope.
  const Scope& scope() const { return ops_scope_; }
  operator const Scope&() const { return ops_scope_; }  // NOLINT(runtime/explicit)

 private:
  friend Variable GetVariable(const VariableScope&, absl::string_view, const TensorShape&, DataType,
                              const Initializer&, bool);
  friend Variable GetVariable(const VariableScope&, absl::string_view);

  VariableScope(const VariableScope& parent, absl::string_view name, const VariableReuse* reuse);

  // variable_root_ is where variables are built: the root scope's name scope, no op name,
  // no control dependencies.
  Scope variable_root_;
  std::string name_;
  Scope ops_scope_;
  VariableReuse reuse_ = VariableReuse::kCreate;
};

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_STATE_VARIABLE_SCOPE_H_
