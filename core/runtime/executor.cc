// Executor: turns a pruned graph into flat slot-indexed arrays once, then runs steps over
// them with atomic pending counts, inline cheap kernels and the inter-op pool.
#include "core/runtime/executor.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/memory/memory.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/graph/tensor_id.h"

namespace rill {
namespace {

// A node whose Compute is measured below kExpensiveNanos runs inline: handing it to another
// thread costs a wake-up and a join (about 10 µs each in a VM), so only long nodes gain
// from running beside others. Measured against 3 µs: sparse Adagrad and Momentum steps 2-3x
// faster, word2vec's step with the default pool 17-32 % faster, prefetch overlap unchanged.
constexpr int64_t kExpensiveNanos = 50000;
// New measurements weigh 1/kCostDecay in a node's running average.
constexpr int64_t kCostDecay = 8;

std::atomic<int64_t> next_step_id{1};

int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// WithNodeContext appends " [[node name (Op)]]" to a kernel's error unless the kernel
// already did.
absl::Status WithNodeContext(const absl::Status& status, const OpKernel& kernel) {
  const std::string context = NodeErrorContext(kernel.name(), kernel.type_string());
  if (absl::StrContains(status.message(), context)) return status;
  return errors::AppendToMessage(status, context);
}

// TimelineLabel is "name = Op(input, input)", what a timeline shows for a node.
std::string TimelineLabel(const Node& node) {
  std::vector<std::string> inputs;
  for (const std::string& input : node.def().input()) {
    if (!absl::StartsWith(input, "^")) inputs.push_back(input);
  }
  return absl::StrCat(node.name(), " = ", node.type_string(), "(",
                      absl::StrJoin(inputs, ", "), ")");
}

struct TensorSource {
  const Node* node;
  int output;
  bool operator==(const TensorSource& other) const {
    return node == other.node && output == other.output;
  }
  template <typename H>
  friend H AbslHashValue(H h, const TensorSource& source) {
    return H::combine(std::move(h), source.node, source.output);
  }
};

// ResolveTensor finds the node and output that `name` ("a:1") names in `graph`.
absl::StatusOr<TensorSource> ResolveTensor(const Graph& graph, const std::string& name,
                                           absl::string_view role) {
  ASSIGN_OR_RETURN(TensorId id, ParseTensorName(name));
  const Node* node = graph.FindNode(id.node);
  if (node == nullptr) {
    return errors::InvalidArgument(role, " tensor '", name, "' names no node of the graph");
  }
  if (id.index < 0 || id.index >= node->num_outputs()) {
    return errors::InvalidArgument(role, " tensor '", name, "' does not exist: node ",
                                   node->DebugString(), " has ", node->num_outputs(),
                                   " outputs");
  }
  return TensorSource{node, id.index};
}

}  // namespace

struct Executor::NodeItem {
  OpKernel* kernel = nullptr;
  Device* device = nullptr;
  // Indices into input_slots_ / forwardable_inputs_.
  int input_start = 0;
  int num_inputs = 0;
  // Output i goes to slot output_slot + i.
  int output_slot = 0;
  int num_outputs = 0;
  // Indices into consumers_.
  int consumer_start = 0;
  int num_consumers = 0;
  // Indices into released_slots_.
  int release_start = 0;
  int num_releases = 0;
  int initial_pending = 0;
  std::string timeline_label;
};

struct Executor::FeedItem {
  std::string name;
  int slot = 0;
  DataType dtype = DT_INVALID;
  PartialTensorShape shape;
};

// StepState is the mutable memory of one step, reused by later steps once it is returned.
struct Executor::StepState {
  explicit StepState(const Executor& executor)
      : values(executor.num_slots_),
        input_pointers(executor.input_slots_.size()),
        pending(new std::atomic<int>[executor.nodes_.size()]) {
    inline_ready.reserve(executor.nodes_.size());
    for (size_t i = 0; i < input_pointers.size(); ++i) {
      input_pointers[i] = &values[executor.input_slots_[i]];
    }
  }

