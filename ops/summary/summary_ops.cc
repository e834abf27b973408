// Summary op definitions: ScalarSummary, HistogramSummary, ImageSummary and MergeSummary,
// with TensorFlow's names and attrs. Each outputs a serialized tensorflow.Summary; kernels
// live in kernels/cpu/summary, client helpers in train/summary.
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {

REGISTER_OP("ScalarSummary")
    .NoGradient()
    .Input("tags: string")
    .Input("values: T")
    .Output("summary: string")
    .Attr("T: realnumbertype")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      RETURN_IF_ERROR(c->Merge(c->input(0), c->input(1), &unused));
      return ScalarShape(c);
    })
    .Doc(R"doc(
Outputs a `Summary` protocol buffer with scalar values.

`tags` and `values` have the same shape; value i is recorded under tag i as a
`simple_value` (cast to float).
)doc");

REGISTER_OP("HistogramSummary")
    .NoGradient()
    .Input("tag: string")
    .Input("values: T")
    .Output("summary: string")
    .Attr("T: realnumbertype = DT_FLOAT")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      return ScalarShape(c);
    })
    .Doc(R"doc(
Outputs a `Summary` protocol buffer with a histogram.

The histogram of all of `values` (any shape, as doubles) uses TensorFlow's default
buckets: limits growing by 10% from 1e-12 to 1e20, mirrored for negative values.
Fails with InvalidArgument when `values` holds a NaN or an infinity.
)doc");

REGISTER_OP("ImageSummary")
    .NoGradient()
    .Input("tag: string")
    .Input("tensor: T")
    .Output("summary: string")
    .Attr("max_images: int >= 1 = 3")
    .Attr("T: {uint8, float, half, double} = DT_FLOAT")
    .Attr("bad_color: tensor = { dtype: DT_UINT8 tensor_shape: { dim { size: 4 } } "
          "int_val: 255 int_val: 0 int_val: 0 int_val: 255 }")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      ShapeHandle images;
      RETURN_IF_ERROR(c->WithRank(c->input(1), 4, &images));
      const DimensionHandle depth = c->Dim(images, 3);
      if (c->ValueKnown(depth) && c->Value(depth) != 1 && c->Value(depth) != 3 &&
          c->Value(depth) != 4) {
        return errors::InvalidArgument("Tensor must be 4-D with last dim 1, 3, or 4, not ",
                                       c->DebugString(images));
      }
      return ScalarShape(c);
    })
    .Doc(R"doc(
Outputs a `Summary` protocol buffer with images.

`tensor` is a batch of images `[batch_size, height, width, channels]` with 1
(grayscale), 3 (RGB) or 4 (RGBA) channels. At most `max_images` of them are
PNG-encoded, tagged `tag/image` when `max_images` is 1 and `tag/image/0`,
`tag/image/1`, ... otherwise.

uint8 images are encoded as they are. Floating-point images are scaled per image:
when every value is >= 0 by 255 / max, otherwise by 127 / max(|value|) and
shifted by 128, so that 0 is mid-grey. Pixels with a non-finite channel take
`bad_color`.
)doc");

REGISTER_OP("MergeSummary")
    .NoGradient()
    .Input("inputs: N * string")
    .Output("summary: string")
    .Attr("N: int >= 1")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Merges summaries.

Every element of every input is a serialized `Summary`; the output holds all their
values in order. Fails with InvalidArgument when two values share a tag.
)doc");

}  // namespace rill
