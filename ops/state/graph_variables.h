// GraphVariables: the variables of one graph as this library records them (the global and
// trainable collections, and GetVariable's store by name), in a process-wide registry keyed
// by graph, so that core/graph stays ignorant of variables. Internal to //ops/state.
#ifndef RILL_OPS_STATE_GRAPH_VARIABLES_H_
#define RILL_OPS_STATE_GRAPH_VARIABLES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/client/scope.h"
#include "ops/state/variables.h"

namespace rill {
namespace ops {
namespace internal {

// GraphVariables is one graph's entry.
struct GraphVariables {
  // global: every Variable, in creation order; trainable: the trainable ones.
  std::vector<Variable> global;
  std::vector<Variable> trainable;
  // shared: the variables GetVariable created, by full name.
  absl::flat_hash_map<std::string, Variable> shared;
};

// WithGraphVariables calls `fn` with the entry of `scope`'s graph (created empty on first
// use) under the registry's lock. Entries hold no reference to their graph: an entry whose
// graph is gone is dropped, so a new graph never sees an old one's variables.
// Thread-safe; REQUIRES: `fn` does not call WithGraphVariables.
void WithGraphVariables(const Scope& scope, const std::function<void(GraphVariables&)>& fn);

}  // namespace internal
}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_STATE_GRAPH_VARIABLES_H_
