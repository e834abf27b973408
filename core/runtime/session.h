// Session: the interface that runs a graph (create from a GraphDef, extend it, run fetches
// with feeds, close), SessionOptions, and NewSession, which makes the in-process session.
#ifndef RILL_CORE_RUNTIME_SESSION_H_
#define RILL_CORE_RUNTIME_SESSION_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/framework/device.h"
#include "core/framework/tensor.h"
#include "core/protos/config.pb.h"
#include "core/protos/graph.pb.h"

namespace rill {

// SessionOptions configures a session's devices, thread pools and placement.
struct SessionOptions {
  // inter_op_threads: threads of the pool that runs independent ready nodes; 0 means the
  // number of cores, negative means none (every node runs on the thread that called Run).
  int inter_op_threads = 0;
  // intra_op_threads: threads each device gives one kernel's internal parallelism; 0 means
  // the number of cores.
  int intra_op_threads = 0;
  // allow_soft_placement: a node whose requested device does not exist (or has no kernel
  // for it) is placed on another device instead of failing.
  bool allow_soft_placement = false;
  // log_device_placement: print each node's device, TensorFlow-style, when it is placed.
  bool log_device_placement = false;
  // device_count: devices per type ({"GPU", 0} hides the GPUs); a type not listed gets
  // its default (one CPU, every visible GPU).
  std::map<std::string, int> device_count;
  // operation_timeout_in_ms: default deadline of every Run (0 = none); RunOptions'
  // timeout_in_ms overrides it for one call.
  int64_t operation_timeout_in_ms = 0;
  // do_constant_folding: when a step's plan is built, compute once what cannot change from
  // step to step (constants, shapes that shape inference knows, stateless CPU ops of
  // those), as TensorFlow's default optimizer level (L1) does; the step runs the rest.
  bool do_constant_folding = true;
  // max_folded_constant_bytes: a folded value larger than this is computed each step.
  int64_t max_folded_constant_bytes = 10 << 20;

  // FromConfig reads the fields above from TensorFlow's ConfigProto.
  static SessionOptions FromConfig(const tensorflow::ConfigProto& config);
};

// Session runs a graph. Create (once) gives it the graph, Extend adds nodes, Run computes
// fetches from feeds, Close releases its devices, kernels and resources.
//
// Tensor names are "node:output" ("add:0"); a bare node name means output 0. Any tensor
// may be fed, not only placeholders: a fed tensor's value replaces what its producer would
// compute, and nothing upstream of it runs for that call.
//
// Thread safety: Run may be called from many threads at once, also while Extend runs.
// Create, Extend and Close are serialized with each other.
class Session {
 public:
  virtual ~Session() = default;

  // Create makes `graph` the session's graph. FailedPrecondition when it already has one
  // or is closed; InvalidArgument naming the node for a graph that does not validate.
  virtual absl::Status Create(const tensorflow::GraphDef& graph) = 0;

  // Extend adds the nodes of `graph` that the session's graph does not have yet (by name);
  // a node already present is left as it is. On a session without a graph it is Create.
  virtual absl::Status Extend(const tensorflow::GraphDef& graph) = 0;

  // Run computes `fetches` (tensor names) and runs `targets` (node names, whose outputs
  // are not returned), with `feeds` replacing the values of the tensors they name. On
  // success `outputs` holds one Tensor per fetch, in order (sharing buffers with the
  // step's values, never copies). Errors: InvalidArgument for an unknown name, a feed of
  // the wrong dtype or shape, or an unfed placeholder; a kernel's error with
  // " [[node name (Op)]]" appended; DeadlineExceeded after a timeout; Cancelled
  // after Close.
  virtual absl::Status Run(const std::vector<std::pair<std::string, Tensor>>& feeds,
                           const std::vector<std::string>& fetches,
                           const std::vector<std::string>& targets,
                           std::vector<Tensor>* outputs) = 0;

  // Run with options: `run_options.trace_level` > NO_TRACE fills
  // `run_metadata->step_stats` (when run_metadata is not null) with one NodeExecStats per
  // executed node; `run_options.timeout_in_ms` > 0 cancels the step after that long.
  virtual absl::Status Run(const tensorflow::RunOptions& run_options,
                           const std::vector<std::pair<std::string, Tensor>>& feeds,
                           const std::vector<std::string>& fetches,
                           const std::vector<std::string>& targets,
                           std::vector<Tensor>* outputs,
                           tensorflow::RunMetadata* run_metadata) = 0;

  // CallableHandle names a callable made by MakeCallable.
  using CallableHandle = int64_t;

  // MakeCallable prepares the step `callable_options` describes (as Run would for its
  // names) and sets `*handle` to it, for RunCallable. The errors of Run for an unknown
  // name; Cancelled after Close.
  virtual absl::Status MakeCallable(const tensorflow::CallableOptions& callable_options,
                                    CallableHandle* handle) = 0;

  // RunCallable runs the step of `handle` with `feed_tensors` (one per
  // CallableOptions.feed, in order) and sets `*fetch_tensors` to one Tensor per
  // CallableOptions.fetch; CallableOptions.run_options applies, and `run_metadata` (may be
  // null) receives what Run's would. The fast way to run one signature many times: no
  // name is looked up. InvalidArgument for an unknown handle or a wrong number of feeds;
  // otherwise the errors of Run.
  virtual absl::Status RunCallable(CallableHandle handle, const std::vector<Tensor>& feed_tensors,
                                   std::vector<Tensor>* fetch_tensors,
                                   tensorflow::RunMetadata* run_metadata) = 0;

  // ReleaseCallable forgets `handle` (Runs of it in flight finish). InvalidArgument for an
  // unknown handle.
  virtual absl::Status ReleaseCallable(CallableHandle handle) = 0;

  // ListDevices describes the session's devices (CPU first).
  virtual absl::Status ListDevices(std::vector<DeviceAttributes>* devices) = 0;

  // Close releases the session's kernels, devices and per-session resources (variables,
  // iterators) once the Runs in flight have finished. Later Runs fail with Cancelled.
  // Closing twice is OK.
  virtual absl::Status Close() = 0;
};

// NewSession makes an in-process session (a DirectSession) with `options`' devices and
// thread pools. Errors when the devices cannot be created.
absl::StatusOr<std::unique_ptr<Session>> NewSession(const SessionOptions& options);

}  // namespace rill

#endif  // RILL_CORE_RUNTIME_SESSION_H_
