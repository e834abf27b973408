// FaultInjectingFileSystem: wraps another FileSystem and breaks it on purpose (short reads,
// failing writes, a crash before a rename) so that corrupt and truncated files are unit tests.
#ifndef RILL_CORE_IO_FAULT_INJECTING_FILE_SYSTEM_H_
#define RILL_CORE_IO_FAULT_INJECTING_FILE_SYSTEM_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "core/io/file_system.h"

namespace rill {
namespace io {

// FaultInjectingFileSystem forwards every call to `base` (not owned; must outlive it and
// every file opened through it), except for the faults set with SetFaults. A file keeps the
// faults in force when it was opened; RenameFile consults the current ones. Thread-safe.
class FaultInjectingFileSystem : public FileSystem {
 public:
  struct Faults {
    // short_read_at: every file opened for reading ends at this byte offset, as if it had
    // been cut there: reads past it are short (OutOfRange) and GetFileSize says at most
    // this much.
    std::optional<uint64_t> short_read_at;
    // fail_writes_after: each file opened for writing takes this many bytes; the Append that
    // crosses the limit writes the bytes up to it and fails, and so does every later Append,
    // Flush, Sync and Close (ResourceExhausted, as a full disk). The bytes written before the
    // limit reach the base file.
    std::optional<uint64_t> fail_writes_after;
    // crash_before_rename: RenameFile returns Aborted and renames nothing, as if the process
    // died between writing a file and renaming it into place.
    bool crash_before_rename = false;
  };

  explicit FaultInjectingFileSystem(FileSystem* base) : base_(base) {}

  void SetFaults(const Faults& faults);
  Faults faults() const;

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
  absl::StatusOr<std::vector<std::string>> GetMatchingPaths(const std::string& pattern) override;
  absl::Status RecursivelyCreateDir(const std::string& dir) override;
  absl::Status DeleteFile(const std::string& path) override;
  absl::Status DeleteRecursively(const std::string& path) override;
  absl::Status RenameFile(const std::string& src, const std::string& dst) override;

 private:
  absl::StatusOr<std::unique_ptr<WritableFile>> WrapWritable(
      absl::StatusOr<std::unique_ptr<WritableFile>> file);

  FileSystem* const base_;
  mutable absl::Mutex mu_;
  Faults faults_ ABSL_GUARDED_BY(mu_);
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_FAULT_INJECTING_FILE_SYSTEM_H_
