// Runs a GraphDef that uses ZeroOut in a program that does not link ZeroOut: first without
// it (the error names the op and its library), then after loading libzero_out.so at run
// time with LoadLibrary.
//   load_and_run [LIBRARY.so [GRAPH.pbtxt]]
// The defaults are this package's plugin and zero_out_graph.pbtxt in the runfiles.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/graph/graph_def_import.h"
#include "core/protos/graph.pb.h"
#include "core/runtime/load_library.h"
#include "core/runtime/session.h"

namespace rill {
namespace {

absl::StatusOr<tensorflow::GraphDef> ReadGraphDef(const std::string& path) {
  std::ifstream file(path);
  if (!file) return errors::NotFound("cannot read the GraphDef file ", path);
  std::stringstream text;
  text << file.rdbuf();
  return ParseGraphDefText(text.str());
}

// RunZeroOutNodes runs `graph_def` in a new session and returns the output of each ZeroOut
// node, with its tensor name.
absl::StatusOr<std::vector<std::pair<std::string, Tensor>>> RunZeroOutNodes(
    const tensorflow::GraphDef& graph_def) {
  std::vector<std::string> fetches;
  for (const tensorflow::NodeDef& node : graph_def.node()) {
    if (node.op() == "ZeroOut") fetches.push_back(node.name() + ":0");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Session> session, NewSession(SessionOptions()));
  RETURN_IF_ERROR(session->Create(graph_def));
  std::vector<Tensor> outputs;
  RETURN_IF_ERROR(session->Run({}, fetches, {}, &outputs));
  std::vector<std::pair<std::string, Tensor>> named;
  for (size_t i = 0; i < fetches.size(); ++i) named.emplace_back(fetches[i], outputs[i]);
  return named;
}

int Main(const std::string& library_path, const std::string& graph_path) {
  // Says where ZeroOut comes from, so that running the graph without it explains itself.
  OpRegistry::Global()->RegisterOpProvider("ZeroOut",
                                           "//examples/custom_op:zero_out (libzero_out.so)");
  const absl::StatusOr<tensorflow::GraphDef> graph_def = ReadGraphDef(graph_path);
  if (!graph_def.ok()) {
    std::cerr << graph_def.status() << "\n";
    return 1;
  }

  std::cout << "Running " << graph_path << " before loading the library:\n";
  const auto unloaded = RunZeroOutNodes(*graph_def);
  if (unloaded.ok()) {
    std::cerr << "ZeroOut is already linked into this program: nothing to demonstrate\n";
    return 1;
  }
  std::cout << "  " << unloaded.status() << "\n";

  const absl::StatusOr<LoadedLibrary> library = LoadLibrary(library_path);
  if (!library.ok()) {
    std::cerr << library.status() << "\n";
    return 1;
  }
  std::cout << "Loaded " << library_path << ", which registered:";
  for (const tensorflow::OpDef& op : library->op_list.op()) std::cout << " " << op.name();
  std::cout << ", and gradients for:";
  for (const std::string& op_type : library->gradient_op_types) std::cout << " " << op_type;
  std::cout << "\n";

  std::cout << "Running " << graph_path << " again:\n";
  const auto loaded = RunZeroOutNodes(*graph_def);
  if (!loaded.ok()) {
    std::cerr << loaded.status() << "\n";
    return 1;
  }
  for (const auto& [name, tensor] : *loaded) {
    std::cout << "  " << name << " = " << tensor.DebugString() << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  const std::string library_path = argc > 1 ? argv[1] : "examples/custom_op/libzero_out.so";
  const std::string graph_path =
      argc > 2 ? argv[2] : "examples/custom_op/zero_out_graph.pbtxt";
  return rill::Main(library_path, graph_path);
}
