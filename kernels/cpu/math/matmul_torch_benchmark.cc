// The LibTorch baseline of matmul_benchmark: at::mm on the same n x n float matrices with
// 2 intra-op threads. Debian's libtorch-dev multiplies through whatever libblas.so.3 the
// system's alternatives select (the slow reference BLAS unless OpenBLAS is installed).
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <cstdint>

#include "benchmark/benchmark.h"

namespace {

void BM_TorchMatMul(benchmark::State& state) {
  const int64_t n = state.range(0);
  at::set_num_threads(2);
  c10::InferenceMode inference_mode;
  at::manual_seed(1);
  const at::Tensor a = at::rand({n, n}) * 2 - 1;
  const at::Tensor b = at::rand({n, n}) * 2 - 1;
  at::Tensor c = at::mm(a, b);
  for (auto _ : state) {
    at::mm_out(c, a, b);
    benchmark::DoNotOptimize(c.data_ptr());
  }
  state.counters["FLOPS"] =
      benchmark::Counter(2.0 * n * n * n, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_TorchMatMul)
    ->RangeMultiplier(2)
    ->Range(256, 2048)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