  std::vector<Tensor> values;
  // input_pointers[i] is &values[input_slots_[i]]: the step's inputs, laid out per node.
  std::vector<const Tensor*> input_pointers;
  std::unique_ptr<std::atomic<int>[]> pending;
  // inline_ready: the calling thread's queue of ready nodes (room for every node).
  std::vector<int> inline_ready;
};

// Step is one call of Run: it lives on the caller's stack, and pool threads working on
// the step reach it through closures that finish before Run returns.
class Executor::Step {
 public:
  Step(const Executor& executor, StepState* state, const StepOptions& options)
      : executor_(executor),
        state_(state),
        step_id_(next_step_id.fetch_add(1, std::memory_order_relaxed)),
        deadline_nanos_(options.timeout_in_ms > 0
                            ? MonotonicNanos() + options.timeout_in_ms * 1000000
                            : 0),
        timeout_in_ms_(options.timeout_in_ms) {
    if (options.step_stats != nullptr) node_stats_.resize(executor.nodes_.size());
  }

  // Run executes every node and waits until none is running.
  absl::Status Run() {
    if (executor_.initially_ready_.empty()) return absl::OkStatus();
    // The caller holds one unit of outstanding_ while it hands out the first nodes.
    outstanding_.store(1, std::memory_order_relaxed);
    std::vector<int>& inline_ready = state_->inline_ready;
    inline_ready.clear();
    Handout handout;
    for (int id : executor_.initially_ready_) HandOut(id, &inline_ready, &handout);
    FinishHandout(&inline_ready, &handout);
    // At least one node is queued, so this cannot end the step.
    Release(1 - handout.queued);
    bool finished_last = false;
    if (deadline_nanos_ != 0 && executor_.options_.inter_op_pool != nullptr) {
      // With a deadline the caller only watches the clock, so that it can cancel a step
      // whose kernels block. The queued nodes keep their units of outstanding_.
      for (int id : inline_ready) executor_.options_.inter_op_pool->Schedule(RunOnPool(id));
    } else {
      finished_last = Process(&inline_ready);
    }
    if (!finished_last) WaitUntilDone();
    absl::MutexLock lock(&status_mu_);
    return status_;
  }

  void CollectStepStats(tensorflow::StepStats* step_stats);

 private:
  // Handout is the state of handing out the nodes that one node made ready.
  struct Handout {
    int queued = 0;           // Pushed onto this thread's queue.
    int kept_expensive = -1;  // An expensive node not handed out yet.
  };

  // HandOut gives a ready node a place: a cheap one this thread's queue; of expensive
  // ones, all but the last go to the pool (FinishHandout decides about the last).
  void HandOut(int id, std::vector<int>* inline_ready, Handout* handout) {
    if (!IsExpensive(id)) {
      inline_ready->push_back(id);
      ++handout->queued;
      return;
    }
    if (handout->kept_expensive >= 0) ScheduleOnPool(handout->kept_expensive);
    handout->kept_expensive = id;
  }

  // FinishHandout keeps the last expensive node on this thread when it has nothing else
  // to do, and sends it to the pool otherwise.
  void FinishHandout(std::vector<int>* inline_ready, Handout* handout) {
    if (handout->kept_expensive < 0) return;
    if (inline_ready->empty()) {
      inline_ready->push_back(handout->kept_expensive);
      ++handout->queued;
    } else {
      ScheduleOnPool(handout->kept_expensive);
    }
  }

  // Release accounts for a finished node: it gives back its unit of outstanding_ and each
  // node it queued on this thread takes one, so outstanding_ changes by -`units`
  // (= queued - 1). Returns true when that ended the step.
  bool Release(int units) {
    if (units < 0) {
      outstanding_.fetch_add(-units, std::memory_order_relaxed);
      return false;
    }
    return units > 0 && outstanding_.fetch_sub(units, std::memory_order_acq_rel) == units;
  }

