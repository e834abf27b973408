// ZlibOutputStream: a WritableFile that deflates everything appended to it into another
// WritableFile as one ZLIB or GZIP stream, in constant memory.
#ifndef RILL_CORE_IO_ZLIB_OUTPUT_STREAM_H_
#define RILL_CORE_IO_ZLIB_OUTPUT_STREAM_H_

#include <memory>

#include "core/io/compression.h"
#include "core/io/file_system.h"

struct z_stream_s;

namespace rill {
namespace io {

// ZlibOutputStream compresses into `dest` (not owned; must outlive it). Appends gather in
// an input buffer and are deflated a buffer at a time. Flush ends the current deflate block
// with a sync flush so that a reader of `dest` can inflate every byte appended so far, then
// flushes `dest`. Close finishes the stream (trailer included) and flushes `dest` but does
// not close it: `dest` belongs to the caller. The first error sticks: every later call
// returns it. Destroying an unclosed stream leaves `dest` without the trailer.
class ZlibOutputStream : public WritableFile {
 public:
  // REQUIRES: compression != Compression::kNone.
  ZlibOutputStream(WritableFile* dest, Compression compression, const ZlibOptions& options);
  ~ZlibOutputStream() override;

  absl::Status Append(absl::string_view data) override;
  absl::Status Flush() override;
  absl::Status Sync() override;
  absl::Status Close() override;

 private:
  // Deflate feeds `input` to zlib with `flush` (Z_NO_FLUSH, Z_SYNC_FLUSH or Z_FINISH) and
  // appends what comes out to dest_.
  absl::Status Deflate(absl::string_view input, int flush);
  absl::Status DeflateBuffered(int flush);

  WritableFile* const dest_;
  const ZlibOptions options_;
  std::unique_ptr<z_stream_s> stream_;
  absl::Status status_;
  bool closed_ = false;
  std::unique_ptr<char[]> input_;
  size_t input_used_ = 0;
  std::unique_ptr<char[]> output_;
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_ZLIB_OUTPUT_STREAM_H_
