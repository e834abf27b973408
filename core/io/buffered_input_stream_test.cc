// Tests BufferedInputStream: reads across chunk boundaries, seeks, the end of the file, and a
// file that grows while it is read.
#include "core/io/buffered_input_stream.h"

#include <string>

#include "core/framework/errors.h"
#include "core/io/in_memory_file_system.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

class BufferedInputStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(WriteStringToFile(&fs_, "/f", "0123456789abcdef").ok());
    auto file = fs_.NewRandomAccessFile("/f");
    ASSERT_TRUE(file.ok());
    file_ = std::move(*file);
  }

  InMemoryFileSystem fs_;
  std::unique_ptr<RandomAccessFile> file_;
};

TEST_F(BufferedInputStreamTest, ReadsAcrossChunks) {
  BufferedInputStream stream(file_.get(), 4);
  std::string out;
  ASSERT_TRUE(stream.ReadNBytes(3, &out).ok());
  EXPECT_EQ(out, "012");
  EXPECT_EQ(stream.Tell(), 3u);
  ASSERT_TRUE(stream.ReadNBytes(6, &out).ok());
  EXPECT_EQ(out, "345678");
  ASSERT_TRUE(stream.ReadNBytes(0, &out).ok());
  EXPECT_EQ(out, "");
  EXPECT_EQ(stream.Tell(), 9u);
  const absl::Status end = stream.ReadNBytes(10, &out);
  EXPECT_TRUE(errors::IsOutOfRange(end)) << end;
  EXPECT_EQ(out, "9abcdef");
  EXPECT_EQ(stream.Tell(), 16u);
  EXPECT_TRUE(errors::IsOutOfRange(stream.ReadNBytes(1, &out)));
  EXPECT_EQ(out, "");
}

TEST_F(BufferedInputStreamTest, SeeksInsideAndOutsideTheChunk) {
  BufferedInputStream stream(file_.get(), 4);
  std::string out;
  ASSERT_TRUE(stream.ReadNBytes(6, &out).ok());  // chunk now holds "4567"
  ASSERT_TRUE(stream.Seek(4).ok());              // inside the chunk
  ASSERT_TRUE(stream.ReadNBytes(3, &out).ok());
  EXPECT_EQ(out, "456");
  ASSERT_TRUE(stream.Seek(1).ok());  // before the chunk
  EXPECT_EQ(stream.Tell(), 1u);
  ASSERT_TRUE(stream.ReadNBytes(2, &out).ok());
  EXPECT_EQ(out, "12");
  ASSERT_TRUE(stream.Seek(14).ok());  // after it
  EXPECT_TRUE(errors::IsOutOfRange(stream.ReadNBytes(5, &out)));
  EXPECT_EQ(out, "ef");
  ASSERT_TRUE(stream.Seek(100).ok());
  EXPECT_TRUE(errors::IsOutOfRange(stream.ReadNBytes(1, &out)));
}

TEST_F(BufferedInputStreamTest, HugeReadReturnsOnlyWhatExists) {
  BufferedInputStream stream(file_.get(), 4);
  std::string out;
  EXPECT_TRUE(errors::IsOutOfRange(stream.ReadNBytes(size_t{1} << 60, &out)));
  EXPECT_EQ(out, "0123456789abcdef");
}

TEST_F(BufferedInputStreamTest, SeesBytesAppendedAfterTheEnd) {
  auto writer = fs_.NewAppendableFile("/f");
  ASSERT_TRUE(writer.ok());
  BufferedInputStream stream(file_.get(), 64);
  std::string out;
  EXPECT_TRUE(errors::IsOutOfRange(stream.ReadNBytes(20, &out)));
  EXPECT_EQ(out, "0123456789abcdef");
  ASSERT_TRUE((*writer)->Append("XYZ").ok());
  ASSERT_TRUE(stream.ReadNBytes(3, &out).ok());
  EXPECT_EQ(out, "XYZ");
  EXPECT_EQ(stream.Tell(), 19u);
}

}  // namespace
}  // namespace io
}  // namespace rill
