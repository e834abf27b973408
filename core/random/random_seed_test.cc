// Tests for GetSeed: TensorFlow 1.x's four graph/op seed cases, truncation, the (0, 0) rule,
// and the op count that the lecture's graph-seed example needs.
#include "core/random/random_seed.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "gtest/gtest.h"

namespace rill {
namespace random {
namespace {

using Seeds = std::pair<int64_t, int64_t>;
constexpr int64_t kMaxInt32 = 2147483647;

// Expected pairs follow random_seed.get_seed (TF 1.x) by hand, with Python's
// seed % (2**31 - 1) for truncation.
TEST(GetSeedTest, NeitherSeedIsNondeterministic) {
  EXPECT_EQ(GetSeed(std::nullopt, std::nullopt, 42), Seeds(0, 0));
}

TEST(GetSeedTest, OpSeedOnlyUsesTheDefaultGraphSeed) {
  EXPECT_EQ(GetSeed(std::nullopt, 2, 42), Seeds(87654321, 2));
  EXPECT_EQ(GetSeed(std::nullopt, 0, 42), Seeds(87654321, 0));
  EXPECT_EQ(kDefaultGraphSeed, 87654321);
}

TEST(GetSeedTest, GraphSeedOnlyUsesTheOpCount) {
  // The lecture's example: after set_random_seed(2), the first random_uniform([], -10, 10)
  // chooses its seeds when its three constants exist; the second when 10 ops do.
  EXPECT_EQ(GetSeed(2, std::nullopt, 3), Seeds(2, 3));
  EXPECT_EQ(GetSeed(2, std::nullopt, 10), Seeds(2, 10));
}

TEST(GetSeedTest, BothSeeds) {
  EXPECT_EQ(GetSeed(5, 10, 42), Seeds(5, 10));
  EXPECT_EQ(GetSeed(1234, 0, 42), Seeds(1234, 0));
}

TEST(GetSeedTest, SeedsAreReducedModulo2To31Minus1) {
  EXPECT_EQ(GetSeed(kMaxInt32 + 5, kMaxInt32, 0), Seeds(5, 0));
  EXPECT_EQ(GetSeed(std::nullopt, int64_t{1} << 40, 0), Seeds(87654321, 512));
  // Python's % takes the divisor's sign: -1 % (2**31 - 1) == 2**31 - 2, and
  // (-2**63) % (2**31 - 1) == 2147483645.
  EXPECT_EQ(GetSeed(-1, -2147483648LL, 0), Seeds(2147483646, 2147483646));
  EXPECT_EQ(GetSeed(INT64_MIN, std::nullopt, 0), Seeds(2147483645, 0));
}

TEST(GetSeedTest, ZeroZeroFromGivenSeedsAvoidsNondeterminism) {
  EXPECT_EQ(GetSeed(0, 0, 42), Seeds(0, kMaxInt32));
  EXPECT_EQ(GetSeed(0, std::nullopt, 0), Seeds(0, kMaxInt32));
  EXPECT_EQ(GetSeed(kMaxInt32, kMaxInt32, 0), Seeds(0, kMaxInt32));
  EXPECT_EQ(GetSeed(0, 1, 0), Seeds(0, 1));
}

}  // namespace
}  // namespace random
}  // namespace rill
