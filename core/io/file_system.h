// FileSystem: the one interface through which Rill opens, lists, renames and deletes files,
// so that record readers, summary writers and checkpoints run unchanged on the local disk,
// in memory (tests) or over a fault-injecting wrapper (corruption tests).
#ifndef RILL_CORE_IO_FILE_SYSTEM_H_
#define RILL_CORE_IO_FILE_SYSTEM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rill {
namespace io {

// SequentialFile reads a file front to back. Not thread-safe: one reader at a time.
class SequentialFile {
 public:
  explicit SequentialFile(std::string name) : name_(std::move(name)) {}
  virtual ~SequentialFile() = default;
  SequentialFile(const SequentialFile&) = delete;
  SequentialFile& operator=(const SequentialFile&) = delete;

  // Read reads the next `n` bytes. On OK, *result holds exactly n bytes. When the file ends
  // first, returns OutOfRange and *result holds the bytes that were left (maybe none).
  // *result may point into `scratch` (REQUIRES: n bytes there) or into the file's own storage;
  // it stays valid until the next call or until `scratch` changes.
  virtual absl::Status Read(size_t n, absl::string_view* result, char* scratch) = 0;

  // Skip moves `n` bytes forward. Returns OutOfRange (positioned at the end) when fewer than
  // `n` bytes were left.
  virtual absl::Status Skip(uint64_t n) = 0;

  // name is the path the file was opened with, for error messages.
  const std::string& name() const { return name_; }

 private:
  const std::string name_;
};

// RandomAccessFile reads bytes at any offset. Read is thread-safe.
class RandomAccessFile {
 public:
  explicit RandomAccessFile(std::string name) : name_(std::move(name)) {}
  virtual ~RandomAccessFile() = default;
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  // Read reads `n` bytes starting at `offset`, with SequentialFile::Read's contract: OK
  // with n bytes, or OutOfRange with the bytes before the end of the file. A file that grows
  // after opening (another writer appending) shows its new bytes to later reads.
  virtual absl::Status Read(uint64_t offset, size_t n, absl::string_view* result,
                            char* scratch) const = 0;

  const std::string& name() const { return name_; }

 private:
  const std::string name_;
};

// WritableFile appends to a file, which NewWritableFile truncated or NewAppendableFile kept.
// Implementations buffer: bytes reach the file on Flush, Sync or Close. Not thread-safe.
// After Close every call returns FailedPrecondition. Destroying an open file closes it and
// drops any error; call Close to see errors.
class WritableFile {
 public:
  explicit WritableFile(std::string name) : name_(std::move(name)) {}
  virtual ~WritableFile() = default;
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;

  // Append adds `data` at the end of the file.
  virtual absl::Status Append(absl::string_view data) = 0;

  // Flush hands buffered bytes to the operating system: readers see them, a crash of this
  // process does not lose them, a power failure may.
  virtual absl::Status Flush() = 0;

  // Sync flushes and then makes the bytes durable (fsync).
  virtual absl::Status Sync() = 0;

  // Close flushes and releases the file.
  virtual absl::Status Close() = 0;

  const std::string& name() const { return name_; }

 private:
  const std::string name_;
};

// FileSystem opens files and manages directories. Every method names the path in its
// errors: NotFound for a missing file or directory, FailedPrecondition for a path of the
// wrong kind (a directory where a file is needed or the reverse, a non-empty directory),
// AlreadyExists, PermissionDenied, ResourceExhausted (disk full) or DataLoss as they arise.
// Implementations are safe for concurrent use from many threads.
class FileSystem {
 public:
  FileSystem() = default;
  virtual ~FileSystem() = default;
  FileSystem(const FileSystem&) = delete;
  FileSystem& operator=(const FileSystem&) = delete;

  virtual absl::StatusOr<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) = 0;
  virtual absl::StatusOr<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;

  // NewWritableFile creates `path`, or truncates it when it exists. Its directory must exist.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path) = 0;

  // NewAppendableFile opens `path` for appending after its current bytes, creating it empty
  // when it does not exist. Its directory must exist.
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> NewAppendableFile(
      const std::string& path) = 0;

  // FileExists returns OK when `path` names a file or a directory, NotFound otherwise.
  virtual absl::Status FileExists(const std::string& path) = 0;

  // IsDirectory returns OK for a directory, FailedPrecondition for a file, NotFound otherwise.
  virtual absl::Status IsDirectory(const std::string& path) = 0;

  // GetFileSize returns the size in bytes of the file at `path`.
  virtual absl::StatusOr<uint64_t> GetFileSize(const std::string& path) = 0;

  // GetChildren returns the names (not paths) of the entries of directory `dir`, sorted.
  virtual absl::StatusOr<std::vector<std::string>> GetChildren(const std::string& dir) = 0;

  // GetMatchingPaths returns the existing paths that match `pattern`, sorted, where `*` and
  // `?` in any path component match as in GlobMatch (path.h). A pattern without wildcards
  // matches itself if it exists. No match is an empty list, not an error. The default
  // implementation walks directories with GetChildren.
  virtual absl::StatusOr<std::vector<std::string>> GetMatchingPaths(const std::string& pattern);

  // RecursivelyCreateDir creates `dir` and any missing parents; OK if it already exists.
  virtual absl::Status RecursivelyCreateDir(const std::string& dir) = 0;

  // DeleteFile deletes the file at `path` (not a directory).
  virtual absl::Status DeleteFile(const std::string& path) = 0;

  // DeleteRecursively deletes `path` and, when it is a directory, everything under it.
  // Symbolic links are deleted, never followed.
  virtual absl::Status DeleteRecursively(const std::string& path) = 0;

  // RenameFile moves `src` to `dst`, replacing a file at `dst`. Atomic on local disks.
  virtual absl::Status RenameFile(const std::string& src, const std::string& dst) = 0;
};

// ReadFileToString returns the whole content of the file at `path`.
absl::StatusOr<std::string> ReadFileToString(FileSystem* fs, const std::string& path);

// WriteStringToFile replaces the file at `path` with `contents` (not atomic; see below).
absl::Status WriteStringToFile(FileSystem* fs, const std::string& path, absl::string_view contents);

// WriteFileAtomically replaces the file at `path` with `contents` so that a reader, even
// after a crash, sees either the old file or the whole new one: it writes a temporary file
// beside `path`, syncs it, and renames it over `path`. On error the temporary file is
// deleted when possible. Use it for small state files (checkpoint indexes, configs).
absl::Status WriteFileAtomically(FileSystem* fs, const std::string& path,
                                 absl::string_view contents);

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_FILE_SYSTEM_H_
