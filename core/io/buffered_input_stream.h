// BufferedInputStream: an InputStream over a RandomAccessFile that reads ahead in large
// chunks, so that record-sized reads cost a memcpy instead of a system call.
#ifndef RILL_CORE_IO_BUFFERED_INPUT_STREAM_H_
#define RILL_CORE_IO_BUFFERED_INPUT_STREAM_H_

#include <memory>
#include <string>

#include "core/io/file_system.h"
#include "core/io/input_stream.h"

namespace rill {
namespace io {

// BufferedInputStream reads `file` (not owned; must outlive the stream) from offset 0 in
// chunks of `buffer_size` bytes. Reaching the end is not remembered: a later read tries the
// file again, so a stream following a growing file sees the new bytes. Seeking within the
// current chunk keeps it.
class BufferedInputStream : public InputStream {
 public:
  // REQUIRES: buffer_size > 0.
  BufferedInputStream(const RandomAccessFile* file, size_t buffer_size);

  absl::Status ReadNBytes(size_t n, std::string* result) override;
  uint64_t Tell() const override { return file_position_ - (limit_ - position_); }
  absl::Status Seek(uint64_t position) override;

 private:
  // Fill replaces the buffer with the next chunk of the file, which may be short or empty
  // at the end of the file.
  absl::Status Fill();

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
