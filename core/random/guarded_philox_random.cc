// GuardedPhiloxRandom: seeding (nondeterministic when both seeds are 0) and reservation of
// blocks of the stream under a lock.
#include "core/random/guarded_philox_random.h"

#include <cstdio>
#include <cstdlib>
#include <random>

namespace rill {
namespace random {
namespace {

// New64 returns 64 bits from the operating system's entropy source.
uint64_t New64() {
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) | device();
}

}  // namespace

void GuardedPhiloxRandom::Init(int64_t seed, int64_t seed2) {
  if (seed == 0 && seed2 == 0) {
    seed = static_cast<int64_t>(New64());
    seed2 = static_cast<int64_t>(New64());
  }
  absl::MutexLock lock(&mu_);
  generator_ = PhiloxRandom(static_cast<uint64_t>(seed), static_cast<uint64_t>(seed2));
  initialized_ = true;
}

PhiloxRandom GuardedPhiloxRandom::ReserveSamples128(int64_t samples) {
  absl::MutexLock lock(&mu_);
  if (!initialized_) {
    std::fprintf(stderr, "GuardedPhiloxRandom::ReserveSamples128 called before Init\n");
    std::abort();
  }
  const PhiloxRandom reserved = generator_;
  generator_.Skip(static_cast<uint64_t>(samples));
  return reserved;
}

}  // namespace random
}  // namespace rill
