// ClientSession: runs the graph a Scope built, taking Outputs and Operations instead of
// tensor names, and sending the session each node the graph gained since the last run.
#ifndef RILL_CORE_CLIENT_CLIENT_SESSION_H_
#define RILL_CORE_CLIENT_CLIENT_SESSION_H_

#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/protos/config.pb.h"
#include "core/runtime/session.h"

namespace rill {

// ClientSession runs the graph of a Scope:
//
//   ClientSession session(root);
//   std::vector<Tensor> outputs;
//   RILL_CHECK_OK(session.Run({{a, {1.f, 2.f, 3.f}}}, {c}, &outputs));
//
// The Session is created at the first Run. The graph may keep growing between runs: each
// Run first sends the session the nodes added since the previous one (Session::Extend).
// Control edges added later to nodes already sent are not sent.
//
// Every Run returns the scope's error instead of running when building the graph failed.
// Runs without RunOptions go through a callable (Session::MakeCallable) made the first time
// their feeds, fetches and targets are seen, so that a training loop's steps build no
// tensor name and look up nothing but the callable.
// Thread-safe: Run may be called from many threads at once (the graph must not be changed
// while a Run is in progress).
class ClientSession {
 public:
  // FeedType maps the tensors to replace to their values for one Run.
  using FeedType = std::unordered_map<Output, Input::Initializer, OutputHash>;

  explicit ClientSession(const Scope& scope, const SessionOptions& options = {});
  ~ClientSession();

  ClientSession(const ClientSession&) = delete;
  ClientSession& operator=(const ClientSession&) = delete;

  // Run computes `fetch_outputs` into `outputs` (one Tensor each, in order).
  absl::Status Run(const std::vector<Output>& fetch_outputs, std::vector<Tensor>* outputs) const;

  // Run with `inputs` replacing the values of the tensors they key.
  absl::Status Run(const FeedType& inputs, const std::vector<Output>& fetch_outputs,
                   std::vector<Tensor>* outputs) const;

  // Run that also runs `run_outputs` (ops whose effect is wanted, not their outputs).
  // `outputs` may be null when there are no fetches.
  absl::Status Run(const FeedType& inputs, const std::vector<Output>& fetch_outputs,
                   const std::vector<Operation>& run_outputs, std::vector<Tensor>* outputs) const;

  // Run with RunOptions (tracing, timeout); `run_metadata` (may be null) receives the
  // step stats when tracing is on.
  absl::Status Run(const tensorflow::RunOptions& run_options, const FeedType& inputs,
                   const std::vector<Output>& fetch_outputs,
                   const std::vector<Operation>& run_outputs, std::vector<Tensor>* outputs,
                   tensorflow::RunMetadata* run_metadata) const;

  // session is the underlying Session once a Run has created it (null before).
  Session* session() const;

 private:
  // CallKey identifies a Run's signature by its Outputs and Operations (feeds in the
  // FeedType's iteration order).
  struct CallKey {
    absl::InlinedVector<std::pair<const Node*, int>, 4> feeds;
    absl::InlinedVector<std::pair<const Node*, int>, 4> fetches;
    absl::InlinedVector<const Node*, 4> targets;

    bool operator==(const CallKey& other) const {
      return feeds == other.feeds && fetches == other.fetches && targets == other.targets;
    }
    template <typename H>
    friend H AbslHashValue(H h, const CallKey& key) {
      return H::combine(std::move(h), key.feeds, key.fetches, key.targets);
    }
  };

  // SessionWithCurrentGraphLocked creates the session, or extends it with the nodes it
  // lacks, and returns it.
  absl::StatusOr<Session*> SessionWithCurrentGraphLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<Session*> SessionWithCurrentGraph() const;
  // Callable returns the session and the callable of `key` (whose names are `feeds`,
  // `fetches` and `targets`), making them the first time.
  absl::Status Callable(const CallKey& key, const FeedType& feeds,
                        const std::vector<Output>& fetches,
                        const std::vector<Operation>& targets, Session** session,
                        Session::CallableHandle* handle) const;

  const Scope scope_;
  const SessionOptions options_;
  mutable absl::Mutex mu_;
  mutable std::unique_ptr<Session> session_ ABSL_GUARDED_BY(mu_);
  mutable int num_nodes_sent_ ABSL_GUARDED_BY(mu_) = 0;
  mutable absl::flat_hash_map<CallKey, Session::CallableHandle> callables_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace rill

#endif  // RILL_CORE_CLIENT_CLIENT_SESSION_H_
