// MomentumOptimizer: gradient descent with momentum, optionally Nesterov's
// (TensorFlow's tf.train.MomentumOptimizer).
#ifndef RILL_TRAIN_MOMENTUM_H_
#define RILL_TRAIN_MOMENTUM_H_

#include <string>
#include <vector>

#include "core/client/ops.h"
#include "train/optimizer.h"

namespace rill {
namespace train {

// MomentumOptimizer keeps an accumulator per variable, the slot "momentum" (variable
// "<var>/Momentum", zeros), and updates
//   accumulation = momentum * accumulation + gradient
//   variable -= learning_rate * accumulation
// with ResourceApplyMomentum, or, for an IndexedSlices gradient (duplicate rows summed
// first), ResourceSparseApplyMomentum on its rows. With use_nesterov the variable moves by
// learning_rate * (gradient + momentum * accumulation) instead. `learning_rate` and
// `momentum` are floats (Consts "<name>/learning_rate", "<name>/momentum") or scalar
// tensors, cast to each variable's dtype.
class MomentumOptimizer : public Optimizer {
 public:
  MomentumOptimizer(const Input& learning_rate, const Input& momentum, bool use_locking = false,
                    std::string name = "Momentum", bool use_nesterov = false);

 protected:
  void Prepare(const Scope& scope) override;
  void CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) override;
  Operation ApplyDense(const Scope& scope, const Output& gradient,
                       const ops::Variable& variable) override;
  Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                        const ops::Variable& variable) override;

 private:
  const Input learning_rate_;
  const Input momentum_;
  const bool use_nesterov_;
  Output learning_rate_tensor_;  // Built by Prepare, as the next.
  Output momentum_tensor_;
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_MOMENTUM_H_
