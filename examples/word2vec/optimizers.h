// The word2vec example's --optimizer: any of the six optimizers by name, each with a
// learning rate that trains this model well when none is given.
#ifndef RILL_EXAMPLES_WORD2VEC_OPTIMIZERS_H_
#define RILL_EXAMPLES_WORD2VEC_OPTIMIZERS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "train/optimizer.h"

namespace rill {
namespace word2vec {

// DefaultLearningRate is the rate used with optimizer `name` when none is given: the
// lecture's 1.0 for gradient descent, adagrad and ftrl; 0.1 for momentum (0.9); 0.01 for
// adam and rmsprop. InvalidArgument for an unknown name.
absl::StatusOr<double> DefaultLearningRate(const std::string& name);

// MakeOptimizer returns the optimizer called `name` (gradient_descent, momentum, adagrad,
// adam, ftrl, rmsprop) with `learning_rate`, a float or a scalar float tensor (a schedule).
// InvalidArgument for another name.
absl::StatusOr<std::unique_ptr<train::Optimizer>> MakeOptimizer(const std::string& name,
                                                                const Input& learning_rate);

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_OPTIMIZERS_H_
