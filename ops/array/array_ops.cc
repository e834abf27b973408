// Array op definitions: Const, Placeholder, PlaceholderWithDefault and Identity, with
// TensorFlow's names, attrs and shape functions. Kernels live in kernels/cpu/array.
#include <cstdint>
#include <vector>

#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "core/protos/tensor.pb.h"

namespace rill {
namespace {

// ConstShape: the output has the shape stored in the `value` attr.
absl::Status ConstShape(InferenceContext* c) {
  tensorflow::TensorProto proto;
  RETURN_IF_ERROR(c->GetAttr("value", &proto));
  ASSIGN_OR_RETURN(const TensorShape shape, TensorShape::FromProto(proto.tensor_shape()));
  std::vector<DimensionHandle> dims;
  dims.reserve(shape.dims());
  for (int i = 0; i < shape.dims(); ++i) dims.push_back(c->MakeDim(shape.dim_size(i)));
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

// PlaceholderShape: the output has the (possibly partial) shape of the `shape` attr.
absl::Status PlaceholderShape(InferenceContext* c) {
  PartialTensorShape shape;
  RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  c->set_output(0, c->MakeShapeFromPartialTensorShape(shape));
  return absl::OkStatus();
}

// PlaceholderWithDefaultShape: the `shape` attr, checked to be compatible with the
// default input's shape. The attr wins because it may be deliberately less precise.
absl::Status PlaceholderWithDefaultShape(InferenceContext* c) {
  PartialTensorShape shape;
  RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  const ShapeHandle out = c->MakeShapeFromPartialTensorShape(shape);
  ShapeHandle merged;
  RETURN_IF_ERROR(c->Merge(c->input(0), out, &merged));
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Const")
    .NoGradient()
    .Output("output: dtype")
    .Attr("value: tensor")
    .Attr("dtype: type")
    .SetShapeFn(ConstShape)
    .Doc(R"doc(
Returns a constant tensor.

value: Attr `value` is the tensor to return.
)doc");

REGISTER_OP("Placeholder")
    .NoGradient()
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("shape: shape = { unknown_rank: true }")
    .SetShapeFn(PlaceholderShape)
    .Doc(R"doc(
A placeholder op for a value that will be fed into the computation.

N.B. This operation will fail with an error if it is executed. It is
intended as a way to represent a value that will always be fed, and to
provide attrs that enable the fed value to be checked at runtime.

output: A placeholder tensor that must be replaced using the feed mechanism.
dtype: The type of elements in the tensor.
shape: The shape of the tensor. The shape can be any partially-specified
  shape.  To be unconstrained, pass in a shape with unknown rank.
)doc");

REGISTER_OP("PlaceholderWithDefault")
    .Differentiable()
    .Input("input: dtype")
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("shape: shape")
    .SetShapeFn(PlaceholderWithDefaultShape)
    .Doc(R"doc(
A placeholder op that passes through `input` when its output is not fed.

input: The default value to produce when `output` is not fed.
output: A placeholder tensor that defaults to `input` if it is not fed.
dtype: The type of elements in the tensor.
shape: The (possibly partial) shape of the tensor.
)doc");

REGISTER_OP("Identity")
    .Differentiable()
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Return a tensor with the same shape and contents as the input tensor or value.
)doc");

}  // namespace rill
