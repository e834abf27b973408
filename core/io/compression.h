// Compression of record files (NONE, ZLIB, GZIP: the whole stream, framing included) and the
// zlib settings behind ZLIB and GZIP, with TensorFlow's defaults (FORMATS.md 1.3).
#ifndef RILL_CORE_IO_COMPRESSION_H_
#define RILL_CORE_IO_COMPRESSION_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rill {
namespace io {

// Compression says how a record file's bytes are stored.
enum class Compression {
  kNone,  // plain TFRecord framing
  kZlib,  // one zlib stream (RFC 1950: 2-byte header, deflate, Adler-32)
  kGzip,  // one gzip stream (RFC 1952: 10-byte header, deflate, CRC-32 and length)
};

// ParseCompression maps TensorFlow's option strings to Compression: "" and "NONE" to kNone,
// "ZLIB" to kZlib, "GZIP" to kGzip (case-insensitive); InvalidArgument otherwise.
absl::StatusOr<Compression> ParseCompression(absl::string_view name);

// CompressionName returns "NONE", "ZLIB" or "GZIP".
absl::string_view CompressionName(Compression compression);

// ZlibOptions tunes the zlib streams of ZLIB and GZIP files. The defaults are TensorFlow's.
// The window is always the largest (15 bits); GZIP adds the gzip wrapper (window_bits 31).
struct ZlibOptions {
  // compression_level: 0 (store) to 9 (smallest); -1 is zlib's default, 6.
  int compression_level = -1;
  // mem_level: 1 to 9, memory for the compressor's state; TensorFlow uses 9.
  int mem_level = 9;
  // input_buffer_size: bytes gathered before each deflate call, and compressed bytes read at
  // a time when inflating.
  size_t input_buffer_size = 256 << 10;
  // output_buffer_size: bytes produced per deflate or inflate call.
  size_t output_buffer_size = 256 << 10;
};

// ZlibWindowBits returns the window_bits argument of deflateInit2/inflateInit2 for
// `compression`: 15 for kZlib, 31 (15 + 16, the gzip wrapper) for kGzip.
// REQUIRES: compression != Compression::kNone.
int ZlibWindowBits(Compression compression);

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_COMPRESSION_H_
