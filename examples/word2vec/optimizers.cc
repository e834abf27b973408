// MakeOptimizer: the six optimizers by name.
#include "examples/word2vec/optimizers.h"

#include "core/framework/errors.h"
#include "train/adagrad.h"
#include "train/adam.h"
#include "train/ftrl.h"
#include "train/gradient_descent.h"
#include "train/momentum.h"
#include "train/rms_prop.h"

namespace rill {
namespace word2vec {

namespace {

absl::Status UnknownOptimizer(const std::string& name) {
  return errors::InvalidArgument("Unknown --optimizer=", name,
                                 "; use gradient_descent, momentum, adagrad, adam, ftrl or "
                                 "rmsprop");
}

}  // namespace

absl::StatusOr<double> DefaultLearningRate(const std::string& name) {
  if (name == "gradient_descent" || name == "adagrad" || name == "ftrl") return 1.0;
  if (name == "momentum") return 0.1;
  if (name == "adam" || name == "rmsprop") return 0.01;
  return UnknownOptimizer(name);
}

absl::StatusOr<std::unique_ptr<train::Optimizer>> MakeOptimizer(const std::string& name,
                                                                const Input& learning_rate) {
  if (name == "gradient_descent") {
    return std::make_unique<train::GradientDescentOptimizer>(learning_rate);
  }
  if (name == "momentum") return std::make_unique<train::MomentumOptimizer>(learning_rate, 0.9f);
  if (name == "adagrad") return std::make_unique<train::AdagradOptimizer>(learning_rate);
  if (name == "adam") return std::make_unique<train::AdamOptimizer>(learning_rate);
  if (name == "ftrl") return std::make_unique<train::FtrlOptimizer>(learning_rate);
  if (name == "rmsprop") return std::make_unique<train::RMSPropOptimizer>(learning_rate);
  return UnknownOptimizer(name);
}

}  // namespace word2vec
}  // namespace rill
