// FileSystemForPath: which FileSystem serves a path, by its scheme ("ram://..." for a file
// system a test registered, the local disk for a plain path), so that code handed only a
// path (checkpoint kernels, the Saver, tools) reaches the file system the caller meant.
#ifndef RILL_CORE_IO_FILE_SYSTEM_REGISTRY_H_
#define RILL_CORE_IO_FILE_SYSTEM_REGISTRY_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/io/file_system.h"

namespace rill {
namespace io {

// Scheme returns the scheme of `path`: the letters, digits, '+', '-' and '.' before "://"
// (starting with a letter), or "" for a path without one. Scheme("ram://a/b") == "ram".
absl::string_view Scheme(absl::string_view path);

// FileSystemForPath returns the file system registered for `path`'s scheme, or
// LocalFileSystem::Default() when the path has none. Unimplemented naming the scheme when
// none is registered for it. The paths passed to the file system keep their scheme.
// Thread-safe.
absl::StatusOr<FileSystem*> FileSystemForPath(absl::string_view path);

// RegisterFileSystem makes `fs` (not owned; it must stay alive until unregistered) serve
// every path "<scheme>://...". AlreadyExists when the scheme is taken, InvalidArgument when
// it is not a valid scheme. Thread-safe.
absl::Status RegisterFileSystem(const std::string& scheme, FileSystem* fs);

// UnregisterFileSystem removes the file system of `scheme`, if any.
void UnregisterFileSystem(const std::string& scheme);

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_FILE_SYSTEM_REGISTRY_H_
