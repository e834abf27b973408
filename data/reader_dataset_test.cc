// Tests of the file readers over files written here (plain, GZIP and ZLIB): TextLine's
// line rules, FixedLengthRecord's header and footer, TFRecord files from core/io's writer,
// several files in order, and the errors: a missing file, a truncated fixed-length file and
// a corrupt TFRecord, each naming the file (and offset), after which the next file is read;
// then the same through batches, which readers fill directly.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/io/compression.h"
#include "core/io/file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/record_writer.h"
#include "core/io/zlib_output_stream.h"
#include "data/dataset.h"
#include "data/dataset_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace data {
namespace {

using test::Elements;
using test::ReadToEnd;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string TempPath(const std::string& name) { return io::JoinPath(::testing::TempDir(), name); }

// WriteFile writes `contents` to `name` in the test's directory, compressed as asked, and
// returns its path.
std::string WriteFile(const std::string& name, const std::string& contents,
                      io::Compression compression = io::Compression::kNone) {
  const std::string path = TempPath(name);
  auto file = io::LocalFileSystem::Default()->NewWritableFile(path);
  EXPECT_TRUE(file.ok()) << file.status();
  if (compression == io::Compression::kNone) {
    EXPECT_TRUE((*file)->Append(contents).ok());
  } else {
    io::ZlibOutputStream zlib(file->get(), compression, io::ZlibOptions());
    EXPECT_TRUE(zlib.Append(contents).ok());
    EXPECT_TRUE(zlib.Close().ok());
  }
  EXPECT_TRUE((*file)->Close().ok());
  return path;
}

// WriteRecords writes `records` as a TFRecord file with core/io's writer.
std::string WriteRecords(const std::string& name, const std::vector<std::string>& records,
                         io::Compression compression = io::Compression::kNone) {
  const std::string path = TempPath(name);
  auto file = io::LocalFileSystem::Default()->NewWritableFile(path);
  EXPECT_TRUE(file.ok()) << file.status();
  io::RecordWriterOptions options;
  options.compression = compression;
  io::RecordWriter writer(file->get(), options);
  for (const std::string& record : records) EXPECT_TRUE(writer.WriteRecord(record).ok());
  EXPECT_TRUE(writer.Close().ok());
  EXPECT_TRUE((*file)->Close().ok());
  return path;
}

TEST(TextLineTest, ReadsLinesOfSeveralFilesInOrder) {
  Scope root = Scope::NewRootScope();
  const std::string a = WriteFile("a.txt", "first\nsecond\r\n\nlast without newline");
  const std::string b = WriteFile("b.txt", "b1\nb2\n");
  const std::string empty = WriteFile("empty.txt", "");
  EXPECT_THAT(*Elements(Dataset::TextLine(root, Input({a, empty, b}))),
              ElementsAre("\"first\"", "\"second\"", "\"\"", "\"last without newline\"", "\"b1\"",
                          "\"b2\""));
}

TEST(TextLineTest, ReadsCompressedFilesWithSmallBuffers) {
  Scope root = Scope::NewRootScope();
  std::string text;
  for (int i = 0; i < 1000; ++i) absl::StrAppend(&text, "line ", i, "\n");
  const std::string gzip = WriteFile("lines.gz", text, io::Compression::kGzip);
  const std::string zlib = WriteFile("lines.zz", text, io::Compression::kZlib);
  for (const auto& [path, compression] :
       {std::pair{gzip, std::string("GZIP")}, std::pair{zlib, std::string("ZLIB")}}) {
    const auto lines = Elements(Dataset::TextLine(root, Input(path), compression, 64));
    ASSERT_TRUE(lines.ok()) << lines.status();
    ASSERT_EQ(lines->size(), 1000u);
    EXPECT_EQ((*lines)[0], "\"line 0\"");
    EXPECT_EQ((*lines)[999], "\"line 999\"");
  }
}

TEST(FixedLengthRecordTest, SkipsHeaderAndFooter) {
  Scope root = Scope::NewRootScope();
  const std::string path = WriteFile("fixed.bin", "HHabcdefghFF");
  EXPECT_THAT(*Elements(Dataset::FixedLengthRecord(root, Input(path), 4, 2, 2)),
              ElementsAre("\"abcd\"", "\"efgh\""));
  const std::string gzip = WriteFile("fixed.gz", "HHabcdefghFF", io::Compression::kGzip);
  EXPECT_THAT(*Elements(Dataset::FixedLengthRecord(root, Input(gzip), 4, 2, 2, 0, "GZIP")),
              ElementsAre("\"abcd\"", "\"efgh\""));
}

TEST(FixedLengthRecordTest, ATruncatedFileIsDataLossNamingFileAndOffset) {
  Scope root = Scope::NewRootScope();
  const std::string truncated = WriteFile("truncated.bin", "HHabcdefgFF");
  const std::string good = WriteFile("good.bin", "HHwxyzFF");
  const Iterator iterator = Dataset::FixedLengthRecord(root, Input({truncated, good}), 4, 2, 2)
                                .MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<std::string>()(), "abcd");
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(error.message(),
              HasSubstr(absl::StrCat("Fixed-length record file ", truncated,
                                     " is truncated: the record at offset 6 has 3 of its 4 "
                                     "bytes before the 2-byte footer")));
  // The next file is read after the error.
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("\"wxyz\""));
}

