// ImportGraphDef (topological import with validation, cycle reporting, all-or-nothing) and
// the GraphDef text format.
#include "core/graph/graph_def_import.h"

#include <algorithm>
#include <deque>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/graph/tensor_id.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"

namespace rill {
namespace {

// CheckVersions is InvalidArgument when a GraphDef's versions exclude this code as a reader.
absl::Status CheckVersions(const tensorflow::VersionDef& versions) {
  if (versions.min_consumer() > kGraphDefProducerVersion) {
    return errors::InvalidArgument("GraphDef min consumer version ", versions.min_consumer(),
                                   " is above this code's version ", kGraphDefProducerVersion,
                                   ": the graph was written for a newer reader");
  }
  for (int bad : versions.bad_consumers()) {
    if (bad == kGraphDefProducerVersion) {
      return errors::InvalidArgument("GraphDef disallows consumer version ", bad,
                                     ", this code's version");
    }
  }
  return absl::OkStatus();
}

// MergeLibrary adds `from`'s functions and gradients to `to`; a function of the same name
// with another definition is InvalidArgument.
absl::Status MergeLibrary(const tensorflow::FunctionDefLibrary& from,
                          tensorflow::FunctionDefLibrary* to) {
  for (const tensorflow::FunctionDef& function : from.function()) {
    const std::string& name = function.signature().name();
    const auto existing =
        std::find_if(to->function().begin(), to->function().end(),
                     [&](const tensorflow::FunctionDef& f) { return f.signature().name() == name; });
    if (existing == to->function().end()) {
      *to->add_function() = function;
    } else if (!google::protobuf::util::MessageDifferencer::Equals(*existing, function)) {
      return errors::InvalidArgument("Function '", name,
                                     "' is already in the graph's library with another "
                                     "definition");
    }
  }
  for (const tensorflow::GradientDef& gradient : from.gradient()) {
    const auto existing = std::find_if(
        to->gradient().begin(), to->gradient().end(),
        [&](const tensorflow::GradientDef& g) {
          return g.function_name() == gradient.function_name();
        });
    if (existing == to->gradient().end()) {
      *to->add_gradient() = gradient;
    } else if (existing->gradient_func() != gradient.gradient_func()) {
      return errors::InvalidArgument("Function '", gradient.function_name(),
                                     "' already has gradient '", existing->gradient_func(),
                                     "', not '", gradient.gradient_func(), "'");
    }
  }
  return absl::OkStatus();
}

// CycleError names the nodes of one cycle among the nodes Kahn's algorithm could not
// import (each of them has an input among them, so walking inputs must loop).
absl::Status CycleError(const tensorflow::GraphDef& graph_def,
                        const absl::flat_hash_map<std::string, int>& index,
                        const std::vector<int>& pending) {
  int current = static_cast<int>(
      std::find_if(pending.begin(), pending.end(), [](int p) { return p > 0; }) -
      pending.begin());
  std::vector<int> position(pending.size(), -1);
  std::vector<int> path;
  while (position[current] < 0) {
    position[current] = static_cast<int>(path.size());
    path.push_back(current);
    for (const std::string& input : graph_def.node(current).input()) {
      const absl::StatusOr<TensorId> id = ParseTensorName(input);
      const auto it = index.find(id->node);
      if (it != index.end() && pending[it->second] > 0) {
        current = it->second;
        break;
      }
    }
  }
  std::vector<std::string> names;
  for (size_t i = position[current]; i < path.size(); ++i) {
    names.push_back(graph_def.node(path[i]).name());
  }
  // The walk went against the data flow and ended at `current`: reverse it, then start
  // the cycle at `current`.
  std::reverse(names.begin(), names.end());
  std::rotate(names.begin(), names.end() - 1, names.end());
  names.push_back(names.front());
  const tensorflow::NodeDef& first = graph_def.node(current);
  return errors::InvalidArgument("GraphDef has a cycle through node '", first.name(), "' (",
                                 first.op(), "): ", absl::StrJoin(names, " -> "));
}

// ParseErrorCollector keeps the first text-format error with its (1-based) position.
class ParseErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (first_error_.empty()) {
      first_error_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
    }
  }
  const std::string& first_error() const { return first_error_; }

