// LocalFileSystem: POSIX file descriptors, pread for random access, a 256 KiB user-space
// buffer for writes, errno mapped onto canonical status codes that name the path.
#include "core/io/local_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/path.h"

namespace rill {
namespace io {
namespace {

// strerror_r is the GNU variant (returns char*) or the XSI one (returns int) depending on the
// C library; these overloads accept either.
inline const char* StrErrorResult(const char* message, const char*) { return message; }
inline const char* StrErrorResult(int, const char* buffer) { return buffer; }

absl::StatusCode CodeForErrno(int err) {
  switch (err) {
    case ENOENT:
      return absl::StatusCode::kNotFound;
    case EEXIST:
      return absl::StatusCode::kAlreadyExists;
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::StatusCode::kPermissionDenied;
    case ENOTDIR:
    case EISDIR:
    case ENOTEMPTY:
    case EBUSY:
    case ELOOP:
    case ENAMETOOLONG:
    case EXDEV:
      return absl::StatusCode::kFailedPrecondition;
    case ENOSPC:
    case EDQUOT:
    case EMFILE:
    case ENFILE:
    case ENOMEM:
    case EFBIG:
      return absl::StatusCode::kResourceExhausted;
    case EIO:
      return absl::StatusCode::kDataLoss;
    case EAGAIN:
    case EINTR:
      return absl::StatusCode::kUnavailable;
    default:
      return absl::StatusCode::kUnknown;
  }
}

// IoError describes a failed system call on `path`, e.g. "open /a/b: No such file or
// directory", with the status code that errno `err` maps to.
absl::Status IoError(absl::string_view operation, absl::string_view path, int err) {
  char buffer[256];
  const char* message = StrErrorResult(strerror_r(err, buffer, sizeof(buffer)), buffer);
  return absl::Status(CodeForErrno(err), absl::StrCat(operation, " ", path, ": ", message));
}

absl::StatusOr<int> OpenForReading(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("open", path, errno);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    return IoError("stat", path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return errors::FailedPrecondition("open ", path, ": is a directory, not a file");
  }
  return fd;
}

class LocalSequentialFile : public SequentialFile {
 public:
  LocalSequentialFile(std::string name, int fd) : SequentialFile(std::move(name)), fd_(fd) {}
  ~LocalSequentialFile() override { close(fd_); }

  absl::Status Read(size_t n, absl::string_view* result, char* scratch) override {
    size_t got = 0;
    while (got < n) {
      const ssize_t r = read(fd_, scratch + got, n - got);
      if (r < 0) {
        if (errno == EINTR) continue;
        *result = absl::string_view(scratch, got);
        return IoError("read", name(), errno);
      }
      if (r == 0) break;
      got += r;
    }
    *result = absl::string_view(scratch, got);
    if (got < n) {
      return errors::OutOfRange("read ", name(), ": end of file after ", got, " of ", n, " bytes");
    }
    return absl::OkStatus();
  }

  absl::Status Skip(uint64_t n) override {
    struct stat st;
    const off_t current = lseek(fd_, 0, SEEK_CUR);
    if (current >= 0 && fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
      const uint64_t start = static_cast<uint64_t>(current);
      const uint64_t size = static_cast<uint64_t>(st.st_size);
      const uint64_t step = std::min<uint64_t>(n, size > start ? size - start : 0);
      if (lseek(fd_, static_cast<off_t>(start + step), SEEK_SET) < 0) {
        return IoError("seek", name(), errno);
      }
      if (step < n)
        return errors::OutOfRange("skip ", name(), ": end of file before ", n, " bytes");
      return absl::OkStatus();
    }
    // Not seekable (a pipe): read and drop.
    char scratch[64 << 10];
    while (n > 0) {
      absl::string_view piece;
      RETURN_IF_ERROR(Read(std::min<uint64_t>(n, sizeof(scratch)), &piece, scratch));
      n -= piece.size();
    }
    return absl::OkStatus();
  }