  // IsExpensive: the kernel says so (now: the answer may change from run to run) and its
  // measured cost, if any, agrees.
  bool IsExpensive(int id) const {
    if (executor_.options_.inter_op_pool == nullptr ||
        !executor_.nodes_[id].kernel->IsExpensive()) {
      return false;
    }
    const int64_t cost = executor_.cost_nanos_[id].load(std::memory_order_relaxed);
    return cost == 0 || cost >= kExpensiveNanos;
  }

  // ScheduleOnPool runs `id` (and what it makes ready inline) on a pool thread; the node
  // takes a unit of outstanding_ before it can finish.
  void ScheduleOnPool(int id) {
    outstanding_.fetch_add(1, std::memory_order_relaxed);
    executor_.options_.inter_op_pool->Schedule(RunOnPool(id));
  }

  std::function<void()> RunOnPool(int id) {
    return [this, id] {
      std::vector<int> inline_ready = {id};
      if (Process(&inline_ready)) {
        absl::MutexLock lock(&done_mu_);
        done_ = true;
        done_cv_.Signal();
      }
    };
  }

  // Process runs the nodes of `inline_ready` (each holding a unit of outstanding_) and
  // those they make ready inline. Returns true when this thread finished the step's last
  // outstanding node.
  bool Process(std::vector<int>* inline_ready) {
    bool finished_last = false;
    while (!inline_ready->empty()) {
      const int id = inline_ready->back();
      inline_ready->pop_back();
      Handout handout;
      if (!cancelled_.load(std::memory_order_acquire)) {
        absl::Status status = RunNode(id);
        if (status.ok()) {
          PropagateOutputs(id, inline_ready, &handout);
        } else {
          Fail(std::move(status));
        }
        if (deadline_nanos_ != 0 && MonotonicNanos() > deadline_nanos_) FailOnDeadline();
      }
      if (Release(1 - handout.queued)) finished_last = true;
    }
    return finished_last;
  }

  absl::Status RunNode(int id) {
    const NodeItem& item = executor_.nodes_[id];
    OpKernelContext::Params params;
    params.op_kernel = item.kernel;
    params.device = item.device;
    params.inputs = absl::MakeConstSpan(state_->input_pointers.data() + item.input_start,
                                        item.num_inputs);
    params.forwardable_inputs = absl::MakeConstSpan(
        executor_.forwardable_inputs_.get() + item.input_start, item.num_inputs);
    params.step_id = step_id_;
    params.resource_manager = executor_.options_.resource_manager;
    params.cancelled = &cancelled_;
    if (executor_.options_.inter_op_pool != nullptr) params.runner = &executor_.runner_;
    Tensor* outputs = &state_->values[item.output_slot];
    params.outputs = outputs;
    OpKernelContext ctx(params);

    const bool tracing = !node_stats_.empty();
    const bool expensive = item.kernel->IsExpensive();
    const bool measure = expensive || tracing;
    const int64_t start_wall_nanos = tracing ? absl::GetCurrentTimeNanos() : 0;
    const int64_t start_nanos = measure ? MonotonicNanos() : 0;
    absl::Status status = item.kernel->Compute(&ctx);
    const int64_t end_nanos = measure ? MonotonicNanos() : 0;
    if (expensive) UpdateCost(id, end_nanos - start_nanos);
    if (!status.ok()) return WithNodeContext(status, *item.kernel);

    for (int i = 0; i < item.num_outputs; ++i) {
      if (!ctx.has_output(i)) {
        return WithNodeContext(
            errors::Internal("the kernel returned OK without setting output ", i),
            *item.kernel);
      }
    }
    const int* released = executor_.released_slots_.data() + item.release_start;
    for (int i = 0; i < item.num_releases; ++i) state_->values[released[i]] = Tensor();
    if (tracing) {
      RecordStats(id, start_wall_nanos, end_nanos - start_nanos,
                  MonotonicNanos() - start_nanos);
    }
    return absl::OkStatus();
  }

