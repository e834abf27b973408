// DirectSession: graph ownership, the signature-keyed plan cache (exact spelling first,
// then the sorted signature), per-node kernels shared by every plan, and Run.
#include "core/runtime/direct_session.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/memory/memory.h"
#include "core/framework/cpu_device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/thread_pool.h"
#include "core/graph/graph_def_import.h"
#include "core/graph/placer.h"
#include "core/graph/prune.h"
#include "core/runtime/constant_folding.h"
#include "core/runtime/executor.h"

namespace rill {
namespace {

const std::string& FeedName(const std::string& name) { return name; }
const std::string& FeedName(const std::pair<std::string, Tensor>& feed) { return feed.first; }

// SignatureRef views a Run's names without copying them; Feeds is the caller's feed list
// or a stored list of names.
template <typename Feeds>
struct SignatureRef {
  const Feeds& feeds;
  const std::vector<std::string>& fetches;
  const std::vector<std::string>& targets;

  template <typename H>
  friend H AbslHashValue(H h, const SignatureRef& signature) {
    for (const auto& feed : signature.feeds) h = H::combine(std::move(h), FeedName(feed));
    h = H::combine(std::move(h), signature.feeds.size());
    h = H::combine(std::move(h), signature.fetches);
    return H::combine(std::move(h), signature.targets);
  }
};

template <typename FeedsA, typename FeedsB>
bool SameSignature(const SignatureRef<FeedsA>& a, const SignatureRef<FeedsB>& b) {
  if (a.feeds.size() != b.feeds.size() || a.fetches != b.fetches || a.targets != b.targets) {
    return false;
  }
  for (size_t i = 0; i < a.feeds.size(); ++i) {
    if (FeedName(a.feeds[i]) != FeedName(b.feeds[i])) return false;
  }
  return true;
}

using CallFeeds = std::vector<std::pair<std::string, Tensor>>;

// PositionsIn maps each name of `names` to a distinct index of `sorted` holding it
// (repeated names get successive indices). REQUIRES: `sorted` is `names` sorted.
template <typename Names>
std::vector<int> PositionsIn(const Names& names, const std::vector<std::string>& sorted) {
  std::vector<int> positions;
  std::vector<bool> taken(sorted.size(), false);
  for (const auto& name : names) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), FeedName(name));
    int position = static_cast<int>(it - sorted.begin());
    while (taken[position]) ++position;
    taken[position] = true;
    positions.push_back(position);
  }
  return positions;
}

}  // namespace

// Signature is a Run's feed, fetch and target names, owned (the cache's key).
struct DirectSession::Signature {
  std::vector<std::string> feeds;
  std::vector<std::string> fetches;
  std::vector<std::string> targets;

  SignatureRef<std::vector<std::string>> Ref() const { return {feeds, fetches, targets}; }

  Signature Sorted() const {
    Signature sorted = *this;
    std::sort(sorted.feeds.begin(), sorted.feeds.end());
    std::sort(sorted.fetches.begin(), sorted.fetches.end());
    std::sort(sorted.targets.begin(), sorted.targets.end());
    return sorted;
  }
};

namespace {

template <typename Feeds>
const SignatureRef<Feeds>& AsRef(const SignatureRef<Feeds>& ref) {
  return ref;
}
template <typename Owned>
auto AsRef(const Owned& signature) -> decltype(signature.Ref()) {
  return signature.Ref();
}

// SignatureHash and SignatureEq let the cache be probed with a SignatureRef of the
// caller's vectors, so a hit copies no string.
struct SignatureHash {
  using is_transparent = void;
  template <typename T>
  size_t operator()(const T& signature) const {
    const auto& ref = AsRef(signature);
    return absl::Hash<std::decay_t<decltype(ref)>>()(ref);
  }
};

struct SignatureEq {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return SameSignature(AsRef(a), AsRef(b));
  }
};

}  // namespace

