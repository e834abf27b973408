// SimplePhilox: an imperative interface to a Philox stream (32/64-bit words, uniform floats,
// exact uniform integers), drawing words in TensorFlow's order for shuffles and sampling.
#ifndef RILL_CORE_RANDOM_SIMPLE_PHILOX_H_
#define RILL_CORE_RANDOM_SIMPLE_PHILOX_H_

#include <cstdint>

#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"

namespace rill {
namespace random {

// SimplePhilox draws from a borrowed PhiloxRandom one word at a time (through a
// SingleSampleAdapter, so four draws use one 128-bit sample). `gen` must outlive it and is
// advanced as words are needed. Not thread-safe.
class SimplePhilox {
 public:
  explicit SimplePhilox(PhiloxRandom* gen) : single_(gen) {}

  // Rand32 returns the next word.
  uint32_t Rand32() { return single_(); }

  // Rand64 returns two words, the first as the low half.
  uint64_t Rand64() {
    const uint32_t lo = single_();
    const uint32_t hi = single_();
    return lo | (static_cast<uint64_t>(hi) << 32);
  }

  // RandFloat returns a uniform float in [0, 1) from one word.
  float RandFloat() { return Uint32ToFloat(single_()); }

  // RandDouble returns a uniform double in [0, 1) from two words.
  double RandDouble() {
    const uint32_t x0 = single_();
    const uint32_t x1 = single_();
    return Uint64ToDouble(x0, x1);
  }

  // Uniform returns an exactly uniform integer in [0, n): the low bits of one word when n
  // is a power of two, otherwise word % n after rejecting words below (2^32 - 1) % n + 1.
  // Uniform(0) consumes a word and returns 0.
  uint32_t Uniform(uint32_t n);

  // Uniform64 is Uniform over 64-bit draws (Rand64).
  uint64_t Uniform64(uint64_t n);

  // OneIn is true with probability 1/n (Uniform(n) == 0).
  bool OneIn(uint32_t n) { return Uniform(n) == 0; }

  // Skewed picks a bit count b uniformly from [0, max_log] (Rand32() % (max_log + 1)) and
  // returns the low b bits of the next word: a number in [0, 2^max_log) biased towards
  // small values. REQUIRES: 0 <= max_log <= 32.
  uint32_t Skewed(int max_log);

 private:
  SingleSampleAdapter<PhiloxRandom> single_;
};

}  // namespace random
}  // namespace rill

#endif  // RILL_CORE_RANDOM_SIMPLE_PHILOX_H_
