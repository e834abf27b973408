// Throughput of the element-wise binary kernels on 1M floats: Add through the kernel (equal
// shapes, a row broadcast, a scalar) and through a Session, against a plain loop and a
// plain memcpy of the same bytes. Bytes counted are those each one must move: 3 x 4 MB for
// an Add of equal shapes (two reads, one write), 2 x 4 MB for the broadcasts and the memcpy.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/protos/graph.pb.h"
#include "core/runtime/session.h"

namespace rill {
namespace {

constexpr int64_t kElements = 1 << 20;
constexpr int64_t kBytes = kElements * sizeof(float);

Tensor Filled(const TensorShape& shape, float start) {
  Tensor tensor(DT_FLOAT, shape);
  auto flat = tensor.flat<float>();
  for (int64_t i = 0; i < flat.size(); ++i) flat(i) = start + static_cast<float>(i % 1000);
  return tensor;
}

tensorflow::NodeDef AddNode() {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(
      NodeDefBuilder("z", "Add").Input("x", 0, DT_FLOAT).Input("y", 0, DT_FLOAT).Finalize(&def));
  return def;
}

// RunAdd runs the Add kernel on x and y with `state.range(0)` intra-op threads. The inputs
// stay held, so every run allocates its output (as in a graph where x and y have other
// consumers).
void RunAdd(benchmark::State& state, const Tensor& x, const Tensor& y, int64_t bytes) {
  auto runner = test::KernelRunner::Create(AddNode(), static_cast<int>(state.range(0)));
  RILL_CHECK_OK(runner);
  for (auto _ : state) {
    auto out = (*runner)->Run({x, y});
    if (!out.ok()) {
      state.SkipWithError(out.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(out->data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}

// z = x + y, both [1M].
void BM_AddKernel(benchmark::State& state) {
  const TensorShape shape({kElements});
  RunAdd(state, Filled(shape, 1.f), Filled(shape, 2.f), 3 * kBytes);
}
BENCHMARK(BM_AddKernel)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// z = x + b, x [1024,1024] and a bias row b [1024]: the broadcast path, rows of 1024.
void BM_AddKernelRowBroadcast(benchmark::State& state) {
  RunAdd(state, Filled(TensorShape({1024, 1024}), 1.f), Filled(TensorShape({1024}), 2.f),
         2 * kBytes);
}
BENCHMARK(BM_AddKernelRowBroadcast)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// z = x + 1, x [1M]: one element fixed.
void BM_AddKernelScalar(benchmark::State& state) {
  RunAdd(state, Filled(TensorShape({kElements}), 1.f), Tensor(1.f), 2 * kBytes);
}
BENCHMARK(BM_AddKernelScalar)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// z = x + y through Session::Run, x and y fed: the kernel plus a Run's fixed cost.
void BM_AddSession(benchmark::State& state) {
  tensorflow::GraphDef graph;
  for (const char* name : {"x", "y"}) {
    RILL_CHECK_OK(NodeDefBuilder(name, "Placeholder")
                      .Attr("dtype", DT_FLOAT)
                      .Attr("shape", PartialTensorShape({kElements}))
                      .Finalize(graph.add_node()));
  }
  RILL_CHECK_OK(NodeDefBuilder("z", "Add")
                    .Input("x", 0, DT_FLOAT)
                    .Input("y", 0, DT_FLOAT)
                    .Finalize(graph.add_node()));
  SessionOptions options;
  options.intra_op_threads = static_cast<int>(state.range(0));
  absl::StatusOr<std::unique_ptr<Session>> session = NewSession(options);
  RILL_CHECK_OK(session);
  RILL_CHECK_OK((*session)->Create(graph));
  const TensorShape shape({kElements});
  const std::vector<std::pair<std::string, Tensor>> feeds = {{"x", Filled(shape, 1.f)},
                                                             {"y", Filled(shape, 2.f)}};
  std::vector<Tensor> outputs;
  for (auto _ : state) {
    const absl::Status status = (*session)->Run(feeds, {"z"}, {}, &outputs);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(outputs.data());
  }
  state.SetBytesProcessed(state.iterations() * 3 * kBytes);
}
BENCHMARK(BM_AddSession)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// The same sum as a plain single-threaded loop into a preallocated buffer, as the compiler
// builds it (GCC 12 at -O2 leaves it scalar: vaddss, one float at a time).
void BM_AddPlainLoop(benchmark::State& state) {
  const TensorShape shape({kElements});
  const Tensor x = Filled(shape, 1.f);
  const Tensor y = Filled(shape, 2.f);
  Tensor z(DT_FLOAT, shape);
  const float* a = x.flat<float>().data();
  const float* b = y.flat<float>().data();
  float* c = z.flat<float>().data();
  for (auto _ : state) {
    for (int64_t i = 0; i < kElements; ++i) c[i] = a[i] + b[i];
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 3 * kBytes);
}
BENCHMARK(BM_AddPlainLoop)->UseRealTime();

// memcpy of 1M floats (4 MB read, 4 MB written) into a preallocated buffer.
void BM_Memcpy(benchmark::State& state) {
  const Tensor x = Filled(TensorShape({kElements}), 1.f);
  Tensor z(DT_FLOAT, TensorShape({kElements}));
  for (auto _ : state) {
    std::memcpy(z.data(), x.data(), kBytes);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 2 * kBytes);
}
BENCHMARK(BM_Memcpy)->UseRealTime();

}  // namespace
}  // namespace rill
