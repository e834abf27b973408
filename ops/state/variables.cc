// Variable, the collections and the initializer/report ops (see variables.h), built from the
// generated state, array and math builders. The handle and the "init" NoOp are added by
// hand because their names must be exactly the ones reserved for them, and the reads
// because they carry the variable's shape.
#include "ops/state/variables.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/constant_conversion.h"
#include "ops/state/graph_variables.h"
#include "ops/state/state_ops.h"

namespace rill {
namespace ops {
namespace {

// AddNode finishes `builder` with the scope's device (and, when `control_deps`, its control
// dependencies) and adds the node to the scope's graph; nullptr with the error in the scope
// when that fails.
Node* AddNode(const Scope& scope, NodeDefBuilder* builder, bool control_deps) {
  if (!scope.ok()) return nullptr;
  if (control_deps) {
    for (const Operation& dep : scope.control_deps()) builder->ControlInput(dep.name());
  }
  if (!scope.device().empty()) builder->Device(scope.device());
  tensorflow::NodeDef def;
  absl::Status status = builder->Finalize(&def);
  if (!status.ok()) {
    scope.UpdateStatus(status);
    return nullptr;
  }
  absl::StatusOr<Node*> node = scope.graph()->AddNode(std::move(def));
  if (!node.ok()) {
    scope.UpdateStatus(node.status());
    return nullptr;
  }
  return *node;
}

// RelativeName is `name` without the scope's name scope prefix.
std::string RelativeName(const Scope& scope, const std::string& name) {
  if (scope.name_scope().empty()) return name;
  return name.substr(scope.name_scope().size() + 1);
}

// Read adds a ReadVariableOp of `handle` in `scope` whose inferred shape is the variable's
// `shape`: its "_output_shapes" attr says so, since Rill's shape inference does not carry
// a variable's shape along its handle.
Output Read(const Scope& scope, const Output& handle, DataType dtype,
            const PartialTensorShape& shape) {
  if (!scope.ok()) return Output();
  NodeDefBuilder builder(scope.GetUniqueNameForOp("ReadVariableOp"), "ReadVariableOp",
                         scope.graph()->op_registry());
  builder.Input(handle.node()->name(), handle.index(), DT_RESOURCE)
      .Attr("dtype", dtype)
      .Attr("_output_shapes", std::vector<PartialTensorShape>{shape});
  Node* node = AddNode(scope, &builder, /*control_deps=*/true);
  return node == nullptr ? Output() : Output(node, 0);
}

// Verb is how errors name the update `op` does.
const char* Verb(absl::string_view op) {
  if (op == "AssignAddVariableOp") return "add to";
  if (op == "AssignSubVariableOp") return "subtract from";
  return "assign";
}

}  // namespace

Variable::Variable(const Scope& scope, const Input& initial_value)
    : Variable(scope, initial_value, Attrs()) {}

Variable::Variable(const Scope& scope, const Input& initial_value, const Attrs& attrs) {
  Build(scope, nullptr, DT_INVALID, nullptr, &initial_value, attrs);
}

Variable::Variable(const Scope& scope, const TensorShape& shape, DataType dtype,
                   const Initializer& initializer)
    : Variable(scope, shape, dtype, initializer, Attrs()) {}

Variable::Variable(const Scope& scope, const TensorShape& shape, DataType dtype,
                   const Initializer& initializer, const Attrs& attrs) {
  Build(scope, &shape, dtype, &initializer, nullptr, attrs);
}

void Variable::Build(const Scope& scope, const TensorShape* shape, DataType dtype,
                     const Initializer* initializer, const Input* initial_value,
                     const Attrs& attrs) {
  if (!scope.ok()) return;
  const Scope outer = scope.WithNoControlDependencies();
  const std::string name = outer.GetUniqueNameForOp("Variable");
  PartialTensorShape variable_shape;
  if (initial_value != nullptr) {
    if (!initial_value->status().ok()) {
      scope.UpdateStatus(errors::InvalidArgument("Initial value of variable ", name, ": ",
                                                 initial_value->status().message()));
      return;
    }
    if (initial_value->is_constant()) {
      dtype = initial_value->tensor().dtype();
      variable_shape = initial_value->tensor().shape();
    } else if (initial_value->node() != nullptr) {
      dtype = initial_value->output().type();
      variable_shape = initial_value->output().shape();
    } else {
      scope.UpdateStatus(errors::InvalidArgument("Initial value of variable ", name,
                                                 " is an empty Output (no node)"));
      return;
    }
  } else {
    variable_shape = *shape;
  }
  if (dtype == DT_RESOURCE || dtype == DT_VARIANT || dtype == DT_INVALID) {
    scope.UpdateStatus(
        errors::InvalidArgument("Variable ", name, " cannot hold dtype ", DataTypeString(dtype)));
    return;
  }

  NodeDefBuilder handle_builder(name, "VarHandleOp", outer.graph()->op_registry());
  handle_builder.Attr("dtype", dtype).Attr("shape", variable_shape).Attr("shared_name", name);
  Node* handle_node = AddNode(outer, &handle_builder, /*control_deps=*/false);
  if (handle_node == nullptr) return;
  const Output handle(handle_node, 0);

  const std::string relative = RelativeName(outer, name);
  const Scope init_scope = outer.NewSubScope(absl::StrCat(relative, "/Initializer"));
  Output value;
  if (initializer != nullptr) {
    value = (*initializer)(init_scope, *shape, dtype);
    if (!scope.ok()) return;
    if (value.node() == nullptr) {
      scope.UpdateStatus(
          errors::InvalidArgument("The initializer of variable ", name, " built no value"));
      return;
    }
    if (value.type() != dtype || !value.shape().IsCompatibleWith(variable_shape)) {
      scope.UpdateStatus(errors::InvalidArgument(
          "The initializer of variable ", name, " made a ", DataTypeString(value.type()),
          " value of shape ", value.shape().DebugString(), ", but the variable is ",
          DataTypeString(dtype), " of shape ", variable_shape.DebugString()));
      return;
    }
  } else if (initial_value->is_constant()) {
    value = Const(init_scope.WithOpName("initial_value"), initial_value->tensor());
  } else {
    value = initial_value->output();
  }

  const Operation assign =
      AssignVariableOp(outer.WithOpName(absl::StrCat(relative, "/Assign")), handle, value)
          .operation;
  const Output read =
      Read(outer.NewSubScope(absl::StrCat(relative, "/Read")), handle, dtype, variable_shape);
  const Output is_initialized =
      VarIsInitializedOp(outer.NewSubScope(absl::StrCat(relative, "/IsInitialized")), handle);
  if (!scope.ok()) return;

  name_ = name;
  dtype_ = dtype;
  shape_ = variable_shape;
  trainable_ = attrs.trainable_;
  handle_ = handle;
  value_ = read;
  initial_value_ = value;
  initializer_ = assign;
  is_initialized_ = is_initialized;
  internal::WithGraphVariables(scope, [this](internal::GraphVariables& variables) {
    variables.global.push_back(*this);
    if (trainable_) variables.trainable.push_back(*this);
  });
}

Output Variable::ReadValue(const Scope& scope) const {
  if (!scope.ok()) return Output();
  if (handle_.node() == nullptr) {
    scope.UpdateStatus(errors::InvalidArgument("ReadValue of a Variable that has no nodes"));
    return Output();
  }
  return Read(scope, handle_, dtype_, shape_);
}

std::optional<Input> Variable::ValueFor(const Scope& scope, const char* op,
                                        const Input& value) const {
  if (!scope.ok()) return std::nullopt;
  if (handle_.node() == nullptr) {
    scope.UpdateStatus(errors::InvalidArgument(op, " on a Variable that has no nodes"));
    return std::nullopt;
  }
  if (!value.status().ok()) {
    scope.UpdateStatus(errors::InvalidArgument("Value for ", op, " of variable ", name_, ": ",
                                               value.status().message()));
    return std::nullopt;
  }
  DataType value_dtype;
  PartialTensorShape value_shape;
  std::optional<Input> converted;
  if (value.is_constant()) {
    absl::StatusOr<Tensor> tensor =
        ConvertConstant(value.tensor(), dtype_, absl::StrCat("variable ", name_));
    if (!tensor.ok()) {
      scope.UpdateStatus(tensor.status());
      return std::nullopt;
    }
    value_dtype = dtype_;
    value_shape = tensor->shape();
    converted.emplace(*tensor);
  } else {
    value_dtype = value.output().type();
    value_shape = value.output().shape();
    converted.emplace(value);
  }
  if (value_dtype != dtype_) {
    scope.UpdateStatus(errors::InvalidArgument(
        "Trying to ", Verb(op), " variable ", name_, " with wrong dtype. Expected ",
        DataTypeString(dtype_), " got ", DataTypeString(value_dtype)));
    return std::nullopt;
  }
  if (!value_shape.IsCompatibleWith(shape_)) {
    scope.UpdateStatus(errors::InvalidArgument(
        "Trying to ", Verb(op), " variable ", name_, " with an incompatible shape. Expected ",
        shape_.DebugString(), " got ", value_shape.DebugString()));
    return std::nullopt;
  }
  return converted;
}

Operation Variable::Assign(const Scope& scope, const Input& value) const {
  const std::optional<Input> converted = ValueFor(scope, "AssignVariableOp", value);
  if (!converted.has_value()) return Operation();
  return AssignVariableOp(scope, handle_, *converted).operation;
}

Operation Variable::AssignAdd(const Scope& scope, const Input& value) const {
  const std::optional<Input> converted = ValueFor(scope, "AssignAddVariableOp", value);
  if (!converted.has_value()) return Operation();
  return AssignAddVariableOp(scope, handle_, *converted).operation;
}

Operation Variable::AssignSub(const Scope& scope, const Input& value) const {
  const std::optional<Input> converted = ValueFor(scope, "AssignSubVariableOp", value);
  if (!converted.has_value()) return Operation();
  return AssignSubVariableOp(scope, handle_, *converted).operation;
}

absl::StatusOr<Tensor> Variable::Eval(const ClientSession& session) const {
  if (value_.node() == nullptr) {
    return errors::FailedPrecondition("Eval of a Variable that has no nodes");
  }
  std::vector<Tensor> outputs;
  absl::Status status = session.Run({value_}, &outputs);
  if (!status.ok()) return status;
  return std::move(outputs[0]);
}

tensorflow::VariableDef Variable::ToProto() const {
  tensorflow::VariableDef def;
  if (handle_.node() == nullptr) return def;
  def.set_variable_name(handle_.name());
  def.set_initial_value_name(initial_value_.name());
  def.set_initializer_name(initializer_.name());
  def.set_snapshot_name(value_.name());
  def.set_is_resource(true);
  def.set_trainable(trainable_);
  return def;
}

absl::StatusOr<Variable> Variable::FromProto(const Scope& scope, const tensorflow::VariableDef& def,
                                             bool trainable) {
  if (!scope.ok()) return scope.status();
  if (!def.is_resource()) {
    return errors::InvalidArgument("Variable ", def.variable_name(),
                                   " is a reference variable; only resource variables are "
                                   "supported");
  }
  const Graph& graph = *scope.graph();
  // FindTensor returns the tensor `name` ("W:0") of the graph, made by op `op` unless empty.
  auto find_tensor = [&](const std::string& name, absl::string_view op) -> absl::StatusOr<Output> {
    const size_t colon = name.rfind(':');
    int index = 0;
    if (colon == std::string::npos || !absl::SimpleAtoi(name.substr(colon + 1), &index)) {
      return errors::InvalidArgument("Variable ", def.variable_name(), ": '", name,
                                     "' is not a tensor name");
    }
    Node* node = graph.FindNode(name.substr(0, colon));
    if (node == nullptr || index < 0 || index >= node->num_outputs() ||
        (!op.empty() && node->type_string() != op)) {
      return errors::InvalidArgument("Variable ", def.variable_name(), ": the graph has no ",
                                     op.empty() ? "tensor " : absl::StrCat(op, " tensor "), name);
    }
    return Output(node, index);
  };
  Variable variable;
  ASSIGN_OR_RETURN(variable.handle_, find_tensor(def.variable_name(), "VarHandleOp"));
  ASSIGN_OR_RETURN(variable.value_, find_tensor(def.snapshot_name(), ""));
  if (!def.initial_value_name().empty()) {
    ASSIGN_OR_RETURN(variable.initial_value_, find_tensor(def.initial_value_name(), ""));
  }
  Node* initializer = graph.FindNode(def.initializer_name());
  if (initializer == nullptr) {
    return errors::InvalidArgument("Variable ", def.variable_name(), ": the graph has no op ",
                                   def.initializer_name());
  }
  variable.initializer_ = Operation(initializer);
  Node* handle = variable.handle_.node();
  variable.name_ = handle->name();
  RETURN_IF_ERROR(GetNodeAttr(AttrSlice(handle->def()), "dtype", &variable.dtype_));
  RETURN_IF_ERROR(GetNodeAttr(AttrSlice(handle->def()), "shape", &variable.shape_));
  variable.trainable_ = trainable;
  for (const Edge* edge : handle->out_edges()) {
    if (edge->dst->type_string() == "VarIsInitializedOp") {
      variable.is_initialized_ = Output(edge->dst, 0);
      break;
    }
  }
  if (variable.is_initialized_.node() == nullptr) {
    variable.is_initialized_ = VarIsInitializedOp(
        scope.RootScope().NewSubScope(absl::StrCat(variable.name_, "/IsInitialized")),
        variable.handle_);
    if (!scope.ok()) return scope.status();
  }
  internal::WithGraphVariables(scope, [&variable](internal::GraphVariables& variables) {
    variables.global.push_back(variable);
    if (variable.trainable_) variables.trainable.push_back(variable);
  });
  return variable;
}

std::vector<Variable> GlobalVariables(const Scope& scope) {
  std::vector<Variable> result;
  internal::WithGraphVariables(
      scope, [&result](internal::GraphVariables& variables) { result = variables.global; });
  return result;
}

std::vector<Variable> TrainableVariables(const Scope& scope) {
  std::vector<Variable> result;
  internal::WithGraphVariables(
      scope, [&result](internal::GraphVariables& variables) { result = variables.trainable; });
  return result;
}

Operation VariablesInitializer(const Scope& scope, const std::vector<Variable>& variables) {
  if (!scope.ok()) return Operation();
  NodeDefBuilder builder(scope.GetUniqueNameForOp("init"), "NoOp", scope.graph()->op_registry());
  for (const Variable& variable : variables) {
    if (variable.initializer().node() == nullptr) {
      scope.UpdateStatus(
          errors::InvalidArgument("VariablesInitializer was given a Variable that has no nodes"));
      return Operation();
    }
    builder.ControlInput(variable.initializer().name());
  }
  return Operation(AddNode(scope, &builder, /*control_deps=*/true));
}

Operation GlobalVariablesInitializer(const Scope& scope) {
  return VariablesInitializer(scope, GlobalVariables(scope));
}

Output ReportUninitializedVariables(const Scope& scope) {
  return ReportUninitializedVariables(scope, GlobalVariables(scope));
}

Output ReportUninitializedVariables(const Scope& scope, const std::vector<Variable>& variables) {
  if (!scope.ok()) return Output();
  const Scope report = scope.NewSubScope("report_uninitialized_variables");
  Tensor names(DT_STRING, TensorShape({static_cast<int64_t>(variables.size())}));
  std::vector<Output> initialized;
  for (size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].is_initialized().node() == nullptr) {
      scope.UpdateStatus(errors::InvalidArgument(
          "ReportUninitializedVariables was given a Variable that has no nodes"));
      return Output();
    }
    names.flat<std::string>()(i) = variables[i].name();
    initialized.push_back(variables[i].is_initialized());
  }
  if (variables.empty()) return Const(report, names);
  const Output uninitialized = LogicalNot(report, Pack(report, initialized));
  return GatherNd(report, Const(report.WithOpName("names"), names), Where(report, uninitialized));
}

}  // namespace ops
}  // namespace rill
