// DirectSession: the in-process Session. It owns the graph, the devices, the kernels (one
// per node) and a cache of executors keyed by the (feeds, fetches, targets) signature.
#ifndef RILL_CORE_RUNTIME_DIRECT_SESSION_H_
#define RILL_CORE_RUNTIME_DIRECT_SESSION_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "core/framework/device.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "core/protos/config.pb.h"
#include "core/protos/graph.pb.h"
#include "core/runtime/session.h"

namespace rill {

// DirectSession runs a graph on the devices of this process.
//
// A Run looks its signature up in the plan cache (the names exactly as given; on a miss,
// the sorted names, so the same set in another order reuses the executor). On a miss it
// places the graph's new nodes, prunes the graph to what the fetches and targets need,
// creates the kernels of nodes that have none yet, and builds an Executor. MakeCallable
// resolves a signature once, so that RunCallable looks up nothing but its handle.
//
// Thread safety: as Session. Plans are immutable and shared; concurrent Runs share
// kernels and devices, and each has its own step state.
class DirectSession : public Session {
 public:
  // New makes a session with `options`' devices and thread pools (NewSession's session).
  static absl::StatusOr<std::unique_ptr<DirectSession>> New(const SessionOptions& options);

  ~DirectSession() override;

  absl::Status Create(const tensorflow::GraphDef& graph) override;
  absl::Status Extend(const tensorflow::GraphDef& graph) override;
  absl::Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
                   const std::vector<std::string>& fetches,
                   const std::vector<std::string>& targets,
                   std::vector<Tensor>* outputs) override;
  absl::Status Run(const tensorflow::RunOptions& run_options,
                   const std::vector<std::pair<std::string, Tensor>>& feeds,
                   const std::vector<std::string>& fetches,
                   const std::vector<std::string>& targets, std::vector<Tensor>* outputs,
                   tensorflow::RunMetadata* run_metadata) override;
  absl::Status MakeCallable(const tensorflow::CallableOptions& callable_options,
                            CallableHandle* handle) override;
  absl::Status RunCallable(CallableHandle handle, const std::vector<Tensor>& feed_tensors,
                           std::vector<Tensor>* fetch_tensors,
                           tensorflow::RunMetadata* run_metadata) override;
  absl::Status ReleaseCallable(CallableHandle handle) override;
  absl::Status ListDevices(std::vector<DeviceAttributes>* devices) override;
  absl::Status Close() override;

  // num_executors_built counts the executors this session has planned: a Run whose
  // signature (in any order) ran before builds none.
  int64_t num_executors_built() const {
    return num_executors_built_.load(std::memory_order_relaxed);
  }

 private:
  class Runtime;
  struct CallPlan;
  struct CallPlanCache;
  struct Callable;
  struct Signature;

  DirectSession(const SessionOptions& options, std::shared_ptr<Runtime> runtime);

  // GetOrCreateCallPlan returns the plan of this exact signature, building it on a miss.
  absl::StatusOr<std::shared_ptr<const CallPlan>> GetOrCreateCallPlan(
      const std::vector<std::pair<std::string, Tensor>>& feeds,
      const std::vector<std::string>& fetches, const std::vector<std::string>& targets);
  absl::StatusOr<std::shared_ptr<const CallPlan>> CreateCallPlanLocked(
      const Signature& signature) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status PlaceNewNodesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // RunPlan runs `plan`'s executor with `feed_values` (in the executor's order) and sets
  // `outputs` (when not null) to the fetches in the caller's order.
  absl::Status RunPlan(const CallPlan& plan, const tensorflow::RunOptions& run_options,
                       absl::Span<const Tensor* const> feed_values, size_t num_fetches,
                       std::vector<Tensor>* outputs, tensorflow::RunMetadata* run_metadata);

  const SessionOptions options_;

  mutable absl::Mutex mu_;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<Graph> graph_ ABSL_GUARDED_BY(mu_);
  // num_placed_nodes_: graph nodes with ids below it have a device (nodes only get added).
  int num_placed_nodes_ ABSL_GUARDED_BY(mu_) = 0;
  // runtime_ holds the devices, pool and kernels; in-flight Runs keep it alive past Close.
  std::shared_ptr<Runtime> runtime_ ABSL_GUARDED_BY(mu_);
  // call_plans_: plans by the signature as the caller spelled it, and executors by the
  // sorted signature.
  std::unique_ptr<CallPlanCache> call_plans_ ABSL_GUARDED_BY(mu_);
  // callables_: MakeCallable's plans by handle.
  absl::flat_hash_map<CallableHandle, std::shared_ptr<const Callable>> callables_
      ABSL_GUARDED_BY(mu_);
  CallableHandle next_callable_handle_ ABSL_GUARDED_BY(mu_) = 0;
  std::atomic<int64_t> num_executors_built_{0};
};

}  // namespace rill

#endif  // RILL_CORE_RUNTIME_DIRECT_SESSION_H_
