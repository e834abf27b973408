// The graph-level random seed of TensorFlow 1.x (tf.set_random_seed) for the C++ client, and
// the (seed, seed2) attrs it implies for a random op about to be built (random_seed.get_seed).
#ifndef RILL_OPS_RANDOM_RANDOM_SEED_H_
#define RILL_OPS_RANDOM_RANDOM_SEED_H_

#include <cstdint>
#include <optional>
#include <utility>

#include "core/client/scope.h"

namespace rill {
namespace ops {

// set_random_seed makes `seed` the graph-level seed of scope's graph, as
// tf.set_random_seed(seed) does for the default graph: every random op built afterwards
// without an op seed gets a deterministic seed derived from it (see get_seed). Setting it
// again replaces it; ops built before keep their seeds.
//
// The seed is kept beside the graph (a Graph has no field for it), in a process-wide table
// keyed by the graph; the entry dies with the graph. Thread-safe across graphs; like all
// graph building, calls on one graph must not race.
void set_random_seed(const Scope& scope, int64_t seed);

// graph_random_seed returns the seed set_random_seed gave scope's graph, if any.
std::optional<int64_t> graph_random_seed(const Scope& scope);

// get_seed returns the (seed, seed2) attrs for a random op built next in scope's graph,
// with op-level seed `op_seed`, by TensorFlow 1.x's rules (core/random/random_seed.h):
//   neither seed:       (0, 0), nondeterministic;
//   op seed only:       (87654321, op_seed);
//   graph seed only:    (graph_seed, number of nodes in the graph so far);
//   both:               (graph_seed, op_seed).
// The node count is TensorFlow's Graph._last_id, so a composite calls get_seed after
// building its helper constants and right before the random op, as TensorFlow's Python
// does: then the same program gives TensorFlow's seeds and values.
std::pair<int64_t, int64_t> get_seed(const Scope& scope, std::optional<int64_t> op_seed);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_RANDOM_RANDOM_SEED_H_
