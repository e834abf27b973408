// The lecture's tf.data linear regression: the data file's columns become a dataset
// (from_tensor_slices), an initializable iterator is re-initialized each epoch and read
// until OutOfRange, and the model trains on its get_next() instead of placeholders. The
// feed_dict version runs too (unless --mode=dataset), and both timings print side by side.
//   tools/bazel run //examples:linear_regression_dataset [-- --data=FILE --epochs=N
//       --mode=both|dataset --logdir=DIR]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "data/dataset.h"
#include "examples/birth_life_data.h"
#include "examples/linear_regression_flags.h"
#include "examples/linear_regression_model.h"

namespace rill {
namespace {

// Result is one variant's trained parameters and its training time.
struct Result {
  float w = 0;
  float b = 0;
  double seconds = 0;
  int64_t steps = 0;
};

// TrainWithDataset is the lecture's 03_linreg_dataset.py.
absl::StatusOr<Result> TrainWithDataset(const examples::BirthLifeData& data,
                                        const examples::LinearRegressionFlags& flags) {
  Scope root = Scope::NewRootScope();
  Tensor births(DT_FLOAT, TensorShape({static_cast<int64_t>(data.births.size())}));
  Tensor lifes(DT_FLOAT, TensorShape({static_cast<int64_t>(data.lifes.size())}));
  std::copy(data.births.begin(), data.births.end(), births.flat<float>().data());
  std::copy(data.lifes.begin(), data.lifes.end(), lifes.flat<float>().data());
  const data::Dataset dataset = data::Dataset::FromTensorSlices(root, {births, lifes});
  std::cout << "output_types: " << dataset.output_types() << "\n";
  std::cout << "output_shapes: " << dataset.output_shapes() << "\n";
  const data::Iterator iterator = dataset.MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ASSIGN_OR_RETURN(const examples::LinearRegression model,
                   examples::BuildLinearRegressionOn(root, next[0], next[1], false));
  RETURN_IF_ERROR(examples::WriteGraph(flags.logdir, root));

  ClientSession session(root);
  RETURN_IF_ERROR(session.Run({}, {}, {model.init}, nullptr));
  Result result;
  std::vector<Tensor> out;
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < flags.epochs; ++epoch) {
    RETURN_IF_ERROR(session.Run({}, {}, {iterator.initializer()}, nullptr));
    double total_loss = 0;
    while (true) {
      const absl::Status status = session.Run({}, {model.loss}, {model.train_op}, &out);
      if (absl::IsOutOfRange(status)) break;
      RETURN_IF_ERROR(status);
      total_loss += out[0].scalar<float>()();
      ++result.steps;
    }
    std::printf("Epoch %d: %.6f\n", epoch, total_loss / static_cast<double>(data.births.size()));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RETURN_IF_ERROR(session.Run({model.w, model.b}, &out));
  result.w = out[0].scalar<float>()();
  result.b = out[1].scalar<float>()();
  return result;
}

// TrainWithFeeds is the lecture's feed_dict version (examples:linear_regression).
absl::StatusOr<Result> TrainWithFeeds(const examples::BirthLifeData& data,
                                      const examples::LinearRegressionFlags& flags) {
  Scope root = Scope::NewRootScope();
  ASSIGN_OR_RETURN(const examples::LinearRegression model,
                   examples::BuildLinearRegression(root, /*vectorized=*/false));
  ClientSession session(root);
  RETURN_IF_ERROR(session.Run({}, {}, {model.init}, nullptr));
  std::vector<ClientSession::FeedType> feeds;
  for (size_t i = 0; i < data.births.size(); ++i) {
    feeds.push_back({{model.x, Tensor(data.births[i])}, {model.y, Tensor(data.lifes[i])}});
  }
  Result result;
  std::vector<Tensor> out;
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < flags.epochs; ++epoch) {
    for (const ClientSession::FeedType& feed : feeds) {
      RETURN_IF_ERROR(session.Run(feed, {model.loss}, {model.train_op}, &out));
      ++result.steps;
    }
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RETURN_IF_ERROR(session.Run({model.w, model.b}, &out));
  result.w = out[0].scalar<float>()();
  result.b = out[1].scalar<float>()();
  return result;
}

void PrintResult(const char* name, const Result& result) {
  std::printf("%-9s w = %.6f, b = %.6f  Took: %.6f seconds (%lld steps, %.3f us/step)\n", name,
              result.w, result.b, result.seconds, static_cast<long long>(result.steps),
              result.steps == 0 ? 0.0 : result.seconds * 1e6 / static_cast<double>(result.steps));
}

absl::Status Run(const examples::LinearRegressionFlags& flags) {
  ASSIGN_OR_RETURN(const examples::BirthLifeData data, examples::ReadBirthLifeData(flags.data));
  ASSIGN_OR_RETURN(const Result dataset, TrainWithDataset(data, flags));
  std::printf("w = %.6f, b = %.6f\n", dataset.w, dataset.b);
  PrintResult("tf.data", dataset);
  if (flags.mode == "both") {
    ASSIGN_OR_RETURN(const Result feed, TrainWithFeeds(data, flags));
    PrintResult("feed_dict", feed);
  }
  return absl::OkStatus();
}

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  const absl::StatusOr<rill::examples::LinearRegressionFlags> flags =
      rill::examples::ParseLinearRegressionFlags(argc, argv, {"both", "dataset"});
  if (!flags.ok()) {
    std::cerr << flags.status().message() << "\n";
    return 2;
  }
  const absl::Status status = rill::Run(*flags);
  if (!status.ok()) {
    std::cerr << "linear_regression_dataset: " << status << "\n";
    return 1;
  }
  return 0;
}
