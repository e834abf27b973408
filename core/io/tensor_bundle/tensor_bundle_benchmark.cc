// Checkpoint throughput on 100 MiB of float variables (25 tensors of 4 MiB) on the local
// disk: BundleWriter (data and index synced, then renamed) and BundleReader (checksums
// verified), against writing and reading the same bytes with plain file calls, with and
// without the sync. `tools/bazel run //core/io/tensor_bundle:tensor_bundle_benchmark`
// (files go to $TMPDIR, default /tmp).
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "core/framework/tensor.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/tensor_bundle/tensor_bundle.h"

namespace rill {
namespace io {
namespace {

constexpr int kTensors = 25;
constexpr int64_t kFloatsPerTensor = int64_t{1} << 20;  // 4 MiB each
constexpr int64_t kBytes = kTensors * kFloatsPerTensor * 4;

std::string TempPath(absl::string_view name) {
  const char* dir = std::getenv("TMPDIR");
  return JoinPath(dir != nullptr ? dir : "/tmp", absl::StrCat("rill_bundle_benchmark_", name));
}

const std::vector<Tensor>& Variables() {
  static const std::vector<Tensor>* const variables = [] {
    auto* tensors = new std::vector<Tensor>;
    for (int i = 0; i < kTensors; ++i) {
      Tensor t(DT_FLOAT, TensorShape({kFloatsPerTensor}));
      auto flat = t.flat<float>();
      for (int64_t j = 0; j < flat.size(); ++j) flat(j) = static_cast<float>(i * 7 + j % 1000);
      tensors->push_back(std::move(t));
    }
    return tensors;
  }();
  return *variables;
}

void Save(const std::string& prefix) {
  BundleWriter writer(LocalFileSystem::Default(), prefix);
  for (int i = 0; i < kTensors; ++i) {
    if (!writer.Add(absl::StrCat("layer", i, "/weights"), Variables()[i]).ok()) std::abort();
  }
  if (!writer.Finish().ok()) std::abort();
}

void BM_BundleWrite(benchmark::State& state) {
  const std::string prefix = TempPath("write");
  for (auto _ : state) Save(prefix);
  state.SetBytesProcessed(state.iterations() * kBytes);
}
BENCHMARK(BM_BundleWrite)->Unit(benchmark::kMillisecond)->UseRealTime();

// BM_PlainWrite appends the same bytes to one file; with Arg(1) it also syncs, as the
// bundle writer does.
void BM_PlainWrite(benchmark::State& state) {
  const std::string path = TempPath("plain");
  for (auto _ : state) {
    auto file = LocalFileSystem::Default()->NewWritableFile(path);
    if (!file.ok()) std::abort();
    for (const Tensor& t : Variables()) {
      if (!(*file)->Append(t.tensor_data()).ok()) std::abort();
    }
    if (state.range(0) == 1 && !(*file)->Sync().ok()) std::abort();
    if (!(*file)->Close().ok()) std::abort();
  }
  state.SetBytesProcessed(state.iterations() * kBytes);
}
BENCHMARK(BM_PlainWrite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BundleRead(benchmark::State& state) {
  const std::string prefix = TempPath("read");
  Save(prefix);
  for (auto _ : state) {
    auto reader = BundleReader::Open(LocalFileSystem::Default(), prefix);
    if (!reader.ok()) std::abort();
    for (int i = 0; i < kTensors; ++i) {
      auto value = (*reader)->Lookup(absl::StrCat("layer", i, "/weights"));
      if (!value.ok()) std::abort();
      benchmark::DoNotOptimize(value->data());
    }
  }
  state.SetBytesProcessed(state.iterations() * kBytes);
}
BENCHMARK(BM_BundleRead)->Unit(benchmark::kMillisecond)->UseRealTime();

// BM_PlainRead reads the same bytes into tensors with one read each, no checksums.
void BM_PlainRead(benchmark::State& state) {
  const std::string prefix = TempPath("read");
  Save(prefix);
  const std::string path = DataFilename(prefix, 0, 1);
  for (auto _ : state) {
    auto file = LocalFileSystem::Default()->NewRandomAccessFile(path);
    if (!file.ok()) std::abort();
    for (int i = 0; i < kTensors; ++i) {
      Tensor t(DT_FLOAT, TensorShape({kFloatsPerTensor}));
      absl::string_view read;
      char* buffer = static_cast<char*>(t.data());
      if (!(*file)->Read(uint64_t{4} * kFloatsPerTensor * i, 4 * kFloatsPerTensor, &read, buffer)
               .ok()) {
        std::abort();
      }
      benchmark::DoNotOptimize(read.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * kBytes);
}
BENCHMARK(BM_PlainRead)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace io
}  // namespace rill
