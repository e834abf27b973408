// Tests of the CPU ImageSummary kernel: tags, max_images, PNG bytes decoded back with libpng,
// TensorFlow's scaling of floating-point images (expected pixels computed independently in
// Python), bad_color for non-finite pixels, and errors.
#include <png.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "core/protos/summary.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

// Decoded is a PNG read back: its size, its channels and its 8-bit samples.
struct Decoded {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<uint8_t> pixels;
};

Decoded DecodePng(const std::string& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  Decoded decoded;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    ADD_FAILURE() << "not a PNG: " << image.message;
    return decoded;
  }
  decoded.width = static_cast<int>(image.width);
  decoded.height = static_cast<int>(image.height);
  decoded.channels = static_cast<int>(PNG_IMAGE_SAMPLE_CHANNELS(image.format));
  decoded.pixels.resize(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, decoded.pixels.data(), 0, nullptr))
      << image.message;
  return decoded;
}

tensorflow::NodeDef ImageNode(DataType dtype, int max_images) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("images", "ImageSummary")
                  .Input("tag", 0, DT_STRING)
                  .Input("tensor", 0, dtype)
                  .Attr("max_images", max_images)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<tensorflow::Summary> RunSummary(const tensorflow::NodeDef& def, const Tensor& images,
                                        const std::string& tag = "input") {
  absl::StatusOr<std::vector<Tensor>> out = test::RunKernel(def, {test::AsScalar(tag), images});
  if (!out.ok()) return out.status();
  tensorflow::Summary summary;
  EXPECT_TRUE(summary.ParseFromString((*out)[0].scalar<std::string>()()));
  return summary;
}

TEST(ImageSummaryOpTest, Uint8ImagesAreEncodedAsTheyAre) {
  // Two 2x3 RGB images.
  std::vector<uint8_t> values(2 * 2 * 3 * 3);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<uint8_t>(i * 7);
  const Tensor images = test::AsTensor<uint8_t>(values, TensorShape({2, 2, 3, 3}));
  const auto summary = RunSummary(ImageNode(DT_UINT8, 3), images);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->value_size(), 2);
  for (int i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    const tensorflow::Summary::Value& value = summary->value(i);
    EXPECT_EQ(value.tag(), "input/image/" + std::to_string(i));
    EXPECT_EQ(value.image().height(), 2);
    EXPECT_EQ(value.image().width(), 3);
    EXPECT_EQ(value.image().colorspace(), 3);
    const Decoded png = DecodePng(value.image().encoded_image_string());
    EXPECT_EQ(png.width, 3);
    EXPECT_EQ(png.height, 2);
    EXPECT_EQ(png.channels, 3);
    EXPECT_EQ(png.pixels, std::vector<uint8_t>(values.begin() + i * 18,
                                               values.begin() + (i + 1) * 18));
  }
}

TEST(ImageSummaryOpTest, MaxImagesOfOneTagsWithoutAnIndex) {
  const Tensor images = test::AsTensor<uint8_t>({10, 20, 30, 40}, TensorShape({4, 1, 1, 1}));
  const auto summary = RunSummary(ImageNode(DT_UINT8, 1), images, "digits");
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->value_size(), 1);
  EXPECT_EQ(summary->value(0).tag(), "digits/image");
  EXPECT_EQ(DecodePng(summary->value(0).image().encoded_image_string()).pixels,
            std::vector<uint8_t>{10});
}

TEST(ImageSummaryOpTest, MaxImagesLimitsTheCountButNotTheTagScheme) {
  const Tensor images = test::AsTensor<uint8_t>({1, 2, 3, 4, 5, 6, 7, 8},
                                                TensorShape({2, 1, 1, 4}));
  const auto summary = RunSummary(ImageNode(DT_UINT8, 5), images);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->value_size(), 2);
  EXPECT_EQ(summary->value(1).tag(), "input/image/1");
  EXPECT_EQ(summary->value(1).image().colorspace(), 4);
  const Decoded png = DecodePng(summary->value(1).image().encoded_image_string());
  EXPECT_EQ(png.channels, 4);
  EXPECT_EQ(png.pixels, (std::vector<uint8_t>{5, 6, 7, 8}));
}

// Expected pixels of the float tests come from this script, run once with python3 (f32
// rounds to float32, so each step is float arithmetic; f is the image dtype's rounding):
//   import struct, math
//   def f32(x): return struct.unpack('<f', struct.pack('<f', x))[0]
//   def normalize(vals, depth, bad, f=f32):
//       fin = [all(math.isfinite(v) for v in px) for px in vals]
//       mn = min((f32(v) for px, ok in zip(vals, fin) if ok for v in px), default=math.inf)
//       mx = max((f32(v) for px, ok in zip(vals, fin) if ok for v in px), default=-math.inf)
//       if mn < 0:
//           m = max(abs(mn), abs(mx))
//           scale = f(0.0 if m < f32(1e-6) else f32(127.0 / m)); offset = f(128.0)
//       else:
//           scale = f(0.0 if mx < f32(1e-6) else f32(255.0 / mx)); offset = f(0.0)
//       return [bad[:depth] if not ok else [int(f(f(v * scale) + offset)) for v in px]
//               for px, ok in zip(vals, fin)]
//   print(normalize([[-1.0], [0.0], [0.5], [f32(0.3)]], 1, [255, 0, 0, 255]))
//   print(normalize([[0.0], [f32(0.1)], [f32(0.7)], [2.0]], 1, [255, 0, 0, 255]))
//   print(normalize([[0.25, 0.5, 1.0], [math.nan, 0.0, 0.0], [f32(0.2), math.inf, 0.5],
//                    [0.75, 0.125, 0.0]], 3, [255, 0, 0, 255]))
//   print(normalize([[-1e-7], [5e-7]], 1, [255, 0, 0, 255]))
//   print(normalize([[-2.0], [1.0], [0.3], [2.0]], 1, [255, 0, 0, 255], f=lambda x: x))
// which printed [[1], [128], [191], [166]], [[0], [12], [89], [255]],
// [[63, 127, 255], [255, 0, 0], [255, 0, 0], [191, 31, 0]], [[128], [128]] and
// [[1], [191], [147], [255]].

