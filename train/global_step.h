// The global step: the int64 variable "global_step" that counts training steps, which
// optimizers increment and checkpoints and summaries are numbered by (tf.train.global_step).
#ifndef RILL_TRAIN_GLOBAL_STEP_H_
#define RILL_TRAIN_GLOBAL_STEP_H_

#include <optional>

#include "core/client/scope.h"
#include "ops/state/variables.h"

namespace rill {
namespace train {

// GetOrCreateGlobalStep returns the graph's global step, creating it the first time: a
// scalar int64 variable named "global_step" at the graph's root (whatever `scope`'s name
// scope), initialized to 0, not trainable, so no optimizer ever updates it with gradients
// (tf.train.get_or_create_global_step). An error (e.g. an existing "global_step" of
// another dtype or shape) goes into the scope and returns a default Variable.
ops::Variable GetOrCreateGlobalStep(const Scope& scope);

// GetGlobalStep returns the graph's global step if GetOrCreateGlobalStep made one.
std::optional<ops::Variable> GetGlobalStep(const Scope& scope);

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_GLOBAL_STEP_H_
