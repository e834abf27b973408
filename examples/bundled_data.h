// BundledDataPath: where a data file bundled with the examples (examples/data) is, whether
// the program runs under `bazel run`, from bazel-bin, or from a test.
#ifndef RILL_EXAMPLES_BUNDLED_DATA_H_
#define RILL_EXAMPLES_BUNDLED_DATA_H_

#include <cstdlib>
#include <fstream>
#include <string>

namespace rill {
namespace examples {

// BundledDataPath returns `relative` ("examples/data/brown.txt.gz") when it exists from the
// current directory (the runfiles tree, where `bazel run` and tests start), else the copy
// in the runfiles tree Bazel names in RUNFILES_DIR (a test that changed directory), else
// the one in the runfiles beside the program `argv0` (run straight from bazel-bin).
inline std::string BundledDataPath(const std::string& argv0, const std::string& relative) {
  if (std::ifstream(relative).good()) return relative;
  if (const char* runfiles = std::getenv("RUNFILES_DIR")) {
    const std::string path = std::string(runfiles) + "/rill/" + relative;
    if (std::ifstream(path).good()) return path;
  }
  return argv0 + ".runfiles/rill/" + relative;
}

}  // namespace examples
}  // namespace rill

#endif  // RILL_EXAMPLES_BUNDLED_DATA_H_
