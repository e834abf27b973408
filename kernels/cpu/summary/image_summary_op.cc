// The CPU kernel of ImageSummary: PNG-encodes up to max_images images of an NHWC batch
// (uint8 as is; half, float and double scaled into [0, 255] the way TensorFlow does).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/protos/summary.pb.h"
#include "kernels/cpu/summary/png_encoder.h"

namespace rill {
namespace {

// NormalizeImage writes the `pixels` x `depth` values of one floating-point image into
// `image` as uint8, with TensorFlow's affine map: when no finite value is negative,
// v * (255 / max); otherwise v * (127 / max |v|) + 128. The extremes are taken over the
// pixels whose channels are all finite, in float; a scale under 1e-6 becomes 0. The map is
// evaluated in T and truncated. A pixel with a non-finite channel takes `bad_color`.
template <typename T>
void NormalizeImage(const T* values, int64_t pixels, int depth,
                    absl::Span<const uint8_t> bad_color, uint8_t* image) {
  const auto pixel_is_finite = [&](int64_t p) {
    for (int c = 0; c < depth; ++c) {
      if (!std::isfinite(static_cast<double>(values[p * depth + c]))) return false;
    }
    return true;
  };
  float image_min = std::numeric_limits<float>::infinity();
  float image_max = -image_min;
  for (int64_t p = 0; p < pixels; ++p) {
    if (!pixel_is_finite(p)) continue;
    for (int c = 0; c < depth; ++c) {
      const float value = static_cast<float>(values[p * depth + c]);
      image_min = std::min(image_min, value);
      image_max = std::max(image_max, value);
    }
  }
  constexpr float kZeroThreshold = 1e-6f;
  T scale;
  T offset;
  if (image_min < 0) {
    const float max_val = std::max(std::abs(image_min), std::abs(image_max));
    scale = T(max_val < kZeroThreshold ? 0.0f : 127.0f / max_val);
    offset = T(128.0f);
  } else {
    scale = T(image_max < kZeroThreshold ? 0.0f : 255.0f / image_max);
    offset = T(0.0f);
  }
  for (int64_t p = 0; p < pixels; ++p) {
    uint8_t* out = image + p * depth;
    if (!pixel_is_finite(p)) {
      std::copy_n(bad_color.begin(), depth, out);
      continue;
    }
    for (int c = 0; c < depth; ++c) {
      const T scaled = values[p * depth + c] * scale + offset;
      out[c] = static_cast<uint8_t>(scaled);
    }
  }
}

class ImageSummaryOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    int64_t max_images;
    RETURN_IF_ERROR(ctx->GetAttr("max_images", &max_images));
    if (max_images < 1 || max_images >= (int64_t{1} << 31)) {
      return ctx->AddNodeContext(
          errors::InvalidArgument("max_images must be in [1, 2^31), got ", max_images));
    }
    max_images_ = static_cast<int>(max_images);
    Tensor bad_color;
    RETURN_IF_ERROR(ctx->GetAttr("bad_color", &bad_color));
    if (bad_color.dtype() != DT_UINT8) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          "bad_color must be uint8, got ", DataTypeString(bad_color.dtype())));
    }
    if (bad_color.dims() != 1) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          "bad_color must be a vector, got shape ", bad_color.shape().DebugString()));
    }
    const auto color = bad_color.flat<uint8_t>();
    bad_color_.assign(color.data(), color.data() + color.size());
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& tag = ctx->input(0);
    const Tensor& tensor = ctx->input(1);
    if (tag.dims() != 0) {
      return errors::InvalidArgument("Tags must be a scalar, got shape ", tag.shape().DebugString());
    }
    if (tensor.dims() != 4 ||
        (tensor.dim_size(3) != 1 && tensor.dim_size(3) != 3 && tensor.dim_size(3) != 4)) {
      return errors::InvalidArgument("Tensor must be 4-D with last dim 1, 3, or 4, not ",
                                     tensor.shape().DebugString());
    }
    const int64_t batch = tensor.dim_size(0);
    const int64_t height = tensor.dim_size(1);
    const int64_t width = tensor.dim_size(2);
    const int depth = static_cast<int>(tensor.dim_size(3));
    if (batch >= (int64_t{1} << 31) || height >= (int64_t{1} << 31) ||
        width >= (int64_t{1} << 31) || height * width >= (int64_t{1} << 29)) {
      return errors::InvalidArgument("Tensor too large for summary ", tensor.shape().DebugString());
    }
    if (height * width == 0) {
      return errors::InvalidArgument("input tensor must have non-zero dims. Found: ",
                                     tensor.shape().DebugString());
    }
    const std::string& base_tag = tag.scalar<std::string>()();
    const int64_t pixels = height * width;
    const int64_t count = std::min<int64_t>(max_images_, batch);

    tensorflow::Summary summary;
    std::vector<uint8_t> normalized;
    for (int64_t i = 0; i < count; ++i) {
      const uint8_t* image;
      switch (tensor.dtype()) {
        case DT_UINT8:
          image = tensor.flat<uint8_t>().data() + i * pixels * depth;
          break;
        case DT_HALF:
          RETURN_IF_ERROR(Normalize<Eigen::half>(tensor, i, pixels, depth, &normalized));
          image = normalized.data();
          break;
        case DT_FLOAT:
          RETURN_IF_ERROR(Normalize<float>(tensor, i, pixels, depth, &normalized));
          image = normalized.data();
          break;
        case DT_DOUBLE:
          RETURN_IF_ERROR(Normalize<double>(tensor, i, pixels, depth, &normalized));
          image = normalized.data();
          break;
        default:
          return errors::InvalidArgument("ImageSummary does not take ",
                                         DataTypeString(tensor.dtype()), " images");
      }
      tensorflow::Summary::Value* value = summary.add_value();
      // The suffix depends on the number of images requested, not produced.
      value->set_tag(max_images_ > 1 ? absl::StrCat(base_tag, "/image/", i)
                                     : absl::StrCat(base_tag, "/image"));
      tensorflow::Summary::Image* png = value->mutable_image();
      png->set_height(static_cast<int32_t>(height));
      png->set_width(static_cast<int32_t>(width));
      png->set_colorspace(depth);
      const absl::Status encoded =
          EncodePng(image, static_cast<int>(width), static_cast<int>(height), depth,
                    png->mutable_encoded_image_string());
      if (!encoded.ok()) {
        return errors::AppendToMessage(encoded, " (image ", i, " of tag '", base_tag, "')");
      }
    }
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({}), &out));
    if (!summary.SerializeToString(&out->scalar<std::string>()())) {
      return errors::Internal("could not serialize the image Summary of tag '", base_tag, "'");
    }
    return absl::OkStatus();
  }

 private:
  // Normalize scales image `index` of the floating-point batch `tensor` into *image.
  template <typename T>
  absl::Status Normalize(const Tensor& tensor, int64_t index, int64_t pixels, int depth,
                         std::vector<uint8_t>* image) const {
    if (static_cast<int64_t>(bad_color_.size()) < depth) {
      return errors::InvalidArgument("expected depth <= bad_color.size, got depth = ", depth,
                                     ", bad_color.size = ", bad_color_.size());
    }
    image->resize(pixels * depth);
    NormalizeImage<T>(tensor.flat<T>().data() + index * pixels * depth, pixels, depth,
                      bad_color_, image->data());
    return absl::OkStatus();
  }

  int max_images_ = 3;
  std::vector<uint8_t> bad_color_;
};

#define REGISTER_IMAGE_SUMMARY(T)                                                         \
  REGISTER_KERNEL_BUILDER(Name("ImageSummary").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ImageSummaryOp);

REGISTER_IMAGE_SUMMARY(uint8_t)
REGISTER_IMAGE_SUMMARY(Eigen::half)
REGISTER_IMAGE_SUMMARY(float)
REGISTER_IMAGE_SUMMARY(double)

#undef REGISTER_IMAGE_SUMMARY

}  // namespace
}  // namespace rill
