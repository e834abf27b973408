// Tests for PhiloxRandom: Random123's known answers, TensorFlow's seed layout and streams,
// and Skip's equivalence to drawing.
#include "core/random/philox_random.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace rill {
namespace random {
namespace {

using Words = PhiloxRandom::ResultType;

// Expected streams come from testdata/philox_reference.py, a plain-Python Philox:
//   def philox(ctr, key):  # Philox4x32-10 block function
//       c, k = list(ctr), list(key)
//       for _ in range(10):
//           p0, p1 = 0xD2511F53 * c[0], 0xCD9E8D57 * c[2]
//           c = [((p1 >> 32) ^ c[1] ^ k[0]) & M32, p1 & M32,
//                ((p0 >> 32) ^ c[3] ^ k[1]) & M32, p0 & M32]
//           k = [(k[0] + 0x9E3779B9) & M32, (k[1] + 0xBB67AE85) & M32]
//       return c
//   class Gen:  # PhiloxRandom(seed, seed2): key = seed, counter = seed2 << 64
//       def __init__(self, seed, seed2):
//           seed, seed2 = seed % 2**64, seed2 % 2**64
//           self.key = [seed & M32, seed >> 32]
//           self.ctr = seed2 << 64
//       def skip(self, n): self.ctr = (self.ctr + n) % 2**128
//       def __call__(self):
//           out = philox([(self.ctr >> (32 * i)) & M32 for i in range(4)], self.key)
//           self.skip(1)
//           return out
//   g = Gen(seed, seed2); print(hexs(g()), hexs(g()), hexs(g()))

// The Philox4x32-10 known-answer vectors of Random123 (kat_vectors). TensorFlow's counter
// and key words are Random123's, in the same order, so they apply unchanged.
TEST(PhiloxRandomTest, Random123KnownAnswers) {
  PhiloxRandom zero(Words{0, 0, 0, 0}, PhiloxRandom::Key{0, 0});
  EXPECT_EQ(zero(), (Words{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));

  PhiloxRandom ones(Words{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                    PhiloxRandom::Key{0xffffffff, 0xffffffff});
  EXPECT_EQ(ones(), (Words{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));

  PhiloxRandom pi(Words{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                  PhiloxRandom::Key{0xa4093822, 0x299f31d0});
  EXPECT_EQ(pi(), (Words{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(PhiloxRandomTest, SeedsFillKeyAndUpperCounter) {
  const PhiloxRandom gen(0x0123456789abcdefULL, 0xfedcba9876543210ULL);
  EXPECT_EQ(gen.key(), (PhiloxRandom::Key{0x89abcdef, 0x01234567}));
  EXPECT_EQ(gen.counter(), (Words{0, 0, 0x76543210, 0xfedcba98}));

  const PhiloxRandom seed_only(0x0123456789abcdefULL);
  EXPECT_EQ(seed_only.key(), gen.key());
  EXPECT_EQ(seed_only.counter(), (Words{0, 0, 0, 0}));

  const PhiloxRandom defaulted;
  EXPECT_EQ(defaulted.key(), (PhiloxRandom::Key{0, 0}));
  EXPECT_EQ(defaulted.counter(), (Words{0, 0, 0, 0}));
}

TEST(PhiloxRandomTest, StreamsForSeeds) {
  struct Case {
    uint64_t seed, seed2;
    Words expected[3];
  };
  const Case cases[] = {
      {0, 0,
       {{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0xf8e4cca4, 0x5cb200db, 0xb1a574eb, 0x097eff67},
        {0x04faa329, 0x51c732a6, 0x241513ad, 0x459135e4}}},
      {87654321, 2,
       {{0x4856e12b, 0xfbdb694c, 0x473c22f6, 0xccbdb12f},
        {0xbdbd3b9d, 0x24c6e60b, 0x8b9e1955, 0x9db82577},
        {0x343e1072, 0xe9eb3258, 0x8e5589b9, 0xc5681367}}},
      {0x0123456789abcdefULL, 0xfedcba9876543210ULL,
       {{0xaef2adf7, 0xf69b5950, 0x3ceb44f4, 0x89b6573a},
        {0xec2ab39f, 0x4671fd85, 0x74decae0, 0x4b77ec76},
        {0xd7bb4a2f, 0xb8f76c27, 0x51cdda28, 0x48cc01cd}}},
      // Seeds -1 and -2, as int64 attrs reach the generator.
      {static_cast<uint64_t>(int64_t{-1}), static_cast<uint64_t>(int64_t{-2}),
       {{0x18a00d64, 0xa3afe979, 0x44976677, 0x957af91d},
        {0xf7330e22, 0xfd3ad92f, 0x6c201b6d, 0xd884e582},
        {0xa224cea5, 0x18d29671, 0xf88ccb04, 0x3ced54ca}}},
  };
  for (const Case& c : cases) {
    PhiloxRandom gen(c.seed, c.seed2);
    for (const Words& expected : c.expected) {
      EXPECT_EQ(gen(), expected) << "seed " << c.seed << " seed2 " << c.seed2;
    }
  }
}

TEST(PhiloxRandomTest, CallAdvancesCounterByOne) {
  PhiloxRandom gen(Words{0xffffffff, 0xffffffff, 0xffffffff, 7}, PhiloxRandom::Key{1, 2});
  gen();
  EXPECT_EQ(gen.counter(), (Words{0, 0, 0, 8}));
  EXPECT_EQ(gen.key(), (PhiloxRandom::Key{1, 2}));
}

TEST(PhiloxRandomTest, SkipMatchesDrawing) {
  for (uint64_t count : {0, 1, 3, 4, 257, 1000}) {
    PhiloxRandom drawn(87654321, 2);
    for (uint64_t i = 0; i < count; ++i) drawn();
    PhiloxRandom skipped(87654321, 2);
    skipped.Skip(count);
    EXPECT_EQ(skipped.counter(), drawn.counter()) << count;
    EXPECT_EQ(skipped(), drawn()) << count;
  }
}

TEST(PhiloxRandomTest, SkipCarriesAcrossWords) {
  PhiloxRandom low_carry(Words{0xfffffffe, 0, 0, 0}, PhiloxRandom::Key{0, 0});
  low_carry.Skip((uint64_t{1} << 32) + 3);
  EXPECT_EQ(low_carry.counter(), (Words{1, 2, 0, 0}));

  PhiloxRandom into_seed2(Words{0xfffffffb, 0xffffffff, 0xffffffff, 4}, PhiloxRandom::Key{0, 0});
  into_seed2.Skip(7);
  EXPECT_EQ(into_seed2.counter(), (Words{2, 0, 0, 5}));

  // The 128-bit counter wraps: 2^128 - 2 + 3 = 1 (the reference's skip gives 1, 0, 0, 0).
  PhiloxRandom wraps(Words{0xfffffffe, 0xffffffff, 0xffffffff, 0xffffffff},
                     PhiloxRandom::Key{0, 0});
  wraps.Skip(3);
  EXPECT_EQ(wraps.counter(), (Words{1, 0, 0, 0}));
}

TEST(PhiloxRandomTest, CopiesAreIndependent) {
  PhiloxRandom gen(87654321, 2);
  PhiloxRandom copy = gen;
  gen();
  gen();
  EXPECT_EQ(copy(), (Words{0x4856e12b, 0xfbdb694c, 0x473c22f6, 0xccbdb12f}));
}

}  // namespace
}  // namespace random
}  // namespace rill
