// Meta graphs (tf.train.export_meta_graph / import_meta_graph): a graph with its variables,
// its Saver's SaverDef and its collections in one MetaGraphDef (the .meta file saved beside
// each checkpoint), so that a process that never built the graph can restore a checkpoint
// into it and train it further. Also the named node collections it carries ("train_op").
#ifndef RILL_TRAIN_CHECKPOINT_META_GRAPH_H_
#define RILL_TRAIN_CHECKPOINT_META_GRAPH_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/protos/meta_graph.pb.h"
#include "core/protos/saver.pb.h"
#include "ops/state/variables.h"
#include "train/checkpoint/saver.h"

namespace rill {
namespace train {

// AddToCollection appends `op` (by its name, "train") or `output` (by its tensor name,
// "loss:0") to the graph's node collection `name` (tf.add_to_collection), which
// ExportMetaGraph writes as a node_list CollectionDef and ImportMetaGraph restores. The
// collections of a graph live as long as it.
void AddToCollection(const Scope& scope, const std::string& name, const Operation& op);
void AddToCollection(const Scope& scope, const std::string& name, const Output& output);

// GetCollection returns the names in the graph's node collection `name`, in order (empty
// when there is none).
std::vector<std::string> GetCollection(const Scope& scope, const std::string& name);

// MetaGraphOptions: what ExportMetaGraph adds besides the graph.
struct MetaGraphOptions {
  // saver_def: the SaverDef of the Saver whose ops restore the graph's variables.
  std::optional<tensorflow::SaverDef> saver_def;
  // tags: MetaInfoDef tags ("train", "serve").
  std::vector<std::string> tags;
};

// ExportMetaGraph returns the MetaGraphDef of the scope's graph and, when `path` is not
// empty, writes it there (binary, atomically; the directory is created if needed). As
// TensorFlow's: meta_info_def holds the OpDefs the graph uses without their documentation
// (stripped_op_list), graph_def the graph, and collection_def "variables" and
// "trainable_variables" (each variable's VariableDef, serialized, in a bytes_list),
// "global_step" when the graph has one, and every node collection (AddToCollection) as a
// node_list.
absl::StatusOr<tensorflow::MetaGraphDef> ExportMetaGraph(
    const Scope& scope, const std::string& path,
    const MetaGraphOptions& options = MetaGraphOptions());

// ImportedMetaGraph is what ImportMetaGraph brings into a graph.
struct ImportedMetaGraph {
  // The MetaGraphDef as read: signatures, collections of every kind.
  tensorflow::MetaGraphDef meta_graph_def;
  // The Saver of its SaverDef, when it has one.
  std::optional<Saver> saver;
  // Its variables (the "variables" collection), now also in GlobalVariables(scope).
  std::vector<ops::Variable> variables;
};

// ImportMetaGraph reads the MetaGraphDef at `path` (binary or text), adds its graph's nodes
// to the scope's graph, recreates its variables (trainable when listed in
// "trainable_variables") and node collections, and returns them with a Saver for its
// SaverDef. NotFound when the file is missing; DataLoss when it is not a MetaGraphDef;
// InvalidArgument when the graph does not import (naming the node). Node names are kept:
// import into a graph that does not already hold them.
absl::StatusOr<ImportedMetaGraph> ImportMetaGraph(const Scope& scope, const std::string& path);
absl::StatusOr<ImportedMetaGraph> ImportMetaGraph(const Scope& scope,
                                                  const tensorflow::MetaGraphDef& meta_graph_def);

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_CHECKPOINT_META_GRAPH_H_