TEST(TFRecordTest, ReadsWhatTheWriterWrote) {
  Scope root = Scope::NewRootScope();
  const std::string plain = WriteRecords("plain.tfrecord", {"one", "", "three"});
  const std::string gzip = WriteRecords("gzip.tfrecord", {"g1", "g2"}, io::Compression::kGzip);
  const std::string zlib = WriteRecords("zlib.tfrecord", {"z1"}, io::Compression::kZlib);
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input(plain))),
              ElementsAre("\"one\"", "\"\"", "\"three\""));
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({gzip}), "GZIP")),
              ElementsAre("\"g1\"", "\"g2\""));
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input(zlib), "ZLIB")), ElementsAre("\"z1\""));
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({plain, plain}))),
              ElementsAre("\"one\"", "\"\"", "\"three\"", "\"one\"", "\"\"", "\"three\""));
}

TEST(TFRecordTest, ACorruptRecordIsDataLossThenTheNextFileIsRead) {
  Scope root = Scope::NewRootScope();
  const std::string path = WriteRecords("corrupt.tfrecord", {"alpha", "beta"});
  std::string bytes = *io::ReadFileToString(io::LocalFileSystem::Default(), path);
  bytes[12 + 5 + 4 + 12 + 1] ^= 0x20;  // A data byte of the second record.
  ASSERT_TRUE(io::WriteStringToFile(io::LocalFileSystem::Default(), path, bytes).ok());
  const std::string good = WriteRecords("after.tfrecord", {"gamma"});

  const Iterator iterator =
      Dataset::TFRecord(root, Input({path, good})).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<std::string>()(), "alpha");
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(error.message(), HasSubstr(absl::StrCat("corrupted record at offset 21 in ", path,
                                                      ": data checksum mismatch")));
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("\"gamma\""));
}

