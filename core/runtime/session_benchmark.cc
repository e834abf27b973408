// Session::Run cost on scalar graphs of the real Placeholder/Const/Add ops: one add with a
// feed (the fixed cost of a Run), a chain of 100 adds, 100 independent adds, and a chain of
// 100 adds of constants feeding one add, with and without constant folding.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/runtime/session.h"
#include "core/protos/graph.pb.h"

namespace rill {
namespace {

constexpr int kNodes = 100;

void AddNodeDef(const NodeDefBuilder& builder, tensorflow::GraphDef* graph) {
  RILL_CHECK_OK(builder.Finalize(graph->add_node()));
}

// ScalarInputs adds x = Placeholder(float, []) and one = Const(1.0).
void AddScalarInputs(tensorflow::GraphDef* graph) {
  AddNodeDef(NodeDefBuilder("x", "Placeholder")
                 .Attr("dtype", DT_FLOAT)
                 .Attr("shape", PartialTensorShape({})),
             graph);
  AddNodeDef(NodeDefBuilder("one", "Const").Attr("value", Tensor(1.0f)).Attr("dtype", DT_FLOAT),
             graph);
}

void AddAdd(const std::string& name, const std::string& x, const std::string& y,
            tensorflow::GraphDef* graph) {
  AddNodeDef(NodeDefBuilder(name, "Add").Input(x, 0, DT_FLOAT).Input(y, 0, DT_FLOAT), graph);
}

std::unique_ptr<Session> SessionFor(const tensorflow::GraphDef& graph,
                                    const SessionOptions& options = SessionOptions()) {
  absl::StatusOr<std::unique_ptr<Session>> session = NewSession(options);
  RILL_CHECK_OK(session);
  RILL_CHECK_OK((*session)->Create(graph));
  return std::move(session).value();
}

// RunLoop runs the same step each iteration; counters report the per-Run time in µs.
void RunLoop(benchmark::State& state, Session& session,
             const std::vector<std::pair<std::string, Tensor>>& feeds,
             const std::vector<std::string>& fetches) {
  std::vector<Tensor> outputs;
  RILL_CHECK_OK(session.Run(feeds, fetches, {}, &outputs));
  for (auto _ : state) {
    absl::Status status = session.Run(feeds, fetches, {}, &outputs);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
    benchmark::DoNotOptimize(outputs.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// y = x + 1 with x fed: the fixed cost of a Run plus one node.
void BM_ScalarAddWithFeed(benchmark::State& state) {
  tensorflow::GraphDef graph;
  AddScalarInputs(&graph);
  AddAdd("y", "x", "one", &graph);
  std::unique_ptr<Session> session = SessionFor(graph);
  RunLoop(state, *session, {{"x", Tensor(2.0f)}}, {"y"});
}
BENCHMARK(BM_ScalarAddWithFeed);

// a0 = x + 1, a_i = a_{i-1} + 1: 100 dependent adds, one fetch.
void BM_ChainOf100ScalarAdds(benchmark::State& state) {
  tensorflow::GraphDef graph;
  AddScalarInputs(&graph);
  std::string previous = "x";
  for (int i = 0; i < kNodes; ++i) {
    const std::string name = absl::StrCat("a", i);
    AddAdd(name, previous, "one", &graph);
    previous = name;
  }
  std::unique_ptr<Session> session = SessionFor(graph);
  RunLoop(state, *session, {{"x", Tensor(2.0f)}}, {previous});
}
BENCHMARK(BM_ChainOf100ScalarAdds);

// b_i = x + 1 for 100 nodes, all fetched.
void BM_100IndependentScalarAdds(benchmark::State& state) {
  tensorflow::GraphDef graph;
  AddScalarInputs(&graph);
  std::vector<std::string> fetches;
  for (int i = 0; i < kNodes; ++i) {
    fetches.push_back(absl::StrCat("b", i));
    AddAdd(fetches.back(), "x", "one", &graph);
  }
  std::unique_ptr<Session> session = SessionFor(graph);
  RunLoop(state, *session, {{"x", Tensor(2.0f)}}, fetches);
}
BENCHMARK(BM_100IndependentScalarAdds);

// c0 = 1 + 1, c_i = c_{i-1} + 1, y = x + c_99: what gradient graphs' shape arithmetic looks
// like. Arg: constant folding off (0) or on (1, where only y runs).
void BM_ConstantChainFeedingAnAdd(benchmark::State& state) {
  tensorflow::GraphDef graph;
  AddScalarInputs(&graph);
  std::string previous = "one";
  for (int i = 0; i < kNodes; ++i) {
    const std::string name = absl::StrCat("c", i);
    AddAdd(name, previous, "one", &graph);
    previous = name;
  }
  AddAdd("y", "x", previous, &graph);
  SessionOptions options;
  options.do_constant_folding = state.range(0) != 0;
  std::unique_ptr<Session> session = SessionFor(graph, options);
  RunLoop(state, *session, {{"x", Tensor(2.0f)}}, {"y"});
}
BENCHMARK(BM_ConstantChainFeedingAnAdd)->Arg(0)->Arg(1);

}  // namespace
}  // namespace rill
