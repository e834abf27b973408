// ImportGraphDef: adds a GraphDef's nodes to a Graph, in any order, validating each; and
// the GraphDef text format (protobuf TextFormat) for reading and writing graphs by hand.
#ifndef RILL_CORE_GRAPH_GRAPH_DEF_IMPORT_H_
#define RILL_CORE_GRAPH_GRAPH_DEF_IMPORT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/graph/graph.h"
#include "core/protos/graph.pb.h"

namespace rill {

// ImportGraphDef adds every node of `graph_def` to `graph`. Nodes may come in any order
// and may name as inputs nodes already in `graph` (so a session can extend its graph).
// Each node goes through Graph::AddNode (missing attr defaults are filled, types inferred,
// shapes inferred). InvalidArgument naming the node for: a name that is repeated or
// already in `graph`, an unknown op, an input that names no node or a missing output,
// wrong arity, an attr of the wrong type, a dtype mismatch, a shape error, or a cycle
// (naming the nodes on it). Also InvalidArgument when the GraphDef's versions say this
// code may not read it. The library's functions are added to graph->library() (a function
// already there with a different definition is InvalidArgument). When the GraphDef has
// versions, an empty graph takes them; a graph with nodes keeps the older producer and the
// newer min_consumer of the two. On error `graph` is unchanged.
absl::Status ImportGraphDef(const tensorflow::GraphDef& graph_def, Graph* graph);

// ParseGraphDefText parses a GraphDef in protobuf text format. InvalidArgument with the
// line and column of the first syntax error.
absl::StatusOr<tensorflow::GraphDef> ParseGraphDefText(absl::string_view text);

// GraphDefToText prints `graph_def` in protobuf text format. A Const's value is shown as
// written: typed values ("float_val: 5") or tensor_content's bytes, C-escaped
// ("tensor_content: \"\\000\\000\\240@\"" for 5.0f).
std::string GraphDefToText(const tensorflow::GraphDef& graph_def);

}  // namespace rill

#endif  // RILL_CORE_GRAPH_GRAPH_DEF_IMPORT_H_
