// GetSeed: TensorFlow 1.x's choice of an op's (seed, seed2) attrs from the graph-level and
// op-level seeds (python/framework/random_seed.py, get_seed), for the client's random ops.
#ifndef RILL_CORE_RANDOM_RANDOM_SEED_H_
#define RILL_CORE_RANDOM_RANDOM_SEED_H_

#include <cstdint>
#include <optional>
#include <utility>

namespace rill {
namespace random {

// kDefaultGraphSeed is the graph seed used when only an op seed is given.
inline constexpr int64_t kDefaultGraphSeed = 87654321;

// GetSeed returns the (seed, seed2) attrs of a random op, as TensorFlow 1.x's
// random_seed.get_seed(op_seed) in graph mode:
//   neither seed         -> (0, 0): the kernel seeds itself nondeterministically;
//   graph seed only      -> (graph_seed, graph_op_count), each reduced mod 2^31 - 1;
//   op seed only         -> (kDefaultGraphSeed, op_seed mod 2^31 - 1);
//   both                 -> (graph_seed, op_seed), each reduced mod 2^31 - 1;
// and a result of (0, 0) from given seeds becomes (0, 2^31 - 1), since (0, 0) means
// "nondeterministic" to the kernels. Reduction is Python's `%`: never negative.
//
// graph_op_count is TensorFlow's Graph._last_id at the moment the seeds are chosen: the
// number of operations created in the graph so far (ids count from 1, one per op). Client
// composites choose the seeds after creating their helper constants and before creating
// the random op itself, so those constants count and the random op does not. For example,
// after set_random_seed(2) on an empty graph, random_uniform([], -10, 10) creates its
// shape, min and max constants (ids 1-3), gets seeds (2, 3), then adds RandomUniform, Sub,
// Mul and Add (ids 4-7); a second such call gets (2, 10). Only this case reads the count.
std::pair<int64_t, int64_t> GetSeed(std::optional<int64_t> graph_seed,
                                    std::optional<int64_t> op_seed, int64_t graph_op_count);

}  // namespace random
}  // namespace rill

#endif  // RILL_CORE_RANDOM_RANDOM_SEED_H_