std::vector<uint8_t> FloatImagePixels(DataType dtype, const Tensor& images) {
  const auto summary = RunSummary(ImageNode(dtype, 1), images);
  EXPECT_TRUE(summary.ok()) << summary.status();
  if (!summary.ok()) return {};
  return DecodePng(summary->value(0).image().encoded_image_string()).pixels;
}

TEST(ImageSummaryOpTest, FloatImagesWithNegativeValuesAreCenteredOn128) {
  EXPECT_EQ(FloatImagePixels(DT_FLOAT, test::AsTensor<float>({-1.f, 0.f, 0.5f, 0.3f},
                                                             TensorShape({1, 2, 2, 1}))),
            (std::vector<uint8_t>{1, 128, 191, 166}));
}

TEST(ImageSummaryOpTest, NonNegativeFloatImagesAreScaledByTheirMaximum) {
  EXPECT_EQ(FloatImagePixels(DT_FLOAT, test::AsTensor<float>({0.f, 0.1f, 0.7f, 2.f},
                                                             TensorShape({1, 2, 2, 1}))),
            (std::vector<uint8_t>{0, 12, 89, 255}));
}

TEST(ImageSummaryOpTest, NonFinitePixelsTakeBadColor) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(FloatImagePixels(DT_FLOAT, test::AsTensor<float>({0.25f, 0.5f, 1.f,    //
                                                              nan, 0.f, 0.f,       //
                                                              0.2f, inf, 0.5f,     //
                                                              0.75f, 0.125f, 0.f},
                                                             TensorShape({1, 2, 2, 3}))),
            (std::vector<uint8_t>{63, 127, 255, 255, 0, 0, 255, 0, 0, 191, 31, 0}));
}

TEST(ImageSummaryOpTest, NearlyZeroImagesAreFlat) {
  EXPECT_EQ(FloatImagePixels(DT_FLOAT,
                             test::AsTensor<float>({-1e-7f, 5e-7f}, TensorShape({1, 1, 2, 1}))),
            (std::vector<uint8_t>{128, 128}));
}

TEST(ImageSummaryOpTest, DoubleAndHalfImages) {
  EXPECT_EQ(FloatImagePixels(DT_DOUBLE, test::AsTensor<double>({-2.0, 1.0, 0.3, 2.0},
                                                               TensorShape({1, 2, 2, 1}))),
            (std::vector<uint8_t>{1, 191, 147, 255}));
  // Exact in half: 255 * {0, 0.5, 1, 0.25} = {0, 127.5, 255, 63.75}.
  EXPECT_EQ(FloatImagePixels(DT_HALF, test::AsTensor<Eigen::half>(
                                          {Eigen::half(0.f), Eigen::half(0.5f),
                                           Eigen::half(1.f), Eigen::half(0.25f)},
                                          TensorShape({1, 2, 2, 1}))),
            (std::vector<uint8_t>{0, 127, 255, 63}));
}

TEST(ImageSummaryOpTest, AnEmptyBatchHasNoImages) {
  const auto summary = RunSummary(ImageNode(DT_FLOAT, 3), Tensor(DT_FLOAT, TensorShape({0, 2, 2, 3})));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->value_size(), 0);
}

TEST(ImageSummaryOpTest, BadShapesAreErrors) {
  auto summary = RunSummary(ImageNode(DT_UINT8, 3), Tensor(DT_UINT8, TensorShape({2, 2, 3})));
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(summary.status().message(),
              HasSubstr("Tensor must be 4-D with last dim 1, 3, or 4, not [2,2,3]"));
  summary = RunSummary(ImageNode(DT_UINT8, 3), Tensor(DT_UINT8, TensorShape({1, 2, 2, 2})));
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(), HasSubstr("not [1,2,2,2]"));
  summary = RunSummary(ImageNode(DT_UINT8, 3), Tensor(DT_UINT8, TensorShape({1, 0, 2, 3})));
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("input tensor must have non-zero dims. Found: [1,0,2,3]"));
  summary = RunSummary(ImageNode(DT_UINT8, 3), Tensor(DT_UINT8, TensorShape({0, 1 << 15, 1 << 14, 1})));
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(), HasSubstr("Tensor too large for summary"));
}

TEST(ImageSummaryOpTest, BadColorMustCoverEveryChannel) {
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("images", "ImageSummary")
                  .Input("tag", 0, DT_STRING)
                  .Input("tensor", 0, DT_FLOAT)
                  .Attr("bad_color", test::AsTensor<uint8_t>({0, 255, 0}))
                  .Finalize(&def)
                  .ok());
  const auto summary = RunSummary(def, Tensor(DT_FLOAT, TensorShape({1, 1, 1, 4})));
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("expected depth <= bad_color.size, got depth = 4, bad_color.size = 3"));
}

}  // namespace
}  // namespace rill
