// ConvertConstant: a client-side constant converted to a variable's dtype, as TensorFlow's
// Python converts `W.assign(100)` for a float W or constant_initializer(0) for a float
// variable, refusing conversions that would change a value.
#ifndef RILL_OPS_STATE_CONSTANT_CONVERSION_H_
#define RILL_OPS_STATE_CONSTANT_CONVERSION_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"

namespace rill {
namespace ops {

// ConvertConstant returns `value` as a tensor of `dtype`: `value` itself when it already
// has it; otherwise an element-wise conversion among the real number types and bool, where
// bool converts to numbers (0, 1), any number converts to a floating type (rounding), and a
// number converts to an integer type only when it is integral and in range.
// InvalidArgument naming `what` (e.g. "variable W") and the offending element otherwise,
// and for any other pair of dtypes.
absl::StatusOr<Tensor> ConvertConstant(const Tensor& value, DataType dtype, absl::string_view what);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_STATE_CONSTANT_CONVERSION_H_
