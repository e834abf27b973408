// ops::Const: the one builder written by hand, because every constant Input becomes a
// Const node and its dtype comes from its value (the generator skips Const).
#ifndef RILL_CORE_CLIENT_CONST_OP_H_
#define RILL_CORE_CLIENT_CONST_OP_H_

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"

namespace rill {
namespace ops {

// Const adds a `Const` node (attrs `value` and `dtype`) holding `value`, named "Const"
// unless the scope names it, and returns its output:
//   auto a = ops::Const(root.WithOpName("a"), {{1.f, 2.f}, {3.f, 4.f}});
// The op itself is registered by //ops/array (link it, or load its plugin, to run). An
// Initializer with an error puts it in the scope's status and returns an empty Output.
Output Const(const Scope& scope, const Input::Initializer& value);

// Const with a shape: `value`'s elements reshaped to `shape` (same element count), or a
// scalar repeated to fill it. InvalidArgument in the scope when the counts differ.
Output Const(const Scope& scope, const Input::Initializer& value, const TensorShape& shape);

}  // namespace ops
}  // namespace rill

#endif  // RILL_CORE_CLIENT_CONST_OP_H_
