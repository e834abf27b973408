// LocalFileSystem: FileSystem over the POSIX calls of the machine's own disks.
#ifndef RILL_CORE_IO_LOCAL_FILE_SYSTEM_H_
#define RILL_CORE_IO_LOCAL_FILE_SYSTEM_H_

#include <memory>
#include <string>
#include <vector>

#include "core/io/file_system.h"

namespace rill {
namespace io {

// LocalFileSystem implements FileSystem with open/pread/write/fsync/rename. Relative paths
// resolve against the process's working directory. Writable files buffer 256 KiB; Sync is
// fsync. Stateless and thread-safe.
class LocalFileSystem : public FileSystem {
 public:
  // Default returns the process-wide instance (never destroyed).
  static FileSystem* Default();

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
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_LOCAL_FILE_SYSTEM_H_
