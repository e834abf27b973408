// Variables for the C++ client (TensorFlow's tf.Variable on resource variables): Variable,
// the per-graph global and trainable collections, and the ops that initialize variables
// or report the uninitialized ones.
#ifndef RILL_OPS_STATE_VARIABLES_H_
#define RILL_OPS_STATE_VARIABLES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/variable.pb.h"
#include "ops/state/initializer.h"

namespace rill {
namespace ops {

// Variable is a resource variable in a graph: state that lives in each session's resource
// manager and keeps its value from one Run to the next. Building one adds these nodes (for
// a variable named "W"):
//   W                                    VarHandleOp (shared_name "W"): the handle
//   W/Initializer/...                    the initial value
//   W/Assign                             AssignVariableOp: initializer()
//   W/Read/ReadVariableOp                ReadVariableOp: value()
//   W/IsInitialized/VarIsInitializedOp   VarIsInitializedOp: is_initialized()
// and records the variable in its graph's collections (GlobalVariables, and
// TrainableVariables when trainable). None of them runs until a session runs it:
//
//   Scope root = Scope::NewRootScope();
//   Variable W(root.WithOpName("W"), 10);
//   Operation assign = W.Assign(root, 100);      // builds an op; W is still 10
//   ClientSession session(root);
//   RILL_CHECK_OK(session.Run({}, {}, {W.initializer()}, nullptr));
//   W.Eval(session);                             // 10
//   RILL_CHECK_OK(session.Run({}, {}, {assign}, nullptr));
//   W.Eval(session);                             // 100
//
// Each session holds its own value: two sessions on one graph initialize and assign
// independently. Reading before initializing is FailedPrecondition "Attempting to use
// uninitialized value W".
//
// The variable's nodes are built outside the scope's control dependencies (as TensorFlow
// builds variables in its init scope) and on the scope's device. A Variable is a cheap
// value that names nodes of its graph; it is valid while the graph lives. A default
// Variable (what a failed build returns; its Scope holds the error) has no nodes.
class Variable {
 public:
  // Attrs holds the optional settings of a Variable.
  struct Attrs {
    // Trainable (default true) puts the variable in TrainableVariables, the collection
    // optimizers update by default.
    Attrs Trainable(bool x) const {
      Attrs ret = *this;
      ret.trainable_ = x;
      return ret;
    }
    bool trainable_ = true;
  };
  static Attrs Trainable(bool x) { return Attrs().Trainable(x); }

  Variable() = default;

  // Variable from an initial value: a constant (literal, nested list or Tensor) or any
  // Output of the graph. The dtype and shape are the value's (the Output's inferred shape,
  // maybe partial). Named by the scope's op name (default "Variable"), made unique.
  Variable(const Scope& scope, const Input& initial_value);
  Variable(const Scope& scope, const Input& initial_value, const Attrs& attrs);

  // Variable of `shape` and `dtype` whose initial value `initializer` builds (in the
  // "<name>/Initializer" name scope). InvalidArgument in the scope when the initializer's
  // value has another dtype or shape.
  Variable(const Scope& scope, const TensorShape& shape, DataType dtype,
           const Initializer& initializer);
  Variable(const Scope& scope, const TensorShape& shape, DataType dtype,
           const Initializer& initializer, const Attrs& attrs);

  // name is the variable's name, its handle node's name and shared_name ("two_layers/W").
  const std::string& name() const { return name_; }
  DataType dtype() const { return dtype_; }
  const PartialTensorShape& shape() const { return shape_; }
  bool trainable() const { return trainable_; }

  // handle is the VarHandleOp's resource output, what state ops (and optimizers) take.
  Output handle() const { return handle_; }
  // value is the variable read by the variable's ReadVariableOp (what using the Variable
  // as an Input gives). Each Run reads it anew.
  Output value() const { return value_; }
  // initial_value is the value the initializer assigns.
  Output initial_value() const { return initial_value_; }
  // initializer is the AssignVariableOp that sets the initial value; run it once per
  // session (or run GlobalVariablesInitializer).
  Operation initializer() const { return initializer_; }
  // is_initialized is a scalar bool: whether this session's variable holds a value.
  Output is_initialized() const { return is_initialized_; }

  // The variable converts to its value, so it can feed any op: ops::MatMul(scope, x, W).
  operator Output() const { return value_; }  // NOLINT(runtime/explicit)
  operator Input() const { return value_; }   // NOLINT(runtime/explicit)

