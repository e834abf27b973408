// InputStream: a forward byte stream with a position, the layer the record reader reads
// through: a buffered file (BufferedInputStream) or a decompressor (ZlibInputStream).
#ifndef RILL_CORE_IO_INPUT_STREAM_H_
#define RILL_CORE_IO_INPUT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

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

  // ReadNBytesView is ReadNBytes without a copy where the stream can avoid one: *result
  // points at the next `n` bytes in the stream's own buffer, or, where they are not there in
  // one piece, in *scratch, which it then fills (the default always does). *result stays
  // valid until the next call on the stream or the next change of *scratch. Errors and the
  // bytes in *result on OutOfRange are ReadNBytes's.
  virtual absl::Status ReadNBytesView(size_t n, std::string* scratch, absl::string_view* result) {
    const absl::Status status = ReadNBytes(n, scratch);
    *result = *scratch;
    return status;
  }

  // Tell returns the position: bytes read or skipped since the start of the stream.
  virtual uint64_t Tell() const = 0;

  // Seek moves to `position` bytes from the start. Seeking past the end is not an error
  // here; the next read reports OutOfRange.
  virtual absl::Status Seek(uint64_t position) = 0;
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_INPUT_STREAM_H_
