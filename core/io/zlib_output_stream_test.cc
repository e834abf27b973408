// Tests ZlibOutputStream by inflating its output with zlib itself: header bytes of both
// formats, round trips with tiny buffers, sync flushes, closing, and sticky write errors.
#include "core/io/zlib_output_stream.h"

#include <zlib.h>

#include <string>

#include "core/framework/errors.h"
#include "core/io/fault_injecting_file_system.h"
#include "core/io/in_memory_file_system.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

// Inflate decompresses `compressed` with zlib in one call. It returns the bytes produced and
// sets *finished when the stream's end (trailer checked) was reached.
std::string Inflate(const std::string& compressed, int window_bits, bool* finished) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, window_bits), Z_OK);
  std::string out(1 << 22, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = compressed.size();
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = out.size();
  const int ret = inflate(&stream, Z_SYNC_FLUSH);
  EXPECT_TRUE(ret == Z_OK || ret == Z_STREAM_END || ret == Z_BUF_ERROR) << ret;
  *finished = ret == Z_STREAM_END;
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string SampleData(size_t n) {
  std::string data;
  uint32_t x = 99;
  while (data.size() < n) {
    x = x * 1103515245u + 12345u;
    data += "value " + std::to_string((x >> 16) % 5000) + "\n";
  }
  data.resize(n);
  return data;
}

class ZlibOutputStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto file = fs_.NewWritableFile("/out");
    ASSERT_TRUE(file.ok());
    file_ = std::move(*file);
  }

  std::string Written() {
    auto contents = ReadFileToString(&fs_, "/out");
    EXPECT_TRUE(contents.ok());
    return contents.ok() ? *contents : "";
  }

  InMemoryFileSystem fs_;
  std::unique_ptr<WritableFile> file_;
};

TEST_F(ZlibOutputStreamTest, GzipHeaderAndRoundTrip) {
  ZlibOutputStream stream(file_.get(), Compression::kGzip, ZlibOptions());
  ASSERT_TRUE(stream.Append("hello, gzip").ok());
  ASSERT_TRUE(stream.Close().ok());
  const std::string written = Written();
  // RFC 1952 header as zlib writes it: magic 1f 8b, method 8 (deflate), no flags, mtime 0,
  // extra flags 0 (level 6), OS 3 (Unix).
  ASSERT_GE(written.size(), 10u);
  EXPECT_EQ(written.substr(0, 10), std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
  bool finished = false;
  EXPECT_EQ(Inflate(written, 31, &finished), "hello, gzip");
  EXPECT_TRUE(finished);
}

TEST_F(ZlibOutputStreamTest, ZlibHeaderAndRoundTrip) {
  ZlibOutputStream stream(file_.get(), Compression::kZlib, ZlibOptions());
  ASSERT_TRUE(stream.Append("hello, zlib").ok());
  ASSERT_TRUE(stream.Close().ok());
  const std::string written = Written();
  // RFC 1950 header: CMF 78 (deflate, 32 KiB window), FLG 9c (default level, check bits).
  EXPECT_EQ(written.substr(0, 2), "\x78\x9c");
  bool finished = false;
  EXPECT_EQ(Inflate(written, 15, &finished), "hello, zlib");
  EXPECT_TRUE(finished);
}

TEST_F(ZlibOutputStreamTest, TinyBuffersAndMixedAppendSizes) {
  ZlibOptions options;
  options.input_buffer_size = 10;
  options.output_buffer_size = 7;
  const std::string data = SampleData(100000);
  ZlibOutputStream stream(file_.get(), Compression::kGzip, options);
  size_t pos = 0;
  for (size_t step = 1; pos < data.size(); step = step * 3 % 61 + 1) {
    const size_t n = std::min(step, data.size() - pos);
    ASSERT_TRUE(stream.Append(absl::string_view(data).substr(pos, n)).ok());
    pos += n;
  }
  ASSERT_TRUE(stream.Close().ok());
  bool finished = false;
  EXPECT_EQ(Inflate(Written(), 31, &finished), data);
  EXPECT_TRUE(finished);
}

TEST_F(ZlibOutputStreamTest, FlushMakesEverythingSoFarReadable) {
  ZlibOutputStream stream(file_.get(), Compression::kZlib, ZlibOptions());
  ASSERT_TRUE(stream.Append("first part;").ok());
  ASSERT_TRUE(stream.Flush().ok());
  bool finished = true;
  EXPECT_EQ(Inflate(Written(), 15, &finished), "first part;");
  EXPECT_FALSE(finished);
  // A sync flush ends with an empty stored block: 00 00 ff ff.
  EXPECT_EQ(Written().substr(Written().size() - 4), std::string("\x00\x00\xff\xff", 4));
  ASSERT_TRUE(stream.Append("second part").ok());
  ASSERT_TRUE(stream.Sync().ok());
  EXPECT_EQ(Inflate(Written(), 15, &finished), "first part;second part");
  ASSERT_TRUE(stream.Close().ok());
  EXPECT_EQ(Inflate(Written(), 15, &finished), "first part;second part");
  EXPECT_TRUE(finished);
}

TEST_F(ZlibOutputStreamTest, ClosedStreamRefusesCallsAndLeavesTheFileOpen) {
  ZlibOutputStream stream(file_.get(), Compression::kGzip, ZlibOptions());
  ASSERT_TRUE(stream.Close().ok());
  EXPECT_TRUE(errors::IsFailedPrecondition(stream.Append("x")));
  EXPECT_TRUE(errors::IsFailedPrecondition(stream.Flush()));
  EXPECT_TRUE(errors::IsFailedPrecondition(stream.Close()));
  bool finished = false;
  EXPECT_EQ(Inflate(Written(), 31, &finished), "");
  EXPECT_TRUE(finished);
  EXPECT_TRUE(file_->Append("still open").ok());
}

TEST_F(ZlibOutputStreamTest, BadOptionsAreInvalidArgument) {
  ZlibOptions options;
  options.mem_level = 0;
  ZlibOutputStream stream(file_.get(), Compression::kZlib, options);
  const absl::Status status = stream.Append("x");
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
}

TEST(ZlibOutputStreamErrorTest, DestinationErrorsStick) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(&base);
  FaultInjectingFileSystem::Faults faults;
  faults.fail_writes_after = 20;
  fs.SetFaults(faults);
  auto file = fs.NewWritableFile("/out");
  ASSERT_TRUE(file.ok());
  ZlibOptions options;
  options.input_buffer_size = 16;
  ZlibOutputStream stream(file->get(), Compression::kGzip, options);
  // Incompressible bytes, so that deflate's output passes the 20-byte budget soon.
  uint32_t x = 1;
  absl::Status status;
  for (int i = 0; i < 200000 && status.ok(); ++i) {
    x = x * 1103515245u + 12345u;
    const char byte = static_cast<char>(x >> 24);
    status = stream.Append(absl::string_view(&byte, 1));
  }
  EXPECT_TRUE(errors::IsResourceExhausted(status)) << status;
  EXPECT_TRUE(errors::IsResourceExhausted(stream.Append("more")));
  EXPECT_TRUE(errors::IsResourceExhausted(stream.Flush()));
  EXPECT_TRUE(errors::IsResourceExhausted(stream.Close()));
}

}  // namespace
}  // namespace io
}  // namespace rill