  // ReadValue builds a new ReadVariableOp in `scope`: a read ordered by that scope's
  // control dependencies (e.g. after an assign).
  Output ReadValue(const Scope& scope) const;

  // Assign builds an AssignVariableOp in `scope` setting the variable to `value`; it does
  // nothing until a session runs it. A constant `value` is converted to the variable's
  // dtype (ConvertConstant); an Output must have it. Either must have a shape compatible
  // with the variable's. Errors are InvalidArgument in the scope, naming the variable.
  Operation Assign(const Scope& scope, const Input& value) const;
  // AssignAdd / AssignSub build AssignAddVariableOp / AssignSubVariableOp (W += value,
  // W -= value), with Assign's conversions and checks.
  Operation AssignAdd(const Scope& scope, const Input& value) const;
  Operation AssignSub(const Scope& scope, const Input& value) const;

  // Eval runs value() in `session` and returns the variable's current value there.
  absl::StatusOr<Tensor> Eval(const ClientSession& session) const;

  // ToProto describes the variable by the names of its nodes, as TensorFlow's VariableDef
  // in a MetaGraphDef's "variables" collection: variable_name "W:0" (the handle),
  // initializer_name "W/Assign", snapshot_name "W/Read/ReadVariableOp:0",
  // initial_value_name, is_resource and trainable.
  tensorflow::VariableDef ToProto() const;

  // FromProto returns the Variable whose nodes `def` names in `scope`'s graph (imported from
  // a MetaGraphDef, maybe written by TensorFlow) and records it in GlobalVariables, and in
  // TrainableVariables when `trainable`. Its dtype and shape are its VarHandleOp's; its
  // is_initialized() is the handle's VarIsInitializedOp, built under "<name>/IsInitialized"
  // when the graph has none. InvalidArgument naming the tensor or op that is missing or not
  // of the op it should be (only resource variables are supported).
  static absl::StatusOr<Variable> FromProto(const Scope& scope, const tensorflow::VariableDef& def,
                                            bool trainable);

  bool operator==(const Variable& other) const { return handle_ == other.handle_; }
  bool operator!=(const Variable& other) const { return handle_ != other.handle_; }

 private:
  void Build(const Scope& scope, const TensorShape* shape, DataType dtype,
             const Initializer* initializer, const Input* initial_value, const Attrs& attrs);
  // ValueFor turns `value` into an Input of the variable's dtype and shape for the op
  // `op`, or puts the error in `scope` and returns nothing.
  std::optional<Input> ValueFor(const Scope& scope, const char* op, const Input& value) const;

  std::string name_;
  DataType dtype_ = DT_INVALID;
  PartialTensorShape shape_;
  bool trainable_ = true;
  Output handle_;
  Output value_;
  Output initial_value_;
  Operation initializer_;
  Output is_initialized_;
};

// GlobalVariables lists every Variable built on `scope`'s graph, in creation order
// (tf.global_variables()). The collections are kept by this library in a registry keyed by
// graph (the core Graph knows nothing of variables); an entry lives as long as its graph.
std::vector<Variable> GlobalVariables(const Scope& scope);

// TrainableVariables lists the trainable ones (tf.trainable_variables()).
std::vector<Variable> TrainableVariables(const Scope& scope);

// VariablesInitializer builds a NoOp named by the scope's op name (default "init") that
// runs the initializer of each of `variables` and nothing else
// (tf.variables_initializer). With no variables it does nothing.
Operation VariablesInitializer(const Scope& scope, const std::vector<Variable>& variables);

// GlobalVariablesInitializer is VariablesInitializer of GlobalVariables(scope), taken when
// it is called: variables built later are not included (tf.global_variables_initializer).
Operation GlobalVariablesInitializer(const Scope& scope);

// ReportUninitializedVariables builds a 1-D string tensor, named by the scope's op name
// (default "report_uninitialized_variables"), holding the names of the variables among
// GlobalVariables(scope) (taken when called) that are not initialized in the session
// running it (tf.report_uninitialized_variables).
Output ReportUninitializedVariables(const Scope& scope);

// ReportUninitializedVariables over `variables` only.
Output ReportUninitializedVariables(const Scope& scope, const std::vector<Variable>& variables);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_STATE_VARIABLES_H_
