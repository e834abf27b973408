// PruneGraph: the nodes a (feeds, fetches, targets) step needs, in topological order; a fed
// tensor cuts off whatever only computes it.
#ifndef RILL_CORE_GRAPH_PRUNE_H_
#define RILL_CORE_GRAPH_PRUNE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/graph/graph.h"
#include "core/graph/tensor_id.h"

namespace rill {

// PrunedGraph is the result of PruneGraphForStep.
struct PrunedGraph {
  // nodes is every needed node, each after all its needed inputs and control inputs.
  std::vector<const Node*> nodes;
  // feed_used[i] says whether feed i is read: fetched itself, or consumed by a needed node.
  std::vector<bool> feed_used;
};

// PruneGraphForStep finds the nodes needed to compute `fetch_tensor_names` ("a:0", "a")
// and to run `target_node_names` ("a"), following data and control edges backwards. A
// fed tensor ("a:1") is not computed: the walk stops at it for the consumers of that output
// only, so node `a` is still needed when another of its outputs, a control edge or a
// target needs it; a fetched fed tensor needs nothing. The exception is a stateless node
// without inputs (a Placeholder) whose every output is fed: control edges from it are
// satisfied by the feed (TensorFlow's rule for fed Placeholders). Ties in the order go to the node
// added first, so the result is deterministic.
// NotFound naming the tensor when a name refers to no node or to an output the node lacks;
// InvalidArgument when a name does not parse, a feed or fetch names a control output, or a
// tensor is fed twice.
absl::StatusOr<PrunedGraph> PruneGraphForStep(const Graph& graph,
                                              absl::Span<const std::string> feed_tensor_names,
                                              absl::Span<const std::string> fetch_tensor_names,
                                              absl::Span<const std::string> target_node_names);

// PruneGraph is PruneGraphForStep's node list.
absl::StatusOr<std::vector<const Node*>> PruneGraph(
    const Graph& graph, absl::Span<const std::string> feed_tensor_names,
    absl::Span<const std::string> fetch_tensor_names,
    absl::Span<const std::string> target_node_names);

}  // namespace rill

#endif  // RILL_CORE_GRAPH_PRUNE_H_
