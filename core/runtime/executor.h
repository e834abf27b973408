// Executor: an immutable plan for one (feeds, fetches, targets) signature of a graph, and
// the dataflow scheduler that runs it: pending-input counts, inline cheap kernels, the rest
// on the inter-op pool.
#ifndef RILL_CORE_RUNTIME_EXECUTOR_H_
#define RILL_CORE_RUNTIME_EXECUTOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "core/framework/device.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/tensor.h"
#include "core/framework/thread_pool.h"
#include "core/graph/graph.h"
#include "core/protos/step_stats.pb.h"

namespace rill {

// Executor runs the nodes of one pruned graph over and over. Create builds the plan once:
// for each node its kernel, its input slots as flat indices into a per-step value array,
// its output slots, its consumers and its initial pending count. Run then only resets
// counters, puts the feeds in their slots, runs ready nodes and hands the fetches out by
// reference counting.
//
// Scheduling: the thread that calls Run does the work. When a node finishes, the
// consumers it makes ready that are cheap (OpKernel::IsExpensive() false, or measured
// below 50 microseconds) run inline on that thread; of the expensive ones, one stays on
// that thread and the others go to the inter-op pool, so independent expensive nodes
// really run in parallel. The first error cancels the step (no new node starts; running
// kernels see OpKernelContext::is_cancelled) and is returned with the node's name and op.
//
// Thread safety: the plan is immutable and Run may be called from many threads at once;
// each call has its own step state (taken from a small free list, so steady-state Runs do
// not allocate). The kernels, devices and pool passed to Create must outlive the Executor.
class Executor {
 public:
  // KernelAndDevice is how node `node` runs: `kernel` (not owned, thread-safe) on `device`.
  struct KernelAndDevice {
    OpKernel* kernel = nullptr;
    Device* device = nullptr;
  };
  // KernelLookup returns the kernel and device of a node of the plan (for instance from a
  // session's kernel cache), or the error that prevents the node from running.
  using KernelLookup = std::function<absl::StatusOr<KernelAndDevice>(const Node& node)>;

  struct Options {
    // inter_op_pool runs expensive ready nodes; null runs every node on the caller's thread.
    ThreadPool* inter_op_pool = nullptr;
    // resource_manager: the state kernels share across steps; null means each device's.
    ResourceMgr* resource_manager = nullptr;
  };

  // Constant is a tensor whose value every step starts with, as if fed: what constant
  // folding computed ahead for a node left out of the plan.
  struct Constant {
    std::string name;  // "node:i"
    Tensor value;
  };

  // Create plans the execution of `nodes` (every node of `graph` the step needs, in
  // topological order, e.g. from PruneGraph) with fed tensors `feeds` and returned tensors
  // `fetches` (names "node:i" or "node"). A fed tensor's slot is filled by Run and its
  // producer need not be among `nodes`. InvalidArgument naming the tensor for an unknown
  // node or output index, a feed named twice, or an input that is neither fed nor produced
  // by a node of `nodes`; whatever `kernel_lookup` returns for a node. `constants` are
  // tensors with a fixed value, read like feeds (and never forwarded to an output).
  static absl::StatusOr<std::unique_ptr<Executor>> Create(
      const Graph& graph, absl::Span<const Node* const> nodes,
      absl::Span<const std::string> feeds, absl::Span<const std::string> fetches,
      const KernelLookup& kernel_lookup, const Options& options,
      absl::Span<const Constant> constants = {});

  ~Executor();

  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // StepOptions: per-call settings of Run.
  struct StepOptions {
    // step_stats, when not null, receives one NodeExecStats per executed node, grouped by
    // device (what RunMetadata.step_stats carries).
    tensorflow::StepStats* step_stats = nullptr;
    // timeout_in_ms > 0 cancels the step after that many milliseconds: Run then returns
    // DeadlineExceeded once the kernels already running have returned. The calling thread
    // then only watches the clock while the pool runs the nodes (without a pool, the
    // deadline is checked between nodes).
    int64_t timeout_in_ms = 0;
  };

  // Run executes one step. `feeds[i]` is the value of the Create's feeds[i]; `fetches[j]`
  // receives fetches[j] (sharing the step's buffer). A feed whose dtype differs from the
  // tensor's, or whose shape is incompatible with the tensor's known shape, is
  // InvalidArgument naming the tensor, the expected and the given value. A kernel error is
  // returned with " [[node name (Op)]]" appended (once). Internal when the span sizes
  // differ from num_feeds() and num_fetches().
  absl::Status Run(const StepOptions& options, absl::Span<const Tensor* const> feeds,
                   absl::Span<Tensor* const> fetches) const;

  // num_nodes is the number of nodes a step runs.
  int num_nodes() const;
  int num_feeds() const;
  int num_fetches() const { return static_cast<int>(fetch_slots_.size()); }

 private:
  struct NodeItem;
  struct FeedItem;
  struct StepState;
  class Step;

  Executor();

  std::unique_ptr<StepState> AcquireStepState() const;
  void ReleaseStepState(std::unique_ptr<StepState> state) const;
  absl::Status CheckFeed(int i, const Tensor& value) const;

  Options options_;
  // runner_ schedules a kernel's closures on the inter-op pool.
  OpKernelContext::Runner runner_;
  std::vector<NodeItem> nodes_;
  std::vector<FeedItem> feeds_;
  // constants_: (slot, value) of each Constant.
  std::vector<std::pair<int, Tensor>> constants_;
  // input_slots_ holds, node after node, the value slot of each data input.
  std::vector<int> input_slots_;
  // forwardable_inputs_ parallels input_slots_: the node is the slot's only reader.
  std::unique_ptr<bool[]> forwardable_inputs_;
  // consumers_ holds, node after node, the ids of the nodes each node makes less pending
  // (one entry per data or control edge).
  std::vector<int> consumers_;
  // released_slots_ holds, node after node, the input slots the node alone reads (neither
  // fed nor fetched): the step releases them as soon as the node is done.
  std::vector<int> released_slots_;
  std::vector<int> fetch_slots_;
  // last_fetch_of_slot_[j]: no later fetch reads fetch_slots_[j], so fetch j moves it out.
  std::vector<bool> last_fetch_of_slot_;
  std::vector<int> initially_ready_;
  int num_slots_ = 0;
  // cost_nanos_[node]: a running average of the node's Compute time (0 = not measured yet).
  std::unique_ptr<std::atomic<int64_t>[]> cost_nanos_;

  mutable absl::Mutex free_states_mu_;
  mutable std::vector<std::unique_ptr<StepState>> free_states_
      ABSL_GUARDED_BY(free_states_mu_);
};

}  // namespace rill

#endif  // RILL_CORE_RUNTIME_EXECUTOR_H_
