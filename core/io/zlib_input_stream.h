// ZlibInputStream: an InputStream that inflates a ZLIB or GZIP stream read from another
// InputStream, in constant memory.
#ifndef RILL_CORE_IO_ZLIB_INPUT_STREAM_H_
#define RILL_CORE_IO_ZLIB_INPUT_STREAM_H_

#include <memory>
#include <string>

#include "core/io/compression.h"
#include "core/io/input_stream.h"

struct z_stream_s;

namespace rill {
namespace io {

// ZlibInputStream yields the uncompressed bytes of `input` (not owned; must outlive this),
// whose current position is where the compressed stream starts. Concatenated streams (gzip
// members appended one after another) read as one. Positions (Tell, Seek) count
// uncompressed bytes; seeking backwards beyond the current output chunk re-inflates from
// the start.
//
// Errors name `name` (the file) and the compressed offset: corrupt data is DataLoss. Input
// that ends inside a stream is DataLoss "truncated", or, with `tailing` (the file may still
// be growing), OutOfRange: a later read retries the input and continues.
class ZlibInputStream : public InputStream {
 public:
  // REQUIRES: compression != Compression::kNone.
  ZlibInputStream(InputStream* input, std::string name, Compression compression,
                  const ZlibOptions& options, bool tailing);
  ~ZlibInputStream() override;

  absl::Status ReadNBytes(size_t n, std::string* result) override;
  uint64_t Tell() const override { return position_; }
  absl::Status Seek(uint64_t position) override;

 private:
  // Inflate refills the output chunk with at least one byte, or returns OutOfRange at the end.
  absl::Status Inflate();
  // Restart goes back to the start of the compressed stream.
  absl::Status Restart();
  uint64_t CompressedOffset() const;

  InputStream* const input_;
  const std::string name_;
  const Compression compression_;
  const ZlibOptions options_;
  const bool tailing_;
  const uint64_t input_start_;
  std::unique_ptr<z_stream_s> stream_;
  absl::Status status_;  // a failure that makes further reading pointless
  bool stream_ended_ = false;
  std::string input_chunk_;
  std::unique_ptr<char[]> output_;
  size_t output_position_ = 0;
  size_t output_limit_ = 0;
  uint64_t position_ = 0;  // uncompressed bytes delivered
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_ZLIB_INPUT_STREAM_H_
