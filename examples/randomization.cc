// The lecture's randomization programs with Rill's C++ client: op-level seeds, sessions
// restarting random streams, two ops sharing a seed, and a graph-level seed, printing the
// values TensorFlow prints. Run with `tools/bazel run //examples:randomization`.
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "ops/random/random_composites.h"
#include "ops/random/random_seed.h"

namespace rill {
namespace {

void Section(const std::string& title) { std::cout << "\n== " << title << " ==\n"; }

// Print shows session.run(output) with Python's 6 significant digits.
void Print(const ClientSession& session, const Output& output, const std::string& label) {
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({output}, &out));
  std::cout << label << " = " << std::setprecision(6) << out[0].scalar<float>()() << "\n";
}

// c = tf.random_uniform([], -10, 10, seed=2): each run continues the op's stream.
void OpSeed() {
  Section("Op-level seed: c = random_uniform([], -10, 10, seed=2), run twice");
  const Scope root = Scope::NewRootScope();
  const Output c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, /*seed=*/2);
  ClientSession session(root);
  Print(session, c, "session.run(c)");
  Print(session, c, "session.run(c)");
}

// A new session restarts every random op's stream.
void TwoSessions() {
  Section("Op-level seed, two sessions");
  const Scope root = Scope::NewRootScope();
  const Output c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, /*seed=*/2);
  ClientSession first(root);
  Print(first, c, "session 1: session.run(c)");
  ClientSession second(root);
  Print(second, c, "session 2: session.run(c)");
}

// Two ops with the same seeds draw the same values.
void TwoOpsOneSeed() {
  Section("Two ops with seed=2: c and d");
  const Scope root = Scope::NewRootScope();
  const Output c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, /*seed=*/2);
  const Output d = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, /*seed=*/2);
  ClientSession session(root);
  Print(session, c, "session.run(c)");
  Print(session, d, "session.run(d)");
}

// tf.set_random_seed(2): ops without a seed get one derived from the graph, so the
// program gives the same values every time it runs.
void GraphSeed() {
  Section("Graph-level seed: set_random_seed(2), c and d without op seeds");
  const Scope root = Scope::NewRootScope();
  ops::set_random_seed(root, 2);
  const Output c = ops::random_uniform(root, {}, -10, 10);
  const Output d = ops::random_uniform(root, {}, -10, 10);
  ClientSession session(root);
  Print(session, c, "session.run(c)");
  Print(session, d, "session.run(d)");
}

}  // namespace
}  // namespace rill

int main() {
  rill::OpSeed();
  rill::TwoSessions();
  rill::TwoOpsOneSeed();
  rill::GraphSeed();
  return 0;
}
