// FaultInjectingFileSystem: file wrappers that cut reads at an offset or fail writes past a
// byte budget, and a RenameFile that can "crash".
#include "core/io/fault_injecting_file_system.h"

#include <algorithm>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace io {
namespace {

class ShortSequentialFile : public SequentialFile {
 public:
  ShortSequentialFile(std::unique_ptr<SequentialFile> base, uint64_t end)
      : SequentialFile(base->name()), base_(std::move(base)), end_(end) {}

  absl::Status Read(size_t n, absl::string_view* result, char* scratch) override {
    const size_t allowed = std::min<uint64_t>(n, end_ > position_ ? end_ - position_ : 0);
    absl::Status status = base_->Read(allowed, result, scratch);
    position_ += result->size();
    if (!status.ok() || allowed == n) return status;
    return errors::OutOfRange("read ", name(), ": injected end of file at offset ", end_);
  }

  absl::Status Skip(uint64_t n) override {
    const uint64_t allowed = std::min<uint64_t>(n, end_ > position_ ? end_ - position_ : 0);
    const absl::Status status = base_->Skip(allowed);
    if (!status.ok()) return status;
    position_ += allowed;
    if (allowed == n) return absl::OkStatus();
    return errors::OutOfRange("skip ", name(), ": injected end of file at offset ", end_);
  }

 private:
  const std::unique_ptr<SequentialFile> base_;
  const uint64_t end_;
  uint64_t position_ = 0;
};

class ShortRandomAccessFile : public RandomAccessFile {
 public:
  ShortRandomAccessFile(std::unique_ptr<RandomAccessFile> base, uint64_t end)
      : RandomAccessFile(base->name()), base_(std::move(base)), end_(end) {}

  absl::Status Read(uint64_t offset, size_t n, absl::string_view* result,
                    char* scratch) const override {
    const size_t allowed = std::min<uint64_t>(n, end_ > offset ? end_ - offset : 0);
    absl::Status status = base_->Read(offset, allowed, result, scratch);
    if (!status.ok() || allowed == n) return status;
    return errors::OutOfRange("read ", name(), ": injected end of file at offset ", end_, " (", n,
                              " bytes asked at offset ", offset, ")");
  }

 private:
  const std::unique_ptr<RandomAccessFile> base_;
  const uint64_t end_;
};

class FailingWritableFile : public WritableFile {
 public:
  FailingWritableFile(std::unique_ptr<WritableFile> base, uint64_t budget)
      : WritableFile(base->name()), base_(std::move(base)), budget_(budget) {}

  absl::Status Append(absl::string_view data) override {
    if (failed_) return Failure();
    if (data.size() <= budget_) {
      budget_ -= data.size();
      return base_->Append(data);
    }
    RETURN_IF_ERROR(base_->Append(data.substr(0, budget_)));
    budget_ = 0;
    failed_ = true;
    return Failure();
  }

  absl::Status Flush() override {
    RETURN_IF_ERROR(base_->Flush());
    return failed_ ? Failure() : absl::OkStatus();
  }

  absl::Status Sync() override {
    RETURN_IF_ERROR(base_->Sync());
    return failed_ ? Failure() : absl::OkStatus();
  }

  absl::Status Close() override {
    RETURN_IF_ERROR(base_->Close());
    return failed_ ? Failure() : absl::OkStatus();
  }

 private:
  absl::Status Failure() const {
    return errors::ResourceExhausted("write ", name(), ": injected failure, no space left");
  }

  const std::unique_ptr<WritableFile> base_;
  uint64_t budget_;
  bool failed_ = false;
};

}  // namespace

void FaultInjectingFileSystem::SetFaults(const Faults& faults) {
  absl::MutexLock lock(&mu_);
  faults_ = faults;
}

FaultInjectingFileSystem::Faults FaultInjectingFileSystem::faults() const {
  absl::MutexLock lock(&mu_);
  return faults_;
}

absl::StatusOr<std::unique_ptr<SequentialFile>> FaultInjectingFileSystem::NewSequentialFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> file, base_->NewSequentialFile(path));
  const std::optional<uint64_t> end = faults().short_read_at;
  if (!end.has_value()) return file;
  return std::unique_ptr<SequentialFile>(new ShortSequentialFile(std::move(file), *end));
}

absl::StatusOr<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::NewRandomAccessFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, base_->NewRandomAccessFile(path));
  const std::optional<uint64_t> end = faults().short_read_at;
  if (!end.has_value()) return file;
  return std::unique_ptr<RandomAccessFile>(new ShortRandomAccessFile(std::move(file), *end));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::WrapWritable(
    absl::StatusOr<std::unique_ptr<WritableFile>> file) {
  RETURN_IF_ERROR(file);
  const std::optional<uint64_t> budget = faults().fail_writes_after;
  if (!budget.has_value()) return file;
  return std::unique_ptr<WritableFile>(new FailingWritableFile(std::move(*file), *budget));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::NewWritableFile(
    const std::string& path) {
  return WrapWritable(base_->NewWritableFile(path));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::NewAppendableFile(
    const std::string& path) {
  return WrapWritable(base_->NewAppendableFile(path));
}

absl::Status FaultInjectingFileSystem::FileExists(const std::string& path) {
  return base_->FileExists(path);
}

absl::Status FaultInjectingFileSystem::IsDirectory(const std::string& path) {
  return base_->IsDirectory(path);
}

absl::StatusOr<uint64_t> FaultInjectingFileSystem::GetFileSize(const std::string& path) {
  ASSIGN_OR_RETURN(const uint64_t size, base_->GetFileSize(path));
  const std::optional<uint64_t> end = faults().short_read_at;
  return end.has_value() ? std::min(size, *end) : size;
}

absl::StatusOr<std::vector<std::string>> FaultInjectingFileSystem::GetChildren(
    const std::string& dir) {
  return base_->GetChildren(dir);
}

absl::StatusOr<std::vector<std::string>> FaultInjectingFileSystem::GetMatchingPaths(
    const std::string& pattern) {
  return base_->GetMatchingPaths(pattern);
}

absl::Status FaultInjectingFileSystem::RecursivelyCreateDir(const std::string& dir) {
  return base_->RecursivelyCreateDir(dir);
}

absl::Status FaultInjectingFileSystem::DeleteFile(const std::string& path) {
  return base_->DeleteFile(path);
}

absl::Status FaultInjectingFileSystem::DeleteRecursively(const std::string& path) {
  return base_->DeleteRecursively(path);
}

absl::Status FaultInjectingFileSystem::RenameFile(const std::string& src, const std::string& dst) {
  if (faults().crash_before_rename) {
    return errors::Aborted("rename ", src, " to ", dst,
                           ": injected crash before the rename happened");
  }
  return base_->RenameFile(src, dst);
}

}  // namespace io
}  // namespace rill
