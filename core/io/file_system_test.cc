// The FileSystem contract, run against LocalFileSystem (under TEST_TMPDIR) and
// InMemoryFileSystem alike: reads, writes, appends, directories, renames, globbing, errors.
#include "core/io/file_system.h"

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

enum class Kind { kLocal, kInMemory };

class FileSystemTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    const std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    if (GetParam() == Kind::kLocal) {
      fs_ = LocalFileSystem::Default();
      const char* tmp = std::getenv("TEST_TMPDIR");
      root_ = JoinPath(tmp != nullptr ? tmp : "/tmp", "fs_test", test_name);
      fs_->DeleteRecursively(root_).IgnoreError();
    } else {
      in_memory_ = std::make_unique<InMemoryFileSystem>();
      fs_ = in_memory_.get();
      root_ = "/mem/" + test_name;
    }
    ASSERT_TRUE(fs_->RecursivelyCreateDir(root_).ok());
  }

  std::string Path(absl::string_view name) const { return JoinPath(root_, name); }

  void Write(absl::string_view name, absl::string_view contents) {
    ASSERT_TRUE(WriteStringToFile(fs_, Path(name), contents).ok()) << name;
  }

  std::string Read(absl::string_view name) {
    absl::StatusOr<std::string> contents = ReadFileToString(fs_, Path(name));
    EXPECT_TRUE(contents.ok()) << contents.status();
    return contents.ok() ? *contents : "";
  }

  FileSystem* fs_ = nullptr;
  std::unique_ptr<InMemoryFileSystem> in_memory_;
  std::string root_;
};

TEST_P(FileSystemTest, WriteThenReadBackSmallAndLargeAppends) {
  std::string large(300000, '\0');  // more than a local writable file's 256 KiB buffer
  for (size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>(i % 251);
  auto file = fs_->NewWritableFile(Path("f"));
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Append("hello ").ok());
  ASSERT_TRUE((*file)->Append(large).ok());
  ASSERT_TRUE((*file)->Append("!").ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_TRUE(errors::IsFailedPrecondition((*file)->Append("x")));
  EXPECT_TRUE(errors::IsFailedPrecondition((*file)->Close()));

  absl::StatusOr<uint64_t> size = fs_->GetFileSize(Path("f"));
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 6u + 300000u + 1u);
  EXPECT_EQ(Read("f"), "hello " + large + "!");
}

TEST_P(FileSystemTest, WritableTruncatesAndAppendableAppends) {
  Write("f", "first");
  Write("f", "second");
  EXPECT_EQ(Read("f"), "second");
  auto appendable = fs_->NewAppendableFile(Path("f"));
  ASSERT_TRUE(appendable.ok());
  ASSERT_TRUE((*appendable)->Append("+more").ok());
  ASSERT_TRUE((*appendable)->Sync().ok());
  ASSERT_TRUE((*appendable)->Close().ok());
  EXPECT_EQ(Read("f"), "second+more");
  auto created = fs_->NewAppendableFile(Path("new"));
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE((*created)->Close().ok());
  EXPECT_EQ(Read("new"), "");
}

TEST_P(FileSystemTest, SequentialReadAndSkip) {
  Write("f", "0123456789");
  auto file = fs_->NewSequentialFile(Path("f"));
  ASSERT_TRUE(file.ok());
  char scratch[16];
  absl::string_view piece;
  ASSERT_TRUE((*file)->Read(3, &piece, scratch).ok());
  EXPECT_EQ(piece, "012");
  ASSERT_TRUE((*file)->Skip(2).ok());
  ASSERT_TRUE((*file)->Read(3, &piece, scratch).ok());
  EXPECT_EQ(piece, "567");
  const absl::Status short_read = (*file)->Read(5, &piece, scratch);
  EXPECT_TRUE(errors::IsOutOfRange(short_read)) << short_read;
  EXPECT_EQ(piece, "89");
  EXPECT_TRUE(errors::IsOutOfRange((*file)->Read(1, &piece, scratch)));
  EXPECT_EQ(piece, "");
  EXPECT_TRUE(errors::IsOutOfRange((*file)->Skip(1)));
}

TEST_P(FileSystemTest, SkipPastTheEndStopsAtTheEnd) {
  Write("f", "0123456789");
  auto file = fs_->NewSequentialFile(Path("f"));
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(errors::IsOutOfRange((*file)->Skip(100)));
  char scratch[4];
  absl::string_view piece;
  EXPECT_TRUE(errors::IsOutOfRange((*file)->Read(1, &piece, scratch)));
  EXPECT_EQ(piece, "");
}

TEST_P(FileSystemTest, RandomAccessReads) {
  Write("f", "0123456789");
  auto file = fs_->NewRandomAccessFile(Path("f"));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->name(), Path("f"));
  char scratch[16];
  absl::string_view piece;
  ASSERT_TRUE((*file)->Read(2, 3, &piece, scratch).ok());
  EXPECT_EQ(piece, "234");
  EXPECT_TRUE(errors::IsOutOfRange((*file)->Read(8, 5, &piece, scratch)));
  EXPECT_EQ(piece, "89");
  EXPECT_TRUE(errors::IsOutOfRange((*file)->Read(20, 1, &piece, scratch)));
  EXPECT_EQ(piece, "");
  ASSERT_TRUE((*file)->Read(0, 0, &piece, scratch).ok());
}