// Runtime is what steps use: the devices, the inter-op pool and one kernel per node.
// Plans share it, so in-flight Runs keep it alive after Close.
class DirectSession::Runtime {
 public:
  Runtime(std::unique_ptr<DeviceMgr> device_mgr, std::unique_ptr<ThreadPool> inter_op_pool)
      : device_mgr_(std::move(device_mgr)), inter_op_pool_(std::move(inter_op_pool)) {}

  const DeviceMgr& device_mgr() const { return *device_mgr_; }
  ThreadPool* inter_op_pool() const { return inter_op_pool_.get(); }

  // GetOrCreateKernel returns `node`'s kernel on its assigned device, creating it the
  // first time with the functions of `library` (the graph's) at hand. REQUIRES: the
  // session's mu_ is held exclusively.
  absl::StatusOr<Executor::KernelAndDevice> GetOrCreateKernel(
      const Node& node, const tensorflow::FunctionDefLibrary& library) {
    auto it = kernels_.find(node.id());
    if (it != kernels_.end()) return Executor::KernelAndDevice{it->second.kernel.get(),
                                                               it->second.device};
    ASSIGN_OR_RETURN(Device * device, device_mgr_->LookupDevice(node.assigned_device_name()));
    ASSIGN_OR_RETURN(std::unique_ptr<OpKernel> kernel,
                     CreateOpKernel(device->device_type(), device, node.def(), &library));
    OpKernel* kernel_pointer = kernel.get();
    kernels_.emplace(node.id(), NodeKernel{std::move(kernel), device});
    return Executor::KernelAndDevice{kernel_pointer, device};
  }

 private:
  struct NodeKernel {
    std::unique_ptr<OpKernel> kernel;
    Device* device;
  };

  // Destroyed in reverse order: kernels, then the pool, then the devices.
  std::unique_ptr<DeviceMgr> device_mgr_;
  std::unique_ptr<ThreadPool> inter_op_pool_;
  absl::flat_hash_map<int, NodeKernel> kernels_;
};

// CallPlan is the plan of one spelling of a signature: the executor of the sorted
// signature and where the caller's feeds and fetches sit in it.
struct DirectSession::CallPlan {
  std::shared_ptr<Runtime> runtime;
  std::shared_ptr<const Executor> executor;
  // feed_positions[i]: the executor's index of the caller's feed i; same for fetches.
  std::vector<int> feed_positions;
  std::vector<int> fetch_positions;
};

// Callable is what MakeCallable prepared: the plan of the callable's names and its options.
struct DirectSession::Callable {
  std::shared_ptr<const CallPlan> plan;
  tensorflow::RunOptions run_options;
  size_t num_feeds = 0;
  size_t num_fetches = 0;
};

struct DirectSession::CallPlanCache {
  using Map = absl::flat_hash_map<Signature, std::shared_ptr<const CallPlan>, SignatureHash,
                                  SignatureEq>;
  Map by_call;
  Map by_sorted;
};

absl::StatusOr<std::unique_ptr<DirectSession>> DirectSession::New(
    const SessionOptions& options) {
  DeviceOptions device_options;
  device_options.intra_op_threads = options.intra_op_threads;
  device_options.device_count = options.device_count;
  std::vector<std::unique_ptr<Device>> devices;
  RETURN_IF_ERROR(DeviceFactory::AddDevices(device_options, &devices));
  const int inter_op_threads =
      options.inter_op_threads == 0 ? NumSchedulableCpus() : options.inter_op_threads;
  std::unique_ptr<ThreadPool> inter_op_pool;
  if (inter_op_threads > 0) {
    inter_op_pool = std::make_unique<ThreadPool>("rill_inter_op", inter_op_threads);
  }
  auto runtime = std::make_shared<Runtime>(std::make_unique<DeviceMgr>(std::move(devices)),
                                           std::move(inter_op_pool));
  return absl::WrapUnique(new DirectSession(options, std::move(runtime)));
}

DirectSession::DirectSession(const SessionOptions& options, std::shared_ptr<Runtime> runtime)
    : options_(options),
      runtime_(std::move(runtime)),
      call_plans_(std::make_unique<CallPlanCache>()) {}

