// ops::Zeros and ops::Ones: TensorFlow Python's tf.zeros / tf.ones for the C++ client, a
// Fill of a scalar Const, composed from the generated array builders.
#ifndef RILL_OPS_ARRAY_CONSTANT_HELPERS_H_
#define RILL_OPS_ARRAY_CONSTANT_HELPERS_H_

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/types.h"

namespace rill {
namespace ops {

// Zeros returns a tensor of `shape` filled with zeros of `dtype` (false for bool, "" for
// string), as tf.zeros does:
//   auto z = ops::Zeros(root, {2, 3}, DT_INT32);   // [[0 0 0] [0 0 0]]
// `shape` is an int32/int64 vector, constant or computed; a constant scalar n means [n]
// and an empty list {} a scalar. The result is a `Fill` node that takes the scope's op
// name, fed by a scalar `Const`. InvalidArgument in the scope for a dtype without zero
// (resource, variant).
Output Zeros(const Scope& scope, const Input& shape, DataType dtype = DT_FLOAT);

// Ones is Zeros with ones (true for bool), as tf.ones does. InvalidArgument in the scope
// for a dtype without one (string, resource, variant).
Output Ones(const Scope& scope, const Input& shape, DataType dtype = DT_FLOAT);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_ARRAY_CONSTANT_HELPERS_H_
