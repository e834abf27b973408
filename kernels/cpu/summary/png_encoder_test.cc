// Tests of EncodePng: every channel count decodes back to the same samples with libpng's
// own reader, and sizes PNG cannot hold are InvalidArgument.
#include "kernels/cpu/summary/png_encoder.h"

#include <png.h>

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

TEST(PngEncoderTest, EveryChannelCountRoundTrips) {
  const png_uint_32 formats[] = {PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB,
                                 PNG_FORMAT_RGBA};
  for (int channels = 1; channels <= 4; ++channels) {
    SCOPED_TRACE(channels);
    const int width = 5;
    const int height = 3;
    std::vector<uint8_t> pixels(width * height * channels);
    for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>(i * 37 + 11);
    std::string bytes;
    ASSERT_TRUE(EncodePng(pixels.data(), width, height, channels, &bytes).ok());
    ASSERT_EQ(bytes.substr(0, 8), "\x89PNG\r\n\x1a\n");

    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    ASSERT_TRUE(png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
        << image.message;
    EXPECT_EQ(image.width, 5u);
    EXPECT_EQ(image.height, 3u);
    EXPECT_EQ(image.format, formats[channels - 1]);
    std::vector<uint8_t> decoded(PNG_IMAGE_SIZE(image));
    ASSERT_TRUE(png_image_finish_read(&image, nullptr, decoded.data(), 0, nullptr))
        << image.message;
    EXPECT_EQ(decoded, pixels);
  }
}

TEST(PngEncoderTest, ImpossibleImagesAreInvalidArguments) {
  const uint8_t pixel[4] = {0, 0, 0, 0};
  std::string bytes = "old";
  absl::Status status = EncodePng(pixel, 1, 1, 5, &bytes);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("PNG images have 1 to 4 channels, not 5"));
  status = EncodePng(pixel, 0, 1, 1, &bytes);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("cannot PNG-encode an image of 0x1 pixels"));
}

}  // namespace
}  // namespace rill
