// Op definitions of the ops that compute or consume booleans: the comparisons (Less, ...,
// Equal, NotEqual), LogicalAnd/Or/Not, and Select/SelectV2. Kernels live in kernels/cpu/math.
#include <cstdint>

#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// TensorFlow's type set of Equal and NotEqual.
constexpr char kEqualityTypes[] =
    "T: {bfloat16, half, float, double, uint8, int8, int16, int32, int64, uint16, uint32, "
    "uint64, complex64, quint8, qint8, qint32, string, bool, complex128}";

// EqualityComparisonShape: Equal and NotEqual broadcast; when incompatible_shape_error is
// false, incompatible shapes give a scalar instead of an error. So the output is a scalar
// when some pair of dims is known to be incompatible, of unknown shape when some pair may
// be (an unknown dim against one other than 1), and the broadcast shape otherwise.
absl::Status EqualityComparisonShape(InferenceContext* c) {
  bool incompatible_shape_error;
  RETURN_IF_ERROR(c->GetAttr("incompatible_shape_error", &incompatible_shape_error));
  if (incompatible_shape_error) return BroadcastBinaryOpShapeFn(c);
  const ShapeHandle x = c->input(0);
  const ShapeHandle y = c->input(1);
  if (!c->RankKnown(x) || !c->RankKnown(y)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  const int32_t rank_x = c->Rank(x);
  const int32_t rank_y = c->Rank(y);
  bool undecided = false;
  // Only the aligned trailing dims pair up; the longer shape's extra dims meet 1s.
  for (int32_t i = 1; i <= rank_x && i <= rank_y; ++i) {
    const DimensionHandle dim_x = c->Dim(x, rank_x - i);
    const DimensionHandle dim_y = c->Dim(y, rank_y - i);
    const int64_t vx = c->Value(dim_x);
    const int64_t vy = c->Value(dim_y);
    if (vx == 1 || vy == 1 || dim_x.SameHandle(dim_y)) continue;
    if (c->ValueKnown(dim_x) && c->ValueKnown(dim_y)) {
      if (vx != vy) {
        c->set_output(0, c->Scalar());
        return absl::OkStatus();
      }
    } else {
      undecided = true;
    }
  }
  if (undecided) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  return BroadcastBinaryOpShapeFn(c);
}

// SelectShape: t and e have one shape, which is the output's; the condition has that
// shape too, or is a scalar, or is a vector as long as dim 0 of a t of rank >= 1.
absl::Status SelectShape(InferenceContext* c) {
  ShapeHandle data;
  RETURN_IF_ERROR(c->Merge(c->input(1), c->input(2), &data));
  ShapeHandle condition = c->input(0);
  if (!c->RankKnown(condition) || !c->RankKnown(data) || c->Rank(condition) == 0) {
    c->set_output(0, data);
    return absl::OkStatus();
  }
  if (c->Rank(condition) != 1 || c->Rank(data) == 0) {
    // Element by element: the condition has the data's shape.
    RETURN_IF_ERROR(c->Merge(data, condition, &data));
  } else {
    // A vector condition picks rows: it is as long as the data's dim 0.
    RETURN_IF_ERROR(c->Merge(condition, c->Vector(c->Dim(data, 0)), &condition));
  }
  c->set_output(0, data);
  return absl::OkStatus();
}

// SelectV2Shape: condition, t and e broadcast together.
absl::Status SelectV2Shape(InferenceContext* c) {
  ShapeHandle data;
  RETURN_IF_ERROR(BroadcastBinaryOpOutputShape(c, c->input(1), c->input(2), &data));
  ShapeHandle out;
  RETURN_IF_ERROR(BroadcastBinaryOpOutputShape(c, c->input(0), data, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Less")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: bool")
    .Attr("T: realnumbertype")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the truth value of (x < y) element-wise.

*NOTE*: `Less` supports broadcasting.
)doc");

REGISTER_OP("LessEqual")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: bool")
    .Attr("T: realnumbertype")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the truth value of (x <= y) element-wise.

*NOTE*: `LessEqual` supports broadcasting.
)doc");

REGISTER_OP("Greater")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: bool")
    .Attr("T: realnumbertype")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the truth value of (x > y) element-wise.

*NOTE*: `Greater` supports broadcasting.
)doc");

REGISTER_OP("GreaterEqual")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: bool")
    .Attr("T: realnumbertype")
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the truth value of (x >= y) element-wise.

*NOTE*: `GreaterEqual` supports broadcasting.
)doc");

REGISTER_OP("Equal")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: bool")
    .SetIsCommutative()
    .Attr(kEqualityTypes)
    .Attr("incompatible_shape_error: bool = true")
    .SetShapeFn(EqualityComparisonShape)
    .Doc(R"doc(
Returns the truth value of (x == y) element-wise.

*NOTE*: `Equal` supports broadcasting. With `incompatible_shape_error` false, shapes that
do not broadcast give the scalar `false` instead of an error.
)doc");

REGISTER_OP("NotEqual")
    .NoGradient()
    .Input("x: T")
    .Input("y: T")
    .Output("z: bool")
    .SetIsCommutative()
    .Attr(kEqualityTypes)
    .Attr("incompatible_shape_error: bool = true")
    .SetShapeFn(EqualityComparisonShape)
    .Doc(R"doc(
Returns the truth value of (x != y) element-wise.

*NOTE*: `NotEqual` supports broadcasting. With `incompatible_shape_error` false, shapes
that do not broadcast give the scalar `true` instead of an error.
)doc");

REGISTER_OP("LogicalAnd")
    .NoGradient()
    .Input("x: bool")
    .Input("y: bool")
    .Output("z: bool")
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the truth value of x AND y element-wise.

*NOTE*: `LogicalAnd` supports broadcasting.
)doc");

REGISTER_OP("LogicalOr")
    .NoGradient()
    .Input("x: bool")
    .Input("y: bool")
    .Output("z: bool")
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn)
    .Doc(R"doc(
Returns the truth value of x OR y element-wise.

*NOTE*: `LogicalOr` supports broadcasting.
)doc");

REGISTER_OP("LogicalNot")
    .NoGradient()
    .Input("x: bool")
    .Output("y: bool")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Returns the truth value of `NOT x` element-wise.
)doc");

REGISTER_OP("Select")
    .Differentiable()
    .Input("condition: bool")
    .Input("t: T")
    .Input("e: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(SelectShape)
    .Doc(R"doc(
Selects elements from `t` or `e`, depending on `condition`.

`t` and `e` have the same shape, which is the output's. `condition` is a scalar (choosing
all of `t` or all of `e`), a tensor of that shape (choosing element by element), or, when
`t` has rank >= 2, a vector as long as its first dimension (choosing whole rows).
)doc");

REGISTER_OP("SelectV2")
    .Differentiable()
    .Input("condition: bool")
    .Input("t: T")
    .Input("e: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(SelectV2Shape)
    .Doc(R"doc(
Selects elements from `t` or `e`, depending on `condition`, with broadcasting.

`condition`, `t` and `e` broadcast against each other under NumPy's rules; the output has
the broadcast shape.
)doc");

}  // namespace rill
