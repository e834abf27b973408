// FoldConstants: picks the foldable nodes of a plan, evaluates them once with an Executor of
// their own, and keeps the values the rest of the step reads.
#include "core/runtime/constant_folding.h"

#include <limits>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/framework/device_type.h"
#include "core/framework/node_def_util.h"
#include "core/graph/tensor_id.h"

namespace rill {
namespace {

using Output = std::pair<const Node*, int>;

// HasStateDtype: resource handles, variants (datasets, iterators) and references stand for
// state that may change between steps, not for values.
bool HasStateDtype(const DataTypeVector& types) {
  for (DataType dtype : types) {
    if (dtype == DT_RESOURCE || dtype == DT_VARIANT || IsRefType(dtype)) return true;
  }
  return false;
}

// IntegerTensor holds `values` as a vector (or, with `scalar`, the one value) of `dtype`,
// int32 or int64; nullopt when a value does not fit.
std::optional<Tensor> IntegerTensor(DataType dtype, const std::vector<int64_t>& values,
                                    bool scalar) {
  const TensorShape shape =
      scalar ? TensorShape({}) : TensorShape({static_cast<int64_t>(values.size())});
  if (dtype == DT_INT64) {
    Tensor tensor(DT_INT64, shape);
    for (size_t i = 0; i < values.size(); ++i) tensor.flat<int64_t>()(i) = values[i];
    return tensor;
  }
  if (dtype != DT_INT32) return std::nullopt;
  Tensor tensor(DT_INT32, shape);
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] > std::numeric_limits<int32_t>::max()) return std::nullopt;
    tensor.flat<int32_t>()(i) = static_cast<int32_t>(values[i]);
  }
  return tensor;
}

// InputShape is what shape inference knows of `node`'s data input `i`.
PartialTensorShape InputShape(const Node& node, int i) {
  const Edge* edge;
  if (!node.input_edge(i, &edge).ok()) return PartialTensorShape();
  return edge->src->output_shape(edge->src_output);
}

// MaterializeShapes computes the outputs of a Shape, ShapeN, Size or Rank node from the
// inferred shapes of its inputs; nullopt for another op or when they are not known enough.
std::optional<std::vector<Tensor>> MaterializeShapes(const Node& node) {
  const std::string& op = node.type_string();
  if (op != "Shape" && op != "ShapeN" && op != "Size" && op != "Rank") return std::nullopt;
  if (HasStateDtype(node.input_types())) return std::nullopt;
  DataType out_type = DT_INT32;
  if (op != "Rank" && !GetNodeAttr(node.def(), "out_type", &out_type).ok()) {
    return std::nullopt;
  }
  std::vector<Tensor> outputs;
  for (int i = 0; i < node.num_inputs(); ++i) {
    const PartialTensorShape shape = InputShape(node, i);
    std::optional<Tensor> value;
    if (op == "Rank") {
      if (shape.unknown_rank()) return std::nullopt;
      value = IntegerTensor(out_type, {shape.dims()}, /*scalar=*/true);
    } else if (shape.IsFullyDefined()) {
      value = op == "Size" ? IntegerTensor(out_type, {shape.num_elements()}, /*scalar=*/true)
                           : IntegerTensor(out_type, std::vector<int64_t>(
                                                         shape.dim_sizes().begin(),
                                                         shape.dim_sizes().end()),
                                           /*scalar=*/false);
    }
    if (!value.has_value()) return std::nullopt;
    outputs.push_back(std::move(*value));
  }
  return outputs;
}

// ResolveOutput is the node output `name` ("a:1") names, or nullopt for a name that names
// none (Executor::Create reports those).
std::optional<Output> ResolveOutput(const Graph& graph, const std::string& name) {
  absl::StatusOr<TensorId> id = ParseTensorName(name);
  const Node* node = id.ok() ? graph.FindNode(id->node) : nullptr;
  if (node == nullptr || id->index < 0 || id->index >= node->num_outputs()) return std::nullopt;
  return Output{node, id->index};
}

std::string OutputName(const Output& output) {
  return absl::StrCat(output.first->name(), ":", output.second);
}

bool OnCpu(const Node& node, const Executor::KernelLookup& kernel_lookup) {
  absl::StatusOr<Executor::KernelAndDevice> kernel = kernel_lookup(node);
  return kernel.ok() && kernel->device->device_type() == DEVICE_CPU;
}

