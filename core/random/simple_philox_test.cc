// Tests for SimplePhilox: word order, floats, exact uniform integers with rejection, and
// Skewed, against the Python reference.
#include "core/random/simple_philox.h"

#include <cstdint>
#include <vector>

#include "absl/base/casts.h"
#include "core/random/philox_random.h"
#include "gtest/gtest.h"

namespace rill {
namespace random {
namespace {

// Expected values come from testdata/philox_reference.py (its Philox is quoted in
// philox_random_test.cc), drawing words one at a time from Gen(87654321, 2):
//   s = Single(fresh(87654321, 2))
//   rand64:  s() | s() << 32
//   def exact_uniform(n, draw, bits):
//       if n == 0: draw(); return 0
//       if n & (n - 1) == 0: return draw() & (n - 1)
//       rem = ((1 << bits) - 1) % n + 1
//       while True:
//           w = draw()
//           if w >= rem: return w % n
//   def skewed(max_log):
//       shift = s() % (max_log + 1)
//       mask = M32 if shift == 32 else (1 << shift) - 1
//       return s() & mask

using Philox = PhiloxRandom;

TEST(SimplePhiloxTest, Rand32AndRand64) {
  Philox gen(87654321, 2);
  SimplePhilox simple(&gen);
  const uint32_t words[] = {0x4856e12b, 0xfbdb694c, 0x473c22f6,
                            0xccbdb12f, 0xbdbd3b9d, 0x24c6e60b};
  for (uint32_t word : words) EXPECT_EQ(simple.Rand32(), word);

  Philox gen64(87654321, 2);
  SimplePhilox simple64(&gen64);
  EXPECT_EQ(simple64.Rand64(), 0xfbdb694c4856e12bULL);
  EXPECT_EQ(simple64.Rand64(), 0xccbdb12f473c22f6ULL);
  EXPECT_EQ(simple64.Rand64(), 0x24c6e60bbdbd3b9dULL);
}

TEST(SimplePhiloxTest, RandFloatAndRandDouble) {
  Philox gen(87654321, 2);
  SimplePhilox simple(&gen);
  EXPECT_EQ(absl::bit_cast<uint32_t>(simple.RandFloat()), 0x3f2dc256u);
  EXPECT_EQ(absl::bit_cast<uint32_t>(simple.RandFloat()), 0x3f36d298u);
  EXPECT_EQ(absl::bit_cast<uint32_t>(simple.RandFloat()), 0x3ef08bd8u);

  Philox gen_double(87654321, 2);
  SimplePhilox simple_double(&gen_double);
  EXPECT_EQ(absl::bit_cast<uint64_t>(simple_double.RandDouble()), 0x3fdb84afef6da530ULL);
  EXPECT_EQ(absl::bit_cast<uint64_t>(simple_double.RandDouble()), 0x3fe845ed997b625eULL);
}

TEST(SimplePhiloxTest, Uniform) {
  Philox gen(87654321, 2);
  SimplePhilox simple(&gen);
  std::vector<uint32_t> values;
  for (uint32_t n : {10u, 16u, 0u, 3u, 1000000007u, (1u << 31) + 1}) {
    values.push_back(simple.Uniform(n));
  }
  EXPECT_EQ(values, (std::vector<uint32_t>{1, 12, 0, 2, 183295368, 194910548}));
}

// n = 2^31 + 1 rejects words below 2^31 - 1: the first word, 0x4856e12b, is rejected and
// the second, 0xfbdb694c, gives 0xfbdb694c % n = 2077976907.
TEST(SimplePhiloxTest, UniformRejectsBiasedWords) {
  Philox gen(87654321, 2);
  SimplePhilox simple(&gen);
  EXPECT_EQ(simple.Uniform((1u << 31) + 1), 2077976907u);
  EXPECT_EQ(simple.Rand32(), 0x473c22f6u);
}

TEST(SimplePhiloxTest, Uniform64) {
  Philox gen(87654321, 2);
  SimplePhilox simple(&gen);
  EXPECT_EQ(simple.Uniform64(10), 7u);
  EXPECT_EQ(simple.Uniform64(uint64_t{1} << 40), 203058586358u);
  EXPECT_EQ(simple.Uniform64(3 * (uint64_t{1} << 62) + 1), 11364874855043176789ULL);
}

TEST(SimplePhiloxTest, OneInAndSkewed) {
  Philox gen(87654321, 2);
  SimplePhilox simple(&gen);
  std::vector<uint32_t> values;
  for (int max_log : {0, 5, 32, 32, 10}) values.push_back(simple.Skewed(max_log));
  EXPECT_EQ(values, (std::vector<uint32_t>{0, 0, 452107, 1399, 0}));

  Philox gen_one_in(87654321, 2);
  SimplePhilox one_in(&gen_one_in);
  EXPECT_TRUE(one_in.OneIn(1));
  // Uniform(10) of the second word (0xfbdb694c, accepted) is 0xfbdb694c % 10 = 2.
  EXPECT_FALSE(one_in.OneIn(10));
}

}  // namespace
}  // namespace random
}  // namespace rill
