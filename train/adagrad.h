// AdagradOptimizer: per-coordinate learning rates shrinking with the sum of squared
// gradients seen (TensorFlow's tf.train.AdagradOptimizer).
#ifndef RILL_TRAIN_ADAGRAD_H_
#define RILL_TRAIN_ADAGRAD_H_

#include <string>
#include <vector>

#include "core/client/ops.h"
#include "train/optimizer.h"

namespace rill {
namespace train {

// AdagradOptimizer keeps the slot "accumulator" per variable (variable "<var>/Adagrad",
// every element initial_accumulator_value) and updates
//   accumulator += gradient * gradient
//   variable -= learning_rate * gradient / sqrt(accumulator)
// with ResourceApplyAdagrad, or, for an IndexedSlices gradient (duplicate rows summed
// first), ResourceSparseApplyAdagrad on its rows. `learning_rate` is a float (a Const
// "<name>/learning_rate") or a scalar tensor, cast to each variable's dtype.
// initial_accumulator_value must be positive (InvalidArgument in the scope otherwise).
class AdagradOptimizer : public Optimizer {
 public:
  explicit AdagradOptimizer(const Input& learning_rate, double initial_accumulator_value = 0.1,
                            bool use_locking = false, std::string name = "Adagrad");

 protected:
  void Prepare(const Scope& scope) override;
  void CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) override;
  Operation ApplyDense(const Scope& scope, const Output& gradient,
                       const ops::Variable& variable) override;
  Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                        const ops::Variable& variable) override;

 private:
  const Input learning_rate_;
  const double initial_accumulator_value_;
  Output learning_rate_tensor_;  // Built by Prepare.
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_ADAGRAD_H_
