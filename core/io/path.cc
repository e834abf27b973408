// Path string helpers and glob matching (see path.h).
#include "core/io/path.h"

#include <cstdlib>

namespace rill {
namespace io {
namespace internal {

std::string JoinPathImpl(std::initializer_list<absl::string_view> parts) {
  std::string result;
  for (absl::string_view part : parts) {
    if (part.empty()) continue;
    if (result.empty()) {
      result.assign(part.data(), part.size());
      continue;
    }
    const bool ends_with_slash = result.back() == '/';
    const bool starts_with_slash = part.front() == '/';
    if (ends_with_slash && starts_with_slash) {
      part.remove_prefix(1);
    } else if (!ends_with_slash && !starts_with_slash) {
      result.push_back('/');
    }
    result.append(part.data(), part.size());
  }
  return result;
}

}  // namespace internal

absl::string_view Dirname(absl::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == absl::string_view::npos) return absl::string_view();
  if (slash == 0) return path.substr(0, 1);
  return path.substr(0, slash);
}

absl::string_view Basename(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

bool HasGlobChars(absl::string_view pattern) {
  return pattern.find_first_of("*?") != absl::string_view::npos;
}

bool GlobMatch(absl::string_view pattern, absl::string_view name) {
  // Greedy matching with one backtrack point: the latest '*' and the name position it was
  // last tried against. A later '*' can absorb whatever an earlier one could, and neither
  // crosses a '/', so one point suffices.
  size_t p = 0, n = 0;
  size_t star = absl::string_view::npos, star_name = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_name = n;
    } else if (p < pattern.size() &&
               (pattern[p] == name[n] || (pattern[p] == '?' && name[n] != '/'))) {
      ++p;
      ++n;
    } else if (star != absl::string_view::npos && name[star_name] != '/') {
      p = star + 1;
      n = ++star_name;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string ResolveUserPath(const std::string& path) {
  const char* working_dir = std::getenv("BUILD_WORKING_DIRECTORY");
  if (IsAbsolutePath(path) || working_dir == nullptr) return path;
  return JoinPath(working_dir, path);
}

}  // namespace io
}  // namespace rill
