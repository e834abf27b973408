// The LibTorch eager baseline for session_benchmark: the same scalar adds (one, a chain of
// 100, 100 independent) as ATen ops. Needs Debian's libtorch-dev; built only on request.
#include <vector>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include "benchmark/benchmark.h"

namespace {

constexpr int kNodes = 100;

// y = x + 1.
void BM_TorchScalarAdd(benchmark::State& state) {
  c10::InferenceMode inference_mode;
  const at::Tensor x = at::scalar_tensor(2.0f);
  const at::Tensor one = at::scalar_tensor(1.0f);
  for (auto _ : state) {
    at::Tensor y = at::add(x, one);
    benchmark::DoNotOptimize(y.data_ptr());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TorchScalarAdd);

// a0 = x + 1, a_i = a_{i-1} + 1.
void BM_TorchChainOf100ScalarAdds(benchmark::State& state) {
  c10::InferenceMode inference_mode;
  const at::Tensor x = at::scalar_tensor(2.0f);
  const at::Tensor one = at::scalar_tensor(1.0f);
  for (auto _ : state) {
    at::Tensor a = x;
    for (int i = 0; i < kNodes; ++i) a = at::add(a, one);
    benchmark::DoNotOptimize(a.data_ptr());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TorchChainOf100ScalarAdds);

// b_i = x + 1 for 100 results, all kept.
void BM_Torch100IndependentScalarAdds(benchmark::State& state) {
  c10::InferenceMode inference_mode;
  const at::Tensor x = at::scalar_tensor(2.0f);
  const at::Tensor one = at::scalar_tensor(1.0f);
  std::vector<at::Tensor> results(kNodes);
  for (auto _ : state) {
    for (int i = 0; i < kNodes; ++i) results[i] = at::add(x, one);
    benchmark::DoNotOptimize(results.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Torch100IndependentScalarAdds);

}  // namespace
