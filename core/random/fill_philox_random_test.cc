// Tests for FillPhiloxRandom: TensorFlow's per-group stream positions (against the Python
// reference), and identical values however the groups are split across threads.
#include "core/random/fill_philox_random.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include "Eigen/Core"
#include "absl/base/casts.h"
#include "core/framework/thread_pool.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"
#include "gtest/gtest.h"

namespace rill {
namespace random {
namespace {

// Expected values come from testdata/philox_reference.py (its Philox and distributions are
// quoted in philox_random_test.cc and random_distributions_test.cc), whose fill is
// TensorFlow's single-thread FillPhiloxRandom:
//   def fill(gen, dist, group, size, variable):
//       out, base = [], gen.ctr
//       for g in range((size + group - 1) // group):
//           if variable:  # each group at word g * group * 256, fresh adapter
//               gen.ctr = (base + g * group * 256 // 4) % 2**128
//               out.extend(dist(Single(gen)))
//           else:
//               out.extend(dist(gen))
//       return out[:size]
//   print(floats(fill(fresh(87654321, 2), normal_float, 4, 10, False)))  # and so on

using Philox = PhiloxRandom;
using Normal = NormalDistribution<Philox, float>;
using NormalDouble = NormalDistribution<Philox, double>;
using Truncated = TruncatedNormalDistribution<SingleSampleAdapter<Philox>, float>;
using TruncatedDouble = TruncatedNormalDistribution<SingleSampleAdapter<Philox>, double>;

template <class Distribution>
std::vector<typename Distribution::ResultElementType> FillWith(
    Distribution dist, int64_t size, const ParallelFor& parallel_for = {},
    Philox gen = Philox(87654321, 2)) {
  std::vector<typename Distribution::ResultElementType> data(size);
  FillPhiloxRandom(gen, data.data(), size, dist, parallel_for);
  return data;
}

std::vector<uint32_t> FloatBits(const std::vector<float>& values) {
  std::vector<uint32_t> bits;
  for (float v : values) bits.push_back(absl::bit_cast<uint32_t>(v));
  return bits;
}

std::vector<uint64_t> DoubleBits(const std::vector<double>& values) {
  std::vector<uint64_t> bits;
  for (double v : values) bits.push_back(absl::bit_cast<uint64_t>(v));
  return bits;
}

TEST(FillPhiloxRandomTest, FixedSampleGroupsFollowTheStream) {
  // 10 floats: groups of 4 from calls 0, 1, 2; the last group keeps 2 of its 4 values.
  EXPECT_EQ(FloatBits(FillWith(Normal(), 10)),
            (std::vector<uint32_t>{0xbf5bad27, 0xbe495789, 0x3e0e4907, 0xbf9c52cc, 0xbece8c21,
                                   0xbf929c9a, 0x3f23cb82, 0xbfc9ce6b, 0xbf835451, 0x3f20e5ec}));
  EXPECT_EQ(DoubleBits(FillWith(NormalDouble(), 5)),
            (std::vector<uint64_t>{0xbff4c21857ed1aa5, 0x3fb1d4a74b54ac10, 0xbfdac8ae8b4af9a4,
                                   0x3fdcf3750fcd4064, 0x3fdac0836462a135}));
}

TEST(FillPhiloxRandomTest, VariableSampleGroupsStartAtReservedOffsets) {
  // Group g starts at 128-bit sample g * 4 * 256 / 4 = 256 g (float) or 128 g (double).
  EXPECT_EQ(FloatBits(FillWith(Truncated(), 10)),
            (std::vector<uint32_t>{0xbf5bad27, 0xbe495789, 0x3e0e4907, 0xbf9c52cc, 0xbe54ebfa,
                                   0xbfe39eab, 0xbee4c454, 0xbde62282, 0xbf8c837d, 0x3edd6469}));
  EXPECT_EQ(DoubleBits(FillWith(TruncatedDouble(), 5)),
            (std::vector<uint64_t>{0xbff4c21857ed1aa5, 0x3fb1d4a74b54ac10, 0x3ff3e4726f92b558,
                                   0xbfddb239e94dbd1b, 0x3feddc9aaa3013f0}));
}

TEST(FillPhiloxRandomTest, EmptyFillDrawsNothing) {
  bool called = false;
  const ParallelFor parallel_for = [&](int64_t, int64_t, const auto&) { called = true; };
  std::vector<float> data;
  FillPhiloxRandom(Philox(1, 2), data.data(), 0, Normal(), parallel_for);
  EXPECT_FALSE(called);
}

// SplitAt returns a ParallelFor that cuts [0, total) at `cuts` (clipped to the range) and
// runs the pieces on their own threads, last piece first.
ParallelFor SplitAt(std::vector<int64_t> cuts, std::atomic<int>* shards) {
  return [cuts, shards](int64_t total, int64_t, const std::function<void(int64_t, int64_t)>& fn) {
    std::vector<int64_t> bounds = {0};
    for (int64_t cut : cuts) {
      if (cut > bounds.back() && cut < total) bounds.push_back(cut);
    }
    bounds.push_back(total);
    std::vector<std::thread> threads;
    for (size_t i = bounds.size() - 1; i > 0; --i) {
      threads.emplace_back([&fn, begin = bounds[i - 1], end = bounds[i]] { fn(begin, end); });
      ++*shards;
    }
    for (std::thread& thread : threads) thread.join();
  };
}

// Every split point of a small fill (including splits before the partial last group)
// gives the single-thread values.
template <class Distribution>
void ExpectEverySplitMatches(Distribution dist, int64_t size) {
  using T = typename Distribution::ResultElementType;
  const std::vector<T> single = FillWith(dist, size);
  const int64_t groups = (size + Distribution::kResultElementCount - 1) /
                         Distribution::kResultElementCount;
  for (int64_t first = 1; first < groups; ++first) {
    for (int64_t second = first + 1; second <= groups; ++second) {
      std::atomic<int> shards{0};
      const std::vector<T> split = FillWith(dist, size, SplitAt({first, second}, &shards));
      EXPECT_EQ(0, std::memcmp(split.data(), single.data(), size * sizeof(T)))
          << "split at " << first << ", " << second;
      EXPECT_GE(shards.load(), 2);
    }
  }
}

TEST(FillPhiloxRandomTest, EverySplitMatchesOneThread) {
  ExpectEverySplitMatches(Normal(), 23);
  ExpectEverySplitMatches(NormalDouble(), 11);
  ExpectEverySplitMatches(Truncated(), 23);
  ExpectEverySplitMatches(TruncatedDouble(), 11);
  ExpectEverySplitMatches(UniformDistribution<Philox, float>(), 23);
  ExpectEverySplitMatches(UniformDistribution<Philox, double>(), 11);
  ExpectEverySplitMatches(UniformDistribution<Philox, Eigen::half>(), 23);
  ExpectEverySplitMatches(UniformDistribution<Philox, Eigen::bfloat16>(), 23);
  ExpectEverySplitMatches(UniformDistribution<Philox, int32_t>(-7, 1000), 23);
  ExpectEverySplitMatches(UniformDistribution<Philox, int64_t>(-7, int64_t{1} << 50), 11);
}

// A kernel-sized fill on a 4-thread pool equals the 1-thread fill, and really is sharded.
template <class Distribution>
void ExpectPoolMatchesOneThread(Distribution dist, int64_t size) {
  using T = typename Distribution::ResultElementType;
  ThreadPool pool("fill_test", 4);
  std::atomic<int> shards{0};
  const ParallelFor on_pool = [&](int64_t total, int64_t cost, const auto& fn) {
    pool.ParallelFor(total, cost, [&](int64_t begin, int64_t end) {
      ++shards;
      fn(begin, end);
    });
  };
  const Philox gen(1234, 5678);
  const std::vector<T> single = FillWith(dist, size, {}, gen);
  const std::vector<T> pooled = FillWith(dist, size, on_pool, gen);
  EXPECT_EQ(0, std::memcmp(pooled.data(), single.data(), size * sizeof(T)));
  EXPECT_GT(shards.load(), 1);
}

TEST(FillPhiloxRandomTest, FourThreadsMatchOneThread) {
  ExpectPoolMatchesOneThread(Normal(), 100003);
  ExpectPoolMatchesOneThread(NormalDouble(), 100003);
  ExpectPoolMatchesOneThread(Truncated(), 100003);
  ExpectPoolMatchesOneThread(TruncatedDouble(), 100003);
  ExpectPoolMatchesOneThread(UniformDistribution<Philox, float>(), 1000003);
  ExpectPoolMatchesOneThread(UniformDistribution<Philox, int64_t>(0, 1000), 1000003);
}

}  // namespace
}  // namespace random
}  // namespace rill
