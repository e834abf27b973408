// Scope: the per-scope properties (name scope, op name, device, control dependencies) and
// the state every scope of one root shares (graph and status).
#include "core/client/scope.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/graph/graph.h"

namespace rill {

// State is immutable once a Scope holds it; the With* methods copy it and change one
// field. `graph` and `status` are shared by every scope from the same root.
struct Scope::State {
  std::shared_ptr<Graph> graph;
  std::shared_ptr<absl::Status> status;
  std::string name_scope;
  std::string op_name;
  std::string device;
  std::vector<Operation> control_deps;
};

Scope::Scope(std::shared_ptr<const State> state) : state_(std::move(state)) {}

Scope Scope::NewRootScope() {
  auto state = std::make_shared<State>();
  state->graph = std::make_shared<Graph>();
  state->status = std::make_shared<absl::Status>();
  return Scope(std::move(state));
}

Scope Scope::RootScope() const {
  auto state = std::make_shared<State>();
  state->graph = state_->graph;
  state->status = state_->status;
  return Scope(std::move(state));
}

Scope Scope::NewSubScope(absl::string_view child_scope_name) const {
  auto state = std::make_shared<State>(*state_);
  state->op_name.clear();
  if (!child_scope_name.empty()) {
    const std::string full_name = state_->name_scope.empty()
                                      ? std::string(child_scope_name)
                                      : absl::StrCat(state_->name_scope, "/", child_scope_name);
    state->name_scope = state_->graph->NewName(full_name);
  }
  return Scope(std::move(state));
}

Scope Scope::WithOpName(absl::string_view op_name) const {
  auto state = std::make_shared<State>(*state_);
  state->op_name = std::string(op_name);
  return Scope(std::move(state));
}

Scope Scope::WithDevice(absl::string_view device) const {
  auto state = std::make_shared<State>(*state_);
  state->device = std::string(device);
  return Scope(std::move(state));
}

Scope Scope::WithControlDependencies(absl::Span<const Operation> control_deps) const {
  auto state = std::make_shared<State>(*state_);
  for (const Operation& op : control_deps) {
    bool present = false;
    for (const Operation& existing : state->control_deps) present |= existing == op;
    if (!present) state->control_deps.push_back(op);
  }
  return Scope(std::move(state));
}

Scope Scope::WithControlDependencies(const Output& control_dep) const {
  const Operation op = control_dep.op();
  return WithControlDependencies(absl::Span<const Operation>(&op, 1));
}

Scope Scope::WithNoControlDependencies() const {
  auto state = std::make_shared<State>(*state_);
  state->control_deps.clear();
  return Scope(std::move(state));
}

std::string Scope::GetUniqueNameForOp(absl::string_view default_name) const {
  const absl::string_view op_name =
      state_->op_name.empty() ? default_name : absl::string_view(state_->op_name);
  if (state_->name_scope.empty()) return state_->graph->NewName(op_name);
  return state_->graph->NewName(absl::StrCat(state_->name_scope, "/", op_name));
}

void Scope::UpdateStatus(const absl::Status& status) const {
  if (state_->status->ok() && !status.ok()) *state_->status = status;
}

bool Scope::ok() const { return state_->status->ok(); }

absl::Status Scope::status() const { return *state_->status; }

Graph* Scope::graph() const { return state_->graph.get(); }

std::shared_ptr<Graph> Scope::graph_as_shared_ptr() const { return state_->graph; }

const std::string& Scope::name_scope() const { return state_->name_scope; }

const std::string& Scope::device() const { return state_->device; }

const std::vector<Operation>& Scope::control_deps() const { return state_->control_deps; }

absl::Status Scope::ToGraphDef(tensorflow::GraphDef* graph_def) const {
  if (!ok()) return status();
  state_->graph->ToGraphDef(graph_def);
  return absl::OkStatus();
}

}  // namespace rill
