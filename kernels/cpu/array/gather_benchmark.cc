// word2vec's hot path, GatherV2 of 128 rows from a 50000x128 float table: as a memcpy of
// the same rows (the floor), as the kernel alone, and through a whole Session::Run.
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/protos/graph.pb.h"
#include "core/runtime/session.h"

namespace rill {
namespace {

constexpr int64_t kVocabulary = 50000;
constexpr int64_t kEmbedding = 128;
constexpr int64_t kBatch = 128;
// Batches of indices cycled through, so that rows come from all over the 25.6 MB table
// rather than staying in cache.
constexpr int kBatches = 256;

Tensor Table() {
  Tensor table(DT_FLOAT, TensorShape({kVocabulary, kEmbedding}));
  std::mt19937 random(301);
  std::uniform_real_distribution<float> uniform(-1.f, 1.f);
  auto values = table.flat<float>();
  for (int64_t i = 0; i < values.size(); ++i) values(i) = uniform(random);
  return table;
}

// IndexBatches returns kBatches vectors of kBatch uniform random row indices.
template <typename Index>
std::vector<Tensor> IndexBatches() {
  std::mt19937 random(302);
  std::uniform_int_distribution<Index> uniform(0, kVocabulary - 1);
  std::vector<Tensor> batches;
  for (int b = 0; b < kBatches; ++b) {
    Tensor indices(DataTypeToEnum<Index>::value, TensorShape({kBatch}));
    auto values = indices.flat<Index>();
    for (int64_t i = 0; i < kBatch; ++i) values(i) = uniform(random);
    batches.push_back(std::move(indices));
  }
  return batches;
}

void SetCounters(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetBytesProcessed(state.iterations() * kBatch * kEmbedding * sizeof(float));
}

// The floor: the same 128 rows memcpy'd into a preallocated output, nothing checked. The
// row size is read from the table, as the kernel reads it, so that both call the C
// library's memcpy rather than one of them an inlined fixed-size copy.
void BM_CopyRowsMemcpy(benchmark::State& state) {
  const Tensor table = Table();
  const std::vector<Tensor> batches = IndexBatches<int32_t>();
  const int64_t row = table.dim_size(1);
  std::vector<float> out(kBatch * row);
  const float* rows = table.flat<float>().data();
  int b = 0;
  for (auto _ : state) {
    const int32_t* indices = batches[b].flat<int32_t>().data();
    for (int64_t i = 0; i < kBatch; ++i) {
      std::memcpy(&out[i * row], rows + indices[i] * row, row * sizeof(float));
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
    b = (b + 1) % kBatches;
  }
  SetCounters(state);
}
BENCHMARK(BM_CopyRowsMemcpy);

tensorflow::NodeDef GatherNode(DataType index_type) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("gather", "GatherV2")
                    .Input("params", 0, DT_FLOAT)
                    .Input("indices", 0, index_type)
                    .Input("axis", 0, DT_INT32)
                    .Finalize(&def));
  return def;
}

// The kernel alone (index check, output allocation, row copies), run as the executor runs
// it, with int32 or int64 indices.
template <typename Index>
void BM_GatherV2Kernel(benchmark::State& state) {
  const Tensor table = Table();
  const std::vector<Tensor> batches = IndexBatches<Index>();
  const Tensor axis(int32_t{0});
  auto runner = test::KernelRunner::Create(GatherNode(DataTypeToEnum<Index>::value));
  RILL_CHECK_OK(runner);
  int b = 0;
  for (auto _ : state) {
    absl::StatusOr<std::vector<Tensor>> out = (*runner)->Run({table, batches[b], axis});
    if (!out.ok()) state.SkipWithError(out.status().ToString().c_str());
    benchmark::DoNotOptimize(out);
    b = (b + 1) % kBatches;
  }
  SetCounters(state);
}
BENCHMARK_TEMPLATE(BM_GatherV2Kernel, int32_t);
BENCHMARK_TEMPLATE(BM_GatherV2Kernel, int64_t);

// A whole Session::Run: table and indices fed (by reference), the gathered rows fetched.
void BM_GatherV2Session(benchmark::State& state) {
  tensorflow::GraphDef graph;
  RILL_CHECK_OK(NodeDefBuilder("table", "Placeholder")
                    .Attr("dtype", DT_FLOAT)
                    .Attr("shape", PartialTensorShape({kVocabulary, kEmbedding}))
                    .Finalize(graph.add_node()));
  RILL_CHECK_OK(NodeDefBuilder("ids", "Placeholder")
                    .Attr("dtype", DT_INT32)
                    .Attr("shape", PartialTensorShape({kBatch}))
                    .Finalize(graph.add_node()));
  RILL_CHECK_OK(NodeDefBuilder("axis", "Const")
                    .Attr("value", Tensor(int32_t{0}))
                    .Attr("dtype", DT_INT32)
                    .Finalize(graph.add_node()));
  RILL_CHECK_OK(NodeDefBuilder("gather", "GatherV2")
                    .Input("table", 0, DT_FLOAT)
                    .Input("ids", 0, DT_INT32)
                    .Input("axis", 0, DT_INT32)
                    .Finalize(graph.add_node()));
  absl::StatusOr<std::unique_ptr<Session>> session = NewSession(SessionOptions());
  RILL_CHECK_OK(session);
  RILL_CHECK_OK((*session)->Create(graph));

  const Tensor table = Table();
  const std::vector<Tensor> batches = IndexBatches<int32_t>();
  std::vector<std::pair<std::string, Tensor>> feeds = {{"table", table}, {"ids", batches[0]}};
  std::vector<Tensor> outputs;
  RILL_CHECK_OK((*session)->Run(feeds, {"gather"}, {}, &outputs));
  int b = 0;
  for (auto _ : state) {
    feeds[1].second = batches[b];
    const absl::Status status = (*session)->Run(feeds, {"gather"}, {}, &outputs);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
    benchmark::DoNotOptimize(outputs.data());
    b = (b + 1) % kBatches;
  }
  SetCounters(state);
}
BENCHMARK(BM_GatherV2Session);

}  // namespace
}  // namespace rill