 private:
  const int fd_;
};

class LocalRandomAccessFile : public RandomAccessFile {
 public:
  LocalRandomAccessFile(std::string name, int fd) : RandomAccessFile(std::move(name)), fd_(fd) {}
  ~LocalRandomAccessFile() override { close(fd_); }

  absl::Status Read(uint64_t offset, size_t n, absl::string_view* result,
                    char* scratch) const override {
    size_t got = 0;
    while (got < n) {
      const ssize_t r = pread(fd_, scratch + got, n - got, static_cast<off_t>(offset + got));
      if (r < 0) {
        if (errno == EINTR) continue;
        *result = absl::string_view(scratch, got);
        return IoError(absl::StrCat("read at offset ", offset + got, " of"), name(), errno);
      }
      if (r == 0) break;
      got += r;
    }
    *result = absl::string_view(scratch, got);
    if (got < n) {
      return errors::OutOfRange("read ", name(), ": end of file at offset ", offset + got, " (", n,
                                " bytes asked at offset ", offset, ")");
    }
    return absl::OkStatus();
  }

 private:
  const int fd_;
};

class LocalWritableFile : public WritableFile {
 public:
  LocalWritableFile(std::string name, int fd)
      : WritableFile(std::move(name)), fd_(fd), buffer_(new char[kBufferSize]) {}
  ~LocalWritableFile() override {
    if (fd_ >= 0) Close().IgnoreError();
  }

  absl::Status Append(absl::string_view data) override {
    RETURN_IF_ERROR(CheckOpen());
    if (data.size() <= kBufferSize - used_) {
      std::memcpy(buffer_.get() + used_, data.data(), data.size());
      used_ += data.size();
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(FlushBuffer());
    if (data.size() >= kBufferSize) return WriteAll(data);
    std::memcpy(buffer_.get(), data.data(), data.size());
    used_ = data.size();
    return absl::OkStatus();
  }

  absl::Status Flush() override {
    RETURN_IF_ERROR(CheckOpen());
    return FlushBuffer();
  }

  absl::Status Sync() override {
    RETURN_IF_ERROR(CheckOpen());
    RETURN_IF_ERROR(FlushBuffer());
    if (fsync(fd_) != 0) return IoError("fsync", name(), errno);
    return absl::OkStatus();
  }

  absl::Status Close() override {
    RETURN_IF_ERROR(CheckOpen());
    absl::Status status = FlushBuffer();
    if (close(fd_) != 0 && status.ok()) status = IoError("close", name(), errno);
    fd_ = -1;
    return status;
  }

 private:
  static constexpr size_t kBufferSize = 256 << 10;

  absl::Status CheckOpen() const {
    if (fd_ < 0) return errors::FailedPrecondition("file ", name(), " is already closed");
    return absl::OkStatus();
  }

  absl::Status FlushBuffer() {
    const size_t used = used_;
    used_ = 0;
    return WriteAll(absl::string_view(buffer_.get(), used));
  }

  absl::Status WriteAll(absl::string_view data) {
    while (!data.empty()) {
      const ssize_t w = write(fd_, data.data(), data.size());
      if (w < 0) {
        if (errno == EINTR) continue;
        return IoError("write", name(), errno);
      }
      data.remove_prefix(w);
    }
    return absl::OkStatus();
  }

  int fd_;
  std::unique_ptr<char[]> buffer_;
  size_t used_ = 0;
};

absl::StatusOr<std::unique_ptr<WritableFile>> OpenForWriting(const std::string& path, int flags) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0666);
  if (fd < 0) return IoError("open", path, errno);
  return std::unique_ptr<WritableFile>(new LocalWritableFile(path, fd));
}

std::string StripTrailingSlashes(const std::string& path) {
  size_t end = path.size();
  while (end > 1 && path[end - 1] == '/') --end;
  return path.substr(0, end);
}

absl::Status CreateDirAndParents(const std::string& dir) {
  if (dir.empty() || dir == "/") return absl::OkStatus();
  if (mkdir(dir.c_str(), 0777) == 0) return absl::OkStatus();
  int err = errno;
  if (err == ENOENT) {
    RETURN_IF_ERROR(CreateDirAndParents(std::string(Dirname(dir))));
    if (mkdir(dir.c_str(), 0777) == 0) return absl::OkStatus();
    err = errno;
  }
  if (err == EEXIST) {
    struct stat st;
    if (stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return absl::OkStatus();
    return errors::FailedPrecondition("create directory ", dir, ": a file of that name exists");
  }
  return IoError("create directory", dir, err);
}

}  // namespace

FileSystem* LocalFileSystem::Default() {
  static LocalFileSystem* const fs = new LocalFileSystem;
  return fs;
}

absl::StatusOr<std::unique_ptr<SequentialFile>> LocalFileSystem::NewSequentialFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(const int fd, OpenForReading(path));
  return std::unique_ptr<SequentialFile>(new LocalSequentialFile(path, fd));
}

absl::StatusOr<std::unique_ptr<RandomAccessFile>> LocalFileSystem::NewRandomAccessFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(const int fd, OpenForReading(path));
  return std::unique_ptr<RandomAccessFile>(new LocalRandomAccessFile(path, fd));
}

