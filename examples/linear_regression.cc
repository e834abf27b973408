// The lecture's linear regression (birth rate -> life expectancy) in C++: placeholders,
// get_variable, squared loss, GradientDescentOptimizer(0.001).minimize, 100 epochs of one
// Session::Run per sample. `--mode=vectorized` feeds the whole data set per step instead.
//   tools/bazel run //examples:linear_regression [-- --data=FILE --epochs=N --logdir=DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/io/path.h"
#include "examples/birth_life_data.h"
#include "examples/linear_regression_model.h"
#include "train/summary/file_writer.h"

namespace rill {
namespace {

struct Flags {
  std::string data;
  std::string logdir;
  int epochs = 100;
  bool vectorized = false;
};

absl::Status WriteGraph(const std::string& logdir, const Scope& root) {
  if (logdir.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto writer, summary::FileWriter::Create(logdir, root.graph()));
  RETURN_IF_ERROR(writer->Close());
  std::cout << "Graph written to " << writer->filename() << "\n";
  return absl::OkStatus();
}

absl::Status Run(const Flags& flags) {
  ASSIGN_OR_RETURN(const examples::BirthLifeData data, examples::ReadBirthLifeData(flags.data));
  const int64_t n = static_cast<int64_t>(data.births.size());
  Scope root = Scope::NewRootScope();
  ASSIGN_OR_RETURN(const examples::LinearRegression model,
                   examples::BuildLinearRegression(root, flags.vectorized));
  RETURN_IF_ERROR(WriteGraph(flags.logdir, root));

  ClientSession session(root);
  RETURN_IF_ERROR(session.Run({}, {}, {model.init}, nullptr));
  // One feed per step, built before the clock starts (the lecture's feed_dict per sample).
  std::vector<ClientSession::FeedType> feeds;
  if (flags.vectorized) {
    Tensor x(DT_FLOAT, TensorShape({n}));
    Tensor y(DT_FLOAT, TensorShape({n}));
    std::copy(data.births.begin(), data.births.end(), x.flat<float>().data());
    std::copy(data.lifes.begin(), data.lifes.end(), y.flat<float>().data());
    feeds.push_back({{model.x, x}, {model.y, y}});
  } else {
    for (int64_t i = 0; i < n; ++i) {
      feeds.push_back({{model.x, Tensor(data.births[i])}, {model.y, Tensor(data.lifes[i])}});
    }
  }

  std::vector<Tensor> out;
  int64_t steps = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < flags.epochs; ++epoch) {
    double total_loss = 0;
    for (const ClientSession::FeedType& feed : feeds) {
      RETURN_IF_ERROR(session.Run(feed, {model.loss}, {model.train_op}, &out));
      total_loss += out[0].scalar<float>()();
      ++steps;
    }
    std::printf("Epoch %d: %.6f\n", epoch, total_loss / static_cast<double>(feeds.size()));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RETURN_IF_ERROR(session.Run({model.w, model.b}, &out));
  std::printf("w = %.6f, b = %.6f\n", out[0].scalar<float>()(), out[1].scalar<float>()());
  std::printf("Took: %.6f seconds (%lld steps, %.3f us/step)\n", seconds,
              static_cast<long long>(steps), seconds * 1e6 / static_cast<double>(steps));
  return absl::OkStatus();
}

constexpr char kUsage[] =
    "usage: linear_regression [--data=FILE] [--epochs=N] [--mode=per_sample|vectorized] "
    "[--logdir=DIR]";

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  rill::Flags flags;
  flags.data = rill::examples::DefaultBirthLifeDataPath(argv[0]);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    bool ok = true;
    if (absl::StartsWith(arg, "--data=")) {
      flags.data = rill::io::ResolveUserPath(arg.substr(7));
    } else if (absl::StartsWith(arg, "--logdir=")) {
      flags.logdir = rill::io::ResolveUserPath(arg.substr(9));
    } else if (absl::StartsWith(arg, "--epochs=")) {
      ok = absl::SimpleAtoi(arg.substr(9), &flags.epochs) && flags.epochs >= 0;
    } else if (arg == "--mode=vectorized" || arg == "--mode=per_sample") {
      flags.vectorized = arg == "--mode=vectorized";
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << rill::kUsage << "\n  bad argument: " << arg << "\n";
      return 2;
    }
  }
  const absl::Status status = rill::Run(flags);
  if (!status.ok()) {
    std::cerr << "linear_regression: " << status << "\n";
    return 1;
  }
  return 0;
}
