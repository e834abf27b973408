// GradientDescentOptimizer: plain stochastic gradient descent, var -= learning_rate * grad
// (TensorFlow's tf.train.GradientDescentOptimizer).
#ifndef RILL_TRAIN_GRADIENT_DESCENT_H_
#define RILL_TRAIN_GRADIENT_DESCENT_H_

#include <string>

#include "core/client/ops.h"
#include "train/optimizer.h"

namespace rill {
namespace train {

// GradientDescentOptimizer updates dense gradients with the fused
// ResourceApplyGradientDescent and sparse ones (IndexedSlices) with ResourceScatterAdd of
// -grad * learning_rate on the gradient's rows only (duplicate rows add up).
// `learning_rate` is a float (a Const named "<name>/learning_rate") or any scalar tensor,
// e.g. a decaying schedule; it is cast to each variable's dtype.
class GradientDescentOptimizer : public Optimizer {
 public:
  explicit GradientDescentOptimizer(const Input& learning_rate, bool use_locking = false,
                                    std::string name = "GradientDescent");

 protected:
  void Prepare(const Scope& scope) override;
  Operation ApplyDense(const Scope& scope, const Output& gradient,
                       const ops::Variable& variable) override;
  Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                        const ops::Variable& variable) override;

 private:
  Input learning_rate_;
  Output learning_rate_tensor_;  // Built by Prepare.
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_GRADIENT_DESCENT_H_
