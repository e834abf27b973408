// Graph, Node and Edge: the in-memory dataflow graph every session runs. Nodes are checked
// against their OpDef when added (defaults, inferred type attrs, shape function run).
#ifndef RILL_CORE_GRAPH_GRAPH_H_
#define RILL_CORE_GRAPH_GRAPH_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/op_registry.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/function.pb.h"
#include "core/protos/graph.pb.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"
#include "core/protos/versions.pb.h"

namespace rill {

class Graph;
class Node;

// kGraphDefProducerVersion is the VersionDef.producer Rill writes into every GraphDef
// (TensorFlow's TF_GRAPH_DEF_VERSION semantics: the version of the code that produced the
// graph). 1087 is a TensorFlow 2.x-era number, so TensorFlow sees a recent producer and
// applies none of its upgrades for old GraphDefs; importing checks min_consumer against it.
inline constexpr int kGraphDefProducerVersion = 1087;
// kGraphDefMinConsumerVersion is VersionDef.min_consumer: the oldest consumer that may
// read Rill's graphs (TensorFlow's TF_GRAPH_DEF_VERSION_MIN_CONSUMER).
inline constexpr int kGraphDefMinConsumerVersion = 0;

// Edge connects output `src_output` of `src` to input `dst_input` of `dst`. A control edge
// (src must run before dst, no data flows) has both slots equal to Graph::kControlSlot.
// Edges are owned by their Graph.
struct Edge {
  Node* src = nullptr;
  int src_output = 0;
  Node* dst = nullptr;
  int dst_input = 0;
  int id = 0;  // Dense, in creation order.

  bool IsControlEdge() const;
};

// Node is one operation in a Graph: its NodeDef (inputs canonical: "a" for output 0,
// "a:1", "^ctrl"), its OpDef, resolved input/output dtypes, the output shapes its shape
// function inferred, and the device placement chose. Owned by its Graph; created only by
// Graph::AddNode.
class Node {
 public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // id is dense, in insertion order: nodes()[i]->id() == i.
  int id() const { return id_; }
  const std::string& name() const { return def_.name(); }
  // type_string is the op name ("Add").
  const std::string& type_string() const { return def_.op(); }
  const tensorflow::NodeDef& def() const { return def_; }
  const tensorflow::OpDef& op_def() const { return *op_def_; }

  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  // input_type(i) / output_type(i). REQUIRES: i in range.
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }
  const DataTypeVector& input_types() const { return input_types_; }
  const DataTypeVector& output_types() const { return output_types_; }
  // output_shape(i) is what shape inference knows of output i (unknown rank when the op
  // has no shape function). REQUIRES: i in range.
  const PartialTensorShape& output_shape(int i) const { return output_shapes_[i]; }

  // constant_value is the value of a `Const` node (parsed from its `value` attr when the
  // node was added), nullptr for every other node.
  const Tensor* constant_value() const {
    return constant_value_.has_value() ? &*constant_value_ : nullptr;
  }

  // requested_device is the device the NodeDef asks for ("" = anywhere, "/gpu:0", ...).
  const std::string& requested_device() const { return def_.device(); }
  // assigned_device_name is the full name of the device placement chose ("" before).
  const std::string& assigned_device_name() const { return assigned_device_name_; }
  void set_assigned_device_name(std::string name) { assigned_device_name_ = std::move(name); }

  bool IsStateful() const { return op_def_->is_stateful(); }

  // in_edges / out_edges list data and control edges in creation order.
  const std::vector<const Edge*>& in_edges() const { return in_edges_; }
  const std::vector<const Edge*>& out_edges() const { return out_edges_; }
  // input_edge sets `*edge` to the edge feeding data input `i`; InvalidArgument naming
  // the node when `i` is out of range.
  absl::Status input_edge(int i, const Edge** edge) const;

  // DebugString is "name (Op)", how errors and logs name a node.
  std::string DebugString() const;

 private:
  friend class Graph;
  Node() = default;

  int id_ = 0;
  tensorflow::NodeDef def_;
  const tensorflow::OpDef* op_def_ = nullptr;
  DataTypeVector input_types_;
  DataTypeVector output_types_;
  std::vector<PartialTensorShape> output_shapes_;
  std::optional<Tensor> constant_value_;
  std::string assigned_device_name_;
  std::vector<const Edge*> in_edges_;
  std::vector<const Edge*> out_edges_;
  std::vector<const Edge*> data_inputs_;  // Indexed by input slot.
};

// Graph owns nodes and edges, hands out unique names, and converts to a GraphDef. Nodes
// are never removed, so Node* and Edge* stay valid for the graph's lifetime.
// Not thread-safe: mutate from one thread; const methods may run concurrently when nothing
// mutates (e.g. many session Runs reading a finished graph).
class Graph {
 public:
  // kControlSlot is the slot of both ends of a control edge, and the index of "^name".
  static constexpr int kControlSlot = -1;

