// ExportMetaGraph / ImportMetaGraph and the per-graph node collections they carry.
#include "train/checkpoint/meta_graph.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "core/graph/graph_def_import.h"
#include "core/io/file_system.h"
#include "core/io/file_system_registry.h"
#include "core/io/path.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "train/global_step.h"

namespace rill {
namespace train {
namespace {

constexpr char kVariables[] = "variables";
constexpr char kTrainableVariables[] = "trainable_variables";
constexpr char kGlobalStep[] = "global_step";

// Node collections of each live graph, keyed by graph address; an entry whose graph is gone
// is dropped (as ops/state keeps variables).
struct CollectionRegistry {
  struct Entry {
    std::weak_ptr<Graph> graph;
    std::map<std::string, std::vector<std::string>> collections;
  };
  absl::Mutex mu;
  absl::flat_hash_map<const Graph*, Entry> entries ABSL_GUARDED_BY(mu);
};

// WithCollections calls `fn` with the collections of the scope's graph, under the lock.
void WithCollections(const Scope& scope,
                     const std::function<void(std::map<std::string, std::vector<std::string>>&)>& fn) {
  static CollectionRegistry* const registry = new CollectionRegistry;
  const std::shared_ptr<Graph> graph = scope.graph_as_shared_ptr();
  absl::MutexLock lock(&registry->mu);
  absl::erase_if(registry->entries, [](const auto& entry) { return entry.second.graph.expired(); });
  CollectionRegistry::Entry& entry = registry->entries[graph.get()];
  if (entry.graph.lock() != graph) {
    entry.graph = graph;
    entry.collections.clear();
  }
  fn(entry.collections);
}

void AddNameToCollection(const Scope& scope, const std::string& collection,
                         const std::string& name) {
  WithCollections(scope, [&](auto& collections) { collections[collection].push_back(name); });
}

tensorflow::CollectionDef VariableCollection(const std::vector<ops::Variable>& variables) {
  tensorflow::CollectionDef collection;
  for (const ops::Variable& variable : variables) {
    collection.mutable_bytes_list()->add_value(variable.ToProto().SerializeAsString());
  }
  return collection;
}

// StrippedOpList is the OpDefs of the ops `graph_def` uses, sorted by name, without the
// documentation (TensorFlow's stripped_op_list_for_graph).
absl::StatusOr<tensorflow::OpList> StrippedOpList(const tensorflow::GraphDef& graph_def,
                                                  const OpRegistryInterface& registry) {
  std::set<std::string> op_names;
  for (const tensorflow::NodeDef& node : graph_def.node()) op_names.insert(node.op());
  tensorflow::OpList op_list;
  for (const std::string& name : op_names) {
    ASSIGN_OR_RETURN(const tensorflow::OpDef* op_def, registry.LookUpOpDef(name));
    tensorflow::OpDef* stripped = op_list.add_op();
    *stripped = *op_def;
    stripped->clear_summary();
    stripped->clear_description();
    for (auto& arg : *stripped->mutable_input_arg()) arg.clear_description();
    for (auto& arg : *stripped->mutable_output_arg()) arg.clear_description();
    for (auto& attr : *stripped->mutable_attr()) attr.clear_description();
  }
  return op_list;
}

// SerializeDeterministically serializes with map entries (collections) sorted by key, so
// that one graph always gives the same bytes.
std::string SerializeDeterministically(const tensorflow::MetaGraphDef& meta_graph_def) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    meta_graph_def.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace

void AddToCollection(const Scope& scope, const std::string& name, const Operation& op) {
  AddNameToCollection(scope, name, op.name());
}

void AddToCollection(const Scope& scope, const std::string& name, const Output& output) {
  AddNameToCollection(scope, name, output.name());
}

std::vector<std::string> GetCollection(const Scope& scope, const std::string& name) {
  std::vector<std::string> names;
  WithCollections(scope, [&](auto& collections) {
    const auto it = collections.find(name);
    if (it != collections.end()) names = it->second;
  });
  return names;
}

absl::StatusOr<tensorflow::MetaGraphDef> ExportMetaGraph(const Scope& scope,
                                                         const std::string& path,
                                                         const MetaGraphOptions& options) {
  tensorflow::MetaGraphDef meta;
  RETURN_IF_ERROR(scope.ToGraphDef(meta.mutable_graph_def()));
  ASSIGN_OR_RETURN(*meta.mutable_meta_info_def()->mutable_stripped_op_list(),
                   StrippedOpList(meta.graph_def(), *scope.graph()->op_registry()));
  for (const std::string& tag : options.tags) meta.mutable_meta_info_def()->add_tags(tag);
  if (options.saver_def.has_value()) *meta.mutable_saver_def() = *options.saver_def;

  auto& collections = *meta.mutable_collection_def();
  const std::vector<ops::Variable> variables = ops::GlobalVariables(scope);
  if (!variables.empty()) collections[kVariables] = VariableCollection(variables);
  const std::vector<ops::Variable> trainable = ops::TrainableVariables(scope);
  if (!trainable.empty()) collections[kTrainableVariables] = VariableCollection(trainable);
  if (const std::optional<ops::Variable> step = GetGlobalStep(scope); step.has_value()) {
    collections[kGlobalStep] = VariableCollection({*step});
  }
  WithCollections(scope, [&](auto& node_collections) {
    for (const auto& [name, nodes] : node_collections) {
      tensorflow::CollectionDef::NodeList* list = collections[name].mutable_node_list();
      for (const std::string& node : nodes) list->add_value(node);
    }
  });

  if (!path.empty()) {
    ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(path));
    const std::string dir(io::Dirname(path));
    if (!dir.empty()) RETURN_IF_ERROR(fs->RecursivelyCreateDir(dir));
    RETURN_IF_ERROR(io::WriteFileAtomically(fs, path, SerializeDeterministically(meta)));
  }
  return meta;
}

absl::StatusOr<ImportedMetaGraph> ImportMetaGraph(const Scope& scope, const std::string& path) {
  ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(path));
  ASSIGN_OR_RETURN(const std::string bytes, io::ReadFileToString(fs, path));
  tensorflow::MetaGraphDef meta;
  if (!meta.ParseFromString(bytes) &&
      !google::protobuf::TextFormat::ParseFromString(bytes, &meta)) {
    return errors::DataLoss(path, " is not a MetaGraphDef (neither binary nor text)");
  }
  return ImportMetaGraph(scope, meta);
}

absl::StatusOr<ImportedMetaGraph> ImportMetaGraph(const Scope& scope,
                                                  const tensorflow::MetaGraphDef& meta_graph_def) {
  RETURN_IF_ERROR(scope.status());
  RETURN_IF_ERROR(ImportGraphDef(meta_graph_def.graph_def(), scope.graph()));
  ImportedMetaGraph imported;
  imported.meta_graph_def = meta_graph_def;

  absl::flat_hash_set<std::string> trainable;
  const auto& collections = meta_graph_def.collection_def();
  if (const auto it = collections.find(kTrainableVariables); it != collections.end()) {
    for (const std::string& bytes : it->second.bytes_list().value()) {
      tensorflow::VariableDef def;
      if (!def.ParseFromString(bytes)) {
        return errors::DataLoss("An entry of collection ", kTrainableVariables,
                                " is not a VariableDef");
      }
      trainable.insert(def.variable_name());
    }
  }
  if (const auto it = collections.find(kVariables); it != collections.end()) {
    for (const std::string& bytes : it->second.bytes_list().value()) {
      tensorflow::VariableDef def;
      if (!def.ParseFromString(bytes)) {
        return errors::DataLoss("An entry of collection ", kVariables, " is not a VariableDef");
      }
      ASSIGN_OR_RETURN(
          ops::Variable variable,
          ops::Variable::FromProto(scope, def,
                                   def.trainable() || trainable.contains(def.variable_name())));
      imported.variables.push_back(std::move(variable));
    }
  }
  for (const auto& [name, collection] : collections) {
    if (!collection.has_node_list()) continue;
    for (const std::string& node : collection.node_list().value()) {
      AddNameToCollection(scope, name, node);
    }
  }
  if (meta_graph_def.has_saver_def()) {
    ASSIGN_OR_RETURN(Saver saver, Saver::FromSaverDef(scope, meta_graph_def.saver_def()));
    imported.saver.emplace(std::move(saver));
  }
  return imported;
}

}  // namespace train
}  // namespace rill
