// Learning-rate schedules driven by the global step (TensorFlow 1.x's
// tf.train.exponential_decay, piecewise_constant, polynomial_decay, cosine_decay and
// inverse_time_decay), built as graph ops so that each Run computes the rate of the current
// step. Pass the result to an optimizer as its learning rate:
//
//   ops::Variable global_step = GetOrCreateGlobalStep(root);
//   Output rate = ExponentialDecay(root, 0.1f, global_step, 1000, 0.96f, /*staircase=*/true);
//   GradientDescentOptimizer optimizer(rate);
//   auto train_op = optimizer.Minimize(root, loss, global_step);
//
// Each schedule computes in the dtype of its learning rate (a float literal gives float, as
// a Python float does in TensorFlow) and casts the step and the other parameters to it; its
// ops are in a name scope named after it ("ExponentialDecay/..."). Errors go into the scope.
#ifndef RILL_TRAIN_LEARNING_RATE_DECAY_H_
#define RILL_TRAIN_LEARNING_RATE_DECAY_H_

#include <vector>

#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {
namespace train {

// ExponentialDecay: learning_rate * decay_rate ^ (global_step / decay_steps), the exponent
// rounded down with `staircase` (the rate then drops every decay_steps steps).
Output ExponentialDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                        const Input& decay_steps, const Input& decay_rate,
                        bool staircase = false);

// PiecewiseConstant: values[0] while x <= boundaries[0], values[i] while
// boundaries[i - 1] < x <= boundaries[i], values.back() once x > boundaries.back(). The
// boundaries are cast to x's dtype; the values must share one dtype. InvalidArgument when
// there is not exactly one more value than boundaries.
Output PiecewiseConstant(const Scope& scope, const Input& x, const std::vector<Input>& boundaries,
                         const std::vector<Input>& values);

// PolynomialDecay: (learning_rate - end_learning_rate) * (1 - step / decay_steps) ^ power +
// end_learning_rate, with step = min(global_step, decay_steps): the rate reaches
// end_learning_rate at decay_steps and stays there. With `cycle` the step is not clipped;
// decay_steps is instead multiplied by ceil(global_step / decay_steps) (1 at step 0), so
// the decay restarts every decay_steps.
Output PolynomialDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                       const Input& decay_steps, const Input& end_learning_rate = 0.0001f,
                       const Input& power = 1.0f, bool cycle = false);

// CosineDecay: learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decay_steps)) +
// alpha), with step = min(global_step, decay_steps): from learning_rate down to
// alpha * learning_rate at decay_steps.
Output CosineDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                   const Input& decay_steps, double alpha = 0.0);

// InverseTimeDecay: learning_rate / (1 + decay_rate * global_step / decay_steps), the
// quotient rounded down with `staircase`.
Output InverseTimeDecay(const Scope& scope, const Input& learning_rate, const Input& global_step,
                        const Input& decay_steps, const Input& decay_rate,
                        bool staircase = false);

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_LEARNING_RATE_DECAY_H_
