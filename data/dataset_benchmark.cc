// tf.data throughput and overheads, through sessions as programs use them:
//   - TFRecordDataset over a 256 MiB file of 1 KiB records (CRCs checked), batched by 128 or
//     1024 so that Session::Run's cost is amortized, against plain buffered reads of the file
//     (1 MiB chunks, and one string per record), all through 256 KiB buffers (the reader's
//     default buffer_size);
//   - from_tensor_slices + batch(128) [+ prefetch]: the cost per element of getting batches;
//   - a training step fed by a pipeline with a map, run after the input (no prefetch) and
//     overlapped with it (prefetch(2)) in a session of one intra- and one inter-op thread:
//     with prefetch the step costs about max(input, step) instead of their sum; the same
//     with input that waits (sleeps) rather than computes, which needs no free core.
// `tools/bazel run //data:dataset_benchmark` (files go to $TMPDIR, default /tmp).
#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/io/buffered_input_stream.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/record_writer.h"
#include "data/dataset.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace data {
namespace {

constexpr size_t kRecordSize = 1024;
constexpr uint64_t kFileBytes = uint64_t{256} << 20;
constexpr uint64_t kRecords =
    kFileBytes / (kRecordSize + io::kRecordHeaderSize + io::kRecordFooterSize);

// RecordFile writes the benchmark's TFRecord file once and deletes it at exit.
const std::string& RecordFile() {
  struct File {
    File() {
      const char* dir = std::getenv("TMPDIR");
      path = io::JoinPath(dir != nullptr ? dir : "/tmp", "rill_dataset_benchmark.tfrecord");
      auto file = io::LocalFileSystem::Default()->NewWritableFile(path);
      if (!file.ok()) std::abort();
      io::RecordWriter writer(file->get());
      std::string payload(kRecordSize, '\0');
      uint32_t x = 7;
      for (char& c : payload) c = static_cast<char>((x = x * 1103515245u + 12345u) >> 24);
      for (uint64_t i = 0; i < kRecords; ++i) {
        if (!writer.WriteRecord(payload).ok()) std::abort();
      }
      if (!writer.Close().ok() || !(*file)->Close().ok()) std::abort();
    }
    ~File() { io::LocalFileSystem::Default()->DeleteFile(path).IgnoreError(); }
    std::string path;
  };
  static File file;
  return file.path;
}

// Drain runs `next` until OutOfRange and returns the number of steps.
int64_t Drain(const ClientSession& session, const std::vector<Output>& next) {
  std::vector<Tensor> out;
  int64_t steps = 0;
  while (true) {
    const absl::Status status = session.Run(next, &out);
    if (absl::IsOutOfRange(status)) return steps;
    if (!status.ok()) std::abort();
    ++steps;
  }
}

void BM_TFRecordDataset(benchmark::State& state) {
  const std::string& path = RecordFile();
  Scope root = Scope::NewRootScope();
  const Iterator iterator =
      Dataset::TFRecord(root, Input(path)).Batch(state.range(0)).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  for (auto _ : state) {
    if (!session.Run({}, {}, {iterator.initializer()}, nullptr).ok()) std::abort();
    benchmark::DoNotOptimize(Drain(session, next));
  }
  state.SetBytesProcessed(state.iterations() * kRecords * kRecordSize);
  state.counters["records/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kRecords), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TFRecordDataset)->Arg(128)->Arg(1024)->Unit(benchmark::kMillisecond)->UseRealTime();

// The baseline: the same file's bytes through a BufferedInputStream, 1 MiB at a time.
void BM_PlainBufferedRead(benchmark::State& state) {
  const std::string& path = RecordFile();
  for (auto _ : state) {
    auto file = io::LocalFileSystem::Default()->NewRandomAccessFile(path);
    if (!file.ok()) std::abort();
    io::BufferedInputStream input(file->get(), 256 << 10);
    std::string chunk;
    while (input.ReadNBytes(1 << 20, &chunk).ok()) benchmark::DoNotOptimize(chunk.data());
  }
  state.SetBytesProcessed(state.iterations() * kRecords * kRecordSize);
}
BENCHMARK(BM_PlainBufferedRead)->Unit(benchmark::kMillisecond)->UseRealTime();

// The record-sized baseline: each record's bytes (framing included, no CRC) read into a
// string of its own through the same stream, as a loop over a file of records would.
void BM_PlainRecordSizedReads(benchmark::State& state) {
  const std::string& path = RecordFile();
  const size_t framed = kRecordSize + io::kRecordHeaderSize + io::kRecordFooterSize;
  for (auto _ : state) {
    auto file = io::LocalFileSystem::Default()->NewRandomAccessFile(path);
    if (!file.ok()) std::abort();
    io::BufferedInputStream input(file->get(), 256 << 10);
    while (true) {
      std::string record;
      if (!input.ReadNBytes(framed, &record).ok()) break;
      benchmark::DoNotOptimize(record.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * kRecords * kRecordSize);
}
BENCHMARK(BM_PlainRecordSizedReads)->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr int64_t kElements = 128 * 256;
constexpr int64_t kFeatures = 64;
constexpr int64_t kBatch = 128;

// Features is a [kElements, kFeatures] float matrix.
Tensor Features() {
  Tensor features(DT_FLOAT, TensorShape({kElements, kFeatures}));
  auto flat = features.flat<float>();
  for (int64_t i = 0; i < flat.size(); ++i) flat(i) = static_cast<float>(i % 97) / 97.f;
  return features;
}

// BM_SlicesBatch: from_tensor_slices(features, labels).batch(128) [.prefetch(1) when
// state.range(0)], read to the end; the per-element time is the cost of the pipeline.
void BM_SlicesBatch(benchmark::State& state) {
  Scope root = Scope::NewRootScope();
  Tensor labels(DT_INT64, TensorShape({kElements}));
  for (int64_t i = 0; i < kElements; ++i) labels.flat<int64_t>()(i) = i;
  Dataset dataset = Dataset::FromTensorSlices(root, {Features(), labels}).Batch(kBatch);
  if (state.range(0) != 0) dataset = dataset.Prefetch(1);
  const Iterator iterator = dataset.MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  for (auto _ : state) {
    if (!session.Run({}, {}, {iterator.initializer()}, nullptr).ok()) std::abort();
    benchmark::DoNotOptimize(Drain(session, next));
  }
  state.counters["ns/element"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kElements),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SlicesBatch)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Preprocess is a map body with real work per element: a few element-wise passes.
std::vector<Output> Preprocess(const Scope& scope, const std::vector<Output>& element) {
  Output x = element[0];
  for (int i = 0; i < 4; ++i)
    x = ops::Tanh(scope, ops::Add(scope, ops::Mul(scope, x, 1.01f), 0.1f));
  return {x};
}

// Step is the "training step": matrix products of the batch with a fixed weight matrix.
Output Step(const Scope& scope, const Output& batch) {
  Tensor weights(DT_FLOAT, TensorShape({kFeatures, kFeatures}));
  auto flat = weights.flat<float>();
  for (int64_t i = 0; i < flat.size(); ++i) flat(i) = (i % 7 == 0) ? 0.01f : 0.f;
  Output x = batch;
  for (int i = 0; i < 24; ++i) x = ops::MatMul(scope, x, weights);
  return ops::Sum(scope, x, {0, 1});
}

SessionOptions OneThreadEach() {
  SessionOptions options;
  options.intra_op_threads = 1;
  options.inter_op_threads = 1;
  return options;
}

// RunTrainingStep times the step of `root` on the batches of `dataset` (a pipeline of
// [kBatch, kFeatures] floats) as state.range(0) picks: 0 = the step alone on
// `constant_batch`, 1 = the input alone, 2 = input then step, 3 = input prefetched (2
// batches) while the step runs.
void RunTrainingStep(benchmark::State& state, const Scope& root, Dataset dataset,
                     const Tensor& constant_batch) {
  const int mode = static_cast<int>(state.range(0));
  if (mode == 3) dataset = dataset.Prefetch(2);
  const Iterator iterator = dataset.MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  const Output fetch = mode == 0   ? Step(root, ops::Const(root, constant_batch))
                       : mode == 1 ? next[0]
                                   : Step(root, next[0]);
  ClientSession session(root, OneThreadEach());
  if (!session.Run({}, {}, {iterator.initializer()}, nullptr).ok()) std::abort();
  std::vector<Tensor> out;
  for (int i = 0; i < 3; ++i) session.Run({fetch}, &out).IgnoreError();  // Warm up.
  for (auto _ : state) {
    if (!session.Run({fetch}, &out).ok()) std::abort();
  }
  state.SetLabel(mode == 0   ? "step only"
                 : mode == 1 ? "input only"
                 : mode == 2 ? "input then step"
                             : "input prefetched during step");
}

// BM_TrainingStep: a step fed by a mapped, batched from_tensor_slices pipeline.
void BM_TrainingStep(benchmark::State& state) {
  Scope root = Scope::NewRootScope();
  Tensor constant_batch(DT_FLOAT, TensorShape({kBatch, kFeatures}));
  constant_batch.flat<float>().setConstant(0.5f);
  RunTrainingStep(
      state, root,
      Dataset::FromTensorSlices(root, {Features()}).Map(Preprocess).Batch(kBatch).Repeat(),
      constant_batch);
}
BENCHMARK(BM_TrainingStep)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond)->UseRealTime();

// BM_TrainingStepWaitingInput is BM_TrainingStep with input that waits instead of
// computing (a generator that sleeps 300 us per batch, like a slow disk or network): the
// overlap does not depend on a free core, so it shows even on a busy machine.
void BM_TrainingStepWaitingInput(benchmark::State& state) {
  Scope root = Scope::NewRootScope();
  const Tensor features = Features().Slice(0, kBatch);
  auto slow_batches = [features] {
    return [features]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      std::this_thread::sleep_for(std::chrono::microseconds(300));
      return std::vector<Tensor>{features};
    };
  };
  RunTrainingStep(state, root,
                  Dataset::FromGenerator(root, slow_batches, {DT_FLOAT},
                                         {PartialTensorShape({kBatch, kFeatures})}),
                  features);
}
BENCHMARK(BM_TrainingStepWaitingInput)
    ->DenseRange(0, 3)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
}  // namespace data
}  // namespace rill
