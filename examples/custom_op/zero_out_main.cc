// Uses the ZeroOut op of this package through its generated builder, ops::ZeroOut, like
// any built-in op; with a path argument it also writes the graph as a text GraphDef, the
// form load_and_run reads.
#include <fstream>
#include <iostream>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/graph/graph_def_import.h"
#include "core/protos/graph.pb.h"
#include "examples/custom_op/zero_out.h"

int main(int argc, char** argv) {
  using namespace rill;  // NOLINT: a short example program.
  Scope root = Scope::NewRootScope();
  auto to_zero = ops::Const(root.WithOpName("to_zero"), {{5, 4}, {3, 2}});
  auto zeroed = ops::ZeroOut(root.WithOpName("zeroed"), to_zero);
  auto zeroed_floats = ops::ZeroOut(root.WithOpName("zeroed_floats"), {1.5f, 2.5f, 3.5f});
  std::cout << "zeroed = " << zeroed << "\n";

  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({zeroed, zeroed_floats}, &out));
  std::cout << "session.run(zeroed) = " << out[0].DebugString() << "\n";
  std::cout << "session.run(zeroed_floats) = " << out[1].DebugString() << "\n";

  if (argc > 1) {
    tensorflow::GraphDef graph_def;
    RILL_CHECK_OK(root.ToGraphDef(&graph_def));
    std::ofstream(argv[1]) << GraphDefToText(graph_def);
    std::cout << "wrote the graph to " << argv[1] << "\n";
  }
  return 0;
}
