// Tests RecordReader: round trips for every compression, every single-byte corruption and
// every truncation of small files, tailing a file being written, bogus lengths, short reads.
#include "core/io/record_reader.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/io/fault_injecting_file_system.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/record_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

using ::testing::HasSubstr;

// The 24-byte Event of FORMATS.md section 9, as a record payload.
const std::string kEventData =
    absl::HexStringToBytes("0900000040fc54d9411a0d627261696e2e4576656e743a32");

std::string Pattern(size_t n, int seed) {
  std::string s(n, '\0');
  uint32_t x = seed;
  for (char& c : s) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

RecordWriterOptions WriterOptions(Compression compression) {
  RecordWriterOptions options;
  options.compression = compression;
  return options;
}

RecordReaderOptions ReaderOptions(Compression compression, bool tailing = false) {
  RecordReaderOptions options;
  options.compression = compression;
  options.tailing = tailing;
  return options;
}

std::string Message(const absl::Status& status) { return std::string(status.message()); }

class RecordReaderTest : public ::testing::Test {
 protected:
  void WriteRecords(FileSystem* fs, const std::string& path,
                    const std::vector<std::string>& records, Compression compression) {
    auto file = fs->NewWritableFile(path);
    ASSERT_TRUE(file.ok());
    RecordWriter writer(file->get(), WriterOptions(compression));
    for (const std::string& record : records) ASSERT_TRUE(writer.WriteRecord(record).ok());
    ASSERT_TRUE(writer.Close().ok());
    ASSERT_TRUE((*file)->Close().ok());
  }

  std::string Contents(const std::string& path) {
    auto contents = ReadFileToString(&fs_, path);
    EXPECT_TRUE(contents.ok());
    return contents.ok() ? *contents : "";
  }

  std::unique_ptr<RandomAccessFile> Open(FileSystem* fs, const std::string& path) {
    auto file = fs->NewRandomAccessFile(path);
    EXPECT_TRUE(file.ok()) << file.status();
    return file.ok() ? std::move(*file) : nullptr;
  }

  // ReadAll reads records until an error, which it returns (OutOfRange at a clean end).
  absl::Status ReadAll(const RandomAccessFile* file, const RecordReaderOptions& options,
                       std::vector<std::string>* records) {
    SequentialRecordReader reader(file, options);
    records->clear();
    std::string record;
    absl::Status status;
    while ((status = reader.ReadRecord(&record)).ok()) records->push_back(record);
    return status;
  }

  InMemoryFileSystem fs_;
};

TEST_F(RecordReaderTest, RoundTripsEveryCompression) {
  const std::vector<std::string> records = {
      "", "a", kEventData, Pattern(1000, 1), Pattern(300000, 2), "last"};
  RecordReaderOptions tiny;
  tiny.buffer_size = 3;
  tiny.zlib.input_buffer_size = 5;
  tiny.zlib.output_buffer_size = 7;
  for (Compression compression : {Compression::kNone, Compression::kZlib, Compression::kGzip}) {
    WriteRecords(&fs_, "/r", records, compression);
    auto file = Open(&fs_, "/r");
    for (RecordReaderOptions options : {RecordReaderOptions(), tiny}) {
      options.compression = compression;
      std::vector<std::string> read;
      const absl::Status status = ReadAll(file.get(), options, &read);
      EXPECT_TRUE(errors::IsOutOfRange(status)) << status;
      EXPECT_THAT(Message(status), HasSubstr("end of records in /r at offset"));
      EXPECT_EQ(read, records) << CompressionName(compression);
    }
  }
}

TEST_F(RecordReaderTest, OffsetsCountUncompressedBytesAndAllowSeeking) {
  const std::vector<std::string> records = {"first", Pattern(70000, 3), "third"};
  for (Compression compression : {Compression::kNone, Compression::kGzip}) {
    WriteRecords(&fs_, "/r", records, compression);
    auto file = Open(&fs_, "/r");
    RecordReader reader(file.get(), ReaderOptions(compression));
    uint64_t offset = 0;
    std::string record;
    ASSERT_TRUE(reader.ReadRecord(&offset, &record).ok());
    EXPECT_EQ(offset, 16u + 5u);
    ASSERT_TRUE(reader.ReadRecord(&offset, &record).ok());
    EXPECT_EQ(offset, 16u + 5u + 16u + 70000u);
    const uint64_t third = offset;
    ASSERT_TRUE(reader.ReadRecord(&offset, &record).ok());
    EXPECT_EQ(record, "third");
    EXPECT_TRUE(errors::IsOutOfRange(reader.ReadRecord(&offset, &record)));
    offset = 0;  // backwards
    ASSERT_TRUE(reader.ReadRecord(&offset, &record).ok());
    EXPECT_EQ(record, "first");
    offset = third;  // forwards, skipping a record
    ASSERT_TRUE(reader.ReadRecord(&offset, &record).ok());
    EXPECT_EQ(record, "third");
  }
}

TEST_F(RecordReaderTest, EmptyFileHasNoRecords) {
  ASSERT_TRUE(WriteStringToFile(&fs_, "/empty", "").ok());
  auto file = Open(&fs_, "/empty");
  std::vector<std::string> read;
  EXPECT_TRUE(errors::IsOutOfRange(ReadAll(file.get(), RecordReaderOptions(), &read)));
  EXPECT_TRUE(read.empty());
}

TEST_F(RecordReaderTest, MissingFileIsNotFound) {
  const absl::Status status = fs_.NewRandomAccessFile("/no/such.tfrecord").status();
  EXPECT_TRUE(errors::IsNotFound(status)) << status;
  EXPECT_THAT(Message(status), HasSubstr("/no/such.tfrecord"));
  const absl::Status local =
      LocalFileSystem::Default()->NewRandomAccessFile("/nonexistent/rill/x.tfrecord").status();
  EXPECT_TRUE(errors::IsNotFound(local)) << local;
}

TEST_F(RecordReaderTest, EverySingleByteCorruptionIsDataLossAtItsRecord) {
  const std::vector<std::string> records = {"", "hello", kEventData};
  WriteRecords(&fs_, "/good", records, Compression::kNone);
  const std::string good = Contents("/good");
  ASSERT_EQ(good.size(), 16u + 21u + 40u);
  const std::vector<uint64_t> starts = {0, 16, 37};
  for (size_t i = 0; i < good.size(); ++i) {
    for (int flip : {0x01, 0x80, 0xff}) {
      std::string bad = good;
      bad[i] ^= static_cast<char>(flip);
      ASSERT_TRUE(WriteStringToFile(&fs_, "/bad", bad).ok());
      auto file = Open(&fs_, "/bad");
      std::vector<std::string> read;
      const absl::Status status = ReadAll(file.get(), RecordReaderOptions(), &read);
      const size_t broken = i < 16 ? 0 : i < 37 ? 1 : 2;
      ASSERT_TRUE(errors::IsDataLoss(status)) << "byte " << i << ": " << status;
      EXPECT_THAT(Message(status), HasSubstr(absl::StrCat("corrupted record at offset ",
                                                          starts[broken], " in /bad")));
      EXPECT_EQ(read, std::vector<std::string>(records.begin(), records.begin() + broken));
      if (broken == 0) {
        EXPECT_THAT(Message(status), HasSubstr("(Is this even a TFRecord file?)"));
      }
    }
  }
}

TEST_F(RecordReaderTest, EveryTruncationIsOutOfRangeAtABoundaryAndDataLossInside) {
  const std::vector<std::string> records = {"", "hello", kEventData};
  WriteRecords(&fs_, "/good", records, Compression::kNone);
  const std::string good = Contents("/good");
  const std::vector<uint64_t> boundaries = {0, 16, 37, 77};
  for (size_t length = 0; length < good.size(); ++length) {
    ASSERT_TRUE(WriteStringToFile(&fs_, "/cut", good.substr(0, length)).ok());
    auto file = Open(&fs_, "/cut");
    std::vector<std::string> read;
    const absl::Status status = ReadAll(file.get(), RecordReaderOptions(), &read);
    size_t complete = 0;
    while (boundaries[complete + 1] <= length) ++complete;
    EXPECT_EQ(read, std::vector<std::string>(records.begin(), records.begin() + complete));
    if (length == boundaries[complete]) {
      EXPECT_TRUE(errors::IsOutOfRange(status)) << length << ": " << status;
    } else {
      ASSERT_TRUE(errors::IsDataLoss(status)) << length << ": " << status;
      EXPECT_THAT(Message(status), HasSubstr(absl::StrCat("truncated record at offset ",
                                                          boundaries[complete], " in /cut")));
    }
  }
  ASSERT_TRUE(WriteStringToFile(&fs_, "/cut", good.substr(0, 5)).ok());
  auto file = Open(&fs_, "/cut");
  std::vector<std::string> read;
  EXPECT_THAT(Message(ReadAll(file.get(), RecordReaderOptions(), &read)),
              HasSubstr("truncated record at offset 0 in /cut (Is this even a TFRecord file?)"));
}

TEST_F(RecordReaderTest, CompressedCorruptionsAndTruncationsNeverYieldBadRecords) {
  const std::vector<std::string> records = {"", "hello", kEventData, Pattern(200, 4)};
  for (Compression compression : {Compression::kZlib, Compression::kGzip}) {
    WriteRecords(&fs_, "/good", records, compression);
    const std::string good = Contents("/good");
    // A corrupted byte is DataLoss, or, where the format does not check it (the gzip
    // header's mtime, extra-flags and OS bytes; padding bits after deflate's last block),
    // harmless: every record still reads back intact.
    int unchecked = 0;
    for (size_t i = 0; i < good.size(); ++i) {
      std::string bad = good;
      bad[i] ^= 0x10;
      ASSERT_TRUE(WriteStringToFile(&fs_, "/bad", bad).ok());
      auto file = Open(&fs_, "/bad");
      std::vector<std::string> read;
      const absl::Status status = ReadAll(file.get(), ReaderOptions(compression), &read);
      ASSERT_LE(read.size(), records.size());
      EXPECT_EQ(read, std::vector<std::string>(records.begin(), records.begin() + read.size()));
      if (errors::IsOutOfRange(status)) {
        EXPECT_EQ(read, records) << "byte " << i;
        ++unchecked;
      } else {
        EXPECT_TRUE(errors::IsDataLoss(status)) << "byte " << i << ": " << status;
      }
    }
    EXPECT_LE(unchecked, compression == Compression::kGzip ? 7 : 1);
    for (size_t length = 0; length < good.size(); ++length) {
      ASSERT_TRUE(WriteStringToFile(&fs_, "/cut", good.substr(0, length)).ok());
      auto file = Open(&fs_, "/cut");
      std::vector<std::string> read;
      const absl::Status status = ReadAll(file.get(), ReaderOptions(compression), &read);
      ASSERT_LE(read.size(), records.size());
      EXPECT_EQ(read, std::vector<std::string>(records.begin(), records.begin() + read.size()));
      EXPECT_TRUE(errors::IsDataLoss(status)) << length << ": " << status;
      EXPECT_THAT(Message(status), HasSubstr("/cut"));
    }
  }
}

TEST_F(RecordReaderTest, NotATfRecordFileGetsTheHint) {
  ASSERT_TRUE(WriteStringToFile(&fs_, "/text", "just some text, not records\n").ok());
  auto file = Open(&fs_, "/text");
  std::vector<std::string> read;
  const absl::Status status = ReadAll(file.get(), RecordReaderOptions(), &read);
  EXPECT_TRUE(errors::IsDataLoss(status));
  EXPECT_EQ(Message(status),
            "corrupted record at offset 0 in /text: length checksum mismatch "
            "(Is this even a TFRecord file?)");
}

TEST_F(RecordReaderTest, HugeLengthWithValidChecksumIsTruncatedNotAllocated) {
  for (uint64_t length : {uint64_t{1} << 40, ~uint64_t{0}}) {
    char header[kRecordHeaderSize];
    RecordWriter::EncodeHeader(length, header);
    ASSERT_TRUE(
        WriteStringToFile(&fs_, "/huge", std::string(header, sizeof(header)) + Pattern(100, 5))
            .ok());
    auto file = Open(&fs_, "/huge");
    std::vector<std::string> read;
    const absl::Status status = ReadAll(file.get(), RecordReaderOptions(), &read);
    EXPECT_TRUE(errors::IsDataLoss(status)) << status;
    EXPECT_THAT(Message(status), HasSubstr("truncated record at offset 0 in /huge"));
  }
}

TEST_F(RecordReaderTest, ShortReadsAreTruncation) {
  WriteRecords(&fs_, "/r", {"hello", "world", "again"}, Compression::kNone);
  FaultInjectingFileSystem faulty(&fs_);
  FaultInjectingFileSystem::Faults faults;
  faults.short_read_at = 21 + 10;  // inside the second record's data
  faulty.SetFaults(faults);
  auto file = Open(&faulty, "/r");
  std::vector<std::string> read;
  const absl::Status status = ReadAll(file.get(), RecordReaderOptions(), &read);
  EXPECT_EQ(read, std::vector<std::string>{"hello"});
  EXPECT_TRUE(errors::IsDataLoss(status));
  EXPECT_THAT(Message(status), HasSubstr("truncated record at offset 21 in /r"));
}

TEST_F(RecordReaderTest, TailingReaderWaitsForPartialRecords) {
  char header[kRecordHeaderSize];
  char footer[kRecordFooterSize];
  RecordWriter::EncodeHeader(5, header);
  RecordWriter::EncodeFooter("hello", footer);
  const std::string framed =
      std::string(header, sizeof(header)) + "hello" + std::string(footer, sizeof(footer));
  auto writer = fs_.NewWritableFile("/tail");
  ASSERT_TRUE(writer.ok());
  auto file = Open(&fs_, "/tail");
  RecordReader reader(file.get(), ReaderOptions(Compression::kNone, /*tailing=*/true));
  uint64_t offset = 0;
  std::string record;
  EXPECT_TRUE(errors::IsOutOfRange(reader.ReadRecord(&offset, &record)));
  for (size_t i = 0; i < framed.size(); ++i) {
    ASSERT_TRUE((*writer)->Append(framed.substr(i, 1)).ok());
    const absl::Status status = reader.ReadRecord(&offset, &record);
    if (i + 1 < framed.size()) {
      ASSERT_TRUE(errors::IsOutOfRange(status)) << i << ": " << status;
      EXPECT_THAT(Message(status), HasSubstr("partial record at offset 0 in /tail"));
      EXPECT_EQ(offset, 0u);
    } else {
      ASSERT_TRUE(status.ok()) << status;
      EXPECT_EQ(record, "hello");
      EXPECT_EQ(offset, framed.size());
    }
  }
}

TEST_F(RecordReaderTest, TailingReaderFollowsAFlushedGzipWriter) {
  auto file_out = fs_.NewWritableFile("/live.gz");
  ASSERT_TRUE(file_out.ok());
  RecordWriter writer(file_out->get(), WriterOptions(Compression::kGzip));
  ASSERT_TRUE(writer.WriteRecord("one").ok());
  ASSERT_TRUE(writer.WriteRecord("two").ok());
  ASSERT_TRUE(writer.Flush().ok());

  auto file = Open(&fs_, "/live.gz");
  // Without tailing, a flushed but unfinished stream reads up to its end, then is truncated.
  std::vector<std::string> read;
  const absl::Status strict = ReadAll(file.get(), ReaderOptions(Compression::kGzip), &read);
  EXPECT_EQ(read, (std::vector<std::string>{"one", "two"}));
  EXPECT_TRUE(errors::IsDataLoss(strict)) << strict;
  EXPECT_THAT(Message(strict), HasSubstr("truncated GZIP stream in /live.gz"));

  SequentialRecordReader tail(file.get(), ReaderOptions(Compression::kGzip, /*tailing=*/true));
  std::string record;
  ASSERT_TRUE(tail.ReadRecord(&record).ok());
  EXPECT_EQ(record, "one");
  ASSERT_TRUE(tail.ReadRecord(&record).ok());
  EXPECT_EQ(record, "two");
  EXPECT_TRUE(errors::IsOutOfRange(tail.ReadRecord(&record)));
  ASSERT_TRUE(writer.WriteRecord("three").ok());
  EXPECT_TRUE(errors::IsOutOfRange(tail.ReadRecord(&record)));  // not flushed yet
  ASSERT_TRUE(writer.Flush().ok());
  ASSERT_TRUE(tail.ReadRecord(&record).ok());
  EXPECT_EQ(record, "three");
  ASSERT_TRUE(writer.Close().ok());
  EXPECT_TRUE(errors::IsOutOfRange(tail.ReadRecord(&record)));
  EXPECT_EQ(tail.TellOffset(), 16u * 3 + 3 + 3 + 5);
}

// Also leaves gzip.tfrecord in TEST_TMPDIR. Checked once by hand that Python's gzip module
// reads a file written this way (the bytes are the framed records, 16 + 24 + 16 + 5 + 16 +
// 1000 long):
//   $ TEST_TMPDIR=/tmp/rill_check bazel-bin/core/io/record_reader_test
//         --gtest_filter='*LocalFiles*'
//   $ python3 -c "import gzip; d = gzip.open('/tmp/rill_check/gzip.tfrecord').read();
//         print(len(d), d[:12].hex())"
//   1077 1800000000000000a37f4b22
TEST_F(RecordReaderTest, RoundTripsThroughLocalFiles) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir = tmp != nullptr ? tmp : "/tmp";
  FileSystem* local = LocalFileSystem::Default();
  const std::vector<std::string> records = {kEventData, "hello", Pattern(1000, 6)};
  for (Compression compression : {Compression::kNone, Compression::kZlib, Compression::kGzip}) {
    const std::string path =
        JoinPath(dir, absl::AsciiStrToLower(CompressionName(compression)) + ".tfrecord");
    WriteRecords(local, path, records, compression);
    auto file = Open(local, path);
    std::vector<std::string> read;
    EXPECT_TRUE(errors::IsOutOfRange(ReadAll(file.get(), ReaderOptions(compression), &read)));
    EXPECT_EQ(read, records);
  }
}

}  // namespace
}  // namespace io
}  // namespace rill
