// Helpers shared by the array ops' gradient functions: a node's inputs and constant inputs,
// and shapes and ranks folded to constants when shape inference knows them (as TensorFlow's
// array_ops.shape and array_ops.rank do).
#ifndef RILL_OPS_ARRAY_GRADIENT_UTIL_H_
#define RILL_OPS_ARRAY_GRADIENT_UTIL_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace array_grad {

// DataInputs sets `*inputs` to the tensors feeding `op`'s data inputs, in order.
absl::Status DataInputs(const Operation& op, std::vector<Output>* inputs);

// ConstantValues returns the elements of the integer tensor `x` when `x` is a Const node's
// output, and nullopt otherwise.
std::optional<DimVector> ConstantValues(const Output& x);

// IndexTensor is `values` as a vector of `dtype` (int32 or int64).
Tensor IndexTensor(DataType dtype, absl::Span<const int64_t> values);

// IndexScalar is a constant `value` of `dtype` (int32 or int64).
Output IndexScalar(const Scope& scope, DataType dtype, int64_t value);

// ShapeOf is `x`'s shape as a vector of `dtype` (int32 or int64): a constant when shape
// inference knows it fully, a Shape node otherwise.
Output ShapeOf(const Scope& scope, const Output& x, DataType dtype = DT_INT32);

// RankOf is `x`'s rank as an int32 scalar: a constant when known, a Rank node otherwise.
Output RankOf(const Scope& scope, const Output& x);

// NonNegativeAxis is the int32 or int64 scalar `axis` into `x`, made non-negative (negative
// axes count from the end) as an int32 scalar: a constant when `axis` is one and the rank
// is known, FloorMod(axis, Rank(x)) otherwise.
Output NonNegativeAxis(const Scope& scope, const Output& axis, const Output& x);

}  // namespace array_grad
}  // namespace rill

#endif  // RILL_OPS_ARRAY_GRADIENT_UTIL_H_
