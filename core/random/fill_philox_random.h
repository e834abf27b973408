// FillPhiloxRandom: fills an array with a distribution's values drawn from a Philox stream,
// in shards that threads may run in any order and still produce the single-thread values.
#ifndef RILL_CORE_RANDOM_FILL_PHILOX_RANDOM_H_
#define RILL_CORE_RANDOM_FILL_PHILOX_RANDOM_H_

#include <algorithm>
#include <cstdint>
#include <functional>

#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"

namespace rill {
namespace random {

// ParallelFor calls fn(begin, end) over disjoint ranges covering [0, total), possibly on
// several threads, and returns when all are done; cost_per_unit (CPU cycles per index)
// guides how finely to cut. ThreadPool::ParallelFor (core/framework/thread_pool.h) has
// this shape:
//   ParallelFor parallel_for = [&pool](int64_t total, int64_t cost, const auto& fn) {
//     pool.ParallelFor(total, cost, fn);
//   };
using ParallelFor = std::function<void(int64_t total, int64_t cost_per_unit,
                                       const std::function<void(int64_t, int64_t)>& fn)>;

namespace internal {

// FillPhiloxRandomGroups fills the output groups [start_group, limit_group) of `data`
// (groups of Distribution::kResultElementCount values; the last may be partial) as one
// thread filling all of `data` from `gen` would.
//  - A fixed-sample distribution draws one 128-bit sample per group, so group g starts g
//    samples after `gen`.
//  - A variable-sample distribution's group g starts at word
//    g * group_size * kReservedSamplesPerOutput of `gen`, with a fresh SingleSampleAdapter:
//    the words a group leaves unused are discarded, never handed to the next group.
template <class Distribution>
void FillPhiloxRandomGroups(PhiloxRandom gen, typename Distribution::ResultElementType* data,
                            int64_t size, int64_t start_group, int64_t limit_group,
                            Distribution dist) {
  constexpr int kGroupSize = Distribution::kResultElementCount;
  auto fill_group = [&](int64_t group, const typename Distribution::ResultType& values) {
    const int64_t offset = group * kGroupSize;
    const int64_t count = std::min<int64_t>(kGroupSize, size - offset);
    std::copy(values.begin(), values.begin() + count, data + offset);
  };
  if constexpr (Distribution::kVariableSamplesPerOutput) {
    constexpr int64_t kSkipPerGroup =
        int64_t{kGroupSize} * kReservedSamplesPerOutput / PhiloxRandom::kResultElementCount;
    for (int64_t group = start_group; group < limit_group; ++group) {
      PhiloxRandom group_gen = gen;
      group_gen.Skip(static_cast<uint64_t>(group * kSkipPerGroup));
      SingleSampleAdapter<PhiloxRandom> words(&group_gen);
      fill_group(group, dist(&words));
    }
  } else {
    gen.Skip(static_cast<uint64_t>(start_group));
    for (int64_t group = start_group; group < limit_group; ++group) {
      fill_group(group, dist(&gen));
    }
  }
}

}  // namespace internal

// FillPhiloxRandom writes `size` values of `dist` to `data`, drawn from `gen` exactly as
// TensorFlow's CPU FillPhiloxRandom draws them: output group g (of
// Distribution::kResultElementCount values) comes from its own, precomputed position in the
// stream, so the result does not depend on how `parallel_for` splits the groups. An empty
// `parallel_for` fills everything on the calling thread.
//
// `gen` is the generator a kernel reserved for this call; a kernel that reserves it with
// GuardedPhiloxRandom::ReserveRandomOutputs(size) draws the same values as TensorFlow's
// kernel with the same seeds, call after call.
template <class Distribution>
void FillPhiloxRandom(PhiloxRandom gen, typename Distribution::ResultElementType* data,
                      int64_t size, Distribution dist, const ParallelFor& parallel_for = {}) {
  constexpr int kGroupSize = Distribution::kResultElementCount;
  const int64_t group_count = (size + kGroupSize - 1) / kGroupSize;
  if (group_count == 0) return;
  auto fill = [&](int64_t start_group, int64_t limit_group) {
    internal::FillPhiloxRandomGroups(gen, data, size, start_group, limit_group, dist);
  };
  if (!parallel_for) {
    fill(0, group_count);
    return;
  }
  constexpr int64_t kGroupCost = int64_t{PhiloxRandom::kResultElementCount} *
                                 (PhiloxRandom::kElementCost + Distribution::kElementCost);
  parallel_for(group_count, kGroupCost, fill);
}

}  // namespace random
}  // namespace rill

#endif  // RILL_CORE_RANDOM_FILL_PHILOX_RANDOM_H_
