// Graph, Node and Edge: adding checked nodes (types, shapes), control edges without cycles,
// TensorFlow-style unique names, and export to a GraphDef.
#include "core/graph/graph.h"

#include <algorithm>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/graph/tensor_id.h"

namespace rill {
namespace {

// kConstOpType is the op whose `value` attr gives shape functions constant inputs.
constexpr char kConstOpType[] = "Const";

// IsValidNodeName: TensorFlow's node name rule, [A-Za-z0-9.][A-Za-z0-9_.\-/>]*.
bool IsValidNodeName(absl::string_view name) {
  if (name.empty()) return false;
  const auto is_alnum_or_dot = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.';
  };
  if (!is_alnum_or_dot(name[0])) return false;
  for (char c : name.substr(1)) {
    if (!is_alnum_or_dot(c) && c != '_' && c != '-' && c != '/' && c != '>') return false;
  }
  return true;
}

// CanonicalInputName is how a NodeDef names an input: "a", "a:1" or "^a".
std::string CanonicalInputName(const std::string& node, int index) {
  if (index == Graph::kControlSlot) return absl::StrCat("^", node);
  if (index == 0) return node;
  return absl::StrCat(node, ":", index);
}

// ToNodeError makes `status` an InvalidArgument, prefixing the node's name unless the
// message already names it.
absl::Status ToNodeError(const absl::Status& status, const std::string& node_name) {
  if (status.ok()) return status;
  const std::string quoted = absl::StrCat("'", node_name, "'");
  if (absl::StrContains(status.message(), quoted)) {
    return errors::InvalidArgument(status.message());
  }
  return errors::InvalidArgument("Node ", quoted, ": ", status.message());
}

// InputArgCount is how many inputs `arg` takes per `def`'s attrs, or -1 when the attr
// that says so is missing.
int InputArgCount(const tensorflow::OpDef::ArgDef& arg, const tensorflow::NodeDef& def) {
  if (!arg.number_attr().empty()) {
    const auto it = def.attr().find(arg.number_attr());
    if (it == def.attr().end()) return -1;
    return static_cast<int>(it->second.i());
  }
  if (!arg.type_list_attr().empty()) {
    const auto it = def.attr().find(arg.type_list_attr());
    if (it == def.attr().end()) return -1;
    return it->second.list().type_size();
  }
  return 1;
}

// InferAttrsFromInputs sets the type, number and list(type) attrs that `def` lacks from
// the dtypes of its data inputs, as NodeDefBuilder does. An attr that cannot be inferred
// (ambiguous counts, too few inputs) stays missing for ValidateNodeDef to report.
void InferAttrsFromInputs(const tensorflow::OpDef& op_def, const DataTypeVector& input_types,
                          tensorflow::NodeDef* def) {
  const int num_args = op_def.input_arg_size();
  std::vector<int> counts(num_args);
  int unknown_arg = -1;
  int known_total = 0;
  for (int a = 0; a < num_args; ++a) {
    counts[a] = InputArgCount(op_def.input_arg(a), *def);
    if (counts[a] >= 0) {
      known_total += counts[a];
    } else if (unknown_arg >= 0) {
      return;  // Two args of unknown length: the split of the inputs is ambiguous.
    } else {
      unknown_arg = a;
    }
  }
  const int num_inputs = static_cast<int>(input_types.size());
  if (unknown_arg >= 0) {
    if (known_total > num_inputs) return;
    counts[unknown_arg] = num_inputs - known_total;
    const tensorflow::OpDef::ArgDef& arg = op_def.input_arg(unknown_arg);
    if (!arg.number_attr().empty()) {
      AddNodeAttr(arg.number_attr(), static_cast<int64_t>(counts[unknown_arg]), def);
    }
  }
  int position = 0;
  for (int a = 0; a < num_args; ++a) {
    const tensorflow::OpDef::ArgDef& arg = op_def.input_arg(a);
    if (position + counts[a] > num_inputs) return;
    if (!arg.type_list_attr().empty() && !HasNodeAttr(*def, arg.type_list_attr())) {
      DataTypeVector types;
      for (int i = 0; i < counts[a]; ++i) types.push_back(RemoveRefType(input_types[position + i]));
      AddNodeAttr(arg.type_list_attr(), absl::Span<const DataType>(types), def);
    }
    if (!arg.type_attr().empty() && counts[a] > 0 && !HasNodeAttr(*def, arg.type_attr())) {
      AddNodeAttr(arg.type_attr(), RemoveRefType(input_types[position]), def);
    }
    position += counts[a];
  }
}

}  // namespace

