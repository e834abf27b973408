// The OpenBLAS baseline of matmul_benchmark: cblas_sgemm on the same n x n float matrices
// with 2 threads. Needs Debian's libopenblas-dev; built only on request.
#include <cblas.h>

#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"

extern "C" void openblas_set_num_threads(int num_threads);

namespace {

void FillPseudoRandom(std::vector<float>* data, uint32_t seed) {
  uint32_t state = seed;
  for (float& value : *data) {
    state = state * 1664525u + 1013904223u;
    value = static_cast<float>(state >> 8) / static_cast<float>(1 << 23) - 1.0f;
  }
}

void BM_OpenBlasMatMul(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  openblas_set_num_threads(2);
  std::vector<float> a(static_cast<size_t>(n) * n), b(a.size()), c(a.size());
  FillPseudoRandom(&a, 1);
  FillPseudoRandom(&b, 2);
  for (auto _ : state) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n,
                0.0f, c.data(), n);
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["FLOPS"] =
      benchmark::Counter(2.0 * n * n * n, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OpenBlasMatMul)
    ->RangeMultiplier(2)
    ->Range(256, 2048)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
