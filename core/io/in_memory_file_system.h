// InMemoryFileSystem: a FileSystem held in RAM, for tests that need files without a disk.
#ifndef RILL_CORE_IO_IN_MEMORY_FILE_SYSTEM_H_
#define RILL_CORE_IO_IN_MEMORY_FILE_SYSTEM_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "core/io/file_system.h"

namespace rill {
namespace io {

class InMemoryFile;  // one file's bytes, shared by every handle open on it

// InMemoryFileSystem keeps files as strings under paths with POSIX-like rules: a file's
// directory must exist (RecursivelyCreateDir), a path is a file or a directory, "/" and ""
// (the working directory, "." too) always exist. Repeated and trailing slashes are
// ignored; "." and ".." inside paths are not interpreted. Open files share the bytes of
// their path: a reader sees what a writer appended a moment ago, with no buffering.
// Thread-safe; files opened from it must not outlive it.
class InMemoryFileSystem : public FileSystem {
 public:
  InMemoryFileSystem() = default;

  absl::StatusOr<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) override;
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) override;
  absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  absl::Status FileExists(const std::string& path) override;
  absl::Status IsDirectory(const std::string& path) override;
  absl::StatusOr<uint64_t> GetFileSize(const std::string& path) override;
  absl::StatusOr<std::vector<std::string>> GetChildren(const std::string& dir) override;
  absl::Status RecursivelyCreateDir(const std::string& dir) override;
  absl::Status DeleteFile(const std::string& path) override;
  absl::Status DeleteRecursively(const std::string& path) override;
  absl::Status RenameFile(const std::string& src, const std::string& dst) override;

 private:
  bool IsDirLocked(const std::string& path) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status CheckParentLocked(const std::string& path) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::shared_ptr<InMemoryFile>> FindFile(const std::string& path) const;
  absl::StatusOr<std::shared_ptr<InMemoryFile>> OpenForWriting(const std::string& path,
                                                               bool truncate);

  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<InMemoryFile>> files_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> dirs_ ABSL_GUARDED_BY(mu_);
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_IN_MEMORY_FILE_SYSTEM_H_
