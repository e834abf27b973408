// Initializer: how a variable built from a shape and a dtype gets its first value (the C++
// form of TensorFlow Python's initializer objects: tf.zeros_initializer(), ...).
#ifndef RILL_OPS_STATE_INITIALIZER_H_
#define RILL_OPS_STATE_INITIALIZER_H_

#include <functional>

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace ops {

// Initializer builds, in `scope`, the ops computing a variable's initial value: a tensor of
// exactly `shape` and `dtype`. Variable and get_variable call it once, inside the
// variable's name scope ("<var>/Initializer"), and assign its output in the variable's
// initializer op; it runs each time that op runs (so a random initializer draws a new value
// per session, as in TensorFlow). An initializer that cannot make `dtype` or `shape`
// reports InvalidArgument in `scope` and returns a default Output.
//
// Any callable of this signature is an initializer; families provide factories returning
// one: ZerosInitializer/OnesInitializer/ConstantInitializer (ops/state/initializers.h),
// the random and Glorot/variance-scaling ones (ops/random/initializers.h).
using Initializer =
    std::function<Output(const Scope& scope, const TensorShape& shape, DataType dtype)>;

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_STATE_INITIALIZER_H_
