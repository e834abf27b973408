// Tests for CpuAllocator: alignment and the usage counters.
#include "core/framework/allocator.h"

#include <cstdint>
#include <cstring>

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
