// ZlibInputStream: inflate() over chunks of the input stream (see zlib_input_stream.h).
#include "core/io/zlib_input_stream.h"

#include <zlib.h>

#include <algorithm>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace io {

ZlibInputStream::ZlibInputStream(InputStream* input, std::string name, Compression compression,
                                 const ZlibOptions& options, bool tailing)
    : input_(input),
      name_(std::move(name)),
      compression_(compression),
      options_(options),
      tailing_(tailing),
      input_start_(input->Tell()),
      stream_(new z_stream_s{}),
      output_(new char[options.output_buffer_size]) {
  const int ret = inflateInit2(stream_.get(), ZlibWindowBits(compression));
  if (ret != Z_OK) {
    status_ = errors::ResourceExhausted("cannot start inflating ", name_, ": zlib error ", ret);
    stream_.reset();
  }
}

ZlibInputStream::~ZlibInputStream() {
  if (stream_ != nullptr) inflateEnd(stream_.get());
}

uint64_t ZlibInputStream::CompressedOffset() const {
  return input_->Tell() - input_start_ - (stream_ != nullptr ? stream_->avail_in : 0);
}

absl::Status ZlibInputStream::Inflate() {
  output_position_ = output_limit_ = 0;
  while (output_limit_ == 0) {
    if (stream_->avail_in == 0) {
      const absl::Status read = input_->ReadNBytes(options_.input_buffer_size, &input_chunk_);
      if (!read.ok() && !errors::IsOutOfRange(read)) return read;
      stream_->next_in = reinterpret_cast<Bytef*>(input_chunk_.data());
      stream_->avail_in = static_cast<uInt>(input_chunk_.size());
      if (input_chunk_.empty()) {
        if (stream_ended_) return errors::OutOfRange("end of ", name_);
        if (tailing_) {
          return errors::OutOfRange(CompressionName(compression_), " stream of ", name_,
                                    " stops at compressed offset ", CompressedOffset(),
                                    "; the writer may still be appending");
        }
        return errors::DataLoss("truncated ", CompressionName(compression_), " stream in ", name_,
                                ": the input ends at compressed offset ", CompressedOffset(),
                                " before the stream does");
      }
    }
    if (stream_ended_) {
      // More input after a complete stream: the next concatenated member.
      inflateReset(stream_.get());
      stream_ended_ = false;
    }
    stream_->next_out = reinterpret_cast<Bytef*>(output_.get());
    stream_->avail_out = static_cast<uInt>(options_.output_buffer_size);
    const int ret = inflate(stream_.get(), Z_NO_FLUSH);
    output_limit_ = options_.output_buffer_size - stream_->avail_out;
    if (ret == Z_STREAM_END) {
      stream_ended_ = true;
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      status_ = errors::DataLoss("corrupted ", CompressionName(compression_), " data in ", name_,
                                 " at compressed offset ", CompressedOffset(), ": ",
                                 stream_->msg != nullptr ? stream_->msg : "zlib error");
      return status_;
    }
  }
  return absl::OkStatus();
}

absl::Status ZlibInputStream::ReadNBytes(size_t n, std::string* result) {
  result->clear();
  RETURN_IF_ERROR(status_);
  while (result->size() < n) {
    if (output_position_ == output_limit_) RETURN_IF_ERROR(Inflate());
    const size_t take = std::min(n - result->size(), output_limit_ - output_position_);
    result->append(output_.get() + output_position_, take);
    output_position_ += take;
    position_ += take;
  }
  return absl::OkStatus();
}

absl::Status ZlibInputStream::Restart() {
  RETURN_IF_ERROR(input_->Seek(input_start_));
  if (stream_ == nullptr) return status_;
  inflateReset(stream_.get());
  stream_->avail_in = 0;
  status_ = absl::OkStatus();
  stream_ended_ = false;
  input_chunk_.clear();
  output_position_ = output_limit_ = 0;
  position_ = 0;
  return absl::OkStatus();
}

absl::Status ZlibInputStream::Seek(uint64_t position) {
  const uint64_t chunk_start = position_ - output_position_;
  const uint64_t chunk_end = chunk_start + output_limit_;
  if (position >= chunk_start && position <= chunk_end) {
    output_position_ = position - chunk_start;
    position_ = position;
    return absl::OkStatus();
  }
  if (position < chunk_start) RETURN_IF_ERROR(Restart());
  // Skip forward by reading and dropping, a chunk at a time.
  std::string dropped;
  while (position_ < position) {
    const absl::Status status =
        ReadNBytes(std::min<uint64_t>(position - position_, options_.output_buffer_size), &dropped);
    if (errors::IsOutOfRange(status)) return absl::OkStatus();
    RETURN_IF_ERROR(status);
  }
  return absl::OkStatus();
}

}  // namespace io
}  // namespace rill