  void UpdateCost(int id, int64_t nanos) {
    std::atomic<int64_t>& cost = executor_.cost_nanos_[id];
    const int64_t previous = cost.load(std::memory_order_relaxed);
    const int64_t updated =
        previous == 0 ? nanos : ((kCostDecay - 1) * previous + nanos) / kCostDecay;
    cost.store(std::max<int64_t>(updated, 1), std::memory_order_relaxed);
  }

  // PropagateOutputs makes `id`'s consumers less pending and hands out the ready ones.
  void PropagateOutputs(int id, std::vector<int>* inline_ready, Handout* handout) {
    const NodeItem& item = executor_.nodes_[id];
    const int* consumers = executor_.consumers_.data() + item.consumer_start;
    for (int i = 0; i < item.num_consumers; ++i) {
      const int consumer = consumers[i];
      // A node waiting on one input is ready now; no need to count.
      if (executor_.nodes_[consumer].initial_pending == 1 ||
          state_->pending[consumer].fetch_sub(1, std::memory_order_acq_rel) == 1) {
        HandOut(consumer, inline_ready, handout);
      }
    }
    FinishHandout(inline_ready, handout);
  }

  void Fail(absl::Status status) {
    {
      absl::MutexLock lock(&status_mu_);
      if (status_.ok()) status_ = std::move(status);
    }
    cancelled_.store(true, std::memory_order_release);
  }

  void FailOnDeadline() {
    Fail(errors::DeadlineExceeded("Timed out: the step did not finish within ",
                                  timeout_in_ms_, " ms"));
  }

  void WaitUntilDone() {
    absl::MutexLock lock(&done_mu_);
    bool deadline_passed = deadline_nanos_ == 0;
    while (!done_) {
      if (deadline_passed) {
        done_cv_.Wait(&done_mu_);
        continue;
      }
      const absl::Duration left = absl::Nanoseconds(deadline_nanos_ - MonotonicNanos());
      if (done_cv_.WaitWithTimeout(&done_mu_, left) && !done_) {
        FailOnDeadline();
        deadline_passed = true;
      }
    }
  }

  void RecordStats(int id, int64_t start_wall_nanos, int64_t op_nanos, int64_t all_nanos) {
    const NodeItem& item = executor_.nodes_[id];
    tensorflow::NodeExecStats& stats = node_stats_[id];
    stats.set_node_name(item.kernel->name());
    stats.set_all_start_nanos(start_wall_nanos);
    stats.set_all_start_micros(start_wall_nanos / 1000);
    stats.set_op_start_rel_nanos(0);
    stats.set_op_start_rel_micros(0);
    stats.set_op_end_rel_nanos(op_nanos);
    stats.set_op_end_rel_micros(op_nanos / 1000);
    stats.set_all_end_rel_nanos(all_nanos);
    stats.set_all_end_rel_micros(all_nanos / 1000);
    stats.set_timeline_label(item.timeline_label);
    for (int i = 0; i < item.num_outputs; ++i) {
      const Tensor& output = state_->values[item.output_slot + i];
      tensorflow::NodeOutput* node_output = stats.add_output();
      node_output->set_slot(i);
      node_output->mutable_tensor_description()->set_dtype(
          static_cast<tensorflow::DataType>(output.dtype()));
      output.shape().AsProto(node_output->mutable_tensor_description()->mutable_shape());
    }
  }

