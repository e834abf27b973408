// The lecture's first TensorFlow programs, written with Rill's C++ client: graphs of
// constants, Add/Mul/Pow, subgraphs that never run, placeholders and feeds, device
// placement logging. Run with `tools/bazel run //examples:simple`; with `-- --logdir=graphs`
// it also writes each program's graph for TensorBoard (`tensorboard --logdir=graphs`).
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/io/path.h"
#include "core/protos/config.pb.h"
#include "core/protos/step_stats.pb.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "train/summary/file_writer.h"

namespace rill {
namespace {

// Section prints a heading for one of the lecture's programs.
void Section(const std::string& title) { std::cout << "\n== " << title << " ==\n"; }

// WriteGraph writes the graph of `root` into `logdir`/`run` for TensorBoard, as the
// lecture's `tf.summary.FileWriter('./graphs', sess.graph)` does; nothing without a logdir.
void WriteGraph(const std::string& logdir, const std::string& run, const Scope& root) {
  if (logdir.empty()) return;
  const std::string dir = io::JoinPath(logdir, run);
  auto writer = summary::FileWriter::Create(dir, root.graph());
  RILL_CHECK_OK(writer);
  RILL_CHECK_OK((*writer)->Close());
  std::cout << "graph written to " << (*writer)->filename() << "\n";
}

// a = tf.add(3, 5): the graph holds a symbolic tensor; only a session computes 8.
void AddTwoConstants(const std::string& logdir) {
  Section("a = Add(3, 5)");
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 3, 5);
  std::cout << "a = " << a << "\n";
  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({a}, &out));
  std::cout << "session.run(a) = " << out[0].DebugString() << "\n";
  WriteGraph(logdir, "add", root);
}

// x = 2, y = 3: op3 = Pow(Mul(x, y), Add(x, y)) = 6^5.
void PowOfMulAndAdd(const std::string& logdir) {
  Section("Pow(Mul(x, y), Add(x, y)) with x = 2, y = 3");
  Scope root = Scope::NewRootScope();
  auto x = ops::Const(root.WithOpName("x"), 2);
  auto y = ops::Const(root.WithOpName("y"), 3);
  auto op1 = ops::Add(root, x, y);
  auto op2 = ops::Mul(root, x, y);
  auto op3 = ops::Pow(root, op2, op1);
  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({op3}, &out));
  std::cout << "session.run(op3) = " << out[0].DebugString() << "\n";
  WriteGraph(logdir, "pow", root);
}

// Only what a fetch needs runs: `useless` is in the graph but not in pow_op's subgraph.
// The step stats list every node the session executed. Constant folding is off here: it
// would compute this all-constant subgraph once, when the plan is built, and no node would
// run in the step.
void SubgraphsThatNeverRun(const std::string& logdir) {
  Section("Subgraphs: Pow(add_op, mul_op) and a useless node");
  Scope root = Scope::NewRootScope();
  auto x = ops::Const(root.WithOpName("x"), 2);
  auto y = ops::Const(root.WithOpName("y"), 3);
  auto add_op = ops::Add(root.WithOpName("add_op"), x, y);
  auto mul_op = ops::Mul(root.WithOpName("mul_op"), x, y);
  auto useless = ops::Mul(root.WithOpName("useless"), x, add_op);
  auto pow_op = ops::Pow(root.WithOpName("pow_op"), add_op, mul_op);
  SessionOptions unfolded;
  unfolded.do_constant_folding = false;
  ClientSession session(root, unfolded);

  tensorflow::RunOptions options;
  options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  tensorflow::RunMetadata metadata;
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run(options, {}, {pow_op}, {}, &out, &metadata));
  std::cout << "session.run(pow_op) = " << out[0].DebugString() << "\n";
  std::cout << "executed nodes:";
  for (const auto& device : metadata.step_stats().dev_stats()) {
    for (const auto& node : device.node_stats()) std::cout << " " << node.node_name();
  }
  std::cout << "\n";

  RILL_CHECK_OK(session.Run({pow_op, useless}, &out));
  std::cout << "session.run([pow_op, useless]) = " << out[0].DebugString() << ", "
            << out[1].DebugString() << "\n";
  WriteGraph(logdir, "subgraphs", root);
}

// A placeholder is a value supplied at run time; running without it is an error.
void PlaceholdersAndFeeds(const std::string& logdir) {
  Section("Placeholder a (float, shape [3]) + Const [5, 5, 5]");
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT, ops::Placeholder::Shape({3}));
  auto b = ops::Const(root.WithOpName("b"), {5.f, 5.f, 5.f});
  auto c = ops::Add(root, a, b);
  std::cout << "c = " << c << "\n";
  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({{a, {1.f, 2.f, 3.f}}}, {c}, &out));
  std::cout << "session.run(c, {a: [1, 2, 3]}) = " << out[0].DebugString() << "\n";

  const absl::Status unfed = session.Run({c}, &out);
  std::cout << "session.run(c) without feeding a: " << unfed << "\n";
  WriteGraph(logdir, "placeholders", root);
}

// Any tensor can be fed, not only placeholders: the fed value replaces the computed one.
void FeedingAnyTensor(const std::string& logdir) {
  Section("Feeding a tensor that is not a placeholder");
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root.WithOpName("a"), 2, 5);
  auto b = ops::Mul(root.WithOpName("b"), a, 3);
  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({b}, &out));
  std::cout << "session.run(b) = " << out[0].DebugString() << "\n";
  RILL_CHECK_OK(session.Run({{a, 15}}, {b}, &out));
  std::cout << "session.run(b, {a: 15}) = " << out[0].DebugString() << "\n";
  WriteGraph(logdir, "feeding", root);
}

// log_device_placement: the session prints each node's device (on stderr) as it places it.
void LogDevicePlacement(const std::string& logdir) {
  Section("log_device_placement");
  Scope root = Scope::NewRootScope();
  auto a = ops::Const(root.WithOpName("a"), {2.f, 2.f});
  auto b = ops::Const(root.WithOpName("b"), {{0.f, 1.f}, {2.f, 3.f}});
  auto product = ops::Mul(root.WithOpName("mul"), a, b);
  SessionOptions options;
  options.log_device_placement = true;
  ClientSession session(root, options);
  std::vector<Tensor> out;
  std::cout.flush();  // The placement lines go to stderr: keep the output in order.
  RILL_CHECK_OK(session.Run({product}, &out));
  std::cout << "session.run(mul) = " << out[0].DebugString() << "\n";
  WriteGraph(logdir, "placement", root);
}

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  // --logdir=DIR: relative to where `bazel run` was started, not to Bazel's runfiles tree.
  std::string logdir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--logdir=") && arg.size() > sizeof("--logdir=") - 1) {
      logdir = arg.substr(sizeof("--logdir=") - 1);
    } else {
      std::cerr << "usage: simple [--logdir=DIR]\n  unknown argument: " << arg << "\n";
      return 2;
    }
  }
  if (!logdir.empty()) logdir = rill::io::ResolveUserPath(logdir);
  rill::AddTwoConstants(logdir);
  rill::PowOfMulAndAdd(logdir);
  rill::SubgraphsThatNeverRun(logdir);
  rill::PlaceholdersAndFeeds(logdir);
  rill::FeedingAnyTensor(logdir);
  rill::LogDevicePlacement(logdir);
  return 0;
}
