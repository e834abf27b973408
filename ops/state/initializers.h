// The constant initializers of variables (TensorFlow's tf.zeros_initializer,
// tf.ones_initializer, tf.constant_initializer), as ops::Initializer values. The random
// ones live in ops/random/initializers.h.
#ifndef RILL_OPS_STATE_INITIALIZERS_H_
#define RILL_OPS_STATE_INITIALIZERS_H_

#include "core/client/ops.h"
#include "ops/state/initializer.h"

namespace rill {
namespace ops {

// ZerosInitializer fills the variable with zeros (false for bool, "" for string): a Fill
// named "zeros". InvalidArgument in the scope for a dtype without zero (resource, variant).
Initializer ZerosInitializer();

// OnesInitializer fills the variable with ones (true for bool): a Fill named "ones".
// InvalidArgument in the scope for a dtype without one (string, resource, variant).
Initializer OnesInitializer();

// ConstantInitializer gives the variable `value`: a scalar fills the whole shape; any other
// tensor must have exactly as many elements as the shape and is reshaped to it:
//   auto b = GetVariable(vs, "h1_biases", {50}, DT_FLOAT, ConstantInitializer(0.0f));
// The value is converted to the variable's dtype as ConvertConstant does (0 fills a float
// variable with 0.0; 1.5 cannot fill an int32 one). InvalidArgument in the scope, naming
// both counts or dtypes, when the value does not fit.
Initializer ConstantInitializer(const Input::Initializer& value);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_STATE_INITIALIZERS_H_
