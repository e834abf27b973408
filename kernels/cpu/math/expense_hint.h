// ExpenseHint: how the matmul, reduction, scan and AddN kernels answer IsExpensive, from
// the size of their last run.
#ifndef RILL_KERNELS_CPU_MATH_EXPENSE_HINT_H_
#define RILL_KERNELS_CPU_MATH_EXPENSE_HINT_H_

#include <atomic>
#include <cstdint>

namespace rill {

// kInlineElements bounds the work (elements touched, or multiply-adds) that a kernel does
// on the calling thread before it reports itself expensive.
inline constexpr int64_t kInlineElements = 1 << 15;

// ExpenseHint is what a kernel's IsExpensive returns: whether its last run was above
// kInlineElements, so that after a first run a node on small tensors runs inline in the
// executor and a node on large ones goes to the inter-op pool. Thread-safe; it writes only
// when the answer changes.
class ExpenseHint {
 public:
  void Record(int64_t work) {
    const bool expensive = work > kInlineElements;
    if (expensive_.load(std::memory_order_relaxed) != expensive) {
      expensive_.store(expensive, std::memory_order_relaxed);
    }
  }
  bool expensive() const { return expensive_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> expensive_{false};
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_EXPENSE_HINT_H_
