// Path strings: joining, splitting into directory and base name, and the `*` / `?` globbing
// that FileSystem::GetMatchingPaths uses. Pure string functions; nothing touches a disk.
#ifndef RILL_CORE_IO_PATH_H_
#define RILL_CORE_IO_PATH_H_

#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"

namespace rill {
namespace io {

namespace internal {
std::string JoinPathImpl(std::initializer_list<absl::string_view> parts);
}  // namespace internal

// JoinPath joins path parts with exactly one '/' between them, skipping empty parts:
// JoinPath("/a/", "b", "c.txt") == "/a/b/c.txt"; JoinPath("", "b") == "b".
template <typename... T>
std::string JoinPath(const T&... parts) {
  return internal::JoinPathImpl({absl::string_view(parts)...});
}

// IsAbsolutePath says whether `path` starts with '/'.
inline bool IsAbsolutePath(absl::string_view path) { return !path.empty() && path[0] == '/'; }

// ResolveUserPath makes a relative path relative to the directory the user ran the command
// from: `bazel run` starts programs in their runfiles tree and names the user's directory in
// BUILD_WORKING_DIRECTORY. Absolute paths, and any path outside `bazel run`, are unchanged.
std::string ResolveUserPath(const std::string& path);

// Dirname returns everything before the last '/', or "/" for a file in the root and "" for a
// path without '/': Dirname("/a/b") == "/a", Dirname("/a") == "/", Dirname("a") == "".
absl::string_view Dirname(absl::string_view path);

// Basename returns everything after the last '/': Basename("/a/b.txt") == "b.txt".
absl::string_view Basename(absl::string_view path);

// HasGlobChars says whether `pattern` contains '*' or '?'.
bool HasGlobChars(absl::string_view pattern);

// GlobMatch says whether `name` matches `pattern`, where '*' matches any run of characters
// other than '/' (dot files included) and '?' matches one character other than '/'; every
// other character matches itself. Linear in |pattern| * |name| at worst.
bool GlobMatch(absl::string_view pattern, absl::string_view name);

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_PATH_H_
