// Benchmarks for core/random: raw Philox words, and 1M-element normal / truncated-normal /
// uniform fills on 1 thread and on a thread pool (items/s = values per second).
#include <cstdint>
#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/framework/thread_pool.h"
#include "core/random/fill_philox_random.h"
#include "core/random/guarded_philox_random.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"

namespace rill {
namespace random {
namespace {

constexpr int64_t kFillSize = 1 << 20;

void BM_PhiloxWords(benchmark::State& state) {
  PhiloxRandom gen(87654321, 2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(gen());
  }
  state.SetItemsProcessed(state.iterations() * PhiloxRandom::kResultElementCount);
}
BENCHMARK(BM_PhiloxWords);

// Fills kFillSize values per iteration, reserving like a kernel call; state.range(0) is
// the number of threads (1: on the calling thread, no pool).
template <class Distribution>
void BM_Fill(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  std::unique_ptr<ThreadPool> pool;
  ParallelFor parallel_for;
  if (threads > 1) {
    pool = std::make_unique<ThreadPool>("bench", threads);
    parallel_for = [&pool](int64_t total, int64_t cost, const auto& fn) {
      pool->ParallelFor(total, cost, fn);
    };
  }
  GuardedPhiloxRandom guarded;
  guarded.Init(87654321, 2);
  std::vector<typename Distribution::ResultElementType> data(kFillSize);
  for (auto _ : state) {
    FillPhiloxRandom(guarded.ReserveRandomOutputs(kFillSize), data.data(), kFillSize,
                     Distribution(), parallel_for);
    benchmark::DoNotOptimize(data.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kFillSize);
}

using Philox = PhiloxRandom;
BENCHMARK_TEMPLATE(BM_Fill, NormalDistribution<Philox, float>)
    ->Arg(1)->Arg(2)->Arg(4)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Fill, NormalDistribution<Philox, double>)
    ->Arg(1)->Arg(2)->Arg(4)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Fill, TruncatedNormalDistribution<SingleSampleAdapter<Philox>, float>)
    ->Arg(1)->Arg(2)->Arg(4)->UseRealTime();
BENCHMARK_TEMPLATE(BM_Fill, UniformDistribution<Philox, float>)
    ->Arg(1)->Arg(2)->Arg(4)->UseRealTime();

}  // namespace
}  // namespace random
}  // namespace rill