TEST_P(FileSystemTest, ReaderSeesFlushedAppends) {
  auto writer = fs_->NewWritableFile(Path("growing"));
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append("abc").ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  auto reader = fs_->NewRandomAccessFile(Path("growing"));
  ASSERT_TRUE(reader.ok());
  char scratch[8];
  absl::string_view piece;
  ASSERT_TRUE((*reader)->Read(0, 3, &piece, scratch).ok());
  EXPECT_EQ(piece, "abc");
  EXPECT_TRUE(errors::IsOutOfRange((*reader)->Read(3, 3, &piece, scratch)));
  ASSERT_TRUE((*writer)->Append("def").ok());
  ASSERT_TRUE((*writer)->Flush().ok());
  ASSERT_TRUE((*reader)->Read(3, 3, &piece, scratch).ok());
  EXPECT_EQ(piece, "def");
}

TEST_P(FileSystemTest, MissingPathsAreNotFoundAndNamed) {
  const std::string missing = Path("missing");
  for (const absl::Status& status :
       {fs_->NewRandomAccessFile(missing).status(), fs_->NewSequentialFile(missing).status(),
        fs_->GetFileSize(missing).status(), fs_->FileExists(missing), fs_->IsDirectory(missing),
        fs_->DeleteFile(missing), fs_->DeleteRecursively(missing),
        fs_->GetChildren(missing).status(), fs_->RenameFile(missing, Path("x"))}) {
    EXPECT_TRUE(errors::IsNotFound(status)) << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr(missing));
  }
  const absl::Status no_dir = fs_->NewWritableFile(Path("no/such/dir/f")).status();
  EXPECT_TRUE(errors::IsNotFound(no_dir)) << no_dir;
  EXPECT_THAT(std::string(no_dir.message()), HasSubstr(Path("no/such/dir/f")));
}

TEST_P(FileSystemTest, DirectoriesAndFilesAreDistinct) {
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("a/b/c")).ok());
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("a/b/c/")).ok());  // again, trailing slash
  Write("a/f.txt", "x");
  EXPECT_TRUE(fs_->IsDirectory(Path("a/b")).ok());
  EXPECT_TRUE(fs_->FileExists(Path("a/b")).ok());
  EXPECT_TRUE(fs_->FileExists(Path("a/f.txt")).ok());
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->IsDirectory(Path("a/f.txt"))));
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->NewRandomAccessFile(Path("a")).status()));
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->NewSequentialFile(Path("a")).status()));
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->GetFileSize(Path("a")).status()));
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->GetChildren(Path("a/f.txt")).status()));
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->RecursivelyCreateDir(Path("a/f.txt/d"))));
  EXPECT_TRUE(errors::IsFailedPrecondition(fs_->DeleteFile(Path("a"))));
  EXPECT_FALSE(fs_->NewWritableFile(Path("a/b")).ok());

  absl::StatusOr<std::vector<std::string>> children = fs_->GetChildren(Path("a"));
  ASSERT_TRUE(children.ok()) << children.status();
  EXPECT_THAT(*children, ElementsAre("b", "f.txt"));
  children = fs_->GetChildren(Path("a/b/c"));
  ASSERT_TRUE(children.ok());
  EXPECT_THAT(*children, IsEmpty());
}

TEST_P(FileSystemTest, DeleteFileAndDeleteRecursively) {
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("tree/x/y")).ok());
  Write("tree/x/y/leaf", "1");
  Write("tree/top", "2");
  Write("treetop", "sibling with a common prefix");
  ASSERT_TRUE(fs_->DeleteFile(Path("tree/top")).ok());
  EXPECT_TRUE(errors::IsNotFound(fs_->FileExists(Path("tree/top"))));
  ASSERT_TRUE(fs_->DeleteRecursively(Path("tree")).ok());
  EXPECT_TRUE(errors::IsNotFound(fs_->FileExists(Path("tree"))));
  EXPECT_TRUE(errors::IsNotFound(fs_->FileExists(Path("tree/x/y/leaf"))));
  EXPECT_EQ(Read("treetop"), "sibling with a common prefix");
  Write("lone", "3");
  ASSERT_TRUE(fs_->DeleteRecursively(Path("lone")).ok());
  EXPECT_TRUE(errors::IsNotFound(fs_->FileExists(Path("lone"))));
}

TEST_P(FileSystemTest, RenameReplacesTheDestination) {
  Write("src", "new");
  Write("dst", "old");
  ASSERT_TRUE(fs_->RenameFile(Path("src"), Path("dst")).ok());
  EXPECT_EQ(Read("dst"), "new");
  EXPECT_TRUE(errors::IsNotFound(fs_->FileExists(Path("src"))));
}

