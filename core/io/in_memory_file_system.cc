// InMemoryFileSystem: a map from normalized path to shared file bytes and a set of
// directories under one mutex; each file's bytes have their own mutex for open handles.
#include "core/io/in_memory_file_system.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/path.h"

namespace rill {
namespace io {

class InMemoryFile {
 public:
  // Read copies up to `n` bytes at `offset` into `scratch` and returns how many.
  size_t Read(uint64_t offset, size_t n, char* scratch) const {
    absl::ReaderMutexLock lock(&mu_);
    if (offset >= data_.size()) return 0;
    const size_t got = std::min<uint64_t>(n, data_.size() - offset);
    std::memcpy(scratch, data_.data() + offset, got);
    return got;
  }

  uint64_t Size() const {
    absl::ReaderMutexLock lock(&mu_);
    return data_.size();
  }

  void Append(absl::string_view data) {
    absl::MutexLock lock(&mu_);
    data_.append(data.data(), data.size());
  }

  void Truncate() {
    absl::MutexLock lock(&mu_);
    data_.clear();
  }

 private:
  mutable absl::Mutex mu_;
  std::string data_ ABSL_GUARDED_BY(mu_);
};

namespace {

// Normalize drops repeated and trailing slashes and maps "." to "" (the working directory).
std::string Normalize(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out == ".") out.clear();
  return out;
}

bool IsRoot(const std::string& path) { return path.empty() || path == "/"; }

// ChildPrefix is what every path directly or indirectly inside directory `dir` starts with.
std::string ChildPrefix(const std::string& dir) { return IsRoot(dir) ? dir : dir + "/"; }

// IsUnder says whether `path` lies (at any depth) inside the directory with ChildPrefix
// `prefix`.
bool IsUnder(absl::string_view path, absl::string_view prefix) {
  if (prefix.empty()) return !path.empty() && !IsAbsolutePath(path);
  return path.size() > prefix.size() && absl::StartsWith(path, prefix);
}

// KeyOf returns the path of an element of files_ or of dirs_.
const std::string& KeyOf(const std::string& path) { return path; }
template <typename Entry>
const std::string& KeyOf(const Entry& entry) {
  return entry.first;
}

class InMemorySequentialFile : public SequentialFile {
 public:
  InMemorySequentialFile(std::string name, std::shared_ptr<InMemoryFile> file)
      : SequentialFile(std::move(name)), file_(std::move(file)) {}

  absl::Status Read(size_t n, absl::string_view* result, char* scratch) override {
    const size_t got = file_->Read(position_, n, scratch);
    position_ += got;
    *result = absl::string_view(scratch, got);
    if (got < n) return errors::OutOfRange("read ", name(), ": end of file at offset ", position_);
    return absl::OkStatus();
  }

  absl::Status Skip(uint64_t n) override {
    const uint64_t size = file_->Size();
    const uint64_t step = std::min<uint64_t>(n, size > position_ ? size - position_ : 0);
    position_ += step;
    if (step < n) return errors::OutOfRange("skip ", name(), ": end of file before ", n, " bytes");
    return absl::OkStatus();
  }

 private:
  const std::shared_ptr<InMemoryFile> file_;
  uint64_t position_ = 0;
};

class InMemoryRandomAccessFile : public RandomAccessFile {
 public:
  InMemoryRandomAccessFile(std::string name, std::shared_ptr<InMemoryFile> file)
      : RandomAccessFile(std::move(name)), file_(std::move(file)) {}

  absl::Status Read(uint64_t offset, size_t n, absl::string_view* result,
                    char* scratch) const override {
    const size_t got = file_->Read(offset, n, scratch);
    *result = absl::string_view(scratch, got);
    if (got < n) {
      return errors::OutOfRange("read ", name(), ": end of file at offset ", offset + got, " (", n,
                                " bytes asked at offset ", offset, ")");
    }
    return absl::OkStatus();
  }

 private:
  const std::shared_ptr<InMemoryFile> file_;
};

class InMemoryWritableFile : public WritableFile {
 public:
  InMemoryWritableFile(std::string name, std::shared_ptr<InMemoryFile> file)
      : WritableFile(std::move(name)), file_(std::move(file)) {}

  absl::Status Append(absl::string_view data) override {
    RETURN_IF_ERROR(CheckOpen());
    file_->Append(data);
    return absl::OkStatus();
  }
  absl::Status Flush() override { return CheckOpen(); }
  absl::Status Sync() override { return CheckOpen(); }
  absl::Status Close() override {
    RETURN_IF_ERROR(CheckOpen());
    closed_ = true;
    return absl::OkStatus();
  }

