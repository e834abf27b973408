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
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "examples/birth_life_data.h"
#include "examples/linear_regression_flags.h"
#include "examples/linear_regression_model.h"

namespace rill {
namespace {

absl::Status Run(const examples::LinearRegressionFlags& flags) {
  ASSIGN_OR_RETURN(const examples::BirthLifeData data, examples::ReadBirthLifeData(flags.data));
  const int64_t n = static_cast<int64_t>(data.births.size());
  Scope root = Scope::NewRootScope();
  ASSIGN_OR_RETURN(const examples::LinearRegression model,
                   examples::BuildLinearRegression(root, flags.mode == "vectorized"));
  RETURN_IF_ERROR(examples::WriteGraph(flags.logdir, root));

  ClientSession session(root);
  RETURN_IF_ERROR(session.Run({}, {}, {model.init}, nullptr));
  // One feed per step, built before the clock starts (the lecture's feed_dict per sample).
  std::vector<ClientSession::FeedType> feeds;
  if (flags.mode == "vectorized") {
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

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  const absl::StatusOr<rill::examples::LinearRegressionFlags> flags =
      rill::examples::ParseLinearRegressionFlags(argc, argv, {"per_sample", "vectorized"});
  if (!flags.ok()) {
    std::cerr << flags.status().message() << "\n";
    return 2;
  }
  const absl::Status status = rill::Run(*flags);
  if (!status.ok()) {
    std::cerr << "linear_regression: " << status << "\n";
    return 1;
  }
  return 0;
}
