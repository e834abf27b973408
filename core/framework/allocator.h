// Allocator: where tensor buffers come from. CpuAllocator() is the process-wide host
// allocator, 64-byte aligned, with per-thread free lists of small blocks and atomic usage
// statistics.
#ifndef RILL_CORE_FRAMEWORK_ALLOCATOR_H_
#define RILL_CORE_FRAMEWORK_ALLOCATOR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace rill {

// kTensorAlignment is the alignment of every tensor buffer CpuAllocator hands out: a cache
// line, and enough for any SIMD load Eigen emits.
constexpr size_t kTensorAlignment = 64;

// AllocatorStats is a snapshot of an allocator's usage counters.
struct AllocatorStats {
  int64_t num_allocs = 0;         // AllocateRaw calls that succeeded, ever.
  int64_t bytes_in_use = 0;       // Bytes allocated and not yet deallocated.
  int64_t peak_bytes_in_use = 0;  // Highest bytes_in_use seen.
  int64_t largest_alloc_size = 0;

  std::string DebugString() const;
};

// Allocator is the interface a device's memory comes through. Implementations must be
// safe for concurrent use from any thread.
class Allocator {
 public:
  virtual ~Allocator() = default;

  // Name identifies the allocator in logs and errors ("cpu").
  virtual std::string Name() const = 0;

  // AllocateRaw returns `num_bytes` bytes aligned to `alignment` (a power of two), or
  // nullptr when the memory is not available. A request for 0 bytes may return nullptr.
  virtual void* AllocateRaw(size_t alignment, size_t num_bytes) = 0;

  // DeallocateRaw frees a pointer AllocateRaw returned; nullptr is ignored.
  virtual void DeallocateRaw(void* ptr) = 0;

  // GetStats returns the usage counters, or nullopt when the allocator keeps none.
  virtual std::optional<AllocatorStats> GetStats() const { return std::nullopt; }
};

// CpuAllocator returns the process-wide host allocator (never destroyed). Its alignment is
// at least kTensorAlignment whatever the caller asks for. Blocks of up to 4 KiB are kept,
// once freed, on the freeing thread's free list (at most 32 per size class) and handed
// out again from there without a call into the C library.
Allocator* CpuAllocator();

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_ALLOCATOR_H_
