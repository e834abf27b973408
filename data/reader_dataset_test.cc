// Tests of the file readers over files written here (plain, GZIP and ZLIB): TextLine's
// line rules, FixedLengthRecord's header and footer, TFRecord files from core/io's writer,
// several files in order, and the errors: a missing file, a truncated fixed-length file and
// a corrupt TFRecord, each naming the file (and offset), after which the next file is read.
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

}  // namespace
}  // namespace data
}  // namespace rill
