// LoadLibrary: dlopen inside the op and kernel registries' capture mode, with a per-process
// record of every library loaded so that a second load returns the first result.
#include "core/runtime/load_library.h"

#include <dlfcn.h>

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/client/gradient_registry.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_registry.h"

namespace rill {
namespace {

// LoadedLibraries remembers the outcome of every library dlopen'ed by LoadLibrary, keyed by
// dlopen handle (the same for every path to one file). Its mutex serializes loads.
struct LoadedLibraries {
  absl::Mutex mu;
  absl::flat_hash_map<void*, absl::StatusOr<LoadedLibrary>> by_handle ABSL_GUARDED_BY(mu);
};

LoadedLibraries& Loaded() {
  static LoadedLibraries* const loaded = new LoadedLibraries;
  return *loaded;
}

absl::Status CannotLoad(const std::string& path, const char* loader_error) {
  const std::string message = loader_error != nullptr ? loader_error : "unknown dlopen error";
  return errors::NotFound(
      "Cannot load library ", path, ": ", message,
      absl::StrContains(message, "undefined symbol")
          ? ". A plugin takes the core's symbols from the program that loads it: build the "
            "plugin with rill_op_library, and link the program with "
            "//core/runtime:load_library (alwayslink core, -rdynamic)"
          : "");
}

// LibraryFromCaptures turns what the registries captured while `path` was dlopen'ed into a
// LoadedLibrary, or into the first registration error.
absl::StatusOr<LoadedLibrary> LibraryFromCaptures(const std::string& path, void* handle,
                                                   const OpRegistry::Captured& ops,
                                                   const KernelRegistry::Captured& kernels,
                                                   const GradientRegistry::Captured& gradients) {
  if (!ops.status.ok()) {
    return errors::AppendToMessage(ops.status, " (while loading library ", path, ")");
  }
  if (!kernels.status.ok()) {
    return errors::AppendToMessage(kernels.status, " (while loading library ", path, ")");
  }
  if (!gradients.status.ok()) {
    return errors::AppendToMessage(gradients.status, " (while loading library ", path, ")");
  }
  if (ops.names.empty() && kernels.names.empty() && gradients.op_types.empty()) {
    return errors::InvalidArgument("Library ", path, " registers no ops, kernels or gradients");
  }
  LoadedLibrary library;
  library.path = path;
  library.handle = handle;
  library.kernel_names = kernels.names;
  library.gradient_op_types = gradients.op_types;
  for (const std::string& name : ops.names) {
    absl::StatusOr<const tensorflow::OpDef*> op_def =
        OpRegistry::Global()->LookUpOpDef(name);
    if (!op_def.ok()) return op_def.status();
    *library.op_list.add_op() = **op_def;
  }
  return library;
}

}  // namespace

absl::StatusOr<LoadedLibrary> LoadLibrary(const std::string& path) {
  LoadedLibraries& loaded = Loaded();
  absl::MutexLock lock(&loaded.mu);

  if (void* existing = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD)) {
    dlclose(existing);  // Balances the reference RTLD_NOLOAD took.
    auto it = loaded.by_handle.find(existing);
    if (it != loaded.by_handle.end()) return it->second;
    return errors::AlreadyExists("Library ", path,
                                 " is already part of this process (linked in, or dlopen'ed "
                                 "directly), so its registrations ran without LoadLibrary");
  }

  OpRegistry::Global()->BeginCapture();
  KernelRegistry::Global()->BeginCapture();
  GradientRegistry::Global()->BeginCapture();
  dlerror();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  const char* loader_error = handle == nullptr ? dlerror() : nullptr;
  // Ops, kernels and gradients of one library are committed together or not at all.
  const bool commit = handle != nullptr &&
                      OpRegistry::Global()->PendingCaptureStatus().ok() &&
                      KernelRegistry::Global()->PendingCaptureStatus().ok() &&
                      GradientRegistry::Global()->PendingCaptureStatus().ok();
  const OpRegistry::Captured ops = OpRegistry::Global()->EndCapture(commit);
  const KernelRegistry::Captured kernels = KernelRegistry::Global()->EndCapture(commit);
  const GradientRegistry::Captured gradients = GradientRegistry::Global()->EndCapture(commit);
  if (handle == nullptr) return CannotLoad(path, loader_error);

  // The library stays loaded whatever the outcome: registrations that were committed may
  // point into it, and reloading would not run its initializers again.
  absl::StatusOr<LoadedLibrary> result = LibraryFromCaptures(path, handle, ops, kernels, gradients);
  loaded.by_handle.emplace(handle, result);
  return result;
}

}  // namespace rill
