// Runs the `records` binary on files written here (plain, GZIP, ZLIB, corrupted, truncated,
// missing) and checks its output and exit status.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/io/file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/record_writer.h"
#include "core/protos/example.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// RunRecords runs the tool with `args` (no quoting: test paths hold no spaces), after the
// shell assignments in `env`, if any.
Result RunRecords(const std::string& args, const std::string& env = "") {
  const std::string binary = io::JoinPath(std::getenv("TEST_SRCDIR"), std::getenv("TEST_WORKSPACE"),
                                          "tools/records/records");
  FILE* pipe = popen(absl::StrCat(env, " ", binary, " ", args, " 2>&1").c_str(), "r");
  Result result{-1, ""};
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string TempPath(absl::string_view name) {
  return io::JoinPath(std::getenv("TEST_TMPDIR"), name);
}

// The record payloads: a tf.train.Example, plain bytes, and an empty record.
std::vector<std::string> Payloads() {
  tensorflow::Example example;
  auto& feature = *example.mutable_features()->mutable_feature();
  feature["label"].mutable_int64_list()->add_value(7);
  feature["label"].mutable_int64_list()->add_value(-1);
  feature["name"].mutable_bytes_list()->add_value("cat");
  feature["weights"].mutable_float_list()->add_value(0.5f);
  feature["weights"].mutable_float_list()->add_value(2.0f);
  std::string serialized;
  {
    google::protobuf::io::StringOutputStream stream(&serialized);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);  // map entries sorted by key
    example.SerializeToCodedStream(&coded);
  }
  return {serialized, "hello", ""};
}

std::string WriteFile(absl::string_view name, io::Compression compression) {
  const std::string path = TempPath(name);
  io::FileSystem* fs = io::LocalFileSystem::Default();
  auto file = fs->NewWritableFile(path);
  EXPECT_TRUE(file.ok());
  io::RecordWriterOptions options;
  options.compression = compression;
  io::RecordWriter writer(file->get(), options);
  for (const std::string& payload : Payloads()) EXPECT_TRUE(writer.WriteRecord(payload).ok());
  EXPECT_TRUE(writer.Close().ok());
  EXPECT_TRUE((*file)->Close().ok());
  return path;
}

TEST(RecordsToolTest, CountsRecords) {
  const Result result = RunRecords(WriteFile("plain.tfrecord", io::Compression::kNone));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "3 records\n");
}

TEST(RecordsToolTest, DetectsOrIsToldTheCompression) {
  const std::string gzip = WriteFile("gzip.tfrecord", io::Compression::kGzip);
  const std::string zlib = WriteFile("zlib.tfrecord", io::Compression::kZlib);
  Result result = RunRecords(gzip);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "compression: GZIP\n3 records\n");
  result = RunRecords(zlib);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "compression: ZLIB\n3 records\n");
  result = RunRecords(gzip + " --compression=gzip");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  result = RunRecords(gzip + " --compression=ZLIB");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("DATA_LOSS: corrupted ZLIB data in " + gzip));
}

TEST(RecordsToolTest, DumpsAnExampleAsText) {
  const Result result =
      RunRecords(WriteFile("plain.tfrecord", io::Compression::kNone) + " --dump=0");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output,
            "3 records\n"
            "record 0: 70 bytes at offset 0\n"
            "tf.train.Example\n"
            "features {\n"
            "  feature {\n"
            "    key: \"label\"\n"
            "    value {\n"
            "      int64_list {\n"
            "        value: [7, -1]\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "  feature {\n"
            "    key: \"name\"\n"
            "    value {\n"
            "      bytes_list {\n"
            "        value: \"cat\"\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "  feature {\n"
            "    key: \"weights\"\n"
            "    value {\n"
            "      float_list {\n"
            "        value: [0.5, 2]\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "}\n");
}

TEST(RecordsToolTest, DumpsOtherRecordsAsHex) {
  const std::string path = WriteFile("gzip.tfrecord", io::Compression::kGzip);
  Result result = RunRecords(path + " --dump=1");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  // Record 0 is 16 + 70 bytes long, so record 1 starts at 86 and record 2 at 86 + 16 + 5.
  EXPECT_EQ(result.output,
            "compression: GZIP\n3 records\nrecord 1: 5 bytes at offset 86\n"
            "00000000: 68 65 6c 6c 6f                                   hello\n");
  result = RunRecords(path + " --dump=2");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "compression: GZIP\n3 records\nrecord 2: 0 bytes at offset 107\n");
  result = RunRecords(path + " --dump=0 --hex");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("record 0: 70 bytes at offset 0\n"
                                       "00000000: 0a 44 0a 18 0a 05 6c 61 62 65 6c 12 0f 1a 0d 0a"
                                       "  .D....label....."));
}

TEST(RecordsToolTest, DumpOfAMissingRecordFails) {
  const Result result =
      RunRecords(WriteFile("plain.tfrecord", io::Compression::kNone) + " --dump=3");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("no record 3"));
}

TEST(RecordsToolTest, CorruptedFileFailsWithTheOffset) {
  const std::string path = WriteFile("corrupt.tfrecord", io::Compression::kNone);
  auto contents = io::ReadFileToString(io::LocalFileSystem::Default(), path);
  ASSERT_TRUE(contents.ok());
  (*contents)[86 + 12 + 2] ^= 1;  // a data byte of record 1 ("hello")
  ASSERT_TRUE(io::WriteStringToFile(io::LocalFileSystem::Default(), path, *contents).ok());
  const Result result = RunRecords(path);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_EQ(result.output,
            absl::StrCat("records: DATA_LOSS: corrupted record at offset 86 in ", path,
                         ": data checksum mismatch\n"
                         "(1 intact records precede it)\n"));
}

TEST(RecordsToolTest, TruncatedFileFails) {
  const std::string path = WriteFile("truncated.tfrecord", io::Compression::kNone);
  auto contents = io::ReadFileToString(io::LocalFileSystem::Default(), path);
  ASSERT_TRUE(contents.ok());
  ASSERT_TRUE(io::WriteStringToFile(io::LocalFileSystem::Default(), path,
                                    contents->substr(0, contents->size() - 1))
                  .ok());
  const Result result = RunRecords(path);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("DATA_LOSS: truncated record at offset 107 in " + path));
}

TEST(RecordsToolTest, MissingFileFails) {
  const Result result = RunRecords(TempPath("missing.tfrecord"));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("NOT_FOUND"));
  EXPECT_THAT(result.output, HasSubstr("missing.tfrecord"));
}

TEST(RecordsToolTest, RelativePathsResolveAgainstTheBazelRunDirectory) {
  WriteFile("plain.tfrecord", io::Compression::kNone);
  const Result result =
      RunRecords("plain.tfrecord", absl::StrCat("BUILD_WORKING_DIRECTORY=", TempPath("")));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "3 records\n");
}

TEST(RecordsToolTest, UsageErrors) {
  Result result = RunRecords("");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_THAT(result.output, HasSubstr("no FILE given\nusage: records FILE"));
  result = RunRecords("f --compression=SNAPPY");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_THAT(result.output, HasSubstr("unknown compression \"SNAPPY\""));
  result = RunRecords("f --dump=x");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  result = RunRecords("f --bogus");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_THAT(result.output, HasSubstr("unknown flag --bogus"));
}

}  // namespace
}  // namespace rill