absl::Status Node::input_edge(int i, const Edge** edge) const {
  if (i < 0 || i >= static_cast<int>(data_inputs_.size())) {
    return errors::InvalidArgument("Node '", name(), "' (", type_string(), ") has ",
                                   data_inputs_.size(), " inputs; there is no input ", i);
  }
  *edge = data_inputs_[i];
  return absl::OkStatus();
}

std::string Node::DebugString() const { return absl::StrCat(name(), " (", type_string(), ")"); }

Graph::Graph(const OpRegistryInterface* ops) : ops_(ops) {
  versions_.set_producer(kGraphDefProducerVersion);
  versions_.set_min_consumer(kGraphDefMinConsumerVersion);
}

Graph::~Graph() = default;

Node* Graph::FindNode(absl::string_view name) const {
  const auto it = nodes_by_name_.find(name);
  return it == nodes_by_name_.end() ? nullptr : it->second;
}

Node* Graph::FindNodeId(int id) const {
  if (id < 0 || id >= num_nodes()) return nullptr;
  return node_pointers_[id];
}

std::string Graph::NewName(absl::string_view prefix) {
  const auto [it, inserted] = used_names_.try_emplace(std::string(prefix), 0);
  if (inserted) return it->first;
  int suffix = it->second;
  std::string candidate;
  do {
    ++suffix;
    candidate = absl::StrCat(prefix, "_", suffix);
  } while (used_names_.contains(candidate));
  used_names_[prefix] = suffix;
  used_names_.emplace(candidate, 0);
  return candidate;
}

