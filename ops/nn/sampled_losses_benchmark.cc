// The word2vec training step at the lecture's sizes (vocabulary 50000, embeddings of 128,
// batch 128, 64 negatives): embedding_lookup, nce_loss, its gradients and the sparse SGD
// update of the three tables, run through a ClientSession; and the forward pass alone.
// Reports microseconds per step and training pairs per second.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/client/client_session.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "core/protos/config.pb.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradients.h"
#include "ops/math/math_ops.h"
#include "ops/nn/embedding_lookup.h"
#include "ops/nn/sampled_losses.h"
#include "ops/random/random_seed.h"
#include "ops/state/state_ops.h"
#include "ops/state/variables.h"

namespace rill {
namespace {

constexpr int64_t kVocabulary = 50000;
constexpr int64_t kEmbedding = 128;
constexpr int64_t kBatch = 128;
constexpr int64_t kSampled = 64;

// Table is a [rows, cols] float tensor of small values from a fixed sequence.
Tensor Table(int64_t rows, int64_t cols, uint32_t seed) {
  Tensor t(DT_FLOAT, TensorShape({rows, cols}));
  uint32_t state = seed;
  float* data = static_cast<float*>(t.data());
  for (int64_t i = 0; i < rows * cols; ++i) {
    state = state * 1664525u + 1013904223u;
    data[i] = (static_cast<float>(state >> 8) / static_cast<float>(1 << 23) - 1.0f) * 0.1f;
  }
  return t;
}

// Word2Vec holds the graph of one training step and the feeds of one batch.
struct Word2Vec {
  Scope root = Scope::NewRootScope();
  Output center;
  Output target;
  Output loss;
  std::vector<Operation> init;
  std::vector<Operation> updates;
  Tensor center_ids{DT_INT32, TensorShape({kBatch})};
  Tensor target_ids{DT_INT64, TensorShape({kBatch, 1})};

  Word2Vec() {
    ops::set_random_seed(root, 1);
    ops::Variable embed(root.WithOpName("embed_matrix"), Table(kVocabulary, kEmbedding, 1));
    ops::Variable weight(root.WithOpName("nce_weight"), Table(kVocabulary, kEmbedding, 2));
    Tensor zeros(DT_FLOAT, TensorShape({kVocabulary}));
    for (int64_t i = 0; i < kVocabulary; ++i) zeros.flat<float>()(i) = 0.0f;
    ops::Variable bias(root.WithOpName("nce_bias"), zeros);
    init = {embed.initializer(), weight.initializer(), bias.initializer()};
    center = ops::Placeholder(root, DT_INT32, ops::Placeholder::Shape({kBatch}));
    target = ops::Placeholder(root, DT_INT64, ops::Placeholder::Shape({kBatch, 1}));
    const Output embedded = ops::embedding_lookup(root, embed, center);
    loss = ops::Mean(
        root, ops::nce_loss(root, weight, bias, target, embedded, kSampled, kVocabulary), 0);
    const std::vector<Output> handles = {embed.handle(), weight.handle(), bias.handle()};
    std::vector<Gradient> grads;
    RILL_CHECK_OK(AddSymbolicGradients(root, {loss}, handles, &grads));
    for (size_t i = 0; i < grads.size(); ++i) {
      const IndexedSlices& slices = grads[i].sparse();
      updates.push_back(ops::ResourceScatterSub(root, handles[i], slices.indices,
                                                ops::Mul(root, slices.values, 1.0f)));
    }
    RILL_CHECK_OK(root.status());
    for (int64_t i = 0; i < kBatch; ++i) {
      // Zipf-like ids, as word2vec's frequent words.
      center_ids.flat<int32_t>()(i) = static_cast<int32_t>((i * i * 7919) % 1000);
      target_ids.flat<int64_t>()(i) = (i * 104729) % 5000;
    }
  }
};

void BM_NceForward(benchmark::State& state) {
  Word2Vec model;
  ClientSession session(model.root);
  RILL_CHECK_OK(session.Run({}, {}, model.init, nullptr));
  std::vector<Tensor> out;
  for (auto _ : state) {
    RILL_CHECK_OK(session.Run({{model.center, model.center_ids}, {model.target, model.target_ids}},
                              {model.loss}, &out));
  }
  state.counters["pairs/s"] =
      benchmark::Counter(static_cast<double>(kBatch), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_NceForward)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_NceTrainingStep(benchmark::State& state) {
  Word2Vec model;
  ClientSession session(model.root);
  RILL_CHECK_OK(session.Run({}, {}, model.init, nullptr));
  for (auto _ : state) {
    RILL_CHECK_OK(session.Run({{model.center, model.center_ids}, {model.target, model.target_ids}},
                              {}, model.updates, nullptr));
  }
  state.counters["pairs/s"] =
      benchmark::Counter(static_cast<double>(kBatch), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_NceTrainingStep)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The training step traced: kernel time per step summed by op type, the ten costliest as
// counters ("MatMul" = microseconds per step in MatMul kernels), and "kernels" their total
// (kernels on the two cores overlap, so it can exceed the step's wall time).
void BM_NceTrainingStepByOp(benchmark::State& state) {
  Word2Vec model;
  ClientSession session(model.root);
  RILL_CHECK_OK(session.Run({}, {}, model.init, nullptr));
  std::map<std::string, std::string> op_of;
  for (const Node* node : model.root.graph()->nodes()) {
    if (node != nullptr) op_of[node->name()] = node->type_string();
  }
  tensorflow::RunOptions options;
  options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  std::map<std::string, double> nanos;
  for (auto _ : state) {
    tensorflow::RunMetadata metadata;
    RILL_CHECK_OK(session.Run(options, {{model.center, model.center_ids}, {model.target, model.target_ids}},
                              {}, model.updates, nullptr, &metadata));
    for (const auto& device : metadata.step_stats().dev_stats()) {
      for (const auto& node : device.node_stats()) nanos[op_of[node.node_name()]] += node.op_end_rel_nanos();
    }
  }
  std::vector<std::pair<double, std::string>> ranked;
  double total = 0;
  for (const auto& [op, ns] : nanos) {
    ranked.emplace_back(ns, op);
    total += ns;
  }
  std::sort(ranked.rbegin(), ranked.rend());
  const double steps = static_cast<double>(state.iterations());
  for (size_t i = 0; i < ranked.size() && i < 10; ++i) {
    state.counters[ranked[i].second] = ranked[i].first / 1000 / steps;
  }
  state.counters["kernels"] = total / 1000 / steps;
}
BENCHMARK(BM_NceTrainingStepByOp)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace rill