 private:
  absl::Status CheckOpen() const {
    if (closed_) return errors::FailedPrecondition("file ", name(), " is already closed");
    return absl::OkStatus();
  }

  const std::shared_ptr<InMemoryFile> file_;
  bool closed_ = false;
};

}  // namespace

bool InMemoryFileSystem::IsDirLocked(const std::string& path) const {
  return IsRoot(path) || dirs_.count(path) > 0;
}

absl::Status InMemoryFileSystem::CheckParentLocked(const std::string& path) const {
  const std::string parent(Dirname(path));
  if (IsDirLocked(parent)) return absl::OkStatus();
  if (files_.count(parent) > 0) {
    return errors::FailedPrecondition("cannot create ", path, ": ", parent,
                                      " is a file, not a directory");
  }
  return errors::NotFound("cannot create ", path, ": directory ", parent, " does not exist");
}

absl::StatusOr<std::shared_ptr<InMemoryFile>> InMemoryFileSystem::FindFile(
    const std::string& path) const {
  const std::string key = Normalize(path);
  absl::ReaderMutexLock lock(&mu_);
  auto it = files_.find(key);
  if (it != files_.end()) return it->second;
  if (IsDirLocked(key)) return errors::FailedPrecondition(path, " is a directory, not a file");
  return errors::NotFound("file not found: ", path);
}

absl::StatusOr<std::shared_ptr<InMemoryFile>> InMemoryFileSystem::OpenForWriting(
    const std::string& path, bool truncate) {
  const std::string key = Normalize(path);
  absl::MutexLock lock(&mu_);
  if (IsDirLocked(key)) return errors::FailedPrecondition(path, " is a directory, not a file");
  RETURN_IF_ERROR(CheckParentLocked(key));
  std::shared_ptr<InMemoryFile>& file = files_[key];
  if (file == nullptr) {
    file = std::make_shared<InMemoryFile>();
  } else if (truncate) {
    file->Truncate();
  }
  return file;
}

absl::StatusOr<std::unique_ptr<SequentialFile>> InMemoryFileSystem::NewSequentialFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::shared_ptr<InMemoryFile> file, FindFile(path));
  return std::unique_ptr<SequentialFile>(new InMemorySequentialFile(path, std::move(file)));
}

absl::StatusOr<std::unique_ptr<RandomAccessFile>> InMemoryFileSystem::NewRandomAccessFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::shared_ptr<InMemoryFile> file, FindFile(path));
  return std::unique_ptr<RandomAccessFile>(new InMemoryRandomAccessFile(path, std::move(file)));
}

absl::StatusOr<std::unique_ptr<WritableFile>> InMemoryFileSystem::NewWritableFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::shared_ptr<InMemoryFile> file, OpenForWriting(path, true));
  return std::unique_ptr<WritableFile>(new InMemoryWritableFile(path, std::move(file)));
}

absl::StatusOr<std::unique_ptr<WritableFile>> InMemoryFileSystem::NewAppendableFile(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::shared_ptr<InMemoryFile> file, OpenForWriting(path, false));
  return std::unique_ptr<WritableFile>(new InMemoryWritableFile(path, std::move(file)));
}

absl::Status InMemoryFileSystem::FileExists(const std::string& path) {
  const std::string key = Normalize(path);
  absl::ReaderMutexLock lock(&mu_);
  if (files_.count(key) > 0 || IsDirLocked(key)) return absl::OkStatus();
  return errors::NotFound("no such file or directory: ", path);
}

absl::Status InMemoryFileSystem::IsDirectory(const std::string& path) {
  const std::string key = Normalize(path);
  absl::ReaderMutexLock lock(&mu_);
  if (IsDirLocked(key)) return absl::OkStatus();
  if (files_.count(key) > 0) return errors::FailedPrecondition(path, " is not a directory");
  return errors::NotFound("no such file or directory: ", path);
}

absl::StatusOr<uint64_t> InMemoryFileSystem::GetFileSize(const std::string& path) {
  ASSIGN_OR_RETURN(std::shared_ptr<InMemoryFile> file, FindFile(path));
  return file->Size();
}

