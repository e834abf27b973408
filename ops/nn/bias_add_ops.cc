// Op definitions of BiasAdd and its gradient op BiasAddGrad (NHWC: channels last, or NCHW:
// channels in dimension 1), with TensorFlow's names, attrs and shape functions. Kernels
// live in kernels/cpu/nn; gradient functions in bias_add_gradients.cc.
#include <string>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// IsNchw: whether the node's data_format attr says channels come second.
bool IsNchw(InferenceContext* c) {
  std::string data_format;
  return c->GetAttr("data_format", &data_format).ok() && data_format == "NCHW";
}

// BiasAddShape: value of rank >= 2 (>= 3 for NCHW) keeps its shape, its channel dimension
// merged with the length of the vector bias.
absl::Status BiasAddShape(InferenceContext* c) {
  const bool nchw = IsNchw(c);
  ShapeHandle input;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), nchw ? 3 : 2, &input));
  ShapeHandle bias;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &bias));
  if (!c->RankKnown(input)) {
    c->set_output(0, c->UnknownShape());
    return absl::OkStatus();
  }
  const int64_t channel = nchw ? 1 : -1;
  DimensionHandle channels;
  RETURN_IF_ERROR(c->Merge(c->Dim(input, channel), c->Dim(bias, 0), &channels));
  ShapeHandle out;
  RETURN_IF_ERROR(c->ReplaceDim(input, channel, channels, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

// BiasAddGradShape: a vector as long as out_backprop's channel dimension.
absl::Status BiasAddGradShape(InferenceContext* c) {
  const bool nchw = IsNchw(c);
  ShapeHandle input;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), nchw ? 3 : 2, &input));
  c->set_output(0, c->Vector(c->Dim(input, nchw ? 1 : -1)));
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("BiasAdd")
    .Differentiable()
    .Attr("T: numbertype")
    .Input("value: T")
    .Input("bias: T")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Output("output: T")
    .SetShapeFn(BiasAddShape)
    .Doc(R"doc(
Adds `bias` to `value`.

This is a special case of `tf.add` where `bias` is restricted to be 1-D. Broadcasting is
supported, so `value` may have any number of dimensions.

value: Any number of dimensions.
bias: 1-D with size the last dimension of `value` (the second with NCHW).
data_format: Specify the data format of the input and output data. With the
  default format "NHWC", the bias tensor will be added to the last dimension
  of the value tensor.
  Alternatively, the format could be "NCHW", the data storage order of:
      [batch, in_channels, in_height, in_width].
  The tensor will be added to "in_channels", the third-to-the-last
      dimension.
output: Broadcasted sum of `value` and `bias`.
)doc");

REGISTER_OP("BiasAddGrad")
    .Differentiable()
    .Attr("T: numbertype")
    .Input("out_backprop: T")
    .Attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
    .Output("output: T")
    .SetShapeFn(BiasAddGradShape)
    .Doc(R"doc(
The backward operation for "BiasAdd" on the "bias" tensor.

It accumulates all the values from out_backprop into the feature dimension.
For NHWC data format, the feature dimension is the last. For NCHW data format,
the feature dimension is the third-to-last.

out_backprop: Any number of dimensions.
data_format: Specify the data format of the input and output data. With the
  default format "NHWC", the bias tensor will be added to the last dimension
  of the value tensor.
  Alternatively, the format could be "NCHW", the data storage order of:
      [batch, in_channels, in_height, in_width].
  The tensor will be added to "in_channels", the third-to-the-last
      dimension.
output: 1-D with size the feature dimension of `out_backprop`.
)doc");

}  // namespace rill