absl::StatusOr<std::unique_ptr<WritableFile>> LocalFileSystem::NewWritableFile(
    const std::string& path) {
  return OpenForWriting(path, O_TRUNC);
}

absl::StatusOr<std::unique_ptr<WritableFile>> LocalFileSystem::NewAppendableFile(
    const std::string& path) {
  return OpenForWriting(path, O_APPEND);
}

absl::Status LocalFileSystem::FileExists(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return IoError("stat", path, errno);
  return absl::OkStatus();
}

absl::Status LocalFileSystem::IsDirectory(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return IoError("stat", path, errno);
  if (!S_ISDIR(st.st_mode)) return errors::FailedPrecondition(path, " is not a directory");
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> LocalFileSystem::GetFileSize(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return IoError("stat", path, errno);
  if (S_ISDIR(st.st_mode)) return errors::FailedPrecondition(path, " is a directory, not a file");
  return static_cast<uint64_t>(st.st_size);
}

absl::StatusOr<std::vector<std::string>> LocalFileSystem::GetChildren(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return IoError("list directory", dir, errno);
  std::vector<std::string> children;
  while (true) {
    errno = 0;
    const struct dirent* entry = readdir(d);
    if (entry == nullptr) break;
    const char* name = entry->d_name;
    if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
    children.emplace_back(name);
  }
  const int err = errno;
  closedir(d);
  if (err != 0) return IoError("list directory", dir, err);
  std::sort(children.begin(), children.end());
  return children;
}

absl::Status LocalFileSystem::RecursivelyCreateDir(const std::string& dir) {
  return CreateDirAndParents(StripTrailingSlashes(dir));
}

absl::Status LocalFileSystem::DeleteFile(const std::string& path) {
  if (unlink(path.c_str()) != 0) return IoError("delete", path, errno);
  return absl::OkStatus();
}

absl::Status LocalFileSystem::DeleteRecursively(const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return IoError("stat", path, errno);
  if (!S_ISDIR(st.st_mode)) return DeleteFile(path);
  ASSIGN_OR_RETURN(const std::vector<std::string> children, GetChildren(path));
  for (const std::string& child : children) {
    RETURN_IF_ERROR(DeleteRecursively(JoinPath(path, child)));
  }
  if (rmdir(path.c_str()) != 0) return IoError("delete directory", path, errno);
  return absl::OkStatus();
}

absl::Status LocalFileSystem::RenameFile(const std::string& src, const std::string& dst) {
  if (rename(src.c_str(), dst.c_str()) != 0) {
    return IoError("rename", absl::StrCat(src, " to ", dst), errno);
  }
  return absl::OkStatus();
}

}  // namespace io
}  // namespace rill
