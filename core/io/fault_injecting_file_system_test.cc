// Tests each injected fault: reads cut at an offset, writes failing after a byte budget,
// and a crash between writing a file and renaming it (WriteFileAtomically keeps the old file).
#include "core/io/fault_injecting_file_system.h"

#include <string>

#include "core/framework/errors.h"
#include "core/io/in_memory_file_system.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

using ::testing::HasSubstr;

using Faults = FaultInjectingFileSystem::Faults;

Faults ShortReadAt(uint64_t offset) {
  Faults faults;
  faults.short_read_at = offset;
  return faults;
}

Faults FailWritesAfter(uint64_t bytes) {
  Faults faults;
  faults.fail_writes_after = bytes;
  return faults;
}

Faults CrashBeforeRename() {
  Faults faults;
  faults.crash_before_rename = true;
  return faults;
}

class FaultInjectingFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(WriteStringToFile(&base_, "/f", "0123456789").ok()); }

  InMemoryFileSystem base_;
  FaultInjectingFileSystem fs_{&base_};
};

TEST_F(FaultInjectingFileSystemTest, NoFaultsForwardsEverything) {
  auto contents = ReadFileToString(&fs_, "/f");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "0123456789");
  ASSERT_TRUE(fs_.RenameFile("/f", "/g").ok());
  EXPECT_TRUE(base_.FileExists("/g").ok());
}

TEST_F(FaultInjectingFileSystemTest, ShortReadsCutFilesAtTheOffset) {
  fs_.SetFaults(ShortReadAt(4));
  auto size = fs_.GetFileSize("/f");
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 4u);
  auto contents = ReadFileToString(&fs_, "/f");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "0123");

  auto random = fs_.NewRandomAccessFile("/f");
  ASSERT_TRUE(random.ok());
  char scratch[16];
  absl::string_view piece;
  ASSERT_TRUE((*random)->Read(1, 3, &piece, scratch).ok());
  EXPECT_EQ(piece, "123");
  const absl::Status status = (*random)->Read(2, 5, &piece, scratch);
  EXPECT_TRUE(errors::IsOutOfRange(status)) << status;
  EXPECT_EQ(piece, "23");
  EXPECT_TRUE(errors::IsOutOfRange((*random)->Read(6, 1, &piece, scratch)));
  EXPECT_EQ(piece, "");

  auto sequential = fs_.NewSequentialFile("/f");
  ASSERT_TRUE(sequential.ok());
  ASSERT_TRUE((*sequential)->Skip(2).ok());
  EXPECT_TRUE(errors::IsOutOfRange((*sequential)->Read(5, &piece, scratch)));
  EXPECT_EQ(piece, "23");
  EXPECT_TRUE(errors::IsOutOfRange((*sequential)->Skip(1)));
}

TEST_F(FaultInjectingFileSystemTest, FilesKeepTheFaultsOfTheirOpening) {
  auto before = fs_.NewRandomAccessFile("/f");
  ASSERT_TRUE(before.ok());
  fs_.SetFaults(ShortReadAt(2));
  char scratch[16];
  absl::string_view piece;
  ASSERT_TRUE((*before)->Read(0, 10, &piece, scratch).ok());
  EXPECT_EQ(piece, "0123456789");
  fs_.SetFaults(Faults());
  EXPECT_FALSE(fs_.faults().short_read_at.has_value());
}

TEST_F(FaultInjectingFileSystemTest, WritesFailAfterTheBudgetKeepingThePrefix) {
  fs_.SetFaults(FailWritesAfter(5));
  auto file = fs_.NewWritableFile("/w");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc").ok());
  const absl::Status failed = (*file)->Append("defg");
  EXPECT_TRUE(errors::IsResourceExhausted(failed)) << failed;
  EXPECT_THAT(std::string(failed.message()), HasSubstr("/w"));
  EXPECT_TRUE(errors::IsResourceExhausted((*file)->Append("h")));
  EXPECT_TRUE(errors::IsResourceExhausted((*file)->Flush()));
  EXPECT_TRUE(errors::IsResourceExhausted((*file)->Close()));
  auto contents = ReadFileToString(&base_, "/w");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "abcde");

  auto appendable = fs_.NewAppendableFile("/f");
  ASSERT_TRUE(appendable.ok());
  EXPECT_TRUE(errors::IsResourceExhausted((*appendable)->Append("ABCDEFG")));
  contents = ReadFileToString(&base_, "/f");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "0123456789ABCDE");
}

TEST_F(FaultInjectingFileSystemTest, CrashBeforeRenameKeepsTheOldFile) {
  ASSERT_TRUE(WriteStringToFile(&base_, "/state", "old state").ok());
  fs_.SetFaults(CrashBeforeRename());
  const absl::Status status = WriteFileAtomically(&fs_, "/state", "new state");
  EXPECT_TRUE(errors::IsAborted(status)) << status;
  auto contents = ReadFileToString(&base_, "/state");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "old state");
  EXPECT_TRUE(base_.FileExists("/f").ok());

  fs_.SetFaults(Faults());
  ASSERT_TRUE(WriteFileAtomically(&fs_, "/state", "new state").ok());
  contents = ReadFileToString(&base_, "/state");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "new state");
}

TEST_F(FaultInjectingFileSystemTest, FailedWriteLeavesTheOldFileToo) {
  ASSERT_TRUE(WriteStringToFile(&base_, "/state", "old state").ok());
  fs_.SetFaults(FailWritesAfter(3));
  EXPECT_TRUE(errors::IsResourceExhausted(WriteFileAtomically(&fs_, "/state", "new state")));
  auto contents = ReadFileToString(&base_, "/state");
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(*contents, "old state");
  auto children = base_.GetChildren("/");
  ASSERT_TRUE(children.ok());
  EXPECT_THAT(*children, ::testing::ElementsAre("f", "state"));  // temporary file deleted
}

}  // namespace
}  // namespace io
}  // namespace rill
