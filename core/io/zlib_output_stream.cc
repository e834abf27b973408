// ZlibOutputStream: buffered deflate() into a WritableFile (see zlib_output_stream.h).
#include "core/io/zlib_output_stream.h"

#include <zlib.h>

#include <cstring>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace io {

ZlibOutputStream::ZlibOutputStream(WritableFile* dest, Compression compression,
                                   const ZlibOptions& options)
    : WritableFile(dest->name()),
      dest_(dest),
      options_(options),
      stream_(new z_stream_s{}),
      input_(new char[options.input_buffer_size]),
      output_(new char[options.output_buffer_size]) {
  const int ret = deflateInit2(stream_.get(), options.compression_level, Z_DEFLATED,
                               ZlibWindowBits(compression), options.mem_level, Z_DEFAULT_STRATEGY);
  if (ret != Z_OK) {
    status_ = errors::InvalidArgument(
        "cannot start compressing ", name(), " as ", CompressionName(compression), " (level ",
        options.compression_level, ", mem_level ", options.mem_level, "): zlib error ", ret);
    stream_.reset();
  }
}

ZlibOutputStream::~ZlibOutputStream() {
  if (stream_ != nullptr) deflateEnd(stream_.get());
}

absl::Status ZlibOutputStream::Deflate(absl::string_view input, int flush) {
  stream_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream_->avail_in = static_cast<uInt>(input.size());
  int ret;
  do {
    stream_->next_out = reinterpret_cast<Bytef*>(output_.get());
    stream_->avail_out = static_cast<uInt>(options_.output_buffer_size);
    ret = deflate(stream_.get(), flush);
    if (ret == Z_STREAM_ERROR) {
      return errors::Internal("deflate of ", name(), " failed: zlib stream error");
    }
    const size_t produced = options_.output_buffer_size - stream_->avail_out;
    if (produced > 0) RETURN_IF_ERROR(dest_->Append(absl::string_view(output_.get(), produced)));
  } while (stream_->avail_out == 0 || stream_->avail_in > 0 ||
           (flush == Z_FINISH && ret != Z_STREAM_END));
  return absl::OkStatus();
}

absl::Status ZlibOutputStream::DeflateBuffered(int flush) {
  const size_t used = input_used_;
  input_used_ = 0;
  return Deflate(absl::string_view(input_.get(), used), flush);
}

absl::Status ZlibOutputStream::Append(absl::string_view data) {
  if (closed_) return errors::FailedPrecondition("file ", name(), " is already closed");
  RETURN_IF_ERROR(status_);
  if (data.size() <= options_.input_buffer_size - input_used_) {
    std::memcpy(input_.get() + input_used_, data.data(), data.size());
    input_used_ += data.size();
    return absl::OkStatus();
  }
  status_ = DeflateBuffered(Z_NO_FLUSH);
  if (status_.ok()) {
    if (data.size() >= options_.input_buffer_size) {
      status_ = Deflate(data, Z_NO_FLUSH);
    } else {
      std::memcpy(input_.get(), data.data(), data.size());
      input_used_ = data.size();
    }
  }
  return status_;
}

absl::Status ZlibOutputStream::Flush() {
  if (closed_) return errors::FailedPrecondition("file ", name(), " is already closed");
  RETURN_IF_ERROR(status_);
  status_ = DeflateBuffered(Z_SYNC_FLUSH);
  if (status_.ok()) status_ = dest_->Flush();
  return status_;
}

absl::Status ZlibOutputStream::Sync() {
  RETURN_IF_ERROR(Flush());
  status_ = dest_->Sync();
  return status_;
}

absl::Status ZlibOutputStream::Close() {
  if (closed_) return errors::FailedPrecondition("file ", name(), " is already closed");
  closed_ = true;
  RETURN_IF_ERROR(status_);
  status_ = DeflateBuffered(Z_FINISH);
  if (status_.ok()) status_ = dest_->Flush();
  deflateEnd(stream_.get());
  stream_.reset();
  return status_;
}

}  // namespace io
}  // namespace rill
