// ThreadPool over Eigen's non-blocking ThreadPoolTempl, with named threads; ParallelFor
// shards with Eigen's cost model (the one TensorFlow's thread pool uses).
#include "core/framework/thread_pool.h"

#include <pthread.h>

#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "unsupported/Eigen/CXX11/Tensor"
#include "unsupported/Eigen/CXX11/ThreadPool"

namespace rill {
namespace {

// NamedThreadEnvironment is Eigen's StlThreadEnvironment, except that each thread it starts
// is named "<prefix>/<index>" so that profilers and debuggers show whose thread it is.
class NamedThreadEnvironment {
 public:
  struct Task {
    std::function<void()> f;
  };

  // EnvThread starts its thread on construction and joins it on destruction (Eigen's contract).
  class EnvThread {
   public:
    EnvThread(std::string name, std::function<void()> f)
        : thread_([name = std::move(name), f = std::move(f)] {
            // Linux keeps 15 characters of a thread name.
            pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
            f();
          }) {}
    ~EnvThread() { thread_.join(); }
    void OnCancel() {}

   private:
    std::thread thread_;
  };

  explicit NamedThreadEnvironment(std::string prefix) : prefix_(std::move(prefix)) {}

  EnvThread* CreateThread(std::function<void()> f) {
    return new EnvThread(absl::StrCat(prefix_, "/", next_thread_index_++), std::move(f));
  }
  Task CreateTask(std::function<void()> f) { return Task{std::move(f)}; }
  void ExecuteTask(const Task& task) { task.f(); }

 private:
  std::string prefix_;
  int next_thread_index_ = 0;
};

}  // namespace

// Idle workers sleep at once instead of spinning: a session has two pools (inter-op and
// intra-op) plus input threads, so spinning workers take cores from the ones with work
// (word2vec steps: 2-8 % faster without spinning; session benchmarks and the per-sample
// linear regression unchanged).
class ThreadPool::EigenPool : public Eigen::ThreadPoolTempl<NamedThreadEnvironment> {
 public:
  EigenPool(const std::string& name, int num_threads)
      : Eigen::ThreadPoolTempl<NamedThreadEnvironment>(num_threads, /*allow_spinning=*/false,
                                                       NamedThreadEnvironment(name)) {}
};

ThreadPool::ThreadPool(const std::string& name, int num_threads)
    : name_(name),
      pool_(std::make_unique<EigenPool>(name, num_threads)),
      parallel_for_device_(
          std::make_unique<Eigen::ThreadPoolDevice>(pool_.get(), pool_->NumThreads())) {}

ThreadPool::~ThreadPool() = default;

void ThreadPool::Schedule(std::function<void()> fn) { pool_->Schedule(std::move(fn)); }

void ThreadPool::ParallelFor(int64_t total, int64_t cost_per_unit,
                             const std::function<void(int64_t begin, int64_t end)>& fn) {
  if (total <= 0) return;
  if (total == 1 || NumThreads() == 1) {
    fn(0, total);
    return;
  }
  parallel_for_device_->parallelFor(
      total, Eigen::TensorOpCost(0, 0, static_cast<double>(cost_per_unit)),
      [&fn](Eigen::Index begin, Eigen::Index end) { fn(begin, end); });
}

int ThreadPool::NumThreads() const { return pool_->NumThreads(); }

int ThreadPool::CurrentThreadId() const { return pool_->CurrentThreadId(); }

Eigen::ThreadPoolInterface* ThreadPool::AsEigenThreadPool() const { return pool_.get(); }

}  // namespace rill
