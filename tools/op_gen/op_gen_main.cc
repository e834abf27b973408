// op_gen: loads an op library's plugin and writes C++ builders for exactly the ops it
// registers. rill_op_library (tools/build_defs.bzl) runs it; see GenerateOpBuilders.
//
//   op_gen --plugin=path/libmath_ops.so --header_out=math_ops.h --source_out=math_ops.cc
//          --header_path=ops/math/math_ops.h --label=//ops/math:math_ops
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/runtime/load_library.h"
#include "tools/op_gen/op_gen.h"

namespace rill {
namespace op_gen {
namespace {

constexpr absl::string_view kFlags[] = {"plugin", "header_out", "source_out", "header_path",
                                        "label"};

absl::Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  file.close();
  if (!file) return errors::Internal("Cannot write ", path);
  return absl::OkStatus();
}

absl::Status Main(int argc, char** argv) {
  absl::flat_hash_map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    bool known = false;
    for (absl::string_view flag : kFlags) {
      const std::string prefix = absl::StrCat("--", flag, "=");
      if (absl::StartsWith(arg, prefix)) {
        flags[flag] = std::string(arg.substr(prefix.size()));
        known = true;
      }
    }
    if (!known) return errors::InvalidArgument("Unknown argument '", arg, "'");
  }
  for (absl::string_view flag : kFlags) {
    if (!flags.contains(flag)) return errors::InvalidArgument("Missing --", flag, "=...");
  }
  // The plugin holds only the library's own sources, so what it registers is exactly the
  // library's ops; the op libraries it depends on are linked into this binary.
  ASSIGN_OR_RETURN(LoadedLibrary library, LoadLibrary(flags["plugin"]));
  OpGenOptions options;
  options.header_path = flags["header_path"];
  options.library_label = flags["label"];
  ASSIGN_OR_RETURN(GeneratedCode code, GenerateOpBuilders(library.op_list, options));
  RETURN_IF_ERROR(WriteFile(flags["header_out"], code.header));
  return WriteFile(flags["source_out"], code.source);
}

}  // namespace
}  // namespace op_gen
}  // namespace rill

int main(int argc, char** argv) {
  const absl::Status status = rill::op_gen::Main(argc, argv);
  if (!status.ok()) {
    std::fprintf(stderr, "op_gen: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
