// Throughput of CRC-32C's two paths (bytes_per_second) on 64 B to 1 MiB buffers:
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

void BM_Crc32cPortable(benchmark::State& state) {
  const std::string data = RandomBytes(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(crc32c::ExtendPortable(0, data.data(), data.size()));
  }
  state.SetBytesProcessed(state.iterations() * data.size());
}
BENCHMARK(BM_Crc32cPortable)->Arg(64)->Arg(1 << 10)->Arg(1040)->Arg(64 << 10)->Arg(1 << 20);

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
BENCHMARK(BM_Crc32cHardware)->Arg(64)->Arg(1 << 10)->Arg(1040)->Arg(64 << 10)->Arg(1 << 20);

}  // namespace
}  // namespace rill
