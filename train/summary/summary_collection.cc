// The per-graph summary collections: a process-wide map from graph to its summary outputs,
// holding each graph weakly so that stale entries are recognised and dropped.
#include "train/summary/summary_collection.h"

#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "core/graph/graph.h"

namespace rill {
namespace summary {
namespace {

struct Collection {
  std::weak_ptr<Graph> graph;
  std::vector<Output> summaries;
};

struct Registry {
  absl::Mutex mu;
  absl::flat_hash_map<const Graph*, Collection> collections ABSL_GUARDED_BY(mu);
};

Registry& GlobalRegistry() {
  static Registry* const registry = new Registry;
  return *registry;
}

// LiveCollection returns the collection of `graph` if it was made for this very graph
// (not for an earlier graph at the same address), else nullptr.
Collection* LiveCollection(Registry& registry, const std::shared_ptr<Graph>& graph)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(registry.mu) {
  auto it = registry.collections.find(graph.get());
  if (it == registry.collections.end()) return nullptr;
  if (it->second.graph.lock() != graph) {
    registry.collections.erase(it);
    return nullptr;
  }
  return &it->second;
}

}  // namespace

void AddToSummaryCollection(const Scope& scope, const Output& summary) {
  if (summary.node() == nullptr) return;
  const std::shared_ptr<Graph> graph = scope.graph_as_shared_ptr();
  Registry& registry = GlobalRegistry();
  absl::MutexLock lock(&registry.mu);
  Collection* collection = LiveCollection(registry, graph);
  if (collection == nullptr) {
    // A new entry: first drop the collections of graphs that are gone.
    absl::erase_if(registry.collections,
                   [](const auto& entry) { return entry.second.graph.expired(); });
    collection = &registry.collections[graph.get()];
    collection->graph = graph;
  }
  collection->summaries.push_back(summary);
}

std::vector<Output> SummaryCollection(const Scope& scope) {
  Registry& registry = GlobalRegistry();
  absl::MutexLock lock(&registry.mu);
  const Collection* collection = LiveCollection(registry, scope.graph_as_shared_ptr());
  return collection != nullptr ? collection->summaries : std::vector<Output>{};
}

}  // namespace summary
}  // namespace rill
