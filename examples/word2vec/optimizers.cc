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

absl::StatusOr<std::unique_ptr<train::Optimizer>> MakeOptimizer(const std::string& name,
                                                                double learning_rate) {
  const auto rate = [&](double fallback) {
    return static_cast<float>(learning_rate > 0 ? learning_rate : fallback);
  };
  if (name == "gradient_descent") {
    return std::make_unique<train::GradientDescentOptimizer>(rate(1.0));
  }
  if (name == "momentum") return std::make_unique<train::MomentumOptimizer>(rate(0.1), 0.9f);
  if (name == "adagrad") return std::make_unique<train::AdagradOptimizer>(rate(1.0));
  if (name == "adam") return std::make_unique<train::AdamOptimizer>(rate(0.01));
  if (name == "ftrl") return std::make_unique<train::FtrlOptimizer>(rate(1.0));
  if (name == "rmsprop") return std::make_unique<train::RMSPropOptimizer>(rate(0.01));
  return errors::InvalidArgument("Unknown --optimizer=", name,
                                 "; use gradient_descent, momentum, adagrad, adam, ftrl or "
                                 "rmsprop");
}

}  // namespace word2vec
}  // namespace rill