DirectSession::~DirectSession() { Close().IgnoreError(); }

absl::Status DirectSession::Create(const tensorflow::GraphDef& graph_def) {
  absl::MutexLock lock(&mu_);
  if (closed_) return errors::FailedPrecondition("Session has been closed");
  if (graph_ != nullptr) {
    return errors::FailedPrecondition(
        "Session already has a graph: call Extend to add nodes to it");
  }
  auto graph = std::make_unique<Graph>(OpRegistry::Global());
  RETURN_IF_ERROR(ImportGraphDef(graph_def, graph.get()));
  graph_ = std::move(graph);
  return absl::OkStatus();
}

absl::Status DirectSession::Extend(const tensorflow::GraphDef& graph_def) {
  absl::MutexLock lock(&mu_);
  if (closed_) return errors::FailedPrecondition("Session has been closed");
  if (graph_ == nullptr) graph_ = std::make_unique<Graph>(OpRegistry::Global());
  tensorflow::GraphDef new_nodes = graph_def;
  new_nodes.clear_node();
  for (const tensorflow::NodeDef& node : graph_def.node()) {
    if (graph_->FindNode(node.name()) == nullptr) *new_nodes.add_node() = node;
  }
  return ImportGraphDef(new_nodes, graph_.get());
}

absl::Status DirectSession::Run(const CallFeeds& feeds,
                                const std::vector<std::string>& fetches,
                                const std::vector<std::string>& targets,
                                std::vector<Tensor>* outputs) {
  return Run(tensorflow::RunOptions::default_instance(), feeds, fetches, targets, outputs,
             nullptr);
}

absl::Status DirectSession::Run(const tensorflow::RunOptions& run_options,
                                const CallFeeds& feeds,
                                const std::vector<std::string>& fetches,
                                const std::vector<std::string>& targets,
                                std::vector<Tensor>* outputs,
                                tensorflow::RunMetadata* run_metadata) {
  if (outputs == nullptr && !fetches.empty()) {
    return errors::InvalidArgument("Run fetches ", fetches.size(),
                                   " tensors but `outputs` is null");
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const CallPlan> plan,
                   GetOrCreateCallPlan(feeds, fetches, targets));
  absl::InlinedVector<const Tensor*, 8> feed_values(feeds.size());
  for (size_t i = 0; i < feeds.size(); ++i) {
    feed_values[plan->feed_positions[i]] = &feeds[i].second;
  }
  return RunPlan(*plan, run_options, feed_values, fetches.size(), outputs, run_metadata);
}

absl::Status DirectSession::MakeCallable(const tensorflow::CallableOptions& callable_options,
                                         CallableHandle* handle) {
  CallFeeds feeds;
  for (const std::string& name : callable_options.feed()) feeds.emplace_back(name, Tensor());
  const std::vector<std::string> fetches(callable_options.fetch().begin(),
                                         callable_options.fetch().end());
  const std::vector<std::string> targets(callable_options.target().begin(),
                                         callable_options.target().end());
  auto callable = std::make_shared<Callable>();
  ASSIGN_OR_RETURN(callable->plan, GetOrCreateCallPlan(feeds, fetches, targets));
  callable->run_options = callable_options.run_options();
  callable->num_feeds = feeds.size();
  callable->num_fetches = fetches.size();
  absl::MutexLock lock(&mu_);
  if (closed_) return errors::Cancelled("Session has been closed");
  *handle = next_callable_handle_++;
  callables_.emplace(*handle, std::move(callable));
  return absl::OkStatus();
}

