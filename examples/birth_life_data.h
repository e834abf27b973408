// The lecture's data set: birth rate and life expectancy per country (birth_life_2010.txt,
// tab-separated with one header line), read as the lecture's utils.read_birth_life_data does.
#ifndef RILL_EXAMPLES_BIRTH_LIFE_DATA_H_
#define RILL_EXAMPLES_BIRTH_LIFE_DATA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rill {
namespace examples {

// BirthLifeData holds the samples in file order: births[i] (X) and lifes[i] (Y).
struct BirthLifeData {
  std::vector<float> births;
  std::vector<float> lifes;
};

// ReadBirthLifeData reads `path`: a header line, then one "country<TAB>birth<TAB>life" line
// per sample. Numbers are parsed as double and rounded to float32, as NumPy does for the
// lecture. Errors: NotFound for a missing file, InvalidArgument naming the file and line for
// a malformed line, and for a file with no samples.
absl::StatusOr<BirthLifeData> ReadBirthLifeData(const std::string& path);

// DefaultBirthLifeDataPath is the copy bundled with the examples (examples/data), found in
// the program's runfiles whether it runs under `bazel run` or directly from bazel-bin;
// `argv0` is the program's argv[0].
std::string DefaultBirthLifeDataPath(const std::string& argv0);

}  // namespace examples
}  // namespace rill

#endif  // RILL_EXAMPLES_BIRTH_LIFE_DATA_H_
