// Tests for ThreadPool: scheduling, thread ids, ParallelFor coverage and sharding, and an
// Eigen::ThreadPoolDevice built on the pool.
#include "core/framework/thread_pool.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "absl/synchronization/blocking_counter.h"
#include "gtest/gtest.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

TEST(ThreadPoolTest, ReportsNameAndThreadCount) {
  ThreadPool pool("test_pool", 3);
  EXPECT_EQ(pool.name(), "test_pool");
  EXPECT_EQ(pool.NumThreads(), 3);
}

TEST(ThreadPoolTest, ScheduleRunsEveryClosureOnAPoolThread) {
  ThreadPool pool("schedule", 4);
  constexpr int kClosures = 100;
  absl::BlockingCounter done(kClosures);
  std::atomic<int> sum{0};
  std::atomic<bool> all_on_pool_threads{true};
  for (int i = 1; i <= kClosures; ++i) {
    pool.Schedule([&, i] {
      const int id = pool.CurrentThreadId();
      if (id < 0 || id >= 4) all_on_pool_threads = false;
      sum += i;
      done.DecrementCount();
    });
  }
  done.Wait();
  EXPECT_EQ(sum.load(), 5050);  // 1 + 2 + ... + 100
  EXPECT_TRUE(all_on_pool_threads.load());
}

TEST(ThreadPoolTest, CurrentThreadIdIsMinusOneOutsideThePool) {
  ThreadPool pool("outside", 2);
  EXPECT_EQ(pool.CurrentThreadId(), -1);
}

TEST(ThreadPoolTest, DestructorWaitsForScheduledWork) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool("drain", 2);
    for (int i = 0; i < 50; ++i) pool.Schedule([&ran] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 50);
}

// CoverageOf runs ParallelFor and returns how many times each index was visited, plus the
// number of fn calls (shards).
std::pair<std::vector<int>, int> CoverageOf(ThreadPool* pool, int64_t total,
                                            int64_t cost_per_unit) {
  std::vector<std::atomic<int>> visits(total);
  std::atomic<int> shards{0};
  pool->ParallelFor(total, cost_per_unit, [&](int64_t begin, int64_t end) {
    ++shards;
    for (int64_t i = begin; i < end; ++i) ++visits[i];
  });
  std::vector<int> counts;
  for (const auto& v : visits) counts.push_back(v.load());
  return {counts, shards.load()};
}

TEST(ThreadPoolTest, ParallelForCoversEveryIndexExactlyOnce) {
  ThreadPool pool("cover", 4);
  for (int64_t total : {1, 2, 7, 100, 1000, 12345}) {
    for (int64_t cost : {1, 100, 10000, 1000000}) {
      auto [counts, shards] = CoverageOf(&pool, total, cost);
      EXPECT_EQ(counts, std::vector<int>(total, 1)) << "total=" << total << " cost=" << cost;
      EXPECT_GE(shards, 1);
    }
  }
}

TEST(ThreadPoolTest, ParallelForShardsExpensiveWork) {
  ThreadPool pool("shard", 4);
  auto [counts, shards] = CoverageOf(&pool, 1000, 1000000);
  EXPECT_EQ(counts, std::vector<int>(1000, 1));
  EXPECT_GT(shards, 1);
}

TEST(ThreadPoolTest, ParallelForRunsCheapWorkInlineAsOneShard) {
  ThreadPool pool("inline", 4);
  std::vector<std::pair<int64_t, int64_t>> calls;
  std::set<int> thread_ids;
  pool.ParallelFor(10, 1, [&](int64_t begin, int64_t end) {
    calls.emplace_back(begin, end);
    thread_ids.insert(pool.CurrentThreadId());
  });
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0], std::make_pair(int64_t{0}, int64_t{10}));
  EXPECT_EQ(thread_ids, std::set<int>({-1}));  // The calling thread did the work.
}

TEST(ThreadPoolTest, ParallelForOnOneThreadRunsInline) {
  ThreadPool pool("single", 1);
  std::vector<std::pair<int64_t, int64_t>> calls;
  pool.ParallelFor(1000, 1000000, [&](int64_t begin, int64_t end) {
    calls.emplace_back(begin, end);
  });
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0], std::make_pair(int64_t{0}, int64_t{1000}));
}

TEST(ThreadPoolTest, ParallelForWithNothingToDoNeverCallsFn) {
  ThreadPool pool("empty", 2);
  int calls = 0;
  pool.ParallelFor(0, 1000, [&](int64_t, int64_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ThreadPoolTest, EigenThreadPoolDeviceRunsOnThePool) {
  ThreadPool pool("eigen", 3);
  Eigen::ThreadPoolDevice device(pool.AsEigenThreadPool(), pool.NumThreads());
  EXPECT_EQ(device.numThreads(), 3);
  Eigen::Tensor<float, 1> a(4), b(4), c(4);
  a.setValues({1.f, 2.f, 3.f, 4.f});
  b.setValues({10.f, 20.f, 30.f, 40.f});
  c.device(device) = a + b;
  EXPECT_EQ(c(0), 11.f);
  EXPECT_EQ(c(1), 22.f);
  EXPECT_EQ(c(2), 33.f);
  EXPECT_EQ(c(3), 44.f);
}

}  // namespace
}  // namespace rill
