// FtrlOptimizer: follow-the-regularized-leader with proximal steps, L1/L2 regularization
// and L2 shrinkage (TensorFlow 1.x's tf.train.FtrlOptimizer).
#ifndef RILL_TRAIN_FTRL_H_
#define RILL_TRAIN_FTRL_H_

#include <string>
#include <vector>

#include "core/client/ops.h"
#include "train/optimizer.h"

namespace rill {
namespace train {

// FtrlOptimizer keeps the slots "accum" (variable "<var>/Ftrl", every element
// initial_accumulator_value) and "linear" ("<var>/Ftrl_1", zeros) per variable, and updates
// them with ResourceApplyFtrl, or ResourceApplyFtrlV2 when l2_shrinkage > 0 (the sparse
// forms for an IndexedSlices gradient, duplicate rows summed first); see those ops for the
// formulas. learning_rate, learning_rate_power, l1 and l2 are floats (Consts
// "<name>/learning_rate", "<name>/learning_rate_power", "<name>/l1_regularization_strength",
// "<name>/l2_regularization_strength") or scalar tensors, cast to each variable's dtype.
// InvalidArgument in the scope, as TensorFlow's ValueErrors, for a negative
// initial_accumulator_value, l1, l2 or l2_shrinkage or a positive learning_rate_power
// given as constants.
class FtrlOptimizer : public Optimizer {
 public:
  explicit FtrlOptimizer(const Input& learning_rate, const Input& learning_rate_power = -0.5f,
                         double initial_accumulator_value = 0.1, const Input& l1 = 0.0f,
                         const Input& l2 = 0.0f, bool use_locking = false,
                         std::string name = "Ftrl", double l2_shrinkage = 0.0);

 protected:
  void Prepare(const Scope& scope) override;
  void CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) override;
  Operation ApplyDense(const Scope& scope, const Output& gradient,
                       const ops::Variable& variable) override;
  Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                        const ops::Variable& variable) override;

 private:
  const Input learning_rate_;
  const Input learning_rate_power_;
  const double initial_accumulator_value_;
  const Input l1_;
  const Input l2_;
  const double l2_shrinkage_;
  Output learning_rate_tensor_;  // Built by Prepare, as the next four.
  Output learning_rate_power_tensor_;
  Output l1_tensor_;
  Output l2_tensor_;
  Output l2_shrinkage_tensor_;
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_FTRL_H_