TEST(TFRecordTest, AMissingFileIsNotFoundNamingIt) {
  Scope root = Scope::NewRootScope();
  const std::string missing = TempPath("no_such.tfrecord");
  const auto elements = Elements(Dataset::TFRecord(root, Input(missing)));
  EXPECT_EQ(elements.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(elements.status().message(), HasSubstr(missing));
  EXPECT_EQ(Elements(Dataset::TextLine(root, Input(missing))).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(TFRecordTest, RejectsAnUnknownCompression) {
  Scope root = Scope::NewRootScope();
  const auto elements = Elements(Dataset::TFRecord(root, Input("x"), "LZ4"));
  EXPECT_EQ(elements.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(elements.status().message(), HasSubstr("LZ4"));
}

// Records is "<prefix>0" ... "<prefix><n-1>".
std::vector<std::string> Records(const std::string& prefix, int n) {
  std::vector<std::string> records;
  for (int i = 0; i < n; ++i) records.push_back(absl::StrCat(prefix, i));
  return records;
}

// Batched readers read straight into the batch: the tests below pin down that this is the
// same sequence of batches, with the same errors, as reading element by element.

TEST(BatchedReaderTest, BatchesCrossFileBoundaries) {
  Scope root = Scope::NewRootScope();
  const std::string a = WriteRecords("batch_a.tfrecord", Records("a", 5));
  const std::string b = WriteRecords("batch_b.tfrecord", Records("b", 4));
  const std::string empty = WriteRecords("batch_empty.tfrecord", {});
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({a, empty, b})).Batch(4)),
              ElementsAre(R"(["a0" "a1" "a2" "a3"])", R"(["a4" "b0" "b1" "b2"])", R"(["b3"])"));
  const std::string text_a = WriteFile("batch_a.txt", "x0\nx1\nx2");
  const std::string text_b = WriteFile("batch_b.txt", "y0\r\ny1\n");
  EXPECT_THAT(*Elements(Dataset::TextLine(root, Input({text_a, text_b})).Batch(2)),
              ElementsAre(R"(["x0" "x1"])", R"(["x2" "y0"])", R"(["y1"])"));
  const std::string fixed_a = WriteFile("batch_a.bin", "HabcF");
  const std::string fixed_b = WriteFile("batch_b.bin", "HdefghF");
  EXPECT_THAT(
      *Elements(Dataset::FixedLengthRecord(root, Input({fixed_a, fixed_b}), 1, 1, 1).Batch(4)),
      ElementsAre(R"(["a" "b" "c" "d"])", R"(["e" "f" "g" "h"])"));
}

TEST(BatchedReaderTest, ThePartialLastBatchIsKeptUnlessDropped) {
  Scope root = Scope::NewRootScope();
  const std::string a = WriteRecords("partial_a.tfrecord", Records("a", 4));
  const std::string b = WriteRecords("partial_b.tfrecord", Records("b", 3));
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({a, b})).Batch(3)),
              ElementsAre(R"(["a0" "a1" "a2"])", R"(["a3" "b0" "b1"])", R"(["b2"])"));
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({a, b})).Batch(3, true)),
              ElementsAre(R"(["a0" "a1" "a2"])", R"(["a3" "b0" "b1"])"));
  // Exactly full batches leave nothing to drop; fewer records than a batch leave nothing.
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({b})).Batch(3, true)),
              ElementsAre(R"(["b0" "b1" "b2"])"));
  EXPECT_THAT(*Elements(Dataset::TFRecord(root, Input({b})).Batch(4, true)), ElementsAre());
}

TEST(BatchedReaderTest, BatchesLargerThanTheFirstAllocationGrow) {
  Scope root = Scope::NewRootScope();
  const std::string path = WriteRecords("large.tfrecord", Records("r", 3000));
  const Iterator iterator =
      Dataset::TFRecord(root, Input(path)).Batch(2500).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2500}));
  for (int i = 0; i < 2500; ++i) ASSERT_EQ(out[0].flat<std::string>()(i), absl::StrCat("r", i));
  ASSERT_TRUE(session.Run(next, &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({500}));
  EXPECT_EQ(out[0].flat<std::string>()(0), "r2500");
  EXPECT_EQ(out[0].flat<std::string>()(499), "r2999");
  EXPECT_EQ(session.Run(next, &out).code(), absl::StatusCode::kOutOfRange);
}

TEST(BatchedReaderTest, ACorruptRecordInABatchDropsItThenTheNextFileIsRead) {
  Scope root = Scope::NewRootScope();
  const std::vector<std::string> records = {"r0", "r1", "r2", "r3", "r4", "r5"};
  const std::string path = WriteRecords("batch_corrupt.tfrecord", records);
  std::string bytes = *io::ReadFileToString(io::LocalFileSystem::Default(), path);
  const size_t framed = 12 + 2 + 4;
  bytes[4 * framed + 12] ^= 0x01;  // The first data byte of r4.
  ASSERT_TRUE(io::WriteStringToFile(io::LocalFileSystem::Default(), path, bytes).ok());
  const std::string good = WriteRecords("batch_good.tfrecord", {"g0", "g1"});

  const Iterator iterator =
      Dataset::TFRecord(root, Input({path, good})).Batch(3).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(test::ElementString(out), R"(["r0" "r1" "r2"])");
  // r3 was read into the second batch, which the error drops, as TensorFlow's batch does.
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(error.message(), HasSubstr(absl::StrCat("corrupted record at offset ", 4 * framed,
                                                      " in ", path, ": data checksum mismatch")));
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre(R"(["g0" "g1"])"));
}