TEST_P(FileSystemTest, RenameMovesADirectory) {
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("d1/sub")).ok());
  Write("d1/sub/f", "payload");
  ASSERT_TRUE(fs_->RenameFile(Path("d1"), Path("d2")).ok());
  EXPECT_EQ(Read("d2/sub/f"), "payload");
  EXPECT_TRUE(errors::IsNotFound(fs_->FileExists(Path("d1"))));
}

TEST_P(FileSystemTest, GetMatchingPathsExpandsWildcardsPerComponent) {
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("data/sub")).ok());
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("other")).ok());
  Write("data/train-0.tfrecord", "");
  Write("data/train-1.tfrecord", "");
  Write("data/train-10.tfrecord", "");
  Write("data/test-0.tfrecord", "");
  Write("data/sub/train-2.tfrecord", "");
  Write("other/train-3.tfrecord", "");

  auto matches = fs_->GetMatchingPaths(Path("data/train-*.tfrecord"));
  ASSERT_TRUE(matches.ok()) << matches.status();
  EXPECT_THAT(*matches, ElementsAre(Path("data/train-0.tfrecord"), Path("data/train-1.tfrecord"),
                                    Path("data/train-10.tfrecord")));
  matches = fs_->GetMatchingPaths(Path("*/train-?.tfrecord"));
  ASSERT_TRUE(matches.ok());
  EXPECT_THAT(*matches, ElementsAre(Path("data/train-0.tfrecord"), Path("data/train-1.tfrecord"),
                                    Path("other/train-3.tfrecord")));
  matches = fs_->GetMatchingPaths(Path("data/*"));
  ASSERT_TRUE(matches.ok());
  EXPECT_THAT(*matches, ElementsAre(Path("data/sub"), Path("data/test-0.tfrecord"),
                                    Path("data/train-0.tfrecord"), Path("data/train-1.tfrecord"),
                                    Path("data/train-10.tfrecord")));
  matches = fs_->GetMatchingPaths(Path("d*/s*/*"));
  ASSERT_TRUE(matches.ok());
  EXPECT_THAT(*matches, ElementsAre(Path("data/sub/train-2.tfrecord")));
  matches = fs_->GetMatchingPaths(Path("data/test-0.tfrecord"));
  ASSERT_TRUE(matches.ok());
  EXPECT_THAT(*matches, ElementsAre(Path("data/test-0.tfrecord")));
  for (const char* none : {"nope/*", "data/*.csv", "data/test-0.tfrecord/*", "missing"}) {
    matches = fs_->GetMatchingPaths(Path(none));
    ASSERT_TRUE(matches.ok()) << none << ": " << matches.status();
    EXPECT_THAT(*matches, IsEmpty()) << none;
  }
}

TEST_P(FileSystemTest, WriteFileAtomicallyReplacesAndLeavesNoTemporaryFile) {
  ASSERT_TRUE(fs_->RecursivelyCreateDir(Path("state")).ok());
  ASSERT_TRUE(WriteFileAtomically(fs_, Path("state/checkpoint"), "v1").ok());
  ASSERT_TRUE(WriteFileAtomically(fs_, Path("state/checkpoint"), "version 2").ok());
  EXPECT_EQ(Read("state/checkpoint"), "version 2");
  auto children = fs_->GetChildren(Path("state"));
  ASSERT_TRUE(children.ok());
  EXPECT_THAT(*children, ElementsAre("checkpoint"));
  EXPECT_TRUE(errors::IsNotFound(WriteFileAtomically(fs_, Path("no/dir/f"), "x")));
}

INSTANTIATE_TEST_SUITE_P(AllFileSystems, FileSystemTest,
                         ::testing::Values(Kind::kLocal, Kind::kInMemory),
                         [](const ::testing::TestParamInfo<Kind>& info) {
                           return info.param == Kind::kLocal ? "Local" : "InMemory";
                         });

TEST(InMemoryFileSystemTest, PathsIgnoreRepeatedAndTrailingSlashes) {
  InMemoryFileSystem fs;
  ASSERT_TRUE(fs.RecursivelyCreateDir("/a//b/").ok());
  ASSERT_TRUE(WriteStringToFile(&fs, "/a/b//f", "x").ok());
  EXPECT_TRUE(fs.FileExists("/a/b/f").ok());
  EXPECT_TRUE(fs.IsDirectory("/a/b").ok());
  ASSERT_TRUE(WriteStringToFile(&fs, "relative", "y").ok());
  auto children = fs.GetChildren(".");
  ASSERT_TRUE(children.ok());
  EXPECT_THAT(*children, ElementsAre("relative"));
  children = fs.GetChildren("/");
  ASSERT_TRUE(children.ok());
  EXPECT_THAT(*children, ElementsAre("a"));
  auto matches = fs.GetMatchingPaths("rel*");
  ASSERT_TRUE(matches.ok());
  EXPECT_THAT(*matches, ElementsAre("relative"));
}

TEST(InMemoryFileSystemTest, DirectoryCannotMoveIntoItself) {
  InMemoryFileSystem fs;
  ASSERT_TRUE(fs.RecursivelyCreateDir("/a/b").ok());
  EXPECT_TRUE(errors::IsInvalidArgument(fs.RenameFile("/a", "/a/b/c")));
}

}  // namespace
}  // namespace io
}  // namespace rill
