// The command line shared by the linear regression examples (--data, --epochs, --mode,
// --logdir) and the graph they write for TensorBoard.
#ifndef RILL_EXAMPLES_LINEAR_REGRESSION_FLAGS_H_
#define RILL_EXAMPLES_LINEAR_REGRESSION_FLAGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/client/scope.h"

namespace rill {
namespace examples {

struct LinearRegressionFlags {
  std::string data;    // The birth/life data file (default: the bundled one).
  std::string logdir;  // Where the graph goes for TensorBoard; empty: nowhere.
  int epochs = 100;
  std::string mode;  // One of the program's modes (the first is the default).
};

// ParseLinearRegressionFlags reads argv[1..] (relative paths resolve against the directory
// the user ran the command from). `modes` lists the values --mode takes, the default first.
// InvalidArgument with a usage line naming the bad argument.
absl::StatusOr<LinearRegressionFlags> ParseLinearRegressionFlags(
    int argc, char** argv, const std::vector<std::string>& modes);

// WriteGraph writes `root`'s graph into an event file in `logdir` (nothing when empty)
// and says where.
absl::Status WriteGraph(const std::string& logdir, const Scope& root);

}  // namespace examples
}  // namespace rill

#endif  // RILL_EXAMPLES_LINEAR_REGRESSION_FLAGS_H_