absl::StatusOr<std::vector<std::string>> InMemoryFileSystem::GetChildren(const std::string& dir) {
  const std::string key = Normalize(dir);
  absl::ReaderMutexLock lock(&mu_);
  if (!IsDirLocked(key)) {
    if (files_.count(key) > 0) return errors::FailedPrecondition(dir, " is not a directory");
    return errors::NotFound("no such directory: ", dir);
  }
  const std::string prefix = ChildPrefix(key);
  std::vector<std::string> children;
  auto add_direct_children = [&](const auto& paths) {
    for (auto it = paths.lower_bound(prefix); it != paths.end(); ++it) {
      const std::string& path = KeyOf(*it);
      if (!prefix.empty() && !absl::StartsWith(path, prefix)) break;
      if (!IsUnder(path, prefix)) continue;
      const absl::string_view rest = absl::string_view(path).substr(prefix.size());
      if (rest.find('/') == absl::string_view::npos) children.emplace_back(rest);
    }
  };
  add_direct_children(files_);
  add_direct_children(dirs_);
  std::sort(children.begin(), children.end());
  return children;
}

absl::Status InMemoryFileSystem::RecursivelyCreateDir(const std::string& dir) {
  const std::string key = Normalize(dir);
  absl::MutexLock lock(&mu_);
  std::vector<std::string> missing;
  for (std::string path = key; !IsDirLocked(path); path = std::string(Dirname(path))) {
    if (files_.count(path) > 0) {
      return errors::FailedPrecondition("create directory ", dir, ": ", path, " is a file");
    }
    missing.push_back(path);
  }
  dirs_.insert(missing.begin(), missing.end());
  return absl::OkStatus();
}

absl::Status InMemoryFileSystem::DeleteFile(const std::string& path) {
  const std::string key = Normalize(path);
  absl::MutexLock lock(&mu_);
  if (files_.erase(key) > 0) return absl::OkStatus();
  if (IsDirLocked(key)) return errors::FailedPrecondition("delete ", path, ": is a directory");
  return errors::NotFound("delete ", path, ": no such file");
}

absl::Status InMemoryFileSystem::DeleteRecursively(const std::string& path) {
  const std::string key = Normalize(path);
  absl::MutexLock lock(&mu_);
  if (files_.erase(key) > 0) return absl::OkStatus();
  if (!IsDirLocked(key)) return errors::NotFound("delete ", path, ": no such file or directory");
  const std::string prefix = ChildPrefix(key);
  for (auto it = files_.begin(); it != files_.end();) {
    it = IsUnder(it->first, prefix) ? files_.erase(it) : std::next(it);
  }
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    it = IsUnder(*it, prefix) ? dirs_.erase(it) : std::next(it);
  }
  dirs_.erase(key);
  return absl::OkStatus();
}

absl::Status InMemoryFileSystem::RenameFile(const std::string& src, const std::string& dst) {
  const std::string from = Normalize(src);
  const std::string to = Normalize(dst);
  absl::MutexLock lock(&mu_);
  if (from == to) {
    if (files_.count(from) > 0 || IsDirLocked(from)) return absl::OkStatus();
    return errors::NotFound("rename ", src, " to ", dst, ": no such file or directory");
  }
  if (IsDirLocked(to)) {
    return errors::FailedPrecondition("rename ", src, " to ", dst, ": ", dst, " is a directory");
  }
  RETURN_IF_ERROR(CheckParentLocked(to));
  auto file = files_.find(from);
  if (file != files_.end()) {
    files_[to] = std::move(file->second);
    files_.erase(from);
    return absl::OkStatus();
  }
  if (IsRoot(from) || !IsDirLocked(from)) {
    return errors::NotFound("rename ", src, " to ", dst, ": no such file or directory");
  }
  // A directory: move it and everything under it, unless that would put it inside itself.
  const std::string from_prefix = ChildPrefix(from);
  if (IsUnder(to, from_prefix)) {
    return errors::InvalidArgument("rename ", src, " to ", dst,
                                   ": a directory cannot move into itself");
  }
  if (files_.count(to) > 0) {
    return errors::FailedPrecondition("rename ", src, " to ", dst, ": ", dst, " is a file");
  }
  const std::string to_prefix = ChildPrefix(to);
  std::map<std::string, std::shared_ptr<InMemoryFile>> moved_files;
  for (auto it = files_.begin(); it != files_.end();) {
    if (IsUnder(it->first, from_prefix)) {
      moved_files[to_prefix + it->first.substr(from_prefix.size())] = std::move(it->second);
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  std::set<std::string> moved_dirs = {to};
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    if (IsUnder(*it, from_prefix)) {
      moved_dirs.insert(to_prefix + it->substr(from_prefix.size()));
      it = dirs_.erase(it);
    } else {
      ++it;
    }
  }
  dirs_.erase(from);
  files_.insert(moved_files.begin(), moved_files.end());
  dirs_.insert(moved_dirs.begin(), moved_dirs.end());
  return absl::OkStatus();
}

}  // namespace io
}  // namespace rill
