// The registry of GraphVariables (see graph_variables.h): entries keyed by graph address,
// each remembering its graph weakly so that a dead graph's entry is recognized and dropped.
#include "ops/state/graph_variables.h"

#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "core/graph/graph.h"

namespace rill {
namespace ops {
namespace internal {
namespace {

struct Entry {
  std::weak_ptr<Graph> graph;
  GraphVariables variables;
};

struct Registry {
  absl::Mutex mu;
  absl::flat_hash_map<const Graph*, Entry> entries ABSL_GUARDED_BY(mu);
};

Registry& GlobalRegistry() {
  static Registry* const registry = new Registry;
  return *registry;
}

}  // namespace

void WithGraphVariables(const Scope& scope, const std::function<void(GraphVariables&)>& fn) {
  const std::shared_ptr<Graph> graph = scope.graph_as_shared_ptr();
  Registry& registry = GlobalRegistry();
  absl::MutexLock lock(&registry.mu);
  absl::erase_if(registry.entries, [](const auto& entry) { return entry.second.graph.expired(); });
  Entry& entry = registry.entries[graph.get()];
  if (entry.graph.lock() != graph) {
    entry.graph = graph;
    entry.variables = GraphVariables();
  }
  fn(entry.variables);
}

}  // namespace internal
}  // namespace ops
}  // namespace rill
