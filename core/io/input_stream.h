// InputStream: a forward byte stream with a position, the layer the record reader reads
// through: a buffered file (BufferedInputStream) or a decompressor (ZlibInputStream).
#ifndef RILL_CORE_IO_INPUT_STREAM_H_
#define RILL_CORE_IO_INPUT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace rill {
namespace io {

// InputStream is not thread-safe.
class InputStream {
 public:
  virtual ~InputStream() = default;

  // ReadNBytes replaces *result with the next `n` bytes. When the stream ends first, returns
  // OutOfRange with the bytes that were left in *result. *result grows only as bytes arrive,
  // so a huge `n` costs memory for the bytes that exist, not for `n`. Other errors leave
  // *result unspecified.
  virtual absl::Status ReadNBytes(size_t n, std::string* result) = 0;

  // Tell returns the position: bytes read or skipped since the start of the stream.
  virtual uint64_t Tell() const = 0;

  // Seek moves to `position` bytes from the start. Seeking past the end is not an error
  // here; the next read reports OutOfRange.
  virtual absl::Status Seek(uint64_t position) = 0;
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_INPUT_STREAM_H_
