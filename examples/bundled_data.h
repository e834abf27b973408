// BundledDataPath: where a data file bundled with the examples (examples/data) is, whether
// the program runs under `bazel run`, from bazel-bin, or from a test.
#ifndef RILL_EXAMPLES_BUNDLED_DATA_H_
#define RILL_EXAMPLES_BUNDLED_DATA_H_

#include <fstream>
#include <string>

namespace rill {
namespace examples {

// BundledDataPath returns `relative` ("examples/data/brown.txt.gz") when it exists from the
// current directory (the runfiles tree, where `bazel run` and tests start), otherwise the
// copy in the runfiles beside the program `argv0`.
inline std::string BundledDataPath(const std::string& argv0, const std::string& relative) {
  if (std::ifstream(relative).good()) return relative;
  return argv0 + ".runfiles/rill/" + relative;
}

}  // namespace examples
}  // namespace rill

#endif  // RILL_EXAMPLES_BUNDLED_DATA_H_
