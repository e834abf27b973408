// FileSystem's shared parts: glob expansion over GetChildren, and the whole-file helpers.
#include "core/io/file_system.h"

#include <algorithm>
#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/path.h"

namespace rill {
namespace io {
namespace {

// ExpandGlob appends to `matches` every existing path `base`/components[i]/... where each
// component may hold wildcards.
absl::Status ExpandGlob(FileSystem* fs, const std::string& base,
                        const std::vector<std::string>& components, size_t i,
                        std::vector<std::string>* matches) {
  if (i == components.size()) {
    if (fs->FileExists(base).ok()) matches->push_back(base);
    return absl::OkStatus();
  }
  const std::string& component = components[i];
  if (!HasGlobChars(component)) {
    return ExpandGlob(fs, JoinPath(base, component), components, i + 1, matches);
  }
  absl::StatusOr<std::vector<std::string>> children = fs->GetChildren(base.empty() ? "." : base);
  if (errors::IsNotFound(children.status()) || errors::IsFailedPrecondition(children.status())) {
    return absl::OkStatus();  // no such directory: nothing under it matches
  }
  RETURN_IF_ERROR(children);
  for (const std::string& child : *children) {
    if (GlobMatch(component, child)) {
      RETURN_IF_ERROR(ExpandGlob(fs, JoinPath(base, child), components, i + 1, matches));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> FileSystem::GetMatchingPaths(const std::string& pattern) {
  std::vector<std::string> matches;
  if (!HasGlobChars(pattern)) {
    if (FileExists(pattern).ok()) matches.push_back(pattern);
    return matches;
  }
  const std::vector<std::string> components = absl::StrSplit(pattern, '/', absl::SkipEmpty());
  RETURN_IF_ERROR(ExpandGlob(this, IsAbsolutePath(pattern) ? "/" : "", components, 0, &matches));
  std::sort(matches.begin(), matches.end());
  return matches;
}

absl::StatusOr<std::string> ReadFileToString(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(const uint64_t size, fs->GetFileSize(path));
  ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> file, fs->NewSequentialFile(path));
  std::string contents;
  constexpr size_t kChunk = 1 << 20;
  std::string scratch(kChunk, '\0');
  // The size is a hint (the file may change); read until the end either way.
  contents.reserve(std::min<uint64_t>(size, uint64_t{1} << 30));
  while (true) {
    absl::string_view piece;
    const absl::Status status = file->Read(kChunk, &piece, scratch.data());
    contents.append(piece.data(), piece.size());
    if (errors::IsOutOfRange(status)) return contents;
    RETURN_IF_ERROR(status);
  }
}

absl::Status WriteStringToFile(FileSystem* fs, const std::string& path,
                               absl::string_view contents) {
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs->NewWritableFile(path));
  RETURN_IF_ERROR(file->Append(contents));
  return file->Close();
}

absl::Status WriteFileAtomically(FileSystem* fs, const std::string& path,
                                 absl::string_view contents) {
  static std::atomic<uint64_t> counter{0};
  const std::string temp_path =
      absl::StrCat(path, ".tmp-", absl::ToUnixNanos(absl::Now()), "-", counter.fetch_add(1));
  absl::Status status = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs->NewWritableFile(temp_path));
    RETURN_IF_ERROR(file->Append(contents));
    RETURN_IF_ERROR(file->Sync());
    RETURN_IF_ERROR(file->Close());
    return fs->RenameFile(temp_path, path);
  }();
  if (!status.ok()) fs->DeleteFile(temp_path).IgnoreError();
  return status;
}

}  // namespace io
}  // namespace rill
