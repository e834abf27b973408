// OpBuilder: converts Inputs (building Consts for constants), collects attrs, and adds the
// node with the scope's name, device and control dependencies.
#include "core/client/op_builder.h"

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/graph/graph.h"

namespace rill {

OpBuilder::OpBuilder(const Scope& scope, absl::string_view op_type)
    : scope_(scope), op_type_(op_type) {}

bool OpBuilder::ToNodeOut(const ::rill::Input& input, NodeDefBuilder::NodeOut* node_out) {
  const int arg_index = static_cast<int>(inputs_.size());
  if (!input.status().ok()) {
    scope_.UpdateStatus(errors::InvalidArgument("Input ", arg_index, " of ", op_type_, ": ",
                                                input.status().message()));
    return false;
  }
  Output output = input.output();
  if (input.is_constant()) {
    output = ops::Const(scope_.WithOpName(""), input.tensor());
    if (!scope_.ok()) return false;
  }
  Node* node = output.node();
  if (node == nullptr) {
    scope_.UpdateStatus(errors::InvalidArgument("Input ", arg_index, " of ", op_type_,
                                                " is an empty Output (no node)"));
    return false;
  }
  if (scope_.graph()->FindNode(node->name()) != node) {
    scope_.UpdateStatus(errors::InvalidArgument("Input ", arg_index, " of ", op_type_, ", '",
                                                output.name(), "', belongs to another graph"));
    return false;
  }
  *node_out = NodeDefBuilder::NodeOut(node->name(), output.index(), output.type());
  return true;
}

OpBuilder& OpBuilder::Input(const ::rill::Input& input) {
  if (!scope_.ok()) return *this;
  InputArg arg;
  arg.node_outs.emplace_back();
  if (ToNodeOut(input, &arg.node_outs.back())) inputs_.push_back(std::move(arg));
  return *this;
}

OpBuilder& OpBuilder::Input(const InputList& inputs) {
  if (!scope_.ok()) return *this;
  InputArg arg;
  arg.is_list = true;
  for (const ::rill::Input& input : inputs) {
    arg.node_outs.emplace_back();
    if (!ToNodeOut(input, &arg.node_outs.back())) return *this;
  }
  inputs_.push_back(std::move(arg));
  return *this;
}

Node* OpBuilder::Finalize() {
  if (!scope_.ok()) return nullptr;
  const std::string name = scope_.GetUniqueNameForOp(op_type_);
  NodeDefBuilder builder(name, op_type_, scope_.graph()->op_registry());
  for (const InputArg& arg : inputs_) {
    if (arg.is_list) {
      builder.Input(arg.node_outs);
    } else {
      builder.Input(arg.node_outs.front());
    }
  }
  for (const auto& [attr_name, value] : attrs_) builder.Attr(attr_name, value);
  for (const Operation& control_dep : scope_.control_deps()) {
    if (control_dep.node() == nullptr) {
      scope_.UpdateStatus(errors::InvalidArgument("Node '", name, "' (", op_type_,
                                                  ") has a control dependency without a node"));
      return nullptr;
    }
    builder.ControlInput(control_dep.name());
  }
  if (!scope_.device().empty()) builder.Device(scope_.device());
  tensorflow::NodeDef node_def;
  absl::Status status = builder.Finalize(&node_def);
  if (!status.ok()) {
    scope_.UpdateStatus(status);
    return nullptr;
  }
  absl::StatusOr<Node*> node = scope_.graph()->AddNode(std::move(node_def));
  if (!node.ok()) {
    scope_.UpdateStatus(node.status());
    return nullptr;
  }
  node_ = *node;
  return node_;
}

Output OpBuilder::SingleOutput(absl::string_view arg_name) const {
  const OutputList outputs = ListOutput(arg_name);
  return outputs.empty() ? Output() : outputs.front();
}

OutputList OpBuilder::ListOutput(absl::string_view arg_name) const {
  OutputList outputs;
  if (node_ == nullptr) return outputs;
  NameRangeMap output_ranges;
  absl::Status status = NameRangesForNode(node_->def(), node_->op_def(), nullptr, &output_ranges);
  const auto range = output_ranges.find(arg_name);
  if (!status.ok() || range == output_ranges.end()) {
    scope_.UpdateStatus(status.ok() ? errors::InvalidArgument("Op ", op_type_,
                                                              " has no output arg '", arg_name, "'")
                                    : status);
    return outputs;
  }
  for (int i = range->second.first; i < range->second.second; ++i) {
    outputs.emplace_back(node_, i);
  }
  return outputs;
}

}  // namespace rill
