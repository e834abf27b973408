// Speed of the lecture's linear regression: one training step (feed X and Y, forward,
// gradients, update, fetch the loss) and the whole 19,000-step run, as the example does it.
// Peer: linear_regression_torch_benchmark (LibTorch autograd + torch::optim::SGD).
#include <vector>

#include "benchmark/benchmark.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "examples/birth_life_data.h"
#include "examples/linear_regression_model.h"

namespace rill {
namespace {

constexpr int kEpochs = 100;

struct Fixture {
  Fixture() : root(Scope::NewRootScope()) {
    absl::StatusOr<examples::BirthLifeData> read =
        examples::ReadBirthLifeData(examples::DefaultBirthLifeDataPath(""));
    RILL_CHECK_OK(read.status());
    data = *read;
    absl::StatusOr<examples::LinearRegression> built =
        examples::BuildLinearRegression(root, /*vectorized=*/false);
    RILL_CHECK_OK(built.status());
    model = *built;
    session = std::make_unique<ClientSession>(root);
    for (size_t i = 0; i < data.births.size(); ++i) {
      feeds.push_back({{model.x, Tensor(data.births[i])}, {model.y, Tensor(data.lifes[i])}});
    }
  }

  void Initialize() { RILL_CHECK_OK(session->Run({}, {}, {model.init}, nullptr)); }

  Scope root;
  examples::BirthLifeData data;
  examples::LinearRegression model;
  std::unique_ptr<ClientSession> session;
  std::vector<ClientSession::FeedType> feeds;
};

// One per-sample step, cycling through the data set.
void BM_LinearRegressionStep(benchmark::State& state) {
  Fixture fixture;
  fixture.Initialize();
  std::vector<Tensor> out;
  size_t i = 0;
  for (auto _ : state) {
    RILL_CHECK_OK(fixture.session->Run(fixture.feeds[i], {fixture.model.loss},
                                       {fixture.model.train_op}, &out));
    if (++i == fixture.feeds.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinearRegressionStep);

// The lecture's whole run: 100 epochs of 190 steps from w = b = 0.
void BM_LinearRegression19000Steps(benchmark::State& state) {
  Fixture fixture;
  std::vector<Tensor> out;
  for (auto _ : state) {
    fixture.Initialize();
    for (int epoch = 0; epoch < kEpochs; ++epoch) {
      for (const ClientSession::FeedType& feed : fixture.feeds) {
        RILL_CHECK_OK(
            fixture.session->Run(feed, {fixture.model.loss}, {fixture.model.train_op}, &out));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kEpochs * fixture.feeds.size());
}
BENCHMARK(BM_LinearRegression19000Steps)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rill
