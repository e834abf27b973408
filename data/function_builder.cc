// GraphToFunctionDef and BuildFunction: graph nodes -> FunctionDef (TensorFlow's format),
// a body graph built on Placeholders, and process-wide unique function names.
#include "data/function_builder.h"

#include <atomic>
#include <cstdint>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "ops/array/array_ops.h"

namespace rill {
namespace data {
namespace {

// FunctionOutputName is how a FunctionDef names output `index` of `node`:
// "node:out_arg:i", with i counted within the output arg.
absl::StatusOr<std::string> FunctionOutputName(const Node& node, int index) {
  NameRangeMap outputs;
  RETURN_IF_ERROR(NameRangesForNode(node.def(), node.op_def(), nullptr, &outputs));
  for (const auto& [arg, range] : outputs) {
    if (index >= range.first && index < range.second) {
      return absl::StrCat(node.name(), ":", arg, ":", index - range.first);
    }
  }
  return errors::Internal("node ", node.DebugString(), " has no output ", index);
}

}  // namespace

std::string UniqueFunctionName(absl::string_view prefix) {
  static std::atomic<int64_t> next_id{0};
  return absl::StrCat(prefix, "_", next_id.fetch_add(1));
}

absl::StatusOr<tensorflow::FunctionDef> GraphToFunctionDef(const std::string& name,
                                                           absl::Span<const Node* const> nodes,
                                                           const std::vector<Output>& args,
                                                           const std::vector<Output>& rets) {
  tensorflow::FunctionDef function;
  function.mutable_signature()->set_name(name);
  absl::flat_hash_map<const Node*, std::string> arg_names;
  for (const Output& arg : args) {
    if (arg.node() == nullptr || arg.index() != 0 || arg.node()->num_inputs() != 0) {
      return errors::InvalidArgument("Function '", name, "': arg ", arg.name(),
                                     " is not output 0 of a node without inputs");
    }
    tensorflow::OpDef::ArgDef* input = function.mutable_signature()->add_input_arg();
    input->set_name(arg.node()->name());
    input->set_type(static_cast<tensorflow::DataType>(arg.type()));
    arg_names[arg.node()] = arg.node()->name();
  }
  absl::flat_hash_set<const Node*> included(nodes.begin(), nodes.end());
  // TensorName is how the function refers to output `index` of `node`.
  auto tensor_name = [&](const Node* node, int index) -> absl::StatusOr<std::string> {
    auto arg = arg_names.find(node);
    if (arg != arg_names.end()) return arg->second;
    if (!included.contains(node)) {
      return errors::InvalidArgument("Function '", name, "' reads ", node->name(), ":", index,
                                     ", which is computed outside the function");
    }
    return FunctionOutputName(*node, index);
  };
  for (const Node* node : nodes) {
    if (arg_names.contains(node)) continue;
    tensorflow::NodeDef* def = function.add_node_def();
    *def = node->def();
    def->clear_input();
    for (int i = 0; i < node->num_inputs(); ++i) {
      const Edge* edge;
      RETURN_IF_ERROR(node->input_edge(i, &edge));
      ASSIGN_OR_RETURN(std::string input, tensor_name(edge->src, edge->src_output));
      def->add_input(std::move(input));
    }
    for (const Edge* edge : node->in_edges()) {
      if (edge->IsControlEdge() && !arg_names.contains(edge->src)) {
        def->add_input(absl::StrCat("^", edge->src->name()));
      }
    }
  }
  for (size_t j = 0; j < rets.size(); ++j) {
    const std::string output = absl::StrCat("output_", j);
    tensorflow::OpDef::ArgDef* arg = function.mutable_signature()->add_output_arg();
    arg->set_name(output);
    arg->set_type(static_cast<tensorflow::DataType>(rets[j].type()));
    ASSIGN_OR_RETURN((*function.mutable_ret())[output],
                     tensor_name(rets[j].node(), rets[j].index()));
  }
  return function;
}

void AddFunctionToLibrary(const tensorflow::FunctionDef& function, Graph* graph) {
  for (const tensorflow::FunctionDef& existing : graph->library().function()) {
    if (existing.signature().name() == function.signature().name()) return;
  }
  *graph->mutable_library()->add_function() = function;
}

absl::StatusOr<BuiltFunction> BuildFunction(const Scope& scope, absl::string_view prefix,
                                            const DataTypeVector& arg_types,
                                            const std::vector<PartialTensorShape>& arg_shapes,
                                            const BodyFn& body) {
  const std::string name = UniqueFunctionName(prefix);
  const Scope body_scope = Scope::NewRootScope();
  std::vector<Output> args;
  for (size_t i = 0; i < arg_types.size(); ++i) {
    args.push_back(ops::Placeholder(body_scope.WithOpName(absl::StrCat("args_", i)), arg_types[i],
                                    ops::Placeholder::Shape(arg_shapes[i])));
  }
  const std::vector<Output> rets = body(body_scope, args);
  if (!body_scope.ok()) {
    return errors::AppendToMessage(body_scope.status(), " (building function '", name, "')");
  }
  BuiltFunction built;
  for (const Output& ret : rets) {
    if (ret.node() == nullptr || ret.node()->id() >= body_scope.graph()->num_nodes() ||
        body_scope.graph()->FindNodeId(ret.node()->id()) != ret.node()) {
      return errors::InvalidArgument("Function '", name, "' returns ", ret.name(),
                                     ", which is not a tensor of the function's own graph");
    }
    built.ret_types.push_back(ret.type());
    built.ret_shapes.push_back(ret.shape());
  }
  const Graph& graph = *body_scope.graph();
  std::vector<const Node*> nodes(graph.nodes().begin(), graph.nodes().end());
  ASSIGN_OR_RETURN(tensorflow::FunctionDef function, GraphToFunctionDef(name, nodes, args, rets));
  for (const tensorflow::FunctionDef& nested : graph.library().function()) {
    AddFunctionToLibrary(nested, scope.graph());
  }
  AddFunctionToLibrary(function, scope.graph());
  built.func.set_name(name);
  return built;
}

}  // namespace data
}  // namespace rill
