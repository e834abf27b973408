// Tests RecordWriter's bytes against hand-checked framing (FORMATS.md section 9), that ZLIB
// and GZIP wrap the whole framed stream, and that write errors stick.
#include "core/io/record_writer.h"

#include <zlib.h>

#include <string>

#include "absl/strings/escaping.h"
#include "core/framework/errors.h"
#include "core/io/fault_injecting_file_system.h"
#include "core/io/in_memory_file_system.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

// Expected bytes come from this Python, run once (crc32c/mask as in crc32c_test.cc):
//   def record(data):
//       h = struct.pack('<Q', len(data))
//       footer = struct.pack('<I', mask(crc32c(data)))
//       return h + struct.pack('<I', mask(crc32c(h))) + data + footer
//   ev = bytes.fromhex('0900000040fc54d9411a0d627261696e2e4576656e743a32')
//   print(record(ev).hex(' ')); print(record(b'').hex(' ')); print(record(b'hello').hex(' '))
// which printed the three records below; the first is FORMATS.md section 9's event record.
constexpr char kEventData[] = "0900000040fc54d9411a0d627261696e2e4576656e743a32";
constexpr char kEventRecord[] =
    "1800000000000000a37f4b22"
    "0900000040fc54d9411a0d627261696e2e4576656e743a32"
    "eced8f9d";
constexpr char kEmptyRecord[] = "000000000000000029039807d8ea82a2";
constexpr char kHelloRecord[] = "0500000000000000eab2043e68656c6c6fbb1f1c19";

std::string Unhex(absl::string_view hex) { return absl::HexStringToBytes(hex); }

// Inflate decompresses a whole zlib (15) or gzip (31) stream with zlib, or returns "" and
// fails the test when it is not one complete stream.
std::string Inflate(const std::string& compressed, int window_bits) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, window_bits), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = compressed.size();
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = out.size();
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  EXPECT_EQ(stream.avail_in, 0u);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

class RecordWriterTest : public ::testing::Test {
 protected:
  std::unique_ptr<WritableFile> Create(const std::string& path) {
    auto file = fs_.NewWritableFile(path);
    EXPECT_TRUE(file.ok());
    return std::move(*file);
  }

  std::string Contents(const std::string& path) {
    auto contents = ReadFileToString(&fs_, path);
    EXPECT_TRUE(contents.ok());
    return contents.ok() ? *contents : "";
  }

  InMemoryFileSystem fs_;
};

TEST_F(RecordWriterTest, UncompressedBytesMatchTheWorkedExamples) {
  auto file = Create("/r");
  RecordWriter writer(file.get());
  ASSERT_TRUE(writer.WriteRecord(Unhex(kEventData)).ok());
  ASSERT_TRUE(writer.WriteRecord("").ok());
  ASSERT_TRUE(writer.WriteRecord("hello").ok());
  ASSERT_TRUE(writer.Close().ok());
  EXPECT_EQ(absl::BytesToHexString(Contents("/r")),
            std::string(kEventRecord) + kEmptyRecord + kHelloRecord);
}

TEST_F(RecordWriterTest, HeaderAndFooterHelpers) {
  char header[kRecordHeaderSize];
  RecordWriter::EncodeHeader(5, header);
  EXPECT_EQ(absl::BytesToHexString(absl::string_view(header, sizeof(header))),
            "0500000000000000eab2043e");
  char footer[kRecordFooterSize];
  RecordWriter::EncodeFooter("hello", footer);
  EXPECT_EQ(absl::BytesToHexString(absl::string_view(footer, sizeof(footer))), "bb1f1c19");
}

TEST_F(RecordWriterTest, CompressionWrapsTheWholeFramedStream) {
  const std::string framed = Unhex(std::string(kEventRecord) + kEmptyRecord + kHelloRecord);
  for (Compression compression : {Compression::kZlib, Compression::kGzip}) {
    auto file = Create("/c");
    RecordWriterOptions options;
    options.compression = compression;
    RecordWriter writer(file.get(), options);
    ASSERT_TRUE(writer.WriteRecord(Unhex(kEventData)).ok());
    ASSERT_TRUE(writer.WriteRecord("").ok());
    ASSERT_TRUE(writer.WriteRecord("hello").ok());
    ASSERT_TRUE(writer.Close().ok());
    const std::string written = Contents("/c");
    EXPECT_EQ(written.substr(0, 2), compression == Compression::kGzip ? "\x1f\x8b" : "\x78\x9c");
    EXPECT_EQ(Inflate(written, ZlibWindowBits(compression)), framed)
        << CompressionName(compression);
  }
}

TEST_F(RecordWriterTest, DestructorFinishesTheStream) {
  auto file = Create("/d");
  {
    RecordWriterOptions options;
    options.compression = Compression::kGzip;
    RecordWriter writer(file.get(), options);
    ASSERT_TRUE(writer.WriteRecord("hello").ok());
  }
  EXPECT_EQ(Inflate(Contents("/d"), 31), Unhex(kHelloRecord));
}

TEST_F(RecordWriterTest, ClosedWriterRefusesRecords) {
  auto file = Create("/r");
  RecordWriter writer(file.get());
  ASSERT_TRUE(writer.Close().ok());
  EXPECT_TRUE(errors::IsFailedPrecondition(writer.WriteRecord("x")));
  EXPECT_TRUE(errors::IsFailedPrecondition(writer.Flush()));
  EXPECT_TRUE(errors::IsFailedPrecondition(writer.Close()));
}

TEST(RecordWriterErrorTest, FirstWriteErrorSticks) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(&base);
  FaultInjectingFileSystem::Faults faults;
  faults.fail_writes_after = 20;  // inside the second record
  fs.SetFaults(faults);
  auto file = fs.NewWritableFile("/r");
  ASSERT_TRUE(file.ok());
  RecordWriter writer(file->get());
  ASSERT_TRUE(writer.WriteRecord("").ok());  // 16 bytes
  const absl::Status failed = writer.WriteRecord("hello");
  EXPECT_TRUE(errors::IsResourceExhausted(failed)) << failed;
  EXPECT_EQ(writer.WriteRecord("later"), failed);
  EXPECT_EQ(writer.Flush(), failed);
  EXPECT_EQ(writer.Close(), failed);
  auto contents = ReadFileToString(&base, "/r");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(absl::BytesToHexString(*contents), std::string(kEmptyRecord) + "05000000");
}

}  // namespace
}  // namespace io
}  // namespace rill
