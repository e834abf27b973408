// The command line shared by the linear regression examples and the graph they write for
// TensorBoard.
#include "examples/linear_regression_flags.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/path.h"
#include "examples/birth_life_data.h"
#include "train/summary/file_writer.h"

namespace rill {
namespace examples {

absl::StatusOr<LinearRegressionFlags> ParseLinearRegressionFlags(
    int argc, char** argv, const std::vector<std::string>& modes) {
  LinearRegressionFlags flags;
  flags.data = DefaultBirthLifeDataPath(argv[0]);
  flags.mode = modes.front();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    bool ok = true;
    if (absl::StartsWith(arg, "--data=")) {
      flags.data = io::ResolveUserPath(arg.substr(7));
    } else if (absl::StartsWith(arg, "--logdir=")) {
      flags.logdir = io::ResolveUserPath(arg.substr(9));
    } else if (absl::StartsWith(arg, "--epochs=")) {
      ok = absl::SimpleAtoi(arg.substr(9), &flags.epochs) && flags.epochs >= 0;
    } else if (absl::StartsWith(arg, "--mode=")) {
      flags.mode = arg.substr(7);
      ok = std::find(modes.begin(), modes.end(), flags.mode) != modes.end();
    } else {
      ok = false;
    }
    if (!ok) {
      return errors::InvalidArgument(
          "usage: ", io::Basename(argv[0]),
          " [--data=FILE] [--epochs=N] [--mode=", absl::StrJoin(modes, "|"), "] [--logdir=DIR]\n",
          "  bad argument: ", arg);
    }
  }
  return flags;
}

absl::Status WriteGraph(const std::string& logdir, const Scope& root) {
  if (logdir.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto writer, summary::FileWriter::Create(logdir, root.graph()));
  RETURN_IF_ERROR(writer->Close());
  std::cout << "Graph written to " << writer->filename() << "\n";
  return absl::OkStatus();
}

}  // namespace examples
}  // namespace rill
