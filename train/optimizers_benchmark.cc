// Optimizer update speed on word2vec's embedding table, 50000x128 floats: Adam's dense
// update as the fused kernel and as a plain one-thread loop doing the same arithmetic (GB/s
// of state touched: var, m, v read and written, grad read), and a sparse step of 128 random
// rows (duplicates summed first) through a whole Session::Run for SGD, Adagrad, Momentum and
// Adam (ns per step; Adam's sparse step, as TensorFlow's, decays all of m and v).
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "kernels/cpu/training/training_test_util.h"
#include "ops/array/array_ops.h"
#include "ops/state/variables.h"
#include "train/adagrad.h"
#include "train/adam.h"
#include "train/gradient_descent.h"
#include "train/momentum.h"

namespace rill {
namespace {

constexpr int64_t kVocabulary = 50000;
constexpr int64_t kEmbedding = 128;
constexpr int64_t kElements = kVocabulary * kEmbedding;
constexpr int64_t kRows = 128;
// Index batches cycled through, so that rows come from all over the table.
constexpr int kBatches = 64;

Tensor Filled(float value, const TensorShape& shape) {
  Tensor tensor(DT_FLOAT, shape);
  auto flat = tensor.flat<float>();
  for (int64_t i = 0; i < flat.size(); ++i) flat(i) = value;
  return tensor;
}

// Touched: bytes of Adam's state read and written per element (var, m, v read and written,
// grad read).
void SetAdamCounters(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * kElements * 7 * int64_t{sizeof(float)});
}

// The floor: Adam's element arithmetic in one plain loop on one thread.
void BM_AdamDensePlainLoop(benchmark::State& state) {
  std::vector<float> var(kElements, 1.f), m(kElements, 0.f), v(kElements, 0.f);
  const std::vector<float> g(kElements, 0.25f);
  const float alpha = 0.001f * std::sqrt(1 - 0.999f) / (1 - 0.9f);
  const float one_minus_beta1 = 1 - 0.9f, one_minus_beta2 = 1 - 0.999f, epsilon = 1e-8f;
  for (auto _ : state) {
    for (int64_t i = 0; i < kElements; ++i) {
      m[i] = m[i] + (g[i] - m[i]) * one_minus_beta1;
      v[i] = v[i] + (g[i] * g[i] - v[i]) * one_minus_beta2;
      var[i] = var[i] - m[i] * alpha / (std::sqrt(v[i]) + epsilon);
    }
    benchmark::DoNotOptimize(var.data());
    benchmark::ClobberMemory();
  }
  SetAdamCounters(state);
}
BENCHMARK(BM_AdamDensePlainLoop)->Unit(benchmark::kMillisecond)->UseRealTime();

// The ResourceApplyAdam kernel (sharded over its device's intra-op pool).
void BM_AdamDenseKernel(benchmark::State& state) {
  test::TrainingKernel adam("ResourceApplyAdam", DT_FLOAT);
  const TensorShape shape({kVocabulary, kEmbedding});
  const Tensor var = adam.Set("var", Filled(1.f, shape));
  const Tensor m = adam.Set("m", Filled(0.f, shape));
  const Tensor v = adam.Set("v", Filled(0.f, shape));
  const Tensor grad = Filled(0.25f, shape);
  const auto scalar = [](float x) { return test::AsScalar(x); };
  for (auto _ : state) {
    RILL_CHECK_OK(adam.Run({var, m, v, scalar(0.9f), scalar(0.999f), scalar(0.001f),
                            scalar(0.9f), scalar(0.999f), scalar(1e-8f), grad}));
  }
  SetAdamCounters(state);
}
BENCHMARK(BM_AdamDenseKernel)->Unit(benchmark::kMillisecond)->UseRealTime();

// RandomRows is kBatches vectors of kRows random row indices.
std::vector<Tensor> RandomRows() {
  std::mt19937 random(303);
  std::uniform_int_distribution<int32_t> uniform(0, kVocabulary - 1);
  std::vector<Tensor> batches;
  for (int b = 0; b < kBatches; ++b) {
    Tensor batch(DT_INT32, TensorShape({kRows}));
    for (int64_t i = 0; i < kRows; ++i) batch.flat<int32_t>()(i) = uniform(random);
    batches.push_back(batch);
  }
  return batches;
}

// The ResourceSparseApplyAdagrad kernel alone on 128 rows.
void BM_SparseAdagradKernel(benchmark::State& state) {
  test::TrainingKernel adagrad("ResourceSparseApplyAdagrad", DT_FLOAT, DT_INT32);
  const TensorShape shape({kVocabulary, kEmbedding});
  const Tensor var = adagrad.Set("var", Filled(1.f, shape));
  const Tensor accum = adagrad.Set("accum", Filled(0.1f, shape));
  const Tensor grad = Filled(0.25f, TensorShape({kRows, kEmbedding}));
  const std::vector<Tensor> batches = RandomRows();
  int b = 0;
  for (auto _ : state) {
    RILL_CHECK_OK(adagrad.Run({var, accum, test::AsScalar(0.1f), grad, batches[b]}));
    b = (b + 1) % kBatches;
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_SparseAdagradKernel)->UseRealTime();

// Sparse steps: `make` builds the optimizer; each step applies 128 rows of ones at fed
// random indices to the table.
void SparseStep(benchmark::State& state, const std::function<train::Optimizer*()>& make) {
  Scope root = Scope::NewRootScope();
  ops::Variable table(root.WithOpName("table"), Filled(0.5f, TensorShape({kVocabulary, kEmbedding})));
  const auto indices = ops::Placeholder(root.WithOpName("indices"), DT_INT32);
  const IndexedSlices rows{ops::Const(root, Filled(1.f, TensorShape({kRows, kEmbedding}))),
                           indices, ops::Const(root, {int32_t{kVocabulary}, int32_t{kEmbedding}})};
  std::unique_ptr<train::Optimizer> optimizer(make());
  absl::StatusOr<Operation> step = optimizer->ApplyGradients(root, {{rows, table}});
  RILL_CHECK_OK(step.status());
  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  const std::vector<Tensor> batches = RandomRows();
  int b = 0;
  for (auto _ : state) {
    RILL_CHECK_OK(session.Run({{indices, batches[b]}}, {}, {*step}, nullptr));
    b = (b + 1) % kBatches;
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

void BM_SparseStepGradientDescent(benchmark::State& state) {
  SparseStep(state, [] { return new train::GradientDescentOptimizer(0.1f); });
}
BENCHMARK(BM_SparseStepGradientDescent)->UseRealTime();

void BM_SparseStepAdagrad(benchmark::State& state) {
  SparseStep(state, [] { return new train::AdagradOptimizer(0.1f); });
}
BENCHMARK(BM_SparseStepAdagrad)->UseRealTime();

void BM_SparseStepMomentum(benchmark::State& state) {
  SparseStep(state, [] { return new train::MomentumOptimizer(0.1f, 0.9f); });
}
BENCHMARK(BM_SparseStepMomentum)->UseRealTime();

void BM_SparseStepAdam(benchmark::State& state) {
  SparseStep(state, [] { return new train::AdamOptimizer(0.001f); });
}
BENCHMARK(BM_SparseStepAdam)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace rill
