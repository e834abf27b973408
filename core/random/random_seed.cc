// GetSeed: TensorFlow 1.x's graph-level/op-level seed rules.
#include "core/random/random_seed.h"

namespace rill {
namespace random {
namespace {

constexpr int64_t kMaxInt32 = (int64_t{1} << 31) - 1;

// TruncateSeed is Python's `seed % (2**31 - 1)`: the result has the divisor's sign.
int64_t TruncateSeed(int64_t seed) {
  const int64_t remainder = seed % kMaxInt32;
  return remainder < 0 ? remainder + kMaxInt32 : remainder;
}

}  // namespace

std::pair<int64_t, int64_t> GetSeed(std::optional<int64_t> graph_seed,
                                    std::optional<int64_t> op_seed, int64_t graph_op_count) {
  std::pair<int64_t, int64_t> seeds;
  if (graph_seed.has_value()) {
    seeds = {TruncateSeed(*graph_seed), TruncateSeed(op_seed.value_or(graph_op_count))};
  } else if (op_seed.has_value()) {
    seeds = {kDefaultGraphSeed, TruncateSeed(*op_seed)};
  } else {
    return {0, 0};
  }
  if (seeds.first == 0 && seeds.second == 0) return {0, kMaxInt32};
  return seeds;
}

}  // namespace random
}  // namespace rill