absl::Status DirectSession::RunCallable(CallableHandle handle,
                                        const std::vector<Tensor>& feed_tensors,
                                        std::vector<Tensor>* fetch_tensors,
                                        tensorflow::RunMetadata* run_metadata) {
  std::shared_ptr<const Callable> callable;
  {
    absl::ReaderMutexLock lock(&mu_);
    if (closed_) return errors::Cancelled("Session has been closed");
    auto it = callables_.find(handle);
    if (it == callables_.end()) {
      return errors::InvalidArgument("No such callable handle: ", handle);
    }
    callable = it->second;
  }
  if (feed_tensors.size() != callable->num_feeds) {
    return errors::InvalidArgument("Invalid number of feed tensors specified. Expected ",
                                   callable->num_feeds, ", got ", feed_tensors.size());
  }
  if (fetch_tensors == nullptr && callable->num_fetches > 0) {
    return errors::InvalidArgument("RunCallable fetches ", callable->num_fetches,
                                   " tensors but `fetch_tensors` is null");
  }
  const CallPlan& plan = *callable->plan;
  absl::InlinedVector<const Tensor*, 8> feed_values(feed_tensors.size());
  for (size_t i = 0; i < feed_tensors.size(); ++i) {
    feed_values[plan.feed_positions[i]] = &feed_tensors[i];
  }
  return RunPlan(plan, callable->run_options, feed_values, callable->num_fetches,
                 fetch_tensors, run_metadata);
}

absl::Status DirectSession::ReleaseCallable(CallableHandle handle) {
  std::shared_ptr<const Callable> released;
  absl::MutexLock lock(&mu_);
  auto it = callables_.find(handle);
  if (it == callables_.end()) {
    return errors::InvalidArgument("No such callable handle: ", handle);
  }
  released = std::move(it->second);
  callables_.erase(it);
  return absl::OkStatus();
}

absl::Status DirectSession::RunPlan(const CallPlan& plan,
                                    const tensorflow::RunOptions& run_options,
                                    absl::Span<const Tensor* const> feed_values,
                                    size_t num_fetches, std::vector<Tensor>* outputs,
                                    tensorflow::RunMetadata* run_metadata) {
  absl::InlinedVector<Tensor*, 8> fetch_values(num_fetches);
  if (outputs != nullptr) {
    outputs->clear();
    outputs->resize(num_fetches);
    for (size_t j = 0; j < num_fetches; ++j) {
      fetch_values[plan.fetch_positions[j]] = &(*outputs)[j];
    }
  }
  Executor::StepOptions step_options;
  step_options.timeout_in_ms = run_options.timeout_in_ms() > 0
                                   ? run_options.timeout_in_ms()
                                   : options_.operation_timeout_in_ms;
  if (run_metadata != nullptr && run_options.trace_level() > tensorflow::RunOptions::NO_TRACE) {
    run_metadata->clear_step_stats();
    step_options.step_stats = run_metadata->mutable_step_stats();
  }
  absl::Status status = plan.executor->Run(step_options, feed_values, fetch_values);
  if (!status.ok() && outputs != nullptr) outputs->clear();
  return status;
}

absl::StatusOr<std::shared_ptr<const DirectSession::CallPlan>>
DirectSession::GetOrCreateCallPlan(const CallFeeds& feeds,
                                   const std::vector<std::string>& fetches,
                                   const std::vector<std::string>& targets) {
  const SignatureRef<CallFeeds> call{feeds, fetches, targets};
  {
    absl::ReaderMutexLock lock(&mu_);
    if (closed_) return errors::Cancelled("Session has been closed");
    auto it = call_plans_->by_call.find(call);
    if (it != call_plans_->by_call.end()) return it->second;
  }
  absl::MutexLock lock(&mu_);
  if (closed_) return errors::Cancelled("Session has been closed");
  if (graph_ == nullptr) {
    return errors::FailedPrecondition("Session has no graph: call Create before Run");
  }
  auto it = call_plans_->by_call.find(call);
  if (it != call_plans_->by_call.end()) return it->second;

  Signature signature;
  for (const auto& feed : feeds) signature.feeds.push_back(feed.first);
  signature.fetches = fetches;
  signature.targets = targets;
  Signature sorted = signature.Sorted();
  std::shared_ptr<const CallPlan> canonical;
  auto sorted_it = call_plans_->by_sorted.find(sorted);
  if (sorted_it != call_plans_->by_sorted.end()) {
    canonical = sorted_it->second;
  } else {
    ASSIGN_OR_RETURN(canonical, CreateCallPlanLocked(sorted));
    call_plans_->by_sorted.emplace(sorted, canonical);
  }
  auto plan = std::make_shared<CallPlan>();
  plan->runtime = canonical->runtime;
  plan->executor = canonical->executor;
  plan->feed_positions = PositionsIn(feeds, sorted.feeds);
  plan->fetch_positions = PositionsIn(fetches, sorted.fetches);
  call_plans_->by_call.emplace(std::move(signature), plan);
  return std::shared_ptr<const CallPlan>(std::move(plan));
}

