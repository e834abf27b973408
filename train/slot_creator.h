// Slot variables: the per-variable state optimizers keep (momentum accumulators, Adam's m
// and v), made as TensorFlow's slot_creator makes them.
#ifndef RILL_TRAIN_SLOT_CREATOR_H_
#define RILL_TRAIN_SLOT_CREATOR_H_

#include <string>

#include "core/client/scope.h"
#include "ops/state/variables.h"

namespace rill {
namespace train {

// CreateSlot makes a slot of `primary`: a variable of its dtype and shape named
// "<primary>/<name>" at the graph's root, or "<primary>/<name>_1", ... when taken (as
// TensorFlow names the slots of one optimizer, "w/Adam" and "w/Adam_1"), every element
// `value`. It is not trainable, is in GlobalVariables (so initializers and savers include
// it), and is placed on `primary`'s requested device. Its initializer is the zeros, ones or
// constant initializer (for 0, 1 and other values), as in TensorFlow; when `primary`'s shape
// is not fully defined, its initial value is a Fill of the shape of `primary`'s initial
// value. Errors go into `scope` (and a default Variable is returned).
ops::Variable CreateSlot(const Scope& scope, const ops::Variable& primary, double value,
                         const std::string& name);

// CreateZerosSlot is CreateSlot with value 0 (tf's create_zeros_slot).
ops::Variable CreateZerosSlot(const Scope& scope, const ops::Variable& primary,
                              const std::string& name);

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_SLOT_CREATOR_H_