absl::StatusOr<Node*> Graph::AddNode(tensorflow::NodeDef def) {
  const std::string& name = def.name();
  if (!IsValidNodeName(name)) {
    return errors::InvalidArgument("Node name '", name, "' (op '", def.op(),
                                   "') is not a valid node name: it must match "
                                   "[A-Za-z0-9.][A-Za-z0-9_.\\-/>]*");
  }
  if (FindNode(name) != nullptr) {
    return errors::InvalidArgument("Node '", name, "' (op '", def.op(),
                                   "') is already in the graph: node names must be unique");
  }
  absl::StatusOr<const OpRegistrationData*> registration = ops_->LookUp(def.op());
  if (!registration.ok()) return ToNodeError(registration.status(), name);
  const tensorflow::OpDef& op_def = (*registration)->op_def;

  // Resolve the inputs to existing nodes.
  struct DataInput {
    Node* src;
    int src_output;
  };
  std::vector<DataInput> data_inputs;
  std::vector<Node*> control_inputs;
  DataTypeVector actual_input_types;
  for (const std::string& input : def.input()) {
    absl::StatusOr<TensorId> id = ParseTensorName(input);
    if (!id.ok()) return ToNodeError(id.status(), name);
    Node* src = FindNode(id->node);
    if (src == nullptr) {
      return errors::InvalidArgument("Node '", name, "' (", def.op(), ") has input '", input,
                                     "', but no node named '", id->node,
                                     "' is in the graph");
    }
    if (id->IsControl()) {
      if (std::find(control_inputs.begin(), control_inputs.end(), src) ==
          control_inputs.end()) {
        control_inputs.push_back(src);
      }
      continue;
    }
    if (!control_inputs.empty()) {
      return errors::InvalidArgument("Node '", name, "' (", def.op(), ") has data input '",
                                     input, "' after a control input");
    }
    if (id->index >= src->num_outputs()) {
      return errors::InvalidArgument("Node '", name, "' (", def.op(), ") has input '", input,
                                     "', but node '", src->name(), "' (", src->type_string(),
                                     ") has ", src->num_outputs(), " outputs");
    }
    data_inputs.push_back({src, id->index});
    actual_input_types.push_back(src->output_type(id->index));
  }
  def.clear_input();
  for (const DataInput& input : data_inputs) {
    def.add_input(CanonicalInputName(input.src->name(), input.src_output));
  }
  for (const Node* src : control_inputs) {
    def.add_input(CanonicalInputName(src->name(), kControlSlot));
  }

  // Complete and check the NodeDef.
  AddDefaultsToNodeDef(op_def, &def);
  InferAttrsFromInputs(op_def, actual_input_types, &def);
  RETURN_IF_ERROR(ToNodeError(ValidateNodeDef(def, op_def), name));
  DataTypeVector input_types, output_types;
  RETURN_IF_ERROR(ToNodeError(InOutTypesForNode(def, op_def, &input_types, &output_types), name));
  for (int i = 0; i < static_cast<int>(input_types.size()); ++i) {
    const DataType expected = input_types[i];
    const DataType actual = actual_input_types[i];
    const bool compatible =
        IsRefType(expected) ? actual == expected : RemoveRefType(actual) == expected;
    if (!compatible) {
      return errors::InvalidArgument(
          "Input ", i, " of node '", name, "' (", def.op(), ") was passed ",
          DataTypeString(actual), " from '", def.input(i), "' incompatible with expected ",
          DataTypeString(expected));
    }
  }

  // Constant value, then output shapes.
  std::optional<Tensor> constant_value;
  if (def.op() == kConstOpType) {
    Tensor value;
    RETURN_IF_ERROR(ToNodeError(GetNodeAttr(def, "value", &value), name));
    constant_value = std::move(value);
  }
  std::vector<PartialTensorShape> output_shapes(output_types.size());
  if ((*registration)->shape_inference_fn) {
    std::vector<PartialTensorShape> input_shapes;
    std::vector<const Tensor*> input_tensors;
    for (const DataInput& input : data_inputs) {
      input_shapes.push_back(input.src->output_shape(input.src_output));
      input_tensors.push_back(input.src_output == 0 ? input.src->constant_value() : nullptr);
    }
    InferenceContext context(def, op_def, input_shapes, input_tensors);
    RETURN_IF_ERROR(ToNodeError(context.Run((*registration)->shape_inference_fn), name));
    for (int i = 0; i < context.num_outputs(); ++i) {
      output_shapes[i] = context.ShapeHandleToPartial(context.output(i));
    }
  }

  // Commit.
  auto node = absl::WrapUnique(new Node());
  node->id_ = num_nodes();
  node->def_ = std::move(def);
  node->op_def_ = &op_def;
  node->input_types_ = std::move(input_types);
  node->output_types_ = std::move(output_types);
  node->output_shapes_ = std::move(output_shapes);
  node->constant_value_ = std::move(constant_value);
  Node* added = node.get();
  nodes_.push_back(std::move(node));
  node_pointers_.push_back(added);
  nodes_by_name_.emplace(added->name(), added);
  used_names_.try_emplace(added->name(), 0);
  for (int i = 0; i < static_cast<int>(data_inputs.size()); ++i) {
    added->data_inputs_.push_back(
        AddEdge(data_inputs[i].src, data_inputs[i].src_output, added, i));
  }
  for (Node* src : control_inputs) AddEdge(src, kControlSlot, added, kControlSlot);
  return added;
}

