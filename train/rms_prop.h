// RMSPropOptimizer: gradients divided by a moving root mean square of recent gradients,
// with optional momentum and centering (TensorFlow's tf.train.RMSPropOptimizer).
#ifndef RILL_TRAIN_RMS_PROP_H_
#define RILL_TRAIN_RMS_PROP_H_

#include <string>
#include <vector>

#include "core/client/ops.h"
#include "train/optimizer.h"

namespace rill {
namespace train {

// RMSPropOptimizer keeps, per variable, the slots "rms" (variable "<var>/RMSProp", ones),
// with `centered` "mg" (the mean gradient, "<var>/RMSProp_1", zeros), and "momentum"
// ("<var>/RMSProp_1", or "<var>/RMSProp_2" when centered; zeros), and updates
//   rms = decay * rms + (1 - decay) * gradient^2
//   momentum = momentum_coefficient * momentum + learning_rate * gradient / sqrt(rms + epsilon)
//   variable -= momentum
// (centered: the denominator is sqrt(rms - mg^2 + epsilon), mg = decay * mg + (1 - decay) *
// gradient) with ResourceApplyRMSProp / ResourceApplyCenteredRMSProp, or their sparse forms
// for an IndexedSlices gradient (duplicate rows summed first). The hyperparameters are
// floats (Consts "<name>/learning_rate", "<name>/decay", "<name>/momentum",
// "<name>/epsilon") or scalar tensors, cast to each variable's dtype.
class RMSPropOptimizer : public Optimizer {
 public:
  explicit RMSPropOptimizer(const Input& learning_rate, const Input& decay = 0.9f,
                            const Input& momentum = 0.0f, const Input& epsilon = 1e-10f,
                            bool use_locking = false, bool centered = false,
                            std::string name = "RMSProp");

 protected:
  void Prepare(const Scope& scope) override;
  void CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) override;
  Operation ApplyDense(const Scope& scope, const Output& gradient,
                       const ops::Variable& variable) override;
  Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                        const ops::Variable& variable) override;

 private:
  const Input learning_rate_;
  const Input decay_;
  const Input momentum_;
  const Input epsilon_;
  const bool centered_;
  Output learning_rate_tensor_;  // Built by Prepare, as the next three.
  Output decay_tensor_;
  Output momentum_tensor_;
  Output epsilon_tensor_;
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_RMS_PROP_H_
