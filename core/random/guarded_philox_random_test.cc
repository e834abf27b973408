// Tests for GuardedPhiloxRandom: reservations continue the stream call after call (giving the
// values TensorFlow printed), seeds (0, 0) are nondeterministic, and reservation is atomic.
#include "core/random/guarded_philox_random.h"

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

#include "absl/base/casts.h"
#include "core/random/fill_philox_random.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"
#include "gtest/gtest.h"

namespace rill {
namespace random {
namespace {

using Philox = PhiloxRandom;
using Words = Philox::ResultType;

TEST(GuardedPhiloxRandomTest, ReservationsContinueTheStream) {
  GuardedPhiloxRandom guarded;
  guarded.Init(87654321, 2);
  EXPECT_EQ(guarded.ReserveSamples128(10).counter(), (Words{0, 0, 2, 0}));
  EXPECT_EQ(guarded.ReserveSamples128(3).counter(), (Words{10, 0, 2, 0}));
  // 5 words round up to 2 samples.
  EXPECT_EQ(guarded.ReserveSamples32(5).counter(), (Words{13, 0, 2, 0}));
  // 3 outputs reserve 3 * 256 samples.
  EXPECT_EQ(guarded.ReserveRandomOutputs(3).counter(), (Words{15, 0, 2, 0}));
  EXPECT_EQ(guarded.ReserveRandomOutputs(1, 4).counter(), (Words{15 + 768, 0, 2, 0}));
  EXPECT_EQ(guarded.ReserveSamples128(0).counter(), (Words{15 + 768 + 4, 0, 2, 0}));
  EXPECT_EQ(guarded.ReserveSamples128(0).key(), (Philox::Key{87654321, 0}));
}

// UniformMinus10To10 is random_uniform([], -10, 10): one kernel call's float in [0, 1)
// scaled as TensorFlow's Python does, rnd * (max - min) + min, in float. The product is
// rounded before the sum, as by separate Mul and Add ops (GCC would otherwise fuse them
// into one multiply-add on FMA hardware, which differs in the last bit).
float UniformMinus10To10(GuardedPhiloxRandom* guarded) {
  float rnd;
  FillPhiloxRandom(guarded->ReserveRandomOutputs(1), &rnd, 1,
                   UniformDistribution<Philox, float>());
  volatile float scaled = rnd * 20.0f;
  return scaled + -10.0f;
}

// The values TensorFlow 1.x printed in Stanford CS 20's randomization lecture, for
// random_uniform([], -10, 10): with op seed 2 (attrs seed 87654321, seed2 2), two runs give
// 3.57493 and -5.97319; with graph seed 2 and no op seeds, two such ops (attrs (2, 3) and
// (2, 10), see random_seed.h) give -4.00752 and -2.98339. The reference agrees bit for bit:
//   u = uniform_float(fresh(seed, seed2, skip))[0]; print(repr(f32(f32(u * 20.0) - 10.0)))
//   -> 3.574932098388672, -5.973186492919922 (skip 256), -4.007515907287598, -2.983393669128418
TEST(GuardedPhiloxRandomTest, LectureSeedExamples) {
  GuardedPhiloxRandom op_seed;
  op_seed.Init(87654321, 2);
  const float first = UniformMinus10To10(&op_seed);
  const float second = UniformMinus10To10(&op_seed);
  EXPECT_EQ(first, 3.574932098388672f);
  EXPECT_EQ(second, -5.973186492919922f);
  EXPECT_NEAR(first, 3.57493, 5e-6);
  EXPECT_NEAR(second, -5.97319, 5e-6);

  // A second session builds new kernels, which restart the stream.
  GuardedPhiloxRandom next_session;
  next_session.Init(87654321, 2);
  EXPECT_EQ(UniformMinus10To10(&next_session), first);

  GuardedPhiloxRandom c, d;
  c.Init(2, 3);
  d.Init(2, 10);
  EXPECT_EQ(UniformMinus10To10(&c), -4.007515907287598f);
  EXPECT_EQ(UniformMinus10To10(&d), -2.983393669128418f);
}

// TensorFlow's documentation of tf.random.uniform prints, after set_seed(5), two calls of
// uniform([], maxval=3, dtype=int32, seed=10) (attrs (5, 10)): 2, then 0.
TEST(GuardedPhiloxRandomTest, TensorFlowDocumentationIntExample) {
  GuardedPhiloxRandom guarded;
  guarded.Init(5, 10);
  int32_t values[2];
  for (int32_t& value : values) {
    FillPhiloxRandom(guarded.ReserveRandomOutputs(1), &value, 1,
                     UniformDistribution<Philox, int32_t>(0, 3));
  }
  EXPECT_EQ(values[0], 2);
  EXPECT_EQ(values[1], 0);
}

// The second call of a 10-element uniform float kernel starts 10 * 256 samples in:
//   print(floats(fill(fresh(87654321, 2, 10 * 256), uniform_float, 4, 10, False)))
TEST(GuardedPhiloxRandomTest, SecondKernelCallContinuesAfterTheReservation) {
  GuardedPhiloxRandom guarded;
  guarded.Init(87654321, 2);
  float values[10];
  for (int call = 0; call < 2; ++call) {
    FillPhiloxRandom(guarded.ReserveRandomOutputs(10), values, 10,
                     UniformDistribution<Philox, float>());
  }
  const uint32_t expected[] = {0x3daaa830, 0x3ebc29d0, 0x3f78a5c4, 0x3f390d2c, 0x3f7e70dc,
                               0x3f44d7e4, 0x3ec0dbd8, 0x3f440b80, 0x3dd48620, 0x3f681736};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(absl::bit_cast<uint32_t>(values[i]), expected[i]) << i;
}

TEST(GuardedPhiloxRandomTest, ZeroSeedsAreNondeterministic) {
  GuardedPhiloxRandom a, b;
  a.Init(0, 0);
  b.Init(0, 0);
  const Philox gen_a = a.ReserveSamples128(1);
  const Philox gen_b = b.ReserveSamples128(1);
  // Two independent 128-bit draws (64-bit key, 64-bit counter) collide with chance 2^-128.
  EXPECT_FALSE(gen_a.key() == gen_b.key() && gen_a.counter() == gen_b.counter());
  EXPECT_EQ(gen_a.counter()[0], 0u);
  EXPECT_EQ(gen_a.counter()[1], 0u);
}

TEST(GuardedPhiloxRandomTest, InitAgainRestartsTheStream) {
  GuardedPhiloxRandom guarded;
  guarded.Init(1, 2);
  guarded.ReserveSamples128(100);
  guarded.Init(1, 2);
  EXPECT_EQ(guarded.ReserveSamples128(1).counter(), (Words{0, 0, 2, 0}));
}

TEST(GuardedPhiloxRandomTest, ConcurrentReservationsAreDisjoint) {
  GuardedPhiloxRandom guarded;
  guarded.Init(7, 0);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 1000;
  std::vector<std::vector<uint32_t>> starts(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&guarded, &starts, t] {
      for (int i = 0; i < kPerThread; ++i) {
        starts[t].push_back(guarded.ReserveSamples128(3).counter()[0]);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<uint32_t> all;
  for (const auto& s : starts) all.insert(all.end(), s.begin(), s.end());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], 3 * i);
  EXPECT_EQ(guarded.ReserveSamples128(0).counter()[0], 3u * kThreads * kPerThread);
}

TEST(GuardedPhiloxRandomDeathTest, ReserveBeforeInitAborts) {
  EXPECT_DEATH(
      {
        GuardedPhiloxRandom guarded;
        guarded.ReserveSamples128(1);
      },
      "before Init");
}

}  // namespace
}  // namespace random
}  // namespace rill
