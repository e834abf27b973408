// The LibTorch peer of linear_regression_benchmark: the same 19,000 per-sample steps with
// autograd and torch::optim::SGD(0.001), from prebuilt 0-d tensors. Needs libtorch-dev.
#include <torch/torch.h>

#include <vector>

#include "benchmark/benchmark.h"
#include "core/framework/status_macros.h"
#include "examples/birth_life_data.h"

namespace {

constexpr int kEpochs = 100;

struct Samples {
  std::vector<torch::Tensor> xs;
  std::vector<torch::Tensor> ys;
};

Samples LoadSamples() {
  absl::StatusOr<rill::examples::BirthLifeData> data =
      rill::examples::ReadBirthLifeData(rill::examples::DefaultBirthLifeDataPath(""));
  RILL_CHECK_OK(data.status());
  Samples samples;
  for (size_t i = 0; i < data->births.size(); ++i) {
    samples.xs.push_back(torch::scalar_tensor(data->births[i]));
    samples.ys.push_back(torch::scalar_tensor(data->lifes[i]));
  }
  return samples;
}

void BM_TorchLinearRegression19000Steps(benchmark::State& state) {
  const Samples samples = LoadSamples();
  for (auto _ : state) {
    torch::Tensor w = torch::zeros({}, torch::requires_grad());
    torch::Tensor b = torch::zeros({}, torch::requires_grad());
    torch::optim::SGD optimizer({w, b}, torch::optim::SGDOptions(0.001));
    for (int epoch = 0; epoch < kEpochs; ++epoch) {
      for (size_t i = 0; i < samples.xs.size(); ++i) {
        torch::Tensor loss = torch::square(samples.ys[i] - (w * samples.xs[i] + b));
        loss.backward();
        optimizer.step();
        optimizer.zero_grad();
        benchmark::DoNotOptimize(loss.item<float>());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kEpochs * samples.xs.size());
}
BENCHMARK(BM_TorchLinearRegression19000Steps)->Unit(benchmark::kMillisecond);

}  // namespace
