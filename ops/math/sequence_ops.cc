// Sequence op definitions: Range and LinSpace (TensorFlow registers them with the math
// ops), with TensorFlow's names, attrs and shape functions. Kernels in kernels/cpu/math.
#include <cstdint>

#include "absl/status/statusor.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "ops/math/range_size.h"

namespace rill {
namespace {

// WithScalarInput checks that input `idx`, named `name`, is a scalar.
absl::Status WithScalarInput(InferenceContext* c, int idx, const char* name) {
  ShapeHandle unused;
  return errors::AppendToMessage(c->WithRank(c->input(idx), 0, &unused), " for '", name, "'");
}

// RangeShape: a vector whose length is known when start, limit and delta are constants.
absl::Status RangeShape(InferenceContext* c) {
  RETURN_IF_ERROR(WithScalarInput(c, 0, "start"));
  RETURN_IF_ERROR(WithScalarInput(c, 1, "limit"));
  RETURN_IF_ERROR(WithScalarInput(c, 2, "delta"));
  const Tensor* start = c->input_tensor(0);
  const Tensor* limit = c->input_tensor(1);
  const Tensor* delta = c->input_tensor(2);
  if (start == nullptr || limit == nullptr || delta == nullptr) {
    c->set_output(0, c->Vector(InferenceContext::kUnknownDim));
    return absl::OkStatus();
  }
  absl::StatusOr<int64_t> size =
      errors::InvalidArgument("Range does not support Tidx ", DataTypeString(start->dtype()));
  VisitDataType(start->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (IsRangeType<T>) {
      size = RangeSize<T>(start->scalar<T>()(), limit->scalar<T>()(), delta->scalar<T>()());
    }
  });
  RETURN_IF_ERROR(size);
  c->set_output(0, c->Vector(*size));
  return absl::OkStatus();
}

// LinSpaceShape: a vector of `num` elements (known when num is a constant, which must be
// positive).
absl::Status LinSpaceShape(InferenceContext* c) {
  RETURN_IF_ERROR(WithScalarInput(c, 0, "start"));
  RETURN_IF_ERROR(WithScalarInput(c, 1, "stop"));
  RETURN_IF_ERROR(WithScalarInput(c, 2, "num"));
  const Tensor* num_t = c->input_tensor(2);
  if (num_t == nullptr) {
    c->set_output(0, c->Vector(InferenceContext::kUnknownDim));
    return absl::OkStatus();
  }
  const int64_t num =
      num_t->dtype() == DT_INT32 ? num_t->scalar<int32_t>()() : num_t->scalar<int64_t>()();
  if (num <= 0) return errors::InvalidArgument("Requires num > 0: ", num);
  c->set_output(0, c->Vector(num));
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Range")
    .NoGradient()
    .Input("start: Tidx")
    .Input("limit: Tidx")
    .Input("delta: Tidx")
    .Output("output: Tidx")
    .Attr(
        "Tidx: {bfloat16, half, float, double, int8, int16, int32, int64, uint16, uint32, "
        "uint64} = DT_INT32")
    .SetShapeFn(RangeShape)
    .Doc(R"doc(
Creates a sequence of numbers.

This operation creates a sequence of numbers that begins at `start` and
extends by increments of `delta` up to but not including `limit`.

For example:

```
# 'start' is 3
# 'limit' is 18
# 'delta' is 3
tf.range(start, limit, delta) ==> [3, 6, 9, 12, 15]
```

start: 0-D (scalar). First entry in the sequence.
limit: 0-D (scalar). Upper limit of sequence, exclusive.
delta: 0-D (scalar). Optional. Default is 1. Number that increments `start`.
output: 1-D.
)doc");

REGISTER_OP("LinSpace")
    .NoGradient()
    .Input("start: T")
    .Input("stop: T")
    .Input("num: Tidx")
    .Output("output: T")
    .Attr("T: {bfloat16, half, float, double}")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(LinSpaceShape)
    .Doc(R"doc(
Generates values in an interval.

A sequence of `num` evenly-spaced values are generated beginning at `start`.
If `num > 1`, the values in the sequence increase by
`(stop - start) / (num - 1)`, so that the last one is exactly `stop`.

For example:

```
tf.linspace(10.0, 12.0, 3, name="linspace") => [ 10.0  11.0  12.0]
```

start: 0-D tensor. First entry in the range.
stop: 0-D tensor. Last entry in the range.
num: 0-D tensor. Number of values to generate.
output: 1-D. The generated values.
)doc");

}  // namespace rill
