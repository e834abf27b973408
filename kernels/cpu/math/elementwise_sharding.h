// How element-wise CPU kernels (BinaryOp, Select) split their work: inline below a cost
// threshold, over the device's intra-op pool above it, and the IsExpensive hint that follows.
#ifndef RILL_KERNELS_CPU_MATH_ELEMENTWISE_SHARDING_H_
#define RILL_KERNELS_CPU_MATH_ELEMENTWISE_SHARDING_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <utility>

#include "core/framework/op_kernel.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// kElementwiseInlineCost bounds the work (elements times the per-element cost, in the
// cycles of Eigen's cost model: bytes moved and compute) that an element-wise kernel does on
// the calling thread, about 40 microseconds; above it the kernel shards its work over the
// device's intra-op pool. Below it a hand-off to another thread, which on a machine whose
// cores are busy with other nodes waits for one to be free, costs more than it saves.
inline constexpr int64_t kElementwiseInlineCost = 1 << 17;

// ElementCost is the TensorOpCost of computing one element with Eigen functor Func from
// `bytes_loaded` and into `bytes_stored` bytes: Func's cycles, divided by the packet size
// when Func is vectorized, as Eigen's own tensor executor counts them.
template <typename Func, typename Out>
Eigen::TensorOpCost ElementCost(double bytes_loaded, double bytes_stored) {
  using Traits = Eigen::internal::functor_traits<Func>;
  return Eigen::TensorOpCost(bytes_loaded, bytes_stored, Traits::Cost,
                             static_cast<bool>(Traits::PacketAccess),
                             Eigen::internal::packet_traits<Out>::size);
}

// ElementwiseSharding runs one element-wise kernel's work and remembers whether its last
// run was above kElementwiseInlineCost, for the kernel's IsExpensive: after its first run a
// node on small tensors runs inline in the executor and one on large tensors goes to the
// inter-op pool. A kernel owns one; thread-safe (the hint is a relaxed atomic, written only
// when it changes).
class ElementwiseSharding {
 public:
  // Run calls fn(begin, end) over disjoint ranges covering [0, num_elements): once inline
  // when num_elements times `cost` in cycles is cheap, else in shards on the intra-op pool,
  // sized by Eigen's cost model from `cost` (the bytes and cycles of one element) but never
  // smaller than an equal split over the pool's threads: element-wise work is uniform, so
  // more shards would only add thread hops, and with at most one shard per thread the
  // calling thread computes one of them instead of waiting.
  template <typename Fn>
  void Run(OpKernelContext* ctx, int64_t num_elements, const Eigen::TensorOpCost& cost, Fn&& fn) {
    const bool cheap = Eigen::TensorCostModel<Eigen::ThreadPoolDevice>::totalCost(
                           static_cast<double>(num_elements), cost) <= kElementwiseInlineCost;
    if (expensive_.load(std::memory_order_relaxed) == cheap) {
      expensive_.store(!cheap, std::memory_order_relaxed);
    }
    if (num_elements <= 0) return;
    if (cheap) {
      fn(int64_t{0}, num_elements);
    } else {
      const Eigen::ThreadPoolDevice& device = ctx->eigen_cpu_device();
      const Eigen::Index per_thread = Eigen::divup<Eigen::Index>(num_elements, device.numThreads());
      device.parallelFor(
          num_elements, cost,
          [per_thread](Eigen::Index size) { return std::max(size, per_thread); },
          [&fn](Eigen::Index begin, Eigen::Index end) { fn(int64_t{begin}, int64_t{end}); });
    }
  }

  bool IsExpensive() const { return expensive_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> expensive_{false};
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_ELEMENTWISE_SHARDING_H_
