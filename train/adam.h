// AdamOptimizer: adaptive moment estimation with TensorFlow 1.x's bias-corrected step
// (tf.train.AdamOptimizer).
#ifndef RILL_TRAIN_ADAM_H_
#define RILL_TRAIN_ADAM_H_

#include <string>
#include <vector>

#include "core/client/ops.h"
#include "train/optimizer.h"

namespace rill {
namespace train {

// AdamOptimizer keeps the slots "m" and "v" per variable (variables "<var>/Adam" and
// "<var>/Adam_1", zeros) and two non-slot variables per graph, "beta1_power" and
// "beta2_power" (beta1^t and beta2^t, starting at beta1 and beta2, on the device of the
// first variable by name). A step t computes
//   lr_t = learning_rate * sqrt(1 - beta2^t) / (1 - beta1^t)
//   m = beta1 * m + (1 - beta1) * gradient
//   v = beta2 * v + (1 - beta2) * gradient^2
//   variable -= lr_t * m / (sqrt(v) + epsilon)
// with ResourceApplyAdam; then, after every variable's update, the powers are multiplied by
// beta1 and beta2. An IndexedSlices gradient (duplicate rows summed first) is applied as
// TensorFlow's _apply_sparse_shared does: m and v decay everywhere, the gradient's rows are
// scatter-added, and the whole variable is updated. The hyperparameters are floats (Consts
// "<name>/learning_rate", "<name>/beta1", ...) or scalar tensors, cast to each variable's
// dtype.
class AdamOptimizer : public Optimizer {
 public:
  explicit AdamOptimizer(const Input& learning_rate = 0.001f, const Input& beta1 = 0.9f,
                         const Input& beta2 = 0.999f, const Input& epsilon = 1e-8f,
                         bool use_locking = false, std::string name = "Adam");

 protected:
  void Prepare(const Scope& scope) override;
  void CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) override;
  Operation ApplyDense(const Scope& scope, const Output& gradient,
                       const ops::Variable& variable) override;
  Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                        const ops::Variable& variable) override;
  Operation Finish(const Scope& scope, const std::vector<Operation>& updates) override;

 private:
  // Power reads the non-slot variable `name` ("beta1_power") in `scope`, as `dtype`.
  Output Power(const Scope& scope, const char* name, DataType dtype) const;

  const Input learning_rate_;
  const Input beta1_;
  const Input beta2_;
  const Input epsilon_;
  Output learning_rate_tensor_;  // Built by Prepare, as the next three.
  Output beta1_tensor_;
  Output beta2_tensor_;
  Output epsilon_tensor_;
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_ADAM_H_
