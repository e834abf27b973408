// Scope: where the C++ client builds a graph. It carries the graph, the name scope, the
// op name, device and control dependencies for the next ops, and one shared status.
#ifndef RILL_CORE_CLIENT_SCOPE_H_
#define RILL_CORE_CLIENT_SCOPE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/client/ops.h"
#include "core/protos/graph.pb.h"

namespace rill {

class Graph;

// Scope is a value, as in TensorFlow's C++ API: each With*/NewSubScope returns a new Scope
// that changes one property and shares the rest with its origin: the graph, and one status
// for every scope descending from the same root.
//
//   Scope root = Scope::NewRootScope();
//   Scope loss = root.NewSubScope("loss");
//   auto sum = ops::Add(loss, a, b);                     // node "loss/Add"
//   auto total = ops::Add(loss.WithOpName("total"), sum, c);   // node "loss/total"
//
// Names follow TensorFlow: an op takes its default name ("Add"), then "Add_1", "Add_2"...;
// an explicit name that is taken gets the next free suffix too, and sub-scope names share
// that namespace (a second NewSubScope("loss") is "loss_1"). The graph decides what is
// taken (Graph::NewName), so names stay unique whoever added the nodes.
//
// Building never throws and never aborts: the first error (naming the node) is kept in
// the shared status; builders called on a scope with an error do nothing, and
// ClientSession::Run returns the error. Not thread-safe: build a graph from one thread.
class Scope {
 public:
  // NewRootScope makes a new, empty graph and the root scope on it.
  static Scope NewRootScope();

  // RootScope is the root scope of this scope's graph: no name scope, op name, device or
  // control dependencies; the same graph and status. For what belongs at the top of the
  // graph whoever builds it (the global step).
  Scope RootScope() const;

  // NewSubScope opens the name scope `child_scope_name` (uniquified) inside this one: ops
  // built in it are named "<this scope>/<child>/<op>". The op name is reset; device and
  // control dependencies are kept. An empty name returns this scope without its op name.
  Scope NewSubScope(absl::string_view child_scope_name) const;

  // WithOpName names the next op built in this scope (within the name scope, uniquified).
  // An empty name restores the op's default name.
  Scope WithOpName(absl::string_view op_name) const;

  // WithDevice requests `device` ("/cpu:0", "/device:GPU:1") for the ops built in it.
  Scope WithDevice(absl::string_view device) const;

  // WithControlDependencies adds control edges from `control_deps` (or from the op of
  // `control_dep`) to every op built in the returned scope, besides this scope's own.
  Scope WithControlDependencies(absl::Span<const Operation> control_deps) const;
  Scope WithControlDependencies(const Output& control_dep) const;

  // WithNoControlDependencies drops every control dependency.
  Scope WithNoControlDependencies() const;

  // GetUniqueNameForOp returns the full name of the next op: the op name (or
  // `default_name` when none is set) inside the name scope, made unique in the graph and
  // reserved. Builders call this once per op.
  std::string GetUniqueNameForOp(absl::string_view default_name) const;

  // UpdateStatus records `status` in the shared status unless an error is already there
  // (the first error wins). OK statuses are ignored.
  void UpdateStatus(const absl::Status& status) const;

  bool ok() const;
  // status is the shared status: OK, or the first error any scope on this graph hit.
  absl::Status status() const;

  // graph is the graph all scopes from one root build into; never null.
  Graph* graph() const;
  std::shared_ptr<Graph> graph_as_shared_ptr() const;

  // name_scope is this scope's name prefix ("loss/inner"), "" at the root.
  const std::string& name_scope() const;
  // device is the device requested for the ops built in this scope ("" = anywhere).
  const std::string& device() const;
  // control_deps are the ops every op built in this scope waits for.
  const std::vector<Operation>& control_deps() const;

  // ToGraphDef writes the graph, or returns the scope's error instead.
  absl::Status ToGraphDef(tensorflow::GraphDef* graph_def) const;

 private:
  struct State;
  explicit Scope(std::shared_ptr<const State> state);

  std::shared_ptr<const State> state_;
};

}  // namespace rill

#endif  // RILL_CORE_CLIENT_SCOPE_H_