// Evaluable: `node` computes the same values every step once its inputs are folded.
bool Evaluable(const Node& node, const absl::flat_hash_set<const Node*>& folded,
               const Executor::KernelLookup& kernel_lookup, int64_t max_constant_bytes) {
  if (node.IsStateful() || node.type_string() == "Placeholder" ||
      node.type_string() == "PlaceholderWithDefault" || HasStateDtype(node.input_types()) ||
      HasStateDtype(node.output_types())) {
    return false;
  }
  for (const Edge* edge : node.in_edges()) {
    if (!folded.contains(edge->src)) return false;
  }
  for (int i = 0; i < node.num_outputs(); ++i) {
    const PartialTensorShape& shape = node.output_shape(i);
    const int64_t element_bytes = std::max(DataTypeSize(node.output_type(i)), 1);
    if (shape.IsFullyDefined() && shape.num_elements() > max_constant_bytes / element_bytes) {
      return false;
    }
  }
  return OnCpu(node, kernel_lookup);
}

}  // namespace

FoldedPlan FoldConstants(const Graph& graph, absl::Span<const Node* const> nodes,
                         absl::Span<const std::string> feeds,
                         absl::Span<const std::string> fetches,
                         const Executor::KernelLookup& kernel_lookup,
                         int64_t max_constant_bytes) {
  FoldedPlan unfolded;
  unfolded.nodes.assign(nodes.begin(), nodes.end());

  absl::flat_hash_set<const Node*> fed;
  for (const std::string& name : feeds) {
    if (std::optional<Output> output = ResolveOutput(graph, name)) fed.insert(output->first);
  }

  // Which nodes fold; the shape ops among them are computed right away.
  absl::flat_hash_set<const Node*> folded;
  absl::flat_hash_map<Output, Tensor> values;
  std::vector<const Node*> evaluated;
  for (const Node* node : nodes) {
    if (fed.contains(node)) continue;
    if (std::optional<std::vector<Tensor>> shapes = MaterializeShapes(*node);
        shapes.has_value() && OnCpu(*node, kernel_lookup)) {
      folded.insert(node);
      for (int i = 0; i < node->num_outputs(); ++i) values[{node, i}] = std::move((*shapes)[i]);
    } else if (Evaluable(*node, folded, kernel_lookup, max_constant_bytes)) {
      folded.insert(node);
      evaluated.push_back(node);
    }
  }
  if (folded.empty()) return unfolded;

  // Evaluate the rest of the folded nodes once, the shape values fed in.
  if (!evaluated.empty()) {
    std::vector<std::string> input_names;
    std::vector<const Tensor*> inputs;
    for (const auto& [output, value] : values) {
      input_names.push_back(OutputName(output));
      inputs.push_back(&value);
    }
    std::vector<std::string> output_names;
    for (const Node* node : evaluated) {
      for (int i = 0; i < node->num_outputs(); ++i) output_names.push_back(OutputName({node, i}));
    }
    absl::StatusOr<std::unique_ptr<Executor>> executor = Executor::Create(
        graph, evaluated, input_names, output_names, kernel_lookup, Executor::Options());
    if (!executor.ok()) return unfolded;
    std::vector<Tensor> outputs(output_names.size());
    std::vector<Tensor*> output_pointers;
    for (Tensor& output : outputs) output_pointers.push_back(&output);
    if (!(*executor)->Run(Executor::StepOptions(), inputs, output_pointers).ok()) {
      return unfolded;
    }
    size_t next = 0;
    for (const Node* node : evaluated) {
      for (int i = 0; i < node->num_outputs(); ++i) values[{node, i}] = std::move(outputs[next++]);
    }
  }

  // The values the step keeps: folded outputs read by a node that still runs, or fetched.
  // One too large to keep makes its node run each step instead, until none is.
  std::vector<Output> kept;
  for (bool unfolded_one = true; unfolded_one;) {
    unfolded_one = false;
    kept.clear();
    absl::flat_hash_set<Output> seen;
    const auto keep = [&](const Node* node, int output) {
      if (folded.contains(node) && seen.insert({node, output}).second) {
        kept.push_back({node, output});
      }
    };
    for (const Node* node : nodes) {
      if (folded.contains(node)) continue;
      for (const Edge* edge : node->in_edges()) {
        if (!edge->IsControlEdge()) keep(edge->src, edge->src_output);
      }
    }
    for (const std::string& name : fetches) {
      if (std::optional<Output> output = ResolveOutput(graph, name)) {
        keep(output->first, output->second);
      }
    }
    for (const Output& output : kept) {
      if (static_cast<int64_t>(values[output].TotalBytes()) > max_constant_bytes) {
        folded.erase(output.first);
        unfolded_one = true;
      }
    }
  }

  FoldedPlan plan;
  for (const Node* node : nodes) {
    if (!folded.contains(node)) plan.nodes.push_back(node);
  }
  for (const Output& output : kept) {
    plan.constants.push_back({OutputName(output), values[output]});
  }
  return plan;
}

}  // namespace rill
