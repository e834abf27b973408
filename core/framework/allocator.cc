// CpuAllocator: aligned host memory from the C library, with atomic usage counters.
#include "core/framework/allocator.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace rill {

std::string AllocatorStats::DebugString() const {
  return absl::StrCat("num_allocs: ", num_allocs, " bytes_in_use: ", bytes_in_use,
                      " peak_bytes_in_use: ", peak_bytes_in_use,
                      " largest_alloc_size: ", largest_alloc_size);
}

namespace {

// HostAllocator counts the usable size of each block (malloc_usable_size), so the counters
// return exactly to their start value once everything is freed.
class HostAllocator final : public Allocator {
 public:
  std::string Name() const override { return "cpu"; }

  void* AllocateRaw(size_t alignment, size_t num_bytes) override {
    alignment = std::max(alignment, kTensorAlignment);
    void* ptr = nullptr;
    if (posix_memalign(&ptr, alignment, std::max<size_t>(num_bytes, 1)) != 0) return nullptr;
    const int64_t size = static_cast<int64_t>(malloc_usable_size(ptr));
    num_allocs_.fetch_add(1, std::memory_order_relaxed);
    const int64_t in_use = bytes_in_use_.fetch_add(size, std::memory_order_relaxed) + size;
    RaiseTo(peak_bytes_in_use_, in_use);
    RaiseTo(largest_alloc_size_, size);
    return ptr;
  }

  void DeallocateRaw(void* ptr) override {
    if (ptr == nullptr) return;
    bytes_in_use_.fetch_sub(static_cast<int64_t>(malloc_usable_size(ptr)),
                            std::memory_order_relaxed);
    std::free(ptr);
  }

  std::optional<AllocatorStats> GetStats() const override {
    AllocatorStats stats;
    stats.num_allocs = num_allocs_.load(std::memory_order_relaxed);
    stats.bytes_in_use = bytes_in_use_.load(std::memory_order_relaxed);
    stats.peak_bytes_in_use = peak_bytes_in_use_.load(std::memory_order_relaxed);
    stats.largest_alloc_size = largest_alloc_size_.load(std::memory_order_relaxed);
    return stats;
  }

 private:
  static void RaiseTo(std::atomic<int64_t>& counter, int64_t value) {
    int64_t current = counter.load(std::memory_order_relaxed);
    while (value > current &&
           !counter.compare_exchange_weak(current, value, std::memory_order_relaxed)) {
    }
  }

  std::atomic<int64_t> num_allocs_{0};
  std::atomic<int64_t> bytes_in_use_{0};
  std::atomic<int64_t> peak_bytes_in_use_{0};
  std::atomic<int64_t> largest_alloc_size_{0};
};

}  // namespace

Allocator* CpuAllocator() {
  static Allocator* const allocator = new HostAllocator();
  return allocator;
}

}  // namespace rill