TEST(BatchedReaderTest, AMissingFileInABatchIsNotFoundThenTheNextFileIsRead) {
  Scope root = Scope::NewRootScope();
  const std::string a = WriteRecords("before_missing.tfrecord", {"a0", "a1", "a2"});
  const std::string missing = TempPath("missing_in_batch.tfrecord");
  const std::string b = WriteRecords("after_missing.tfrecord", {"b0"});
  const Iterator iterator =
      Dataset::TFRecord(root, Input({a, missing, b})).Batch(2).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(test::ElementString(out), R"(["a0" "a1"])");
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(error.message(), HasSubstr(missing));
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre(R"(["b0"])"));
}

TEST(BatchedReaderTest, ReusedBatchesHoldOnlyTheirOwnRecords) {
  Scope root = Scope::NewRootScope();
  const std::string huge(100 << 10, 'h');  // More than a reused string keeps.
  const std::string path = WriteRecords(
      "reused.tfrecord", {"a much longer record", huge, "s", "", "t", "u", huge, "v", "w"});
  const Iterator iterator =
      Dataset::TFRecord(root, Input(path)).Batch(2).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  // Each Run drops the batch `out` held before, so the next batch may reuse its strings.
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].flat<std::string>()(0), "a much longer record");
  EXPECT_EQ(out[0].flat<std::string>()(1), huge);
  const void* first_strings = out[0].data();
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].data(), first_strings);  // reused
  EXPECT_EQ(test::ElementString(out), R"(["s" ""])");
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(test::ElementString(out), R"(["t" "u"])");
  // A batch the consumer still holds is not reused.
  const Tensor held = out[0];
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].flat<std::string>()(0), huge);
  EXPECT_EQ(out[0].flat<std::string>()(1), "v");
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre(R"(["w"])"));
  EXPECT_EQ(held.flat<std::string>()(0), "t");
  EXPECT_EQ(held.flat<std::string>()(1), "u");
}

TEST(BatchedReaderTest, ReadsCompressedFilesIntoBatches) {
  Scope root = Scope::NewRootScope();
  const std::vector<std::string> records = Records("record ", 1000);
  const std::string gzip = WriteRecords("batch.gz.tfrecord", records, io::Compression::kGzip);
  const std::string zlib = WriteRecords("batch.zz.tfrecord", records, io::Compression::kZlib);
  for (const auto& [path, compression] :
       {std::pair{gzip, std::string("GZIP")}, std::pair{zlib, std::string("ZLIB")}}) {
    // A 64-byte buffer: records cross the buffer's end.
    const auto batches =
        Elements(Dataset::TFRecord(root, Input({path, path}), compression, 64).Batch(128));
    ASSERT_TRUE(batches.ok()) << batches.status();
    ASSERT_EQ(batches->size(), 16u);  // 2000 records: 15 batches of 128, then 80.
    EXPECT_THAT((*batches)[0], testing::StartsWith(R"(["record 0" "record 1" )"));
    EXPECT_THAT((*batches)[7], HasSubstr(R"("record 998" "record 999" "record 0" "record 1")"));
    EXPECT_THAT((*batches)[15], testing::EndsWith(R"("record 998" "record 999"])"));
  }
  const std::string lines = WriteFile("batch_lines.gz", "l0\nl1\nl2\n", io::Compression::kGzip);
  EXPECT_THAT(*Elements(Dataset::TextLine(root, Input(lines), "GZIP", 64).Batch(2)),
              ElementsAre(R"(["l0" "l1"])", R"(["l2"])"));
}

}  // namespace
}  // namespace data
}  // namespace rill