absl::StatusOr<std::shared_ptr<const DirectSession::CallPlan>>
DirectSession::CreateCallPlanLocked(const Signature& signature) {
  RETURN_IF_ERROR(PlaceNewNodesLocked());
  ASSIGN_OR_RETURN(
      PrunedGraph pruned,
      PruneGraphForStep(*graph_, signature.feeds, signature.fetches, signature.targets));
  Runtime* runtime = runtime_.get();
  const tensorflow::FunctionDefLibrary* library = &graph_->library();
  Executor::Options executor_options;
  executor_options.inter_op_pool = runtime->inter_op_pool();
  const Executor::KernelLookup kernel_lookup = [runtime, library](const Node& node) {
    return runtime->GetOrCreateKernel(node, *library);
  };
  FoldedPlan folded{pruned.nodes, {}};
  if (options_.do_constant_folding) {
    folded = FoldConstants(*graph_, pruned.nodes, signature.feeds, signature.fetches,
                           kernel_lookup, options_.max_folded_constant_bytes);
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Executor> executor,
                   Executor::Create(*graph_, folded.nodes, signature.feeds, signature.fetches,
                                    kernel_lookup, executor_options, folded.constants));
  num_executors_built_.fetch_add(1, std::memory_order_relaxed);
  auto plan = std::make_shared<CallPlan>();
  plan->runtime = runtime_;
  plan->executor = std::move(executor);
  return std::shared_ptr<const CallPlan>(std::move(plan));
}

absl::Status DirectSession::PlaceNewNodesLocked() {
  if (num_placed_nodes_ == graph_->num_nodes()) return absl::OkStatus();
  std::vector<const Node*> new_nodes(graph_->nodes().begin() + num_placed_nodes_,
                                     graph_->nodes().end());
  PlacementOptions placement_options;
  placement_options.allow_soft_placement = options_.allow_soft_placement;
  placement_options.log_device_placement = options_.log_device_placement;
  RETURN_IF_ERROR(
      PlaceGraph(graph_.get(), runtime_->device_mgr(), placement_options, new_nodes));
  num_placed_nodes_ = graph_->num_nodes();
  return absl::OkStatus();
}

absl::Status DirectSession::ListDevices(std::vector<DeviceAttributes>* devices) {
  absl::ReaderMutexLock lock(&mu_);
  if (closed_) return errors::Cancelled("Session has been closed");
  devices->clear();
  for (const Device* device : runtime_->device_mgr().ListDevices()) {
    devices->push_back(device->attributes());
  }
  return absl::OkStatus();
}

absl::Status DirectSession::Close() {
  std::shared_ptr<Runtime> runtime;
  std::unique_ptr<CallPlanCache> call_plans;
  absl::flat_hash_map<CallableHandle, std::shared_ptr<const Callable>> callables;
  std::unique_ptr<Graph> graph;
  {
    absl::MutexLock lock(&mu_);
    if (closed_) return absl::OkStatus();
    closed_ = true;
    runtime = std::move(runtime_);
    call_plans = std::move(call_plans_);
    callables.swap(callables_);
    graph = std::move(graph_);
  }
  // Plans go before the runtime; both outside the lock. Runs still in flight hold their
  // own references and release the runtime when they finish.
  callables.clear();
  call_plans.reset();
  runtime.reset();
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Session>> NewSession(const SessionOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<DirectSession> session, DirectSession::New(options));
  return std::unique_ptr<Session>(std::move(session));
}

}  // namespace rill
