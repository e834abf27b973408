// MatMul float32 throughput (GFLOP/s) for square sizes 256 to 2048: Rill's MatMul run
// through a Session with an intra-op pool of 2 threads, against the same product in
// standalone Eigen on a 2-thread ThreadPoolDevice (the ceiling Rill's kernel aims at), and
// the two alternated run by run, whose ratio stays meaningful on a busy machine.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/protos/graph.pb.h"
#include "core/runtime/session.h"
#include "unsupported/Eigen/CXX11/Tensor"
#include "unsupported/Eigen/CXX11/ThreadPool"

namespace rill {
namespace {

constexpr int kThreads = 2;

// FillPseudoRandom sets n floats to values in [-1, 1) from a fixed linear congruential
// sequence, so that every benchmark multiplies the same numbers.
void FillPseudoRandom(float* data, int64_t n, uint32_t seed) {
  uint32_t state = seed;
  for (int64_t i = 0; i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    data[i] = static_cast<float>(state >> 8) / static_cast<float>(1 << 23) - 1.0f;
  }
}

double Flops(int64_t n) { return 2.0 * n * n * n; }

// SessionMatMul computes c = a * b for n x n float matrices a and b fed to a Session.
class SessionMatMul {
 public:
  explicit SessionMatMul(int64_t n) {
    tensorflow::GraphDef graph;
    for (const char* name : {"a", "b"}) {
      RILL_CHECK_OK(NodeDefBuilder(name, "Placeholder")
                        .Attr("dtype", DT_FLOAT)
                        .Attr("shape", PartialTensorShape({n, n}))
                        .Finalize(graph.add_node()));
    }
    RILL_CHECK_OK(NodeDefBuilder("c", "MatMul")
                      .Input("a", 0, DT_FLOAT)
                      .Input("b", 0, DT_FLOAT)
                      .Finalize(graph.add_node()));
    SessionOptions options;
    options.intra_op_threads = kThreads;
    absl::StatusOr<std::unique_ptr<Session>> session = NewSession(options);
    RILL_CHECK_OK(session);
    session_ = std::move(session).value();
    RILL_CHECK_OK(session_->Create(graph));
    Tensor a(DT_FLOAT, TensorShape({n, n}));
    Tensor b(DT_FLOAT, TensorShape({n, n}));
    FillPseudoRandom(a.flat<float>().data(), n * n, 1);
    FillPseudoRandom(b.flat<float>().data(), n * n, 2);
    feeds_ = {{"a", a}, {"b", b}};
    RILL_CHECK_OK(Run());
  }

  absl::Status Run() { return session_->Run(feeds_, {"c"}, {}, &outputs_); }

 private:
  std::unique_ptr<Session> session_;
  std::vector<std::pair<std::string, Tensor>> feeds_;
  std::vector<Tensor> outputs_;
};

// EigenMatMul computes the same product as a tensor contraction on a 2-thread device.
class EigenMatMul {
 public:
  explicit EigenMatMul(int64_t n)
      : pool_(kThreads), device_(&pool_, kThreads), a_(n, n), b_(n, n), c_(n, n) {
    FillPseudoRandom(a_.data(), n * n, 1);
    FillPseudoRandom(b_.data(), n * n, 2);
  }

  void Run() {
    const Eigen::array<Eigen::IndexPair<Eigen::DenseIndex>, 1> contracted = {
        Eigen::IndexPair<Eigen::DenseIndex>(1, 0)};
    c_.device(device_) = a_.contract(b_, contracted);
    benchmark::DoNotOptimize(c_.data());
  }

 private:
  Eigen::ThreadPool pool_;
  Eigen::ThreadPoolDevice device_;
  Eigen::Tensor<float, 2, Eigen::RowMajor> a_, b_, c_;
};

void BM_SessionMatMul(benchmark::State& state) {
  const int64_t n = state.range(0);
  SessionMatMul matmul(n);
  for (auto _ : state) {
    const absl::Status status = matmul.Run();
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
  state.counters["FLOPS"] =
      benchmark::Counter(Flops(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SessionMatMul)
    ->RangeMultiplier(2)
    ->Range(256, 2048)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_EigenMatMul(benchmark::State& state) {
  const int64_t n = state.range(0);
  EigenMatMul matmul(n);
  for (auto _ : state) matmul.Run();
  state.counters["FLOPS"] =
      benchmark::Counter(Flops(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EigenMatMul)
    ->RangeMultiplier(2)
    ->Range(256, 2048)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Each iteration runs Eigen once and the Session once, timing each; the counters are the
// median GFLOP/s of each and their ratio (Session / Eigen).
void BM_SessionOverEigenAlternated(benchmark::State& state) {
  const int64_t n = state.range(0);
  SessionMatMul session(n);
  EigenMatMul eigen(n);
  std::vector<double> session_seconds, eigen_seconds;
  using Clock = std::chrono::steady_clock;
  for (auto _ : state) {
    const Clock::time_point start = Clock::now();
    eigen.Run();
    const Clock::time_point middle = Clock::now();
    const absl::Status status = session.Run();
    const Clock::time_point end = Clock::now();
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
    eigen_seconds.push_back(std::chrono::duration<double>(middle - start).count());
    session_seconds.push_back(std::chrono::duration<double>(end - middle).count());
  }
  if (session_seconds.empty()) return;
  const double session_gflops = Flops(n) / Median(session_seconds) / 1e9;
  const double eigen_gflops = Flops(n) / Median(eigen_seconds) / 1e9;
  state.counters["session_GFLOPs"] = session_gflops;
  state.counters["eigen_GFLOPs"] = eigen_gflops;
  state.counters["ratio"] = session_gflops / eigen_gflops;
}
BENCHMARK(BM_SessionOverEigenAlternated)
    ->RangeMultiplier(2)
    ->Range(256, 2048)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rill
