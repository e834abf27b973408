// CpuAllocator: aligned host memory from the C library, small blocks recycled through
// per-thread free lists, large ones through a process-wide cache, with atomic counters.
#include "core/framework/allocator.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <map>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace rill {

std::string AllocatorStats::DebugString() const {
  return absl::StrCat("num_allocs: ", num_allocs, " bytes_in_use: ", bytes_in_use,
                      " peak_bytes_in_use: ", peak_bytes_in_use,
                      " largest_alloc_size: ", largest_alloc_size);
}

namespace {

// Size classes of the free lists: class k holds blocks of at least kSmallestClass << k
// usable bytes (64 B to 4 KiB).
constexpr size_t kSmallestClass = kTensorAlignment;
constexpr int kNumClasses = 7;
constexpr size_t kLargestClass = kSmallestClass << (kNumClasses - 1);
// kMaxBlocksPerClass bounds what one thread keeps: with every class full, under 512 KiB
// (blocks of class k are smaller than kSmallestClass << (k + 1)).
constexpr int kMaxBlocksPerClass = 32;

// ClassFor is the smallest class whose blocks hold `num_bytes`. REQUIRES num_bytes <=
// kLargestClass.
int ClassFor(size_t num_bytes) {
  int k = 0;
  while ((kSmallestClass << k) < num_bytes) ++k;
  return k;
}

// ClassOfBlock is the largest class a block of `usable` bytes serves, or -1 when the block
// is too large (or too small) to be kept.
int ClassOfBlock(size_t usable) {
  if (usable < kSmallestClass || usable >= 2 * kLargestClass) return -1;
  int k = 0;
  while ((kSmallestClass << (k + 1)) <= usable) ++k;
  return k;
}

// FreeBlock is how a cached block is used while it sits on a free list.
struct FreeBlock {
  FreeBlock* next;
  size_t usable;  // malloc_usable_size, kept for the counters.
};

// ThreadCache holds one thread's free blocks, by class. Only its thread touches it; blocks
// freed by another thread land in that thread's cache. At thread exit it returns its
// blocks to the C library.
class ThreadCache {
 public:
  ThreadCache() = default;
  ThreadCache(const ThreadCache&) = delete;
  ThreadCache& operator=(const ThreadCache&) = delete;
  ~ThreadCache();

  // Current is the calling thread's cache, or null once the thread's caches are destroyed
  // (during thread or process exit), when blocks go straight to the C library.
  static ThreadCache* Current() {
    if (current_ != nullptr) return current_;
    if (exited_) return nullptr;
    static thread_local ThreadCache owner;
    current_ = &owner;
    return current_;
  }

  // Pop returns a block of class k and its usable size, or null when none is cached.
  FreeBlock* Pop(int k) {
    FreeBlock* block = heads_[k];
    if (block != nullptr) {
      heads_[k] = block->next;
      --counts_[k];
    }
    return block;
  }

  // Push keeps `ptr` (of `usable` bytes, class k); false when class k is full.
  bool Push(int k, void* ptr, size_t usable) {
    if (counts_[k] == kMaxBlocksPerClass) return false;
    FreeBlock* block = static_cast<FreeBlock*>(ptr);
    block->next = heads_[k];
    block->usable = usable;
    heads_[k] = block;
    ++counts_[k];
    return true;
  }

 private:
  static thread_local ThreadCache* current_;
  static thread_local bool exited_;

  FreeBlock* heads_[kNumClasses] = {};
  int counts_[kNumClasses] = {};
};

thread_local ThreadCache* ThreadCache::current_ = nullptr;
thread_local bool ThreadCache::exited_ = false;

ThreadCache::~ThreadCache() {
  current_ = nullptr;
  exited_ = true;
  for (FreeBlock* head : heads_) {
    while (head != nullptr) {
      FreeBlock* next = head->next;
      std::free(head);
      head = next;
    }
  }
}

// LargeBlockCache keeps freed blocks of at least kMinBytes for reuse, up to kMaxCachedBytes
// in all. The C library hands such blocks back to the system (munmap) when they are freed,
// and every page of the next one faults in again: a training step that allocates the same
// large temporaries each step (dense slot updates of an embedding table) then spends most of
// its time in page faults (measured: 45,000 faults and 130 ms per sparse Adam step on a
// 50000x128 table). Thread-safe.
class LargeBlockCache {
 public:
  static constexpr size_t kMinBytes = size_t{256} << 10;
  static constexpr size_t kMaxCachedBytes = size_t{1} << 30;

