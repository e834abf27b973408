// PhiloxRandom: the counter-based Philox4x32-10 generator (Salmon et al., SC'11) keyed and
// counted exactly as TensorFlow's, so that the same seeds give TensorFlow's random bits.
#ifndef RILL_CORE_RANDOM_PHILOX_RANDOM_H_
#define RILL_CORE_RANDOM_PHILOX_RANDOM_H_

#include <array>
#include <cstdint>

namespace rill {
namespace random {

// kReservedSamplesPerOutput is TensorFlow's stream budget per output element (256), used
// twice: a random kernel reserves output_count * kReservedSamplesPerOutput 128-bit samples
// per call (GuardedPhiloxRandom::ReserveRandomOutputs), and FillPhiloxRandom starts each
// output group of a variable-sample distribution group_size * kReservedSamplesPerOutput
// 32-bit words apart. Changing it changes every stream after the first call.
inline constexpr int kReservedSamplesPerOutput = 256;

// PhiloxRandom returns 128 random bits per call, as four uint32 words: the Philox4x32-10
// block function of a 128-bit counter under a 64-bit key. Each call advances the counter
// by one; Skip(n) jumps n calls ahead in O(1).
//
// Layout (TensorFlow's, which is also Random123's): the counter is four words, counter[0]
// the least significant; the key is two words. PhiloxRandom(seed, seed2) sets key[0] and
// key[1] to the low and high words of `seed`, counter[2] and counter[3] to the low and
// high words of `seed2`, and counter[0..1] to zero: streams with different seed2 start 2^64
// samples apart.
//
// A trivially copyable value, not thread-safe: give each thread its own copy, positioned
// with Skip (GuardedPhiloxRandom hands out such copies under a lock).
class PhiloxRandom {
 public:
  using ResultType = std::array<uint32_t, 4>;
  using ResultElementType = uint32_t;
  using Key = std::array<uint32_t, 2>;

  // kResultElementCount is the number of uint32 words one call returns.
  static constexpr int kResultElementCount = 4;
  // kElementCost is the estimated cost of one word in CPU cycles, for sharding.
  static constexpr int kElementCost = 10;

  // The default generator has key 0 and counter 0.
  PhiloxRandom() = default;

  explicit PhiloxRandom(uint64_t seed)
      : key_{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)} {}

  PhiloxRandom(uint64_t seed, uint64_t seed2)
      : counter_{0, 0, static_cast<uint32_t>(seed2), static_cast<uint32_t>(seed2 >> 32)},
        key_{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)} {}

  PhiloxRandom(const ResultType& counter, const Key& key) : counter_(counter), key_(key) {}

  const ResultType& counter() const { return counter_; }
  const Key& key() const { return key_; }

  // Skip advances the counter by `count`, as `count` calls would (modulo 2^128).
  void Skip(uint64_t count) {
    const uint64_t low = (static_cast<uint64_t>(counter_[1]) << 32) | counter_[0];
    const uint64_t new_low = low + count;
    counter_[0] = static_cast<uint32_t>(new_low);
    counter_[1] = static_cast<uint32_t>(new_low >> 32);
    if (new_low < low && ++counter_[2] == 0) ++counter_[3];
  }

  // operator() returns the 128 bits at the current counter and advances it by one.
  ResultType operator()() {
    ResultType counter = counter_;
    Key key = key_;
    for (int round = 0; round < 9; ++round) {
      counter = Round(counter, key);
      key[0] += kPhiloxW32A;
      key[1] += kPhiloxW32B;
    }
    counter = Round(counter, key);
    Skip(1);
    return counter;
  }

 private:
  // The Weyl sequence that bumps the key between rounds, and the round multipliers: the
  // constants the Philox paper recommends, as TensorFlow uses them.
  static constexpr uint32_t kPhiloxW32A = 0x9E3779B9;
  static constexpr uint32_t kPhiloxW32B = 0xBB67AE85;
  static constexpr uint32_t kPhiloxM4x32A = 0xD2511F53;
  static constexpr uint32_t kPhiloxM4x32B = 0xCD9E8D57;

  static ResultType Round(const ResultType& counter, const Key& key) {
    const uint64_t product0 = static_cast<uint64_t>(kPhiloxM4x32A) * counter[0];
    const uint64_t product1 = static_cast<uint64_t>(kPhiloxM4x32B) * counter[2];
    return {static_cast<uint32_t>(product1 >> 32) ^ counter[1] ^ key[0],
            static_cast<uint32_t>(product1),
            static_cast<uint32_t>(product0 >> 32) ^ counter[3] ^ key[1],
            static_cast<uint32_t>(product0)};
  }

  ResultType counter_{};
  Key key_{};
};

}  // namespace random
}  // namespace rill

#endif  // RILL_CORE_RANDOM_PHILOX_RANDOM_H_
