// checkpoints: inspects a V2 checkpoint (TensorFlow's inspect_checkpoint). Reads every
// tensor, verifying its checksum, and prints one line per tensor, sorted by name:
//   w (DT_FLOAT) [2,3]: [[1 2 3] [4 5 6]]
// then "N tensors, checksums verified".
//
//   checkpoints PREFIX [--tensor=NAME] [--max=N]
//
// PREFIX names the checkpoint ("/tmp/model/model.ckpt-1000"; a trailing ".index" is
// dropped). Exit status: 0 when every tensor checks out, 1 when the checkpoint is missing or
// corrupt (the message names the file and tensor), 2 for a usage error. Relative paths
// resolve against the directory `bazel run` was started from.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/framework/tensor.h"
#include "core/io/file_system_registry.h"
#include "core/io/path.h"
#include "core/io/tensor_bundle/tensor_bundle.h"
#include "core/protos/types.pb.h"

namespace rill {
namespace {

constexpr char kUsage[] =
    "usage: checkpoints PREFIX [--tensor=NAME] [--max=N]\n"
    "  Reads every tensor of the V2 checkpoint PREFIX, verifying its checksum, and prints\n"
    "  \"name (dtype) [shape]: values\" for each.\n"
    "  --tensor=NAME  print only tensor NAME, with all its values\n"
    "  --max=N        values printed per tensor (default 6)\n";

struct Args {
  std::string prefix;
  std::optional<std::string> tensor;
  int64_t max_values = 6;
};

// ParseArgs fills `args` from the command line, or returns a message for a usage error.
std::optional<std::string> ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (absl::StartsWith(arg, "--tensor=")) {
      args->tensor = std::string(arg.substr(sizeof("--tensor=") - 1));
    } else if (absl::StartsWith(arg, "--max=")) {
      if (!absl::SimpleAtoi(arg.substr(sizeof("--max=") - 1), &args->max_values) ||
          args->max_values < 0) {
        return absl::StrCat("--max wants a count, got \"", arg, "\"");
      }
    } else if (absl::StartsWith(arg, "-")) {
      return absl::StrCat("unknown flag ", arg);
    } else if (args->prefix.empty()) {
      args->prefix = std::string(arg);
    } else {
      return absl::StrCat("more than one PREFIX: ", args->prefix, " and ", arg);
    }
  }
  if (args->prefix.empty()) return std::string("no PREFIX given");
  if (absl::EndsWith(args->prefix, ".index")) {
    args->prefix.resize(args->prefix.size() - sizeof(".index") + 1);
  }
  args->prefix = io::ResolveUserPath(args->prefix);
  return std::nullopt;
}

// Line is "name (DT_FLOAT) [2,3]: values".
std::string Line(const std::string& key, const tensorflow::BundleEntryProto& entry,
                 const Tensor& value, int64_t max_values) {
  return absl::StrCat(key, " (", tensorflow::DataType_Name(entry.dtype()), ") ",
                      value.shape().DebugString(), ": ", value.SummarizeValue(max_values));
}

int Run(const Args& args) {
  auto fail = [](const absl::Status& status) {
    std::fprintf(stderr, "checkpoints: %s\n", std::string(status.message()).c_str());
    return 1;
  };
  absl::StatusOr<io::FileSystem*> fs = io::FileSystemForPath(args.prefix);
  if (!fs.ok()) return fail(fs.status());
  absl::StatusOr<std::unique_ptr<io::BundleReader>> reader =
      io::BundleReader::Open(*fs, args.prefix);
  if (!reader.ok()) return fail(reader.status());
  if (args.tensor.has_value()) {
    absl::StatusOr<tensorflow::BundleEntryProto> entry = (*reader)->GetEntry(*args.tensor);
    if (!entry.ok()) return fail(entry.status());
    absl::StatusOr<Tensor> value = (*reader)->Lookup(*args.tensor);
    if (!value.ok()) return fail(value.status());
    std::printf("%s\n", Line(*args.tensor, *entry, *value, value->NumElements()).c_str());
    return 0;
  }
  auto entries = (*reader)->ListEntries();
  if (!entries.ok()) return fail(entries.status());
  int failures = 0;
  for (const auto& [key, entry] : *entries) {
    absl::StatusOr<Tensor> value = (*reader)->Lookup(key);
    if (!value.ok()) {
      ++failures;
      std::printf("%s (%s): %s\n", key.c_str(), tensorflow::DataType_Name(entry.dtype()).c_str(),
                  std::string(value.status().message()).c_str());
      continue;
    }
    std::printf("%s\n", Line(key, entry, *value, args.max_values).c_str());
  }
  if (failures > 0) {
    std::fprintf(stderr, "checkpoints: %d of %zu tensors are corrupted\n", failures,
                 entries->size());
    return 1;
  }
  std::printf("%zu tensors, checksums verified\n", entries->size());
  return 0;
}

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  rill::Args args;
  if (const std::optional<std::string> error = rill::ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr, "checkpoints: %s\n%s", error->c_str(), rill::kUsage);
    return 2;
  }
  return rill::Run(args);
}
