// Op definitions of the tensors made from one value: Fill, ZerosLike and OnesLike, with
// TensorFlow's names, attrs and shape functions. Kernels live in kernels/cpu/array.
#include <cstdint>

#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

// FillShape: the shape held by the `dims` vector; a constant one must have no negative dim.
absl::Status FillShape(InferenceContext* c) {
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &unused));
  RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
  const Tensor* dims = c->input_tensor(0);
  if (dims != nullptr) {
    for (int64_t i = 0; i < dims->NumElements(); ++i) {
      const int64_t dim =
          dims->dtype() == DT_INT32 ? dims->flat<int32_t>()(i) : dims->flat<int64_t>()(i);
      if (dim < 0) return errors::InvalidArgument("Fill dimensions must be >= 0");
    }
  }
  ShapeHandle out;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Fill")
    .Differentiable()
    .Input("dims: index_type")
    .Input("value: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("index_type: {int32, int64} = DT_INT32")
    .SetShapeFn(FillShape)
    .Doc(R"doc(
Creates a tensor filled with a scalar value.

This operation creates a tensor of shape `dims` and fills it with `value`.

```
# Output tensor has shape [2, 3].
fill([2, 3], 9) ==> [[9, 9, 9]
                     [9, 9, 9]]
```

dims: 1-D. Represents the shape of the output tensor.
value: 0-D (scalar). Value to fill the returned tensor.
)doc");

REGISTER_OP("ZerosLike")
    .NoGradient()
    .Input("x: T")
    .Output("y: T")
    .Attr("T: type")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Returns a tensor of zeros with the same shape and type as x.

x: a tensor of type T.
y: a tensor of the same shape and type as x but filled with zeros.
)doc");

REGISTER_OP("OnesLike")
    .NoGradient()
    .Input("x: T")
    .Output("y: T")
    .Attr(
        "T: {bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, "
        "int64, uint64, complex64, complex128, bool}")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Returns a tensor of ones with the same shape and type as x.

x: a tensor of type T.
y: a tensor of the same shape and type as x but filled with ones.
)doc");

}  // namespace rill
