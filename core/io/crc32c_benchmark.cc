// Throughput of CRC-32C's three paths (bytes_per_second) on 8 B to 1 MiB buffers:
// `tools/bazel run //core/io:crc32c_benchmark`.
#include <random>
#include <string>

#include "benchmark/benchmark.h"
#include "core/io/crc32c.h"

namespace rill {
namespace {

std::string RandomBytes(size_t n) {
  std::mt19937 rng(1);
  std::string data(n, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  return data;
}

// Sizes: a TFRecord length field (8), short and medium buffers, a 1 KiB record with its
// framing (1040), and long ones.
void Sizes(benchmark::internal::Benchmark* b) {
  for (int64_t size : {8, 64, 256, 1 << 10, 1040, 64 << 10, 1 << 20}) b->Arg(size);
}

void BM_Crc32cPortable(benchmark::State& state) {
  const std::string data = RandomBytes(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(crc32c::ExtendPortable(0, data.data(), data.size()));
  }
  state.SetBytesProcessed(state.iterations() * data.size());
}
BENCHMARK(BM_Crc32cPortable)->Apply(Sizes);

void BM_Crc32cHardware(benchmark::State& state) {
  if (!crc32c::HardwareAvailable()) {
    state.SkipWithError("no SSE4.2 CRC32 instruction on this CPU");
    return;
  }
  const std::string data = RandomBytes(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(crc32c::ExtendHardware(0, data.data(), data.size()));
  }
  state.SetBytesProcessed(state.iterations() * data.size());
}
BENCHMARK(BM_Crc32cHardware)->Apply(Sizes);

void BM_Crc32cFolding(benchmark::State& state) {
  if (!crc32c::FoldingAvailable()) {
    state.SkipWithError("no AVX-512 VPCLMULQDQ on this CPU");
    return;
  }
  const std::string data = RandomBytes(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(crc32c::ExtendFolding(0, data.data(), data.size()));
  }
  state.SetBytesProcessed(state.iterations() * data.size());
}
BENCHMARK(BM_Crc32cFolding)->Apply(Sizes);

}  // namespace
}  // namespace rill
