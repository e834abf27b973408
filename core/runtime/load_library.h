// LoadLibrary: loads an op/kernel plugin (a shared object built by rill_op_library) into the
// running process and reports the ops it added.
#ifndef RILL_CORE_RUNTIME_LOAD_LIBRARY_H_
#define RILL_CORE_RUNTIME_LOAD_LIBRARY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/protos/op_def.pb.h"

namespace rill {

// LoadedLibrary describes a plugin loaded by LoadLibrary.
struct LoadedLibrary {
  std::string path;             // As passed to the LoadLibrary call that loaded it.
  void* handle = nullptr;       // From dlopen; the library stays loaded for the process.
  tensorflow::OpList op_list;   // The ops it registered, in registration order.
  std::vector<std::string> kernel_names;  // The kernels it registered, described.
  std::vector<std::string> gradient_op_types;  // The op types it registered gradients for.
};

// LoadLibrary dlopens the shared object at `path` (RTLD_NOW | RTLD_GLOBAL) while the op,
// kernel and gradient registries capture what its static initializers register, and
// returns them; the three are committed together or not at all.
// The plugin must link only the core's headers (rill_op_library does this): the core's
// symbols come from this program, which must be linked with -rdynamic (depending on
// //core/runtime:load_library arranges it).
//
// Errors leave the process running: NotFound naming `path` and the loader's message when
// it cannot be loaded; InvalidArgument when it registers no ops, kernels or gradients; the registry's
// error (AlreadyExists naming the op for a duplicate) with the path appended. Loading a
// library again, by any path, returns the first load's result (or error) and registers
// nothing twice. Thread-safe: loads are serialized.
absl::StatusOr<LoadedLibrary> LoadLibrary(const std::string& path);

}  // namespace rill

#endif  // RILL_CORE_RUNTIME_LOAD_LIBRARY_H_
