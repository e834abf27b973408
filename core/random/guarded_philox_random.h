// GuardedPhiloxRandom: a random kernel's Philox stream, shared by its concurrent calls; each
// call reserves a block of the stream, so successive calls continue it as TensorFlow's do.
#ifndef RILL_CORE_RANDOM_GUARDED_PHILOX_RANDOM_H_
#define RILL_CORE_RANDOM_GUARDED_PHILOX_RANDOM_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "core/random/philox_random.h"

namespace rill {
namespace random {

// GuardedPhiloxRandom owns a PhiloxRandom and hands out copies of it, each positioned at
// the start of a block of the stream that no other copy will use. A kernel holds one,
// Init()s it from its "seed"/"seed2" attrs, and in each Compute reserves what it draws:
//   PhiloxRandom gen = generator_.ReserveRandomOutputs(size);
//   FillPhiloxRandom(gen, data, size, Distribution(), parallel_for);
// All methods are thread-safe.
class GuardedPhiloxRandom {
 public:
  GuardedPhiloxRandom() = default;

  GuardedPhiloxRandom(const GuardedPhiloxRandom&) = delete;
  GuardedPhiloxRandom& operator=(const GuardedPhiloxRandom&) = delete;

  // Init starts the stream PhiloxRandom(seed, seed2). When both are 0 (TensorFlow's "no
  // seed given") it seeds both from a nondeterministic source instead, so every Init gives
  // a different stream. Call it before any Reserve*; calling it again restarts the stream.
  void Init(int64_t seed, int64_t seed2);

  // ReserveSamples128 returns a generator at the current position and advances the stream
  // past `samples` 128-bit samples. The caller may draw up to `samples` calls from the
  // copy without overlapping any other reservation. Aborts if Init was never called.
  PhiloxRandom ReserveSamples128(int64_t samples);

  // ReserveSamples32 reserves enough 128-bit samples for `samples` uint32 words.
  PhiloxRandom ReserveSamples32(int64_t samples) { return ReserveSamples128((samples + 3) / 4); }

  // ReserveRandomOutputs reserves output_count * multiplier 128-bit samples, TensorFlow's
  // generous budget for `output_count` values of any distribution. TensorFlow's random
  // kernels use the default, kReservedSamplesPerOutput; so must Rill's to match its streams.
  PhiloxRandom ReserveRandomOutputs(int64_t output_count,
                                    int multiplier = kReservedSamplesPerOutput) {
    return ReserveSamples128(output_count * multiplier);
  }

 private:
  absl::Mutex mu_;
  PhiloxRandom generator_ ABSL_GUARDED_BY(mu_);
  bool initialized_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace random
}  // namespace rill

#endif  // RILL_CORE_RANDOM_GUARDED_PHILOX_RANDOM_H_