  // Take returns a cached block of at least `num_bytes` usable bytes (at most a quarter
  // more), aligned to `alignment`, and sets `*usable`; null when there is none.
  void* Take(size_t num_bytes, size_t alignment, size_t* usable) {
    absl::MutexLock lock(&mu_);
    const size_t most = num_bytes + num_bytes / 4;
    for (auto it = blocks_.lower_bound(num_bytes); it != blocks_.end() && it->first <= most;
         ++it) {
      if (reinterpret_cast<uintptr_t>(it->second) % alignment != 0) continue;
      void* block = it->second;
      *usable = it->first;
      cached_bytes_ -= it->first;
      blocks_.erase(it);
      return block;
    }
    return nullptr;
  }

  // Keep caches `ptr` (of `usable` bytes); false when the cache is full.
  bool Keep(void* ptr, size_t usable) {
    absl::MutexLock lock(&mu_);
    if (cached_bytes_ + usable > kMaxCachedBytes) return false;
    blocks_.emplace(usable, ptr);
    cached_bytes_ += usable;
    return true;
  }

 private:
  absl::Mutex mu_;
  std::multimap<size_t, void*> blocks_ ABSL_GUARDED_BY(mu_);  // By usable size.
  size_t cached_bytes_ ABSL_GUARDED_BY(mu_) = 0;
};

// HostAllocator counts the usable size of each block (malloc_usable_size), so the counters
// return exactly to their start value once everything is freed; blocks on free lists are
// not in use. Requests of at most kLargestClass bytes and kTensorAlignment get a block of
// their class from the thread's free list when it has one (no call into the C library);
// freed blocks of up to twice kLargestClass go back to the freeing thread's list. Blocks of
// LargeBlockCache::kMinBytes and more come from and go back to the large-block cache.
class HostAllocator final : public Allocator {
 public:
  std::string Name() const override { return "cpu"; }

  void* AllocateRaw(size_t alignment, size_t num_bytes) override {
    num_bytes = std::max<size_t>(num_bytes, 1);
    void* ptr = nullptr;
    size_t usable = 0;
    if (alignment <= kTensorAlignment && num_bytes <= kLargestClass) {
      const int k = ClassFor(num_bytes);
      ThreadCache* cache = ThreadCache::Current();
      FreeBlock* block = cache != nullptr ? cache->Pop(k) : nullptr;
      if (block != nullptr) {
        ptr = block;
        usable = block->usable;
      } else {
        // The whole class size, so that the block serves any request of its class later.
        num_bytes = kSmallestClass << k;
      }
    }
    alignment = std::max(alignment, kTensorAlignment);
    if (ptr == nullptr && num_bytes >= LargeBlockCache::kMinBytes) {
      ptr = large_blocks_.Take(num_bytes, alignment, &usable);
    }
    if (ptr == nullptr) {
      if (posix_memalign(&ptr, alignment, num_bytes) != 0) return nullptr;
      usable = malloc_usable_size(ptr);
    }
    const int64_t size = static_cast<int64_t>(usable);
    num_allocs_.fetch_add(1, std::memory_order_relaxed);
    const int64_t in_use = bytes_in_use_.fetch_add(size, std::memory_order_relaxed) + size;
    RaiseTo(peak_bytes_in_use_, in_use);
    RaiseTo(largest_alloc_size_, size);
    return ptr;
  }

  void DeallocateRaw(void* ptr) override {
    if (ptr == nullptr) return;
    const size_t usable = malloc_usable_size(ptr);
    bytes_in_use_.fetch_sub(static_cast<int64_t>(usable), std::memory_order_relaxed);
    const int k = ClassOfBlock(usable);
    if (k >= 0) {
      ThreadCache* cache = ThreadCache::Current();
      if (cache != nullptr && cache->Push(k, ptr, usable)) return;
    }
    if (usable >= LargeBlockCache::kMinBytes && large_blocks_.Keep(ptr, usable)) return;
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

  LargeBlockCache large_blocks_;
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
