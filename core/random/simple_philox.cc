// SimplePhilox's rejection-sampled integers (TensorFlow's ExactUniformInt) and Skewed.
#include "core/random/simple_philox.h"

#include <limits>
#include <type_traits>

namespace rill {
namespace random {
namespace {

// ExactUniformInt returns a uniform value in [0, n) from `draw`'s uniform UInt words.
template <typename UInt, typename Draw>
UInt ExactUniformInt(UInt n, Draw draw) {
  static_assert(std::is_unsigned_v<UInt>);
  if (n == 0) return draw() * n;
  if ((n & (n - 1)) == 0) return draw() & (n - 1);
  // Rejecting [0, rem) leaves 2^bits - rem = n * floor((2^bits - 1) / n) values, an exact
  // multiple of n, so word % n is uniform.
  const UInt rem = std::numeric_limits<UInt>::max() % n + 1;
  UInt word;
  do {
    word = draw();
  } while (word < rem);
  return word % n;
}

}  // namespace

uint32_t SimplePhilox::Uniform(uint32_t n) {
  return ExactUniformInt<uint32_t>(n, [this] { return Rand32(); });
}

uint64_t SimplePhilox::Uniform64(uint64_t n) {
  return ExactUniformInt<uint64_t>(n, [this] { return Rand64(); });
}

uint32_t SimplePhilox::Skewed(int max_log) {
  const int shift = static_cast<int>(Rand32() % static_cast<uint32_t>(max_log + 1));
  const uint32_t mask = shift == 32 ? ~uint32_t{0} : (uint32_t{1} << shift) - 1;
  return Rand32() & mask;
}

}  // namespace random
}  // namespace rill
