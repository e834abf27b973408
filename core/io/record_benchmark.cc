// TFRecord throughput on a 256 MiB local file of 1 KiB records: writing (records/s), reading
// with CRC checks (bytes/s) in place and copied out, and two baselines over the same bytes:
// 256 KiB preads, and record-sized reads through the same BufferedInputStream without
// framing or CRCs.
// `tools/bazel run //core/io:record_benchmark` (files go to $TMPDIR, default /tmp).
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "core/io/buffered_input_stream.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/record_reader.h"
#include "core/io/record_writer.h"

namespace rill {
namespace io {
namespace {

constexpr size_t kRecordSize = 1024;
constexpr uint64_t kFileBytes = uint64_t{256} << 20;
constexpr uint64_t kRecords = kFileBytes / (kRecordSize + kRecordHeaderSize + kRecordFooterSize);

std::string TempPath(absl::string_view name) {
  const char* dir = std::getenv("TMPDIR");
  return JoinPath(dir != nullptr ? dir : "/tmp", absl::StrCat("rill_record_benchmark_", name));
}

std::string Payload() {
  std::string payload(kRecordSize, '\0');
  uint32_t x = 7;
  for (char& c : payload) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return payload;
}

// WriteFile writes `records` copies of Payload() to `path`, uncompressed.
void WriteFile(const std::string& path, uint64_t records) {
  FileSystem* fs = LocalFileSystem::Default();
  auto file = fs->NewWritableFile(path);
  if (!file.ok()) std::abort();
  RecordWriter writer(file->get());
  const std::string payload = Payload();
  for (uint64_t i = 0; i < records; ++i) {
    if (!writer.WriteRecord(payload).ok()) std::abort();
  }
  if (!writer.Close().ok() || !(*file)->Close().ok()) std::abort();
}

// SharedFile writes the uncompressed benchmark file once and deletes it at exit.
const std::string& SharedFile() {
  struct File {
    File() : path(TempPath("read.tfrecord")) { WriteFile(path, kRecords); }
    ~File() { LocalFileSystem::Default()->DeleteFile(path).IgnoreError(); }
    std::string path;
  };
  static File file;
  return file.path;
}

void BM_WriteRecords(benchmark::State& state) {
  const std::string path = TempPath("write.tfrecord");
  for (auto _ : state) WriteFile(path, kRecords);
  LocalFileSystem::Default()->DeleteFile(path).IgnoreError();
  state.SetItemsProcessed(state.iterations() * kRecords);
  state.SetBytesProcessed(state.iterations() * kRecords * kRecordSize);
}
BENCHMARK(BM_WriteRecords)->Unit(benchmark::kMillisecond)->UseRealTime();

// ReadRecords reads every record into a `Record` (absl::string_view: checked in the reader's
// buffer; std::string: copied out, as a caller that keeps records does).
template <typename Record>
void ReadRecords(benchmark::State& state) {
  const std::string& path = SharedFile();
  auto file = LocalFileSystem::Default()->NewRandomAccessFile(path);
  if (!file.ok()) std::abort();
  uint64_t bytes = 0;
  for (auto _ : state) {
    SequentialRecordReader reader(file->get());
    Record record;
    uint64_t records = 0;
    while (reader.ReadRecord(&record).ok()) ++records;
    if (records != kRecords) std::abort();
    bytes += reader.TellOffset();
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations() * kRecords);
}

void BM_ReadRecords(benchmark::State& state) { ReadRecords<absl::string_view>(state); }
BENCHMARK(BM_ReadRecords)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadRecordsCopy(benchmark::State& state) { ReadRecords<std::string>(state); }
BENCHMARK(BM_ReadRecordsCopy)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadBaseline(benchmark::State& state) {
  const std::string& path = SharedFile();
  auto file = LocalFileSystem::Default()->NewRandomAccessFile(path);
  if (!file.ok()) std::abort();
  constexpr size_t kChunk = 256 << 10;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  uint64_t bytes = 0;
  for (auto _ : state) {
    uint64_t offset = 0;
    absl::string_view piece;
    do {
      (*file)->Read(offset, kChunk, &piece, buffer.get()).IgnoreError();
      benchmark::DoNotOptimize(piece.data());
      offset += piece.size();
    } while (piece.size() == kChunk);
    bytes += offset;
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ReadBaseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadBufferedChunks(benchmark::State& state) {
  const std::string& path = SharedFile();
  auto file = LocalFileSystem::Default()->NewRandomAccessFile(path);
  if (!file.ok()) std::abort();
  uint64_t bytes = 0;
  for (auto _ : state) {
    BufferedInputStream stream(file->get(), 256 << 10);
    std::string chunk;
    while (stream.ReadNBytes(kRecordSize + kRecordHeaderSize + kRecordFooterSize, &chunk).ok()) {
    }
    bytes += stream.Tell();
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ReadBufferedChunks)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace io
}  // namespace rill
