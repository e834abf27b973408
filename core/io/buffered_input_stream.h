// BufferedInputStream: an InputStream over a RandomAccessFile that reads ahead in large
// chunks, so that record-sized reads cost a memcpy instead of a system call.
#ifndef RILL_CORE_IO_BUFFERED_INPUT_STREAM_H_
#define RILL_CORE_IO_BUFFERED_INPUT_STREAM_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/io/file_system.h"
#include "core/io/input_stream.h"

namespace rill {
namespace io {

// BufferedInputStream reads `file` (not owned; must outlive the stream) from offset 0 in
// chunks of `buffer_size` bytes. Reaching the end is not remembered: a later read tries the
// file again, so a stream following a growing file sees the new bytes. Seeking within the
// current chunk keeps it. ReadNBytesView of at most `buffer_size` bytes never copies them
// out: when they run past the chunk, the unread rest moves to the front of the buffer and
// the read that refills it starts after it. Final, so that callers holding a
// BufferedInputStream* inline the common case of ReadNBytesView, bytes already buffered.
class BufferedInputStream final : public InputStream {
 public:
  // REQUIRES: buffer_size > 0.
  BufferedInputStream(const RandomAccessFile* file, size_t buffer_size);

  absl::Status ReadNBytes(size_t n, std::string* result) override;
  absl::Status ReadNBytesView(size_t n, std::string* scratch, absl::string_view* result) override {
    if (limit_ - position_ < n) return ReadNBytesViewRefilling(n, scratch, result);
    *result = absl::string_view(buffer_.get() + position_, n);
    position_ += n;
    return absl::OkStatus();
  }
  uint64_t Tell() const override { return file_position_ - (limit_ - position_); }
  absl::Status Seek(uint64_t position) override;

 private:
  // Fill replaces the buffer with the next chunk of the file, which may be short or empty
  // at the end of the file.
  absl::Status Fill();

  // FillBehind keeps the unread bytes, moved to the front of the buffer, and reads after
  // them until `n` bytes are unread or the file ends. REQUIRES: n <= capacity_.
  absl::Status FillBehind(size_t n);

  // ReadNBytesViewRefilling is ReadNBytesView when fewer than `n` bytes are buffered.
  absl::Status ReadNBytesViewRefilling(size_t n, std::string* scratch, absl::string_view* result);

  const RandomAccessFile* const file_;
  const size_t capacity_;
  std::unique_ptr<char[]> buffer_;
  size_t position_ = 0;         // next unread byte in buffer_
  size_t limit_ = 0;            // end of the valid bytes in buffer_
  uint64_t file_position_ = 0;  // file offset of buffer_[limit_]
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_BUFFERED_INPUT_STREAM_H_
