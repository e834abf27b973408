// Tests path joining and splitting and `*` / `?` glob matching.
#include "core/io/path.h"

#include <cstdlib>

#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

TEST(PathTest, JoinPathPutsOneSlashBetweenParts) {
  EXPECT_EQ(JoinPath("/a", "b"), "/a/b");
  EXPECT_EQ(JoinPath("/a/", "b"), "/a/b");
  EXPECT_EQ(JoinPath("/a/", "/b"), "/a/b");
  EXPECT_EQ(JoinPath("a", "b", "c.txt"), "a/b/c.txt");
  EXPECT_EQ(JoinPath("", "b"), "b");
  EXPECT_EQ(JoinPath("a", ""), "a");
  EXPECT_EQ(JoinPath("/", "b"), "/b");
  EXPECT_EQ(JoinPath(std::string("x"), absl::string_view("y")), "x/y");
}

TEST(PathTest, DirnameAndBasename) {
  EXPECT_EQ(Dirname("/a/b/c"), "/a/b");
  EXPECT_EQ(Dirname("/a"), "/");
  EXPECT_EQ(Dirname("a"), "");
  EXPECT_EQ(Dirname("a/b"), "a");
  EXPECT_EQ(Basename("/a/b.txt"), "b.txt");
  EXPECT_EQ(Basename("b.txt"), "b.txt");
  EXPECT_EQ(Basename("/a/"), "");
  EXPECT_TRUE(IsAbsolutePath("/x"));
  EXPECT_FALSE(IsAbsolutePath("x/y"));
  EXPECT_FALSE(IsAbsolutePath(""));
}

TEST(PathTest, GlobMatchStarAndQuestionMark) {
  EXPECT_TRUE(HasGlobChars("a*"));
  EXPECT_TRUE(HasGlobChars("a?"));
  EXPECT_FALSE(HasGlobChars("abc"));

  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("*", "anything.txt"));
  EXPECT_TRUE(GlobMatch("*", ".hidden"));
  EXPECT_TRUE(GlobMatch("train-*.tfrecord", "train-00001.tfrecord"));
  EXPECT_TRUE(GlobMatch("train-*.tfrecord", "train-.tfrecord"));
  EXPECT_FALSE(GlobMatch("train-*.tfrecord", "test-00001.tfrecord"));
  EXPECT_FALSE(GlobMatch("train-*.tfrecord", "train-00001.tfrecord.gz"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "ac"));
  EXPECT_FALSE(GlobMatch("a?c", "abbc"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYbZc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYYbZ"));
  EXPECT_TRUE(GlobMatch("**x", "abx"));
  EXPECT_TRUE(GlobMatch("abc", "abc"));
  EXPECT_FALSE(GlobMatch("abc", "abcd"));
  EXPECT_FALSE(GlobMatch("", "a"));
  EXPECT_TRUE(GlobMatch("", ""));
}

TEST(PathTest, GlobWildcardsNeverCrossSlashes) {
  EXPECT_FALSE(GlobMatch("*", "a/b"));
  EXPECT_FALSE(GlobMatch("a?b", "a/b"));
  EXPECT_TRUE(GlobMatch("*/*", "a/b"));
  EXPECT_TRUE(GlobMatch("/data/*/x*", "/data/run1/x7"));
  EXPECT_FALSE(GlobMatch("/data/*/x*", "/data/run1/deep/x7"));
  EXPECT_FALSE(GlobMatch("a*/x", "ab/cd/x"));
}

TEST(PathTest, ResolveUserPathJoinsRelativePathsToTheUsersDirectory) {
  unsetenv("BUILD_WORKING_DIRECTORY");
  EXPECT_EQ(ResolveUserPath("logs/run1"), "logs/run1");
  setenv("BUILD_WORKING_DIRECTORY", "/home/me/project", /*overwrite=*/1);
  EXPECT_EQ(ResolveUserPath("logs/run1"), "/home/me/project/logs/run1");
  EXPECT_EQ(ResolveUserPath("/tmp/logs"), "/tmp/logs");
  unsetenv("BUILD_WORKING_DIRECTORY");
}

}  // namespace
}  // namespace io
}  // namespace rill