  const Executor& executor_;
  StepState* const state_;
  const int64_t step_id_;
  const int64_t deadline_nanos_;
  const int64_t timeout_in_ms_;
  std::atomic<bool> cancelled_{false};
  // outstanding_ counts the nodes that are ready or running; the step ends at zero.
  std::atomic<int> outstanding_{0};
  absl::Mutex status_mu_;
  absl::Status status_ ABSL_GUARDED_BY(status_mu_);
  absl::Mutex done_mu_;
  absl::CondVar done_cv_;
  bool done_ ABSL_GUARDED_BY(done_mu_) = false;
  // node_stats_[node]: filled when tracing (node_name stays empty for nodes not run).
  std::vector<tensorflow::NodeExecStats> node_stats_;
};

void Executor::Step::CollectStepStats(tensorflow::StepStats* step_stats) {
  absl::flat_hash_map<const Device*, tensorflow::DeviceStepStats*> by_device;
  std::vector<int> ran;
  for (int id = 0; id < static_cast<int>(node_stats_.size()); ++id) {
    if (!node_stats_[id].node_name().empty()) ran.push_back(id);
  }
  std::stable_sort(ran.begin(), ran.end(), [this](int a, int b) {
    return node_stats_[a].all_start_nanos() < node_stats_[b].all_start_nanos();
  });
  for (int id : ran) {
    const Device* device = executor_.nodes_[id].device;
    tensorflow::DeviceStepStats*& device_stats = by_device[device];
    if (device_stats == nullptr) {
      device_stats = step_stats->add_dev_stats();
      device_stats->set_device(device->name());
    }
    *device_stats->add_node_stats() = std::move(node_stats_[id]);
  }
}

Executor::Executor() = default;
Executor::~Executor() = default;

int Executor::num_nodes() const { return static_cast<int>(nodes_.size()); }
int Executor::num_feeds() const { return static_cast<int>(feeds_.size()); }

absl::StatusOr<std::unique_ptr<Executor>> Executor::Create(
    const Graph& graph, absl::Span<const Node* const> nodes,
    absl::Span<const std::string> feeds, absl::Span<const std::string> fetches,
    const KernelLookup& kernel_lookup, const Options& options,
    absl::Span<const Constant> constants) {
  auto executor = absl::WrapUnique(new Executor());
  executor->options_ = options;
  if (options.inter_op_pool != nullptr) {
    ThreadPool* pool = options.inter_op_pool;
    executor->runner_ = [pool](std::function<void()> fn) { pool->Schedule(std::move(fn)); };
  }

  // Slots: each output of each node, then each fed tensor, then each constant.
  absl::flat_hash_map<const Node*, int> plan_ids;
  std::vector<int> first_slot(nodes.size());
  int num_slots = 0;
  for (int id = 0; id < static_cast<int>(nodes.size()); ++id) {
    plan_ids[nodes[id]] = id;
    first_slot[id] = num_slots;
    num_slots += nodes[id]->num_outputs();
  }
  absl::flat_hash_map<TensorSource, int> feed_slots;
  for (const std::string& name : feeds) {
    ASSIGN_OR_RETURN(TensorSource source, ResolveTensor(graph, name, "Feed"));
    if (!feed_slots.emplace(source, num_slots).second) {
      return errors::InvalidArgument("Tensor '", source.node->name(), ":", source.output,
                                     "' is fed more than once");
    }
    FeedItem feed;
    feed.name = absl::StrCat(source.node->name(), ":", source.output);
    feed.slot = num_slots++;
    feed.dtype = source.node->output_type(source.output);
    feed.shape = source.node->output_shape(source.output);
    executor->feeds_.push_back(std::move(feed));
  }
  for (const Constant& constant : constants) {
    ASSIGN_OR_RETURN(TensorSource source, ResolveTensor(graph, constant.name, "Constant"));
    if (!feed_slots.emplace(source, num_slots).second) {
      return errors::InvalidArgument("Tensor '", constant.name, "' is both fed and constant");
    }
    executor->constants_.emplace_back(num_slots++, constant.value);
  }
  executor->num_slots_ = num_slots;

  // Inputs, consumers and pending counts.
  std::vector<std::vector<int>> consumers(nodes.size());
  std::vector<int> reads(num_slots, 0);
  executor->nodes_.resize(nodes.size());
  for (int id = 0; id < static_cast<int>(nodes.size()); ++id) {
    const Node& node = *nodes[id];
    NodeItem& item = executor->nodes_[id];
    ASSIGN_OR_RETURN(KernelAndDevice kernel, kernel_lookup(node));
    if (kernel.kernel->num_inputs() != node.num_inputs() ||
        kernel.kernel->num_outputs() != node.num_outputs()) {
      return errors::Internal("the kernel of node ", node.DebugString(), " has ",
                              kernel.kernel->num_inputs(), " inputs and ",
                              kernel.kernel->num_outputs(), " outputs, the node ",
                              node.num_inputs(), " and ", node.num_outputs());
    }
    item.kernel = kernel.kernel;
    item.device = kernel.device;
    item.timeline_label = TimelineLabel(node);
    item.output_slot = first_slot[id];
    item.num_outputs = node.num_outputs();
    item.input_start = static_cast<int>(executor->input_slots_.size());
    item.num_inputs = node.num_inputs();
    for (int i = 0; i < node.num_inputs(); ++i) {
      const Edge* edge;
      RETURN_IF_ERROR(node.input_edge(i, &edge));
      int slot;
      auto fed = feed_slots.find(TensorSource{edge->src, edge->src_output});
      if (fed != feed_slots.end()) {
        slot = fed->second;
      } else {
        auto producer = plan_ids.find(edge->src);
        if (producer == plan_ids.end()) {
          return errors::InvalidArgument("Input ", i, " of node ", node.DebugString(),
                                         " comes from ", edge->src->name(), ":",
                                         edge->src_output,
                                         ", which is neither fed nor computed in this step");
        }
        slot = first_slot[producer->second] + edge->src_output;
        consumers[producer->second].push_back(id);
        ++item.initial_pending;
      }
      executor->input_slots_.push_back(slot);
      ++reads[slot];
    }
    for (const Edge* edge : node.in_edges()) {
      if (!edge->IsControlEdge()) continue;
      auto producer = plan_ids.find(edge->src);
      if (producer == plan_ids.end()) continue;
      consumers[producer->second].push_back(id);
      ++item.initial_pending;
    }
  }

  std::vector<bool> pinned(num_slots, false);  // Fetched or fed: kept to the step's end.
  for (const FeedItem& feed : executor->feeds_) pinned[feed.slot] = true;
  for (const auto& [slot, value] : executor->constants_) pinned[slot] = true;
  for (const std::string& name : fetches) {
    ASSIGN_OR_RETURN(TensorSource source, ResolveTensor(graph, name, "Fetch"));
    int slot;
    auto fed = feed_slots.find(source);
    if (fed != feed_slots.end()) {
      slot = fed->second;
    } else {
      auto producer = plan_ids.find(source.node);
      if (producer == plan_ids.end()) {
        return errors::InvalidArgument("Fetch tensor '", name, "' is not computed by node ",
                                       source.node->DebugString(),
                                       ", which is not part of the step");
      }
      slot = first_slot[producer->second] + source.output;
    }
    pinned[slot] = true;
    executor->fetch_slots_.push_back(slot);
  }

  // The last fetch of a slot takes its value; earlier fetches of that slot copy it.
  executor->last_fetch_of_slot_.assign(executor->fetch_slots_.size(), false);
  std::vector<bool> slot_taken(num_slots, false);
  for (int j = static_cast<int>(executor->fetch_slots_.size()) - 1; j >= 0; --j) {
    const int slot = executor->fetch_slots_[j];
    executor->last_fetch_of_slot_[j] = !slot_taken[slot];
    slot_taken[slot] = true;
  }

  // A slot read by exactly one input of one node, neither fed nor fetched, belongs to that
  // node: its buffer may be forwarded to an output, and it is released once the node ran.
  executor->forwardable_inputs_ = std::make_unique<bool[]>(executor->input_slots_.size());
  for (int id = 0; id < static_cast<int>(nodes.size()); ++id) {
    NodeItem& item = executor->nodes_[id];
    item.consumer_start = static_cast<int>(executor->consumers_.size());
    item.num_consumers = static_cast<int>(consumers[id].size());
    executor->consumers_.insert(executor->consumers_.end(), consumers[id].begin(),
                                consumers[id].end());
    item.release_start = static_cast<int>(executor->released_slots_.size());
    for (int i = item.input_start; i < item.input_start + item.num_inputs; ++i) {
      const int slot = executor->input_slots_[i];
      const bool owned = reads[slot] == 1 && !pinned[slot];
      executor->forwardable_inputs_[i] = owned;
      if (owned) executor->released_slots_.push_back(slot);
    }
    item.num_releases = static_cast<int>(executor->released_slots_.size()) - item.release_start;
    if (item.initial_pending == 0) executor->initially_ready_.push_back(id);
  }
  executor->cost_nanos_ = std::make_unique<std::atomic<int64_t>[]>(nodes.size());
  for (size_t id = 0; id < nodes.size(); ++id) executor->cost_nanos_[id].store(0);
  return executor;
}

std::unique_ptr<Executor::StepState> Executor::AcquireStepState() const {
  {
    absl::MutexLock lock(&free_states_mu_);
    if (!free_states_.empty()) {
      std::unique_ptr<StepState> state = std::move(free_states_.back());
      free_states_.pop_back();
      return state;
    }
  }
  return std::make_unique<StepState>(*this);
}

void Executor::ReleaseStepState(std::unique_ptr<StepState> state) const {
  for (Tensor& value : state->values) value = Tensor();
  absl::MutexLock lock(&free_states_mu_);
  free_states_.push_back(std::move(state));
}

absl::Status Executor::CheckFeed(int i, const Tensor& value) const {
  const FeedItem& feed = feeds_[i];
  if (value.dtype() != feed.dtype) {
    return errors::InvalidArgument("Cannot feed a value of dtype ",
                                   DataTypeString(value.dtype()), " for tensor '", feed.name,
                                   "', which has dtype ", DataTypeString(feed.dtype));
  }
  if (!value.IsInitialized()) {
    return errors::InvalidArgument("Cannot feed an uninitialized tensor for tensor '",
                                   feed.name, "'");
  }
  if (!feed.shape.IsCompatibleWith(value.shape())) {
    return errors::InvalidArgument("Cannot feed a value of shape ",
                                   value.shape().DebugString(), " for tensor '", feed.name,
                                   "', which has shape ", feed.shape.DebugString());
  }
  return absl::OkStatus();
}

absl::Status Executor::Run(const StepOptions& options, absl::Span<const Tensor* const> feeds,
                           absl::Span<Tensor* const> fetches) const {
  if (feeds.size() != feeds_.size() || fetches.size() != fetch_slots_.size()) {
    return errors::Internal("Executor::Run got ", feeds.size(), " feeds and ",
                            fetches.size(), " fetches; the plan has ", feeds_.size(),
                            " and ", fetch_slots_.size());
  }
  for (int i = 0; i < static_cast<int>(feeds.size()); ++i) {
    RETURN_IF_ERROR(CheckFeed(i, *feeds[i]));
  }
  std::unique_ptr<StepState> state = AcquireStepState();
  for (int i = 0; i < static_cast<int>(feeds.size()); ++i) {
    state->values[feeds_[i].slot] = *feeds[i];
  }
  for (const auto& [slot, value] : constants_) state->values[slot] = value;
  for (size_t id = 0; id < nodes_.size(); ++id) {
    state->pending[id].store(nodes_[id].initial_pending, std::memory_order_relaxed);
  }
  absl::Status status;
  {
    Step step(*this, state.get(), options);
    status = step.Run();
    if (options.step_stats != nullptr) step.CollectStepStats(options.step_stats);
  }
  if (status.ok()) {
    for (size_t j = 0; j < fetches.size(); ++j) {
      Tensor& value = state->values[fetch_slots_[j]];
      if (last_fetch_of_slot_[j]) {
        *fetches[j] = std::move(value);
      } else {
        *fetches[j] = value;
      }
    }
  }
  ReleaseStepState(std::move(state));
  return status;
}

}  // namespace rill
