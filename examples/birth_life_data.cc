// Reading birth_life_2010.txt line by line, with errors that name the file and line.
#include "examples/birth_life_data.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/framework/errors.h"
#include "examples/bundled_data.h"

namespace rill {
namespace examples {
namespace {

constexpr char kBundledPath[] = "examples/data/birth_life_2010.txt";

// ParseNumber parses all of `text` as a finite double.
bool ParseNumber(absl::string_view text, double* value) {
  const std::string copy(text);
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size() && errno == 0;
}

}  // namespace

absl::StatusOr<BirthLifeData> ReadBirthLifeData(const std::string& path) {
  std::ifstream file(path);
  if (!file) return errors::NotFound("Cannot open data file ", path);
  BirthLifeData data;
  std::string line;
  int line_number = 0;
  while (std::getline(file, line)) {
    ++line_number;
    if (line_number == 1) continue;  // The header.
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    double birth = 0;
    double life = 0;
    if (fields.size() != 3 || !ParseNumber(fields[1], &birth) || !ParseNumber(fields[2], &life)) {
      return errors::InvalidArgument(path, ":", line_number,
                                     ": expected \"country<TAB>birth rate<TAB>life expectancy\", "
                                     "got \"",
                                     line, "\"");
    }
    data.births.push_back(static_cast<float>(birth));
    data.lifes.push_back(static_cast<float>(life));
  }
  if (file.bad()) return errors::DataLoss("Error reading data file ", path);
  if (data.births.empty()) {
    return errors::InvalidArgument("Data file ", path, " holds no samples (",
                                   line_number == 0 ? "it is empty" : "only a header", ")");
  }
  return data;
}

std::string DefaultBirthLifeDataPath(const std::string& argv0) {
  return BundledDataPath(argv0, kBundledPath);
}

}  // namespace examples
}  // namespace rill
