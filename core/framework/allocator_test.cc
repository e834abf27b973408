// Tests for CpuAllocator: alignment, the usage counters, the per-thread free lists and the
// large-block cache.
#include "core/framework/allocator.h"

#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace rill {

namespace {

TEST(AllocatorTest, CpuAllocatorIsOneProcessWideInstance) {
  EXPECT_EQ(CpuAllocator(), CpuAllocator());
  EXPECT_EQ(CpuAllocator()->Name(), "cpu");
}

TEST(AllocatorTest, AlignsToAtLeast64Bytes) {
  Allocator* allocator = CpuAllocator();
  for (size_t alignment : {1, 8, 64, 256}) {
    for (size_t bytes : {1, 3, 64, 1000, 1 << 20}) {
      void* ptr = allocator->AllocateRaw(alignment, bytes);
      ASSERT_NE(ptr, nullptr);
      EXPECT_EQ(reinterpret_cast<uintptr_t>(ptr) % std::max<size_t>(alignment, 64), 0u)
          << "alignment " << alignment << " bytes " << bytes;
      std::memset(ptr, 0xAB, bytes);
      allocator->DeallocateRaw(ptr);
    }
  }
}

TEST(AllocatorTest, StatsCountAndReturnToStart) {
  Allocator* allocator = CpuAllocator();
  const AllocatorStats start = *allocator->GetStats();

  void* a = allocator->AllocateRaw(64, 4096);
  void* b = allocator->AllocateRaw(64, 100);
  const AllocatorStats during = *allocator->GetStats();
  EXPECT_EQ(during.num_allocs, start.num_allocs + 2);
  // Usable sizes are at least what was asked for.
  EXPECT_GE(during.bytes_in_use, start.bytes_in_use + 4196);
  EXPECT_GE(during.peak_bytes_in_use, during.bytes_in_use);
  EXPECT_GE(during.largest_alloc_size, 4096);

  allocator->DeallocateRaw(a);
  allocator->DeallocateRaw(b);
  allocator->DeallocateRaw(nullptr);
  const AllocatorStats end = *allocator->GetStats();
  EXPECT_EQ(end.bytes_in_use, start.bytes_in_use);
  EXPECT_EQ(end.num_allocs, start.num_allocs + 2);
  EXPECT_GE(end.peak_bytes_in_use, during.bytes_in_use);
}

TEST(AllocatorTest, FreedSmallBlockIsReusedByTheSameThread) {
  Allocator* allocator = CpuAllocator();
  for (size_t bytes : {1, 4, 64, 100, 1000, 4096}) {
    void* first = allocator->AllocateRaw(64, bytes);
    allocator->DeallocateRaw(first);
    void* second = allocator->AllocateRaw(64, bytes);
    EXPECT_EQ(second, first) << bytes << " bytes";
    allocator->DeallocateRaw(second);
  }
}

TEST(AllocatorTest, FreedLargeBlockIsReusedByAnyThreadForASimilarSize) {
  Allocator* allocator = CpuAllocator();
  const AllocatorStats start = *allocator->GetStats();
  constexpr size_t kMiB = size_t{1} << 20;
  void* first = allocator->AllocateRaw(64, kMiB);
  allocator->DeallocateRaw(first);
  void* second = nullptr;
  std::thread([&] { second = allocator->AllocateRaw(64, kMiB - 1000); }).join();
  EXPECT_EQ(second, first);
  // A quarter of the block's size is too small to take it.
  void* quarter = allocator->AllocateRaw(64, kMiB / 4);
  EXPECT_NE(quarter, first);
  allocator->DeallocateRaw(quarter);
  allocator->DeallocateRaw(second);
  // Over-aligned requests get a block with their alignment, cached or not.
  void* aligned = allocator->AllocateRaw(1 << 16, kMiB);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % (1 << 16), 0u);
  allocator->DeallocateRaw(aligned);
  EXPECT_EQ(allocator->GetStats()->bytes_in_use, start.bytes_in_use);
}

TEST(AllocatorTest, LiveBlocksNeverOverlap) {
  Allocator* allocator = CpuAllocator();
  const AllocatorStats start = *allocator->GetStats();
  // More blocks than a free list keeps, of sizes that share and do not share classes.
  for (int round = 0; round < 3; ++round) {
    std::vector<unsigned char*> blocks;
    for (int i = 0; i < 100; ++i) {
      const size_t bytes = 1 + (i % 5) * 40;
      auto* block = static_cast<unsigned char*>(allocator->AllocateRaw(64, bytes));
      ASSERT_NE(block, nullptr);
      EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % 64, 0u);
      std::memset(block, i, bytes);
      blocks.push_back(block);
    }
    for (int i = 0; i < 100; ++i) {
      const size_t bytes = 1 + (i % 5) * 40;
      for (size_t b = 0; b < bytes; ++b) ASSERT_EQ(blocks[i][b], i) << "block " << i;
    }
    for (unsigned char* block : blocks) allocator->DeallocateRaw(block);
  }
  EXPECT_EQ(allocator->GetStats()->bytes_in_use, start.bytes_in_use);
}

TEST(AllocatorTest, BlocksMayBeFreedByAnotherThreadThatThenExits) {
  Allocator* allocator = CpuAllocator();
  const AllocatorStats start = *allocator->GetStats();
  std::vector<void*> blocks;
  for (int i = 0; i < 50; ++i) blocks.push_back(allocator->AllocateRaw(64, 32));
  std::thread freer([&] {
    for (void* block : blocks) allocator->DeallocateRaw(block);
    // This thread's list now holds some of them; it gives them back when it exits.
    void* reused = allocator->AllocateRaw(64, 32);
    EXPECT_NE(reused, nullptr);
    allocator->DeallocateRaw(reused);
  });
  freer.join();
  EXPECT_EQ(allocator->GetStats()->bytes_in_use, start.bytes_in_use);
  void* mine = allocator->AllocateRaw(64, 32);
  EXPECT_NE(mine, nullptr);
  allocator->DeallocateRaw(mine);
}

TEST(AllocatorTest, OverAlignedRequestsKeepTheirAlignment) {
  Allocator* allocator = CpuAllocator();
  // Free small 64-byte-aligned blocks first: a 256-byte-aligned request must not get one.
  std::vector<void*> blocks;
  for (int i = 0; i < 8; ++i) blocks.push_back(allocator->AllocateRaw(64, 16));
  for (void* block : blocks) allocator->DeallocateRaw(block);
  for (int i = 0; i < 8; ++i) {
    void* ptr = allocator->AllocateRaw(256, 16);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(ptr) % 256, 0u);
    allocator->DeallocateRaw(ptr);
  }
}

TEST(AllocatorTest, ImpossibleRequestReturnsNull) {
  EXPECT_EQ(CpuAllocator()->AllocateRaw(64, ~size_t{0} - 4096), nullptr);
}

TEST(AllocatorTest, StatsDebugString) {
  AllocatorStats stats;
  stats.num_allocs = 3;
  stats.bytes_in_use = 128;
  stats.peak_bytes_in_use = 256;
  stats.largest_alloc_size = 192;
  EXPECT_EQ(stats.DebugString(),
            "num_allocs: 3 bytes_in_use: 128 peak_bytes_in_use: 256 largest_alloc_size: 192");
}

}  // namespace
}  // namespace rill