 private:
  std::string first_error_;
};

}  // namespace

absl::Status ImportGraphDef(const tensorflow::GraphDef& graph_def, Graph* graph) {
  if (graph_def.has_versions()) RETURN_IF_ERROR(CheckVersions(graph_def.versions()));
  const int num_nodes = graph_def.node_size();

  // Index the nodes; reject repeated and taken names.
  absl::flat_hash_map<std::string, int> index;
  for (int i = 0; i < num_nodes; ++i) {
    const tensorflow::NodeDef& node = graph_def.node(i);
    if (!index.emplace(node.name(), i).second) {
      return errors::InvalidArgument("Node '", node.name(), "' (", node.op(),
                                     ") appears more than once in the GraphDef");
    }
    if (graph->FindNode(node.name()) != nullptr) {
      return errors::InvalidArgument("Node '", node.name(), "' (", node.op(),
                                     ") is already in the graph: node names must be unique");
    }
  }

  // Count each node's inputs from within the GraphDef; inputs may also be graph nodes.
  std::vector<int> pending(num_nodes, 0);
  std::vector<std::vector<int>> consumers(num_nodes);
  for (int i = 0; i < num_nodes; ++i) {
    const tensorflow::NodeDef& node = graph_def.node(i);
    for (const std::string& input : node.input()) {
      absl::StatusOr<TensorId> id = ParseTensorName(input);
      if (!id.ok()) {
        return errors::InvalidArgument("Node '", node.name(), "' (", node.op(), "): ",
                                       id.status().message());
      }
      const auto it = index.find(id->node);
      if (it != index.end()) {
        ++pending[i];
        consumers[it->second].push_back(i);
      } else if (graph->FindNode(id->node) == nullptr) {
        return errors::InvalidArgument("Node '", node.name(), "' (", node.op(),
                                       ") has input '", input, "', but no node named '",
                                       id->node, "' is in the GraphDef or the graph");
      }
    }
  }

  // Add the nodes in a topological order (Kahn), GraphDef order among the ready ones.
  GraphRollback rollback(graph);
  std::deque<int> ready;
  for (int i = 0; i < num_nodes; ++i) {
    if (pending[i] == 0) ready.push_back(i);
  }
  int imported = 0;
  while (!ready.empty()) {
    const int i = ready.front();
    ready.pop_front();
    RETURN_IF_ERROR(graph->AddNode(graph_def.node(i)));
    ++imported;
    for (int consumer : consumers[i]) {
      if (--pending[consumer] == 0) ready.push_back(consumer);
    }
  }
  if (imported < num_nodes) return CycleError(graph_def, index, pending);

  RETURN_IF_ERROR(MergeLibrary(graph_def.library(), graph->mutable_library()));
  if (graph_def.has_versions()) {
    tensorflow::VersionDef versions = graph_def.versions();
    if (imported < graph->num_nodes()) {  // The graph had nodes before: keep both readable.
      versions.set_producer(std::min(versions.producer(), graph->versions().producer()));
      versions.set_min_consumer(
          std::max(versions.min_consumer(), graph->versions().min_consumer()));
      for (int bad : graph->versions().bad_consumers()) versions.add_bad_consumers(bad);
    }
    graph->set_versions(versions);
  }
  rollback.Commit();
  return absl::OkStatus();
}

absl::StatusOr<tensorflow::GraphDef> ParseGraphDefText(absl::string_view text) {
  tensorflow::GraphDef graph_def;
  ParseErrorCollector errors_seen;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors_seen);
  if (!parser.ParseFromString(std::string(text), &graph_def)) {
    return errors::InvalidArgument("GraphDef text does not parse: ", errors_seen.first_error());
  }
  return graph_def;
}

std::string GraphDefToText(const tensorflow::GraphDef& graph_def) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(graph_def, &text);
  return text;
}

}  // namespace rill
