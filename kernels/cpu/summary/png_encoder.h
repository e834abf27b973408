// EncodePng: 8-bit grayscale, grayscale + alpha, RGB or RGBA pixels to PNG bytes with
// libpng, as ImageSummary stores its images. Header-only so that the summary kernels'
// plugin compiles it in.
#ifndef RILL_KERNELS_CPU_SUMMARY_PNG_ENCODER_H_
#define RILL_KERNELS_CPU_SUMMARY_PNG_ENCODER_H_

#include <png.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "core/framework/errors.h"

namespace rill {
namespace png_internal {

// ErrorState receives libpng's error message; plain data, because libpng leaves a failed
// write through longjmp, which must not skip destructors.
struct ErrorState {
  char message[256];
};

inline void OnError(png_structp png, png_const_charp message) {
  auto* state = static_cast<ErrorState*>(png_get_error_ptr(png));
  std::strncpy(state->message, message, sizeof(state->message) - 1);
  state->message[sizeof(state->message) - 1] = '\0';
  png_longjmp(png, 1);
}

inline void OnWarning(png_structp, png_const_charp) {}

inline void AppendToString(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), length);
}

inline void FlushNothing(png_structp) {}

// WriteImage runs libpng's write sequence; false when libpng reported an error. Holds no
// object with a destructor, so that the longjmp back to its setjmp is well defined.
inline bool WriteImage(png_structp png, png_infop info, const uint8_t* pixels, int width,
                       int height, int channels, std::string* out) {
  if (setjmp(png_jmpbuf(png))) return false;
  static const int kColorTypes[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                    PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
  png_set_write_fn(png, out, AppendToString, FlushNothing);
  png_set_IHDR(png, info, width, height, 8, kColorTypes[channels - 1], PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  const size_t row_bytes = static_cast<size_t>(width) * channels;
  for (int y = 0; y < height; ++y) {
    png_write_row(png, const_cast<png_bytep>(pixels + y * row_bytes));
  }
  png_write_end(png, nullptr);
  return true;
}

}  // namespace png_internal

// EncodePng replaces *out with the PNG encoding (8 bits per channel, zlib's default level,
// no interlacing) of the `height` x `width` image at `pixels`: rows top to bottom, each
// `width` pixels of `channels` bytes (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA).
// InvalidArgument for sizes PNG cannot hold; Internal when libpng fails.
inline absl::Status EncodePng(const uint8_t* pixels, int width, int height, int channels,
                              std::string* out) {
  if (channels < 1 || channels > 4) {
    return errors::InvalidArgument("PNG images have 1 to 4 channels, not ", channels);
  }
  if (width <= 0 || height <= 0 || width > PNG_USER_WIDTH_MAX ||
      height > PNG_USER_HEIGHT_MAX) {
    return errors::InvalidArgument("cannot PNG-encode an image of ", width, "x", height,
                                   " pixels");
  }
  out->clear();
  png_internal::ErrorState error{};
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error,
                                            png_internal::OnError, png_internal::OnWarning);
  if (png == nullptr) return errors::Internal("libpng could not start a PNG writer");
  png_infop info = png_create_info_struct(png);
  const bool written = info != nullptr && png_internal::WriteImage(png, info, pixels, width,
                                                                   height, channels, out);
  png_destroy_write_struct(&png, &info);
  if (!written) {
    return errors::Internal("PNG encoding of a ", width, "x", height, "x", channels,
                            " image failed: ", error.message);
  }
  return absl::OkStatus();
}

}  // namespace rill

#endif  // RILL_KERNELS_CPU_SUMMARY_PNG_ENCODER_H_
