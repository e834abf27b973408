// Graph-level seeds kept beside their graphs: a table keyed by Graph* whose entries hold a
// weak reference to the graph, so a graph later allocated at a dead one's address never
// inherits its seed.
#include "ops/random/random_seed.h"

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "core/graph/graph.h"
#include "core/random/random_seed.h"

namespace rill {
namespace ops {
namespace {

// GraphSeeds maps each graph that has a graph-level seed to it. Entries of destroyed graphs
// are dropped whenever the table is written.
class GraphSeeds {
 public:
  static GraphSeeds& Global() {
    static GraphSeeds* const seeds = new GraphSeeds();
    return *seeds;
  }

  void Set(const std::shared_ptr<Graph>& graph, int64_t seed) {
    absl::MutexLock lock(&mu_);
    absl::erase_if(entries_, [](const auto& entry) { return entry.second.graph.expired(); });
    entries_[graph.get()] = Entry{graph, seed};
  }

  std::optional<int64_t> Get(const std::shared_ptr<Graph>& graph) const {
    absl::MutexLock lock(&mu_);
    const auto it = entries_.find(graph.get());
    if (it == entries_.end() || it->second.graph.lock() != graph) return std::nullopt;
    return it->second.seed;
  }

 private:
  struct Entry {
    std::weak_ptr<Graph> graph;
    int64_t seed = 0;
  };

  mutable absl::Mutex mu_;
  absl::flat_hash_map<const Graph*, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

void set_random_seed(const Scope& scope, int64_t seed) {
  GraphSeeds::Global().Set(scope.graph_as_shared_ptr(), seed);
}

std::optional<int64_t> graph_random_seed(const Scope& scope) {
  return GraphSeeds::Global().Get(scope.graph_as_shared_ptr());
}

std::pair<int64_t, int64_t> get_seed(const Scope& scope, std::optional<int64_t> op_seed) {
  return random::GetSeed(graph_random_seed(scope), op_seed, scope.graph()->num_nodes());
}

}  // namespace ops
}  // namespace rill