const Edge* Graph::AddEdge(Node* src, int src_output, Node* dst, int dst_input) {
  auto edge = std::make_unique<Edge>();
  edge->src = src;
  edge->src_output = src_output;
  edge->dst = dst;
  edge->dst_input = dst_input;
  edge->id = num_edges();
  const Edge* added = edge.get();
  edges_.push_back(std::move(edge));
  src->out_edges_.push_back(added);
  dst->in_edges_.push_back(added);
  return added;
}

bool Graph::Reaches(const Node* from, const Node* to) const {
  std::vector<bool> visited(num_nodes(), false);
  std::vector<const Node*> stack = {from};
  visited[from->id()] = true;
  while (!stack.empty()) {
    const Node* node = stack.back();
    stack.pop_back();
    if (node == to) return true;
    for (const Edge* edge : node->out_edges()) {
      if (!visited[edge->dst->id()]) {
        visited[edge->dst->id()] = true;
        stack.push_back(edge->dst);
      }
    }
  }
  return false;
}

absl::Status Graph::AddControlEdge(Node* src, Node* dst) {
  for (const Edge* edge : dst->in_edges()) {
    if (edge->IsControlEdge() && edge->src == src) return absl::OkStatus();
  }
  if (Reaches(dst, src)) {
    return errors::InvalidArgument("Control edge from '", src->name(), "' (",
                                   src->type_string(), ") to '", dst->name(), "' (",
                                   dst->type_string(), ") would create a cycle: '",
                                   dst->name(), "' already runs before '", src->name(), "'");
  }
  AddEdge(src, kControlSlot, dst, kControlSlot);
  dst->def_.add_input(CanonicalInputName(src->name(), kControlSlot));
  return absl::OkStatus();
}

void Graph::RemoveNodesAfter(int num_nodes) {
  const auto removed = [num_nodes](const Node* node) { return node->id() >= num_nodes; };
  const auto erase_edges = [&](std::vector<const Edge*>* edges) {
    edges->erase(std::remove_if(edges->begin(), edges->end(),
                                [&](const Edge* edge) {
                                  return removed(edge->src) || removed(edge->dst);
                                }),
                 edges->end());
  };
  for (int id = 0; id < num_nodes; ++id) {
    erase_edges(&nodes_[id]->in_edges_);
    erase_edges(&nodes_[id]->out_edges_);
  }
  edges_.erase(std::remove_if(edges_.begin(), edges_.end(),
                              [&](const std::unique_ptr<Edge>& edge) {
                                return removed(edge->src) || removed(edge->dst);
                              }),
               edges_.end());
  for (int i = 0; i < num_edges(); ++i) edges_[i]->id = i;
  for (int id = num_nodes; id < this->num_nodes(); ++id) {
    nodes_by_name_.erase(nodes_[id]->name());
  }
  nodes_.resize(num_nodes);
  node_pointers_.resize(num_nodes);
}

void Graph::ToGraphDef(tensorflow::GraphDef* graph_def) const {
  graph_def->Clear();
  graph_def->mutable_node()->Reserve(num_nodes());
  for (const Node* node : nodes()) *graph_def->add_node() = node->def();
  *graph_def->mutable_versions() = versions_;
  *graph_def->mutable_library() = library_;
}

tensorflow::GraphDef Graph::ToGraphDef() const {
  tensorflow::GraphDef graph_def;
  ToGraphDef(&graph_def);
  return graph_def;
}

GraphRollback::GraphRollback(Graph* graph)
    : graph_(graph),
      num_nodes_(graph->num_nodes()),
      used_names_(graph->used_names_),
      versions_(graph->versions_),
      library_(graph->library_) {}

GraphRollback::~GraphRollback() {
  if (graph_ == nullptr) return;
  graph_->RemoveNodesAfter(num_nodes_);
  graph_->used_names_ = std::move(used_names_);
  graph_->versions_ = std::move(versions_);
  graph_->library_ = std::move(library_);
}

}  // namespace rill