  // Ops are looked up in `ops` (not owned; must outlive the graph).
  explicit Graph(const OpRegistryInterface* ops = OpRegistry::Global());
  ~Graph();

  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // AddNode adds a node for `def`. Every input named in def.input() ("a", "a:1", "^b")
  // must already be in the graph, data inputs before control inputs. Fills attr defaults,
  // infers type attrs (T, N, list(type)) from the inputs, validates the NodeDef against the
  // op, checks each input's dtype, creates the edges, and runs the op's shape function with
  // the inputs' inferred shapes and the values of `Const` inputs. Errors are
  // InvalidArgument naming the node: a bad or taken name, an unknown op, a missing input,
  // wrong arity, a dtype mismatch, or the shape function's error (which names the input
  // shapes). On error the graph is unchanged.
  absl::StatusOr<Node*> AddNode(tensorflow::NodeDef def);

  // AddControlEdge makes `src` run before `dst` (and adds "^src" to dst's NodeDef). Adding
  // an existing control edge again does nothing. InvalidArgument when it would close a
  // cycle, naming both nodes. REQUIRES: both nodes belong to this graph.
  absl::Status AddControlEdge(Node* src, Node* dst);

  // FindNode returns the node called `name`, or nullptr.
  Node* FindNode(absl::string_view name) const;
  // FindNodeId returns the node with id `id`, or nullptr when out of range.
  Node* FindNodeId(int id) const;

  // NewName returns a name no node has and no earlier NewName returned, and reserves it,
  // as TensorFlow names ops: `prefix` itself when free, then "prefix_1", "prefix_2", ...
  // (skipping names taken explicitly). Scoped prefixes work the same: "loss/Add".
  std::string NewName(absl::string_view prefix);

  int num_nodes() const { return static_cast<int>(nodes_.size()); }
  // nodes lists every node in insertion order. That order is topological unless
  // AddControlEdge later added an edge against it.
  const std::vector<Node*>& nodes() const { return node_pointers_; }
  int num_edges() const { return static_cast<int>(edges_.size()); }

  const OpRegistryInterface* op_registry() const { return ops_; }

  // versions are written into exported GraphDefs; a new graph has
  // {producer: kGraphDefProducerVersion, min_consumer: kGraphDefMinConsumerVersion}.
  const tensorflow::VersionDef& versions() const { return versions_; }
  void set_versions(const tensorflow::VersionDef& versions) { versions_ = versions; }

  // library holds the function definitions carried along with the graph (exported and
  // imported unchanged; Rill does not execute functions).
  const tensorflow::FunctionDefLibrary& library() const { return library_; }
  tensorflow::FunctionDefLibrary* mutable_library() { return &library_; }

  // ToGraphDef writes every node in insertion order (NodeDefs with their requested device
  // and all attrs, defaults included), the versions and the library. `graph_def` is
  // cleared first.
  void ToGraphDef(tensorflow::GraphDef* graph_def) const;
  tensorflow::GraphDef ToGraphDef() const;

 private:
  friend class GraphRollback;

  // RemoveNodesAfter removes the nodes with id >= `num_nodes` (the last ones added) and
  // their edges. Only GraphRollback uses it, to undo a failed import.
  void RemoveNodesAfter(int num_nodes);
  const Edge* AddEdge(Node* src, int src_output, Node* dst, int dst_input);
  bool Reaches(const Node* from, const Node* to) const;

  const OpRegistryInterface* ops_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<Node*> node_pointers_;
  std::vector<std::unique_ptr<Edge>> edges_;
  absl::flat_hash_map<std::string, Node*> nodes_by_name_;
  // Every name in use (node names and names NewName handed out), with the last suffix
  // NewName tried for it as a prefix.
  absl::flat_hash_map<std::string, int> used_names_;
  tensorflow::VersionDef versions_;
  tensorflow::FunctionDefLibrary library_;
};

inline bool Edge::IsControlEdge() const { return src_output == Graph::kControlSlot; }

// GraphRollback undoes everything added to a graph after its construction unless Commit()
// is called: nodes, their edges and the names they took. For all-or-nothing changes such
// as ImportGraphDef. REQUIRES: no AddControlEdge between existing nodes meanwhile.
class GraphRollback {
 public:
  explicit GraphRollback(Graph* graph);
  ~GraphRollback();
  GraphRollback(const GraphRollback&) = delete;
  GraphRollback& operator=(const GraphRollback&) = delete;

  void Commit() { graph_ = nullptr; }

 private:
  Graph* graph_;
  int num_nodes_;
  absl::flat_hash_map<std::string, int> used_names_;
  tensorflow::VersionDef versions_;
  tensorflow::FunctionDefLibrary library_;
};

}  // namespace rill

#endif  // RILL_CORE_GRAPH_GRAPH_H_
