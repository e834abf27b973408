// ClientSession: translates Outputs and Operations into tensor and node names (once per
// signature, into a callable), and keeps the Session's graph in step with the Scope's.
#include "core/client/client_session.h"

#include <string>
#include <utility>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"

namespace rill {

ClientSession::ClientSession(const Scope& scope, const SessionOptions& options)
    : scope_(scope), options_(options) {}

ClientSession::~ClientSession() {
  absl::MutexLock lock(&mu_);
  if (session_ != nullptr) session_->Close().IgnoreError();
}

Session* ClientSession::session() const {
  absl::MutexLock lock(&mu_);
  return session_.get();
}

absl::StatusOr<Session*> ClientSession::SessionWithCurrentGraphLocked() const {
  if (session_ == nullptr) {
    ASSIGN_OR_RETURN(session_, NewSession(options_));
  }
  const Graph& graph = *scope_.graph();
  if (graph.num_nodes() == num_nodes_sent_) return session_.get();
  tensorflow::GraphDef new_nodes;
  *new_nodes.mutable_versions() = graph.versions();
  *new_nodes.mutable_library() = graph.library();
  const std::vector<Node*>& nodes = graph.nodes();
  for (size_t i = num_nodes_sent_; i < nodes.size(); ++i) {
    *new_nodes.add_node() = nodes[i]->def();
  }
  RETURN_IF_ERROR(session_->Extend(new_nodes));
  num_nodes_sent_ = graph.num_nodes();
  return session_.get();
}

absl::StatusOr<Session*> ClientSession::SessionWithCurrentGraph() const {
  absl::MutexLock lock(&mu_);
  return SessionWithCurrentGraphLocked();
}

absl::Status ClientSession::Callable(const CallKey& key, const FeedType& feeds,
                                     const std::vector<Output>& fetches,
                                     const std::vector<Operation>& targets, Session** session,
                                     Session::CallableHandle* handle) const {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (session_ != nullptr && scope_.graph()->num_nodes() == num_nodes_sent_) {
      auto it = callables_.find(key);
      if (it != callables_.end()) {
        *session = session_.get();
        *handle = it->second;
        return absl::OkStatus();
      }
    }
  }
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(*session, SessionWithCurrentGraphLocked());
  auto it = callables_.find(key);
  if (it != callables_.end()) {
    *handle = it->second;
    return absl::OkStatus();
  }
  tensorflow::CallableOptions options;
  for (const auto& [output, value] : feeds) options.add_feed(output.name());
  for (const Output& output : fetches) options.add_fetch(output.name());
  for (const Operation& op : targets) options.add_target(op.name());
  RETURN_IF_ERROR((*session)->MakeCallable(options, handle));
  callables_.emplace(key, *handle);
  return absl::OkStatus();
}

absl::Status ClientSession::Run(const std::vector<Output>& fetch_outputs,
                                std::vector<Tensor>* outputs) const {
  return Run(FeedType{}, fetch_outputs, {}, outputs);
}

absl::Status ClientSession::Run(const FeedType& inputs, const std::vector<Output>& fetch_outputs,
                                std::vector<Tensor>* outputs) const {
  return Run(inputs, fetch_outputs, {}, outputs);
}

namespace {

absl::Status CheckNotFetchingWithoutOutputs(const std::vector<Output>& fetch_outputs,
                                            const std::vector<Tensor>* outputs) {
  if (outputs == nullptr && !fetch_outputs.empty()) {
    return errors::InvalidArgument("ClientSession::Run was given ", fetch_outputs.size(),
                                   " fetches but no vector for their values");
  }
  return absl::OkStatus();
}

absl::Status CheckFeed(const Output& output, const Input::Initializer& value) {
  if (output.node() == nullptr) {
    return errors::InvalidArgument("ClientSession::Run was asked to feed an empty Output");
  }
  if (!value.status.ok()) {
    return errors::InvalidArgument("The value fed to '", output.name(),
                                   "' is malformed: ", value.status.message());
  }
  return absl::OkStatus();
}

absl::Status CheckFetch(const Output& output) {
  if (output.node() == nullptr) {
    return errors::InvalidArgument("ClientSession::Run was asked to fetch an empty Output");
  }
  return absl::OkStatus();
}

absl::Status CheckTarget(const Operation& op) {
  if (op.node() == nullptr) {
    return errors::InvalidArgument("ClientSession::Run was asked to run an empty Operation");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ClientSession::Run(const FeedType& inputs, const std::vector<Output>& fetch_outputs,
                                const std::vector<Operation>& run_outputs,
                                std::vector<Tensor>* outputs) const {
  RETURN_IF_ERROR(scope_.status());
  RETURN_IF_ERROR(CheckNotFetchingWithoutOutputs(fetch_outputs, outputs));
  CallKey key;
  std::vector<Tensor> feed_values;
  feed_values.reserve(inputs.size());
  for (const auto& [output, value] : inputs) {
    RETURN_IF_ERROR(CheckFeed(output, value));
    key.feeds.emplace_back(output.node(), output.index());
    feed_values.push_back(value.tensor);
  }
  for (const Output& output : fetch_outputs) {
    RETURN_IF_ERROR(CheckFetch(output));
    key.fetches.emplace_back(output.node(), output.index());
  }
  for (const Operation& op : run_outputs) {
    RETURN_IF_ERROR(CheckTarget(op));
    key.targets.push_back(op.node());
  }
  Session* session = nullptr;
  Session::CallableHandle handle = 0;
  RETURN_IF_ERROR(Callable(key, inputs, fetch_outputs, run_outputs, &session, &handle));
  std::vector<Tensor> unused_outputs;
  return session->RunCallable(handle, feed_values,
                              outputs != nullptr ? outputs : &unused_outputs, nullptr);
}

absl::Status ClientSession::Run(const tensorflow::RunOptions& run_options, const FeedType& inputs,
                                const std::vector<Output>& fetch_outputs,
                                const std::vector<Operation>& run_outputs,
                                std::vector<Tensor>* outputs,
                                tensorflow::RunMetadata* run_metadata) const {
  RETURN_IF_ERROR(scope_.status());
  RETURN_IF_ERROR(CheckNotFetchingWithoutOutputs(fetch_outputs, outputs));
  std::vector<std::pair<std::string, Tensor>> feeds;
  feeds.reserve(inputs.size());
  for (const auto& [output, value] : inputs) {
    RETURN_IF_ERROR(CheckFeed(output, value));
    feeds.emplace_back(output.name(), value.tensor);
  }
  std::vector<std::string> fetches;
  fetches.reserve(fetch_outputs.size());
  for (const Output& output : fetch_outputs) {
    RETURN_IF_ERROR(CheckFetch(output));
    fetches.push_back(output.name());
  }
  std::vector<std::string> targets;
  targets.reserve(run_outputs.size());
  for (const Operation& op : run_outputs) {
    RETURN_IF_ERROR(CheckTarget(op));
    targets.push_back(op.name());
  }
  ASSIGN_OR_RETURN(Session * session, SessionWithCurrentGraph());
  std::vector<Tensor> unused_outputs;
  return session->Run(run_options, feeds, fetches, targets,
                      outputs != nullptr ? outputs : &unused_outputs, run_metadata);
}

}  // namespace rill
