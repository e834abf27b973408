// The scheme -> FileSystem registry behind FileSystemForPath.
#include "core/io/file_system_registry.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/errors.h"
#include "core/io/local_file_system.h"

namespace rill {
namespace io {
namespace {

struct Registry {
  absl::Mutex mu;
  absl::flat_hash_map<std::string, FileSystem*> file_systems ABSL_GUARDED_BY(mu);
};

Registry& GlobalRegistry() {
  static Registry* const registry = new Registry;
  return *registry;
}

bool IsValidScheme(absl::string_view scheme) {
  if (scheme.empty() || !absl::ascii_isalpha(scheme[0])) return false;
  for (char c : scheme) {
    if (!absl::ascii_isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

absl::string_view Scheme(absl::string_view path) {
  const size_t end = path.find("://");
  if (end == absl::string_view::npos) return "";
  const absl::string_view scheme = path.substr(0, end);
  return IsValidScheme(scheme) ? scheme : "";
}

absl::StatusOr<FileSystem*> FileSystemForPath(absl::string_view path) {
  const absl::string_view scheme = Scheme(path);
  if (scheme.empty()) return LocalFileSystem::Default();
  Registry& registry = GlobalRegistry();
  absl::MutexLock lock(&registry.mu);
  const auto it = registry.file_systems.find(scheme);
  if (it == registry.file_systems.end()) {
    return errors::Unimplemented("No file system is registered for the scheme '", scheme,
                                 "' of ", path);
  }
  return it->second;
}

absl::Status RegisterFileSystem(const std::string& scheme, FileSystem* fs) {
  if (!IsValidScheme(scheme)) {
    return errors::InvalidArgument("'", scheme, "' is not a valid file system scheme");
  }
  Registry& registry = GlobalRegistry();
  absl::MutexLock lock(&registry.mu);
  if (!registry.file_systems.emplace(scheme, fs).second) {
    return errors::AlreadyExists("A file system is already registered for the scheme '", scheme,
                                 "'");
  }
  return absl::OkStatus();
}

void UnregisterFileSystem(const std::string& scheme) {
  Registry& registry = GlobalRegistry();
  absl::MutexLock lock(&registry.mu);
  registry.file_systems.erase(scheme);
}

}  // namespace io
}  // namespace rill
