// PruneGraph: a backwards walk from fetches and targets that stops at fed tensors, then a
// topological sort of what it reached.
#include "core/graph/prune.h"

#include <functional>
#include <queue>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

struct ResolvedTensor {
  const Node* node;
  int index;
};

// ResolveTensor finds the node output `name` refers to; `role` ("Feed", "Fetch") words
// the errors.
absl::StatusOr<ResolvedTensor> ResolveTensor(const Graph& graph, const std::string& name,
                                             absl::string_view role) {
  ASSIGN_OR_RETURN(const TensorId id, ParseTensorName(name));
  if (id.IsControl()) {
    return errors::InvalidArgument(role, " '", name,
                                   "' names a control output; name a tensor (\"node:0\") "
                                   "or pass the node as a target");
  }
  const Node* node = graph.FindNode(id.node);
  if (node == nullptr) {
    return errors::NotFound(role, " tensor '", name, "' not found: the graph has no node '",
                            id.node, "'");
  }
  if (id.index >= node->num_outputs()) {
    return errors::NotFound(role, " tensor '", name, "' not found: node '", node->name(),
                            "' (", node->type_string(), ") has ", node->num_outputs(),
                            " outputs");
  }
  return ResolvedTensor{node, id.index};
}

// TopologicalOrder sorts the nodes marked in `needed`, smallest id first among the ready.
std::vector<const Node*> TopologicalOrder(const Graph& graph, const std::vector<bool>& needed) {
  std::vector<int> pending(graph.num_nodes(), 0);
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (const Node* node : graph.nodes()) {
    if (!needed[node->id()]) continue;
    for (const Edge* edge : node->in_edges()) {
      if (needed[edge->src->id()]) ++pending[node->id()];
    }
    if (pending[node->id()] == 0) ready.push(node->id());
  }
  std::vector<const Node*> order;
  while (!ready.empty()) {
    const Node* node = graph.FindNodeId(ready.top());
    ready.pop();
    order.push_back(node);
    for (const Edge* edge : node->out_edges()) {
      const int dst = edge->dst->id();
      if (needed[dst] && --pending[dst] == 0) ready.push(dst);
    }
  }
  return order;
}

}  // namespace

absl::StatusOr<PrunedGraph> PruneGraphForStep(const Graph& graph,
                                              absl::Span<const std::string> feed_tensor_names,
                                              absl::Span<const std::string> fetch_tensor_names,
                                              absl::Span<const std::string> target_node_names) {
  absl::flat_hash_map<std::pair<int, int>, int> feed_index;
  for (int i = 0; i < static_cast<int>(feed_tensor_names.size()); ++i) {
    ASSIGN_OR_RETURN(const ResolvedTensor feed,
                     ResolveTensor(graph, feed_tensor_names[i], "Feed"));
    if (!feed_index.emplace(std::make_pair(feed.node->id(), feed.index), i).second) {
      return errors::InvalidArgument("Tensor '", feed_tensor_names[i], "' is fed more than once");
    }
  }

  // A stateless source node (a Placeholder) whose every output is fed need not run for a
  // control edge either: the feed stands in for it, as TensorFlow rewires a fed
  // Placeholder's control edges to the feed.
  std::vector<int> fed_outputs(graph.num_nodes(), 0);
  for (const auto& [tensor, index] : feed_index) ++fed_outputs[tensor.first];
  const auto replaced_by_feeds = [&](const Node* node) {
    return node->num_inputs() == 0 && node->num_outputs() > 0 && !node->IsStateful() &&
           fed_outputs[node->id()] == node->num_outputs();
  };

  PrunedGraph pruned;
  pruned.feed_used.assign(feed_tensor_names.size(), false);
  std::vector<bool> needed(graph.num_nodes(), false);
  std::vector<const Node*> to_visit;
  const auto need_node = [&](const Node* node) {
    if (!needed[node->id()]) {
      needed[node->id()] = true;
      to_visit.push_back(node);
    }
  };
  const auto need_tensor = [&](const Node* node, int index) {
    const auto fed = feed_index.find(std::make_pair(node->id(), index));
    if (fed != feed_index.end()) {
      pruned.feed_used[fed->second] = true;
    } else {
      need_node(node);
    }
  };

  for (const std::string& name : fetch_tensor_names) {
    ASSIGN_OR_RETURN(const ResolvedTensor fetch, ResolveTensor(graph, name, "Fetch"));
    need_tensor(fetch.node, fetch.index);
  }
  for (const std::string& name : target_node_names) {
    const Node* target = graph.FindNode(name);
    if (target == nullptr) {
      return errors::NotFound("Target node '", name, "' not found in the graph");
    }
    need_node(target);
  }
  while (!to_visit.empty()) {
    const Node* node = to_visit.back();
    to_visit.pop_back();
    for (const Edge* edge : node->in_edges()) {
      if (edge->IsControlEdge()) {
        if (!replaced_by_feeds(edge->src)) need_node(edge->src);
      } else {
        need_tensor(edge->src, edge->src_output);
      }
    }
  }
  pruned.nodes = TopologicalOrder(graph, needed);
  return pruned;
}

absl::StatusOr<std::vector<const Node*>> PruneGraph(
    const Graph& graph, absl::Span<const std::string> feed_tensor_names,
    absl::Span<const std::string> fetch_tensor_names,
    absl::Span<const std::string> target_node_names) {
  ASSIGN_OR_RETURN(PrunedGraph pruned, PruneGraphForStep(graph, feed_tensor_names,
                                                         fetch_tensor_names, target_node_names));
  return std::move(pruned.nodes);
}

}  // namespace rill
