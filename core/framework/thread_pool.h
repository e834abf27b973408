// ThreadPool: a named pool of worker threads (Eigen's non-blocking pool underneath) used for
// inter-op scheduling and intra-op ParallelFor; kernels build Eigen::ThreadPoolDevice on it.
#ifndef RILL_CORE_FRAMEWORK_THREAD_POOL_H_
#define RILL_CORE_FRAMEWORK_THREAD_POOL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace Eigen {
class ThreadPoolInterface;
struct ThreadPoolDevice;
}  // namespace Eigen

namespace rill {

// ThreadPool owns `num_threads` threads named "<name>/<index>" (truncated to the 15
// characters Linux keeps). All methods are thread-safe. The destructor waits for every
// scheduled closure to finish.
class ThreadPool {
 public:
  // REQUIRES: num_threads >= 1.
  ThreadPool(const std::string& name, int num_threads);
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Schedule runs `fn` on some pool thread, later.
  void Schedule(std::function<void()> fn);

  // ParallelFor calls fn(begin, end) over disjoint ranges covering [0, total) and returns
  // when all calls are done. `cost_per_unit` is the estimated cost of one index in CPU
  // cycles; it decides how many shards to cut. Small work, or a pool of one thread, runs
  // inline as a single fn(0, total). The calling thread works on shards too, and waits for
  // the others: calling ParallelFor from a closure running on this same pool can deadlock
  // once every thread waits so (kernels run on the inter-op pool and shard on the intra-op).
  void ParallelFor(int64_t total, int64_t cost_per_unit,
                   const std::function<void(int64_t begin, int64_t end)>& fn);

  // NumThreads returns the number of threads in the pool.
  int NumThreads() const;

  // CurrentThreadId returns the index in [0, NumThreads()) of the calling pool thread, or -1
  // when called from a thread that is not in this pool.
  int CurrentThreadId() const;

  const std::string& name() const { return name_; }

  // AsEigenThreadPool exposes the pool's Eigen interface, e.g. for
  // `Eigen::ThreadPoolDevice device(pool.AsEigenThreadPool(), pool.NumThreads())`.
  Eigen::ThreadPoolInterface* AsEigenThreadPool() const;

 private:
  class EigenPool;

  const std::string name_;
  std::unique_ptr<EigenPool> pool_;
  std::unique_ptr<Eigen::ThreadPoolDevice> parallel_for_device_;
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_THREAD_POOL_H_
