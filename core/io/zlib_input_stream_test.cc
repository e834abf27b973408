// Tests ZlibInputStream on streams made by zlib itself (not by ZlibOutputStream): both
// formats, tiny buffers, concatenated members, seeks, truncation, tailing and corruption.
#include "core/io/zlib_input_stream.h"

#include <zlib.h>

#include <memory>
#include <string>

#include "core/framework/errors.h"
#include "core/io/buffered_input_stream.h"
#include "core/io/in_memory_file_system.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

using ::testing::HasSubstr;

// Compress deflates `data` in one call with zlib, as a zlib (window_bits 15) or gzip (31)
// stream.
std::string Compress(const std::string& data, int window_bits) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = data.size();
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = out.size();
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// Text-like data that compresses but is not trivially repetitive.
std::string SampleData(size_t n) {
  std::string data;
  uint32_t x = 12345;
  while (data.size() < n) {
    x = x * 1103515245u + 12345u;
    data += "record-" + std::to_string((x >> 16) % 1000) + ";";
  }
  data.resize(n);
  return data;
}

ZlibOptions TinyBuffers() {
  ZlibOptions options;
  options.input_buffer_size = 7;
  options.output_buffer_size = 5;
  return options;
}

class ZlibInputStreamTest : public ::testing::Test {
 protected:
  // Open makes `contents` the file /f and a decompressing stream over it.
  void Open(const std::string& contents, Compression compression,
            const ZlibOptions& options = ZlibOptions(), bool tailing = false) {
    ASSERT_TRUE(WriteStringToFile(&fs_, "/f", contents).ok());
    auto file = fs_.NewRandomAccessFile("/f");
    ASSERT_TRUE(file.ok());
    file_ = std::move(*file);
    buffered_ = std::make_unique<BufferedInputStream>(file_.get(), options.input_buffer_size);
    stream_ =
        std::make_unique<ZlibInputStream>(buffered_.get(), "/f", compression, options, tailing);
  }

  absl::Status ReadAll(std::string* out) { return stream_->ReadNBytes(size_t{1} << 40, out); }

  InMemoryFileSystem fs_;
  std::unique_ptr<RandomAccessFile> file_;
  std::unique_ptr<BufferedInputStream> buffered_;
  std::unique_ptr<ZlibInputStream> stream_;
};

TEST_F(ZlibInputStreamTest, InflatesBothFormatsWithAnyBufferSizes) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{1000}, size_t{300000}}) {
    const std::string data = SampleData(size);
    for (Compression compression : {Compression::kZlib, Compression::kGzip}) {
      for (const ZlibOptions& options : {ZlibOptions(), TinyBuffers()}) {
        Open(Compress(data, ZlibWindowBits(compression)), compression, options);
        std::string out;
        EXPECT_TRUE(errors::IsOutOfRange(ReadAll(&out)));
        EXPECT_EQ(out, data) << CompressionName(compression) << " size " << size;
        EXPECT_EQ(stream_->Tell(), data.size());
      }
    }
  }
}

TEST_F(ZlibInputStreamTest, ReadsExactCountsAndSeeks) {
  const std::string data = SampleData(5000);
  Open(Compress(data, 31), Compression::kGzip, TinyBuffers());
  std::string out;
  ASSERT_TRUE(stream_->ReadNBytes(100, &out).ok());
  EXPECT_EQ(out, data.substr(0, 100));
  ASSERT_TRUE(stream_->Seek(98).ok());  // inside the current output chunk
  ASSERT_TRUE(stream_->ReadNBytes(4, &out).ok());
  EXPECT_EQ(out, data.substr(98, 4));
  ASSERT_TRUE(stream_->Seek(4000).ok());  // forward
  EXPECT_EQ(stream_->Tell(), 4000u);
  ASSERT_TRUE(stream_->ReadNBytes(10, &out).ok());
  EXPECT_EQ(out, data.substr(4000, 10));
  ASSERT_TRUE(stream_->Seek(7).ok());  // backward: re-inflates from the start
  ASSERT_TRUE(stream_->ReadNBytes(10, &out).ok());
  EXPECT_EQ(out, data.substr(7, 10));
}

TEST_F(ZlibInputStreamTest, ConcatenatedGzipMembersReadAsOne) {
  Open(Compress("first member, ", 31) + Compress("second member", 31), Compression::kGzip);
  std::string out;
  EXPECT_TRUE(errors::IsOutOfRange(ReadAll(&out)));
  EXPECT_EQ(out, "first member, second member");
}

TEST_F(ZlibInputStreamTest, TruncatedStreamIsDataLoss) {
  const std::string data = SampleData(2000);
  const std::string compressed = Compress(data, 31);
  for (size_t cut : {size_t{0}, size_t{5}, compressed.size() / 2, compressed.size() - 1}) {
    Open(compressed.substr(0, cut), Compression::kGzip, TinyBuffers());
    std::string out;
    const absl::Status status = ReadAll(&out);
    EXPECT_TRUE(errors::IsDataLoss(status)) << cut << ": " << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr("truncated GZIP stream in /f"));
    EXPECT_EQ(out, data.substr(0, out.size()));
  }
}

TEST_F(ZlibInputStreamTest, TailingWaitsForTheRestOfTheStream) {
  const std::string data = SampleData(2000);
  const std::string compressed = Compress(data, 15);
  const size_t cut = compressed.size() / 2;
  Open(compressed.substr(0, cut), Compression::kZlib, TinyBuffers(), /*tailing=*/true);
  std::string first;
  const absl::Status status = ReadAll(&first);
  EXPECT_TRUE(errors::IsOutOfRange(status)) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("may still be appending"));
  auto writer = fs_.NewAppendableFile("/f");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append(compressed.substr(cut)).ok());
  std::string rest;
  EXPECT_TRUE(errors::IsOutOfRange(ReadAll(&rest)));
  EXPECT_EQ(first + rest, data);
}

TEST_F(ZlibInputStreamTest, CorruptDataIsDataLossWithTheCompressedOffset) {
  const std::string data = SampleData(20000);
  std::string compressed = Compress(data, 31);
  compressed[compressed.size() / 2] ^= 0x55;
  Open(compressed, Compression::kGzip);
  std::string out;
  const absl::Status status = ReadAll(&out);
  EXPECT_TRUE(errors::IsDataLoss(status)) << status;
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("corrupted GZIP data in /f at compressed offset"));
  EXPECT_TRUE(errors::IsDataLoss(stream_->ReadNBytes(1, &out)));  // the error sticks
}

TEST_F(ZlibInputStreamTest, WrongFormatFailsInTheHeader) {
  Open(Compress("zlib, not gzip", 15), Compression::kGzip);
  std::string out;
  const absl::Status status = ReadAll(&out);
  EXPECT_TRUE(errors::IsDataLoss(status)) << status;
  // zlib has consumed the two bytes it checked ("78 9c" is no gzip magic).
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("at compressed offset 2: incorrect header check"));
  Open("plain text is not compressed", Compression::kZlib);
  EXPECT_TRUE(errors::IsDataLoss(ReadAll(&out)));
}

TEST_F(ZlibInputStreamTest, TrailingGarbageAfterTheStreamIsDataLoss) {
  Open(Compress("payload", 31) + "garbage!", Compression::kGzip);
  std::string out;
  EXPECT_TRUE(errors::IsDataLoss(ReadAll(&out)));
  EXPECT_EQ(out, "payload");
}

}  // namespace
}  // namespace io
}  // namespace rill
