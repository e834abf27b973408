// BufferedInputStream: chunked reads of a RandomAccessFile (see buffered_input_stream.h).
#include "core/io/buffered_input_stream.h"

#include <algorithm>
#include <cstring>

#include "core/framework/errors.h"

namespace rill {
namespace io {

BufferedInputStream::BufferedInputStream(const RandomAccessFile* file, size_t buffer_size)
    : file_(file), capacity_(buffer_size), buffer_(new char[buffer_size]) {}

absl::Status BufferedInputStream::Fill() {
  absl::string_view chunk;
  const absl::Status status = file_->Read(file_position_, capacity_, &chunk, buffer_.get());
  if (!status.ok() && !errors::IsOutOfRange(status)) return status;
  if (chunk.data() != buffer_.get()) std::memmove(buffer_.get(), chunk.data(), chunk.size());
  position_ = 0;
  limit_ = chunk.size();
  file_position_ += chunk.size();
  return absl::OkStatus();
}

absl::Status BufferedInputStream::ReadNBytes(size_t n, std::string* result) {
  result->clear();
  while (result->size() < n) {
    if (position_ == limit_) {
      const absl::Status status = Fill();
      if (!status.ok()) return status;
      if (limit_ == 0) {
        return errors::OutOfRange("end of ", file_->name(), " at offset ", file_position_);
      }
    }
    const size_t take = std::min(n - result->size(), limit_ - position_);
    result->append(buffer_.get() + position_, take);
    position_ += take;
  }
  return absl::OkStatus();
}

absl::Status BufferedInputStream::FillBehind(size_t n) {
  const size_t kept = limit_ - position_;
  std::memmove(buffer_.get(), buffer_.get() + position_, kept);
  position_ = 0;
  limit_ = kept;
  while (limit_ < n) {
    char* const end = buffer_.get() + limit_;
    absl::string_view chunk;
    const absl::Status status = file_->Read(file_position_, capacity_ - limit_, &chunk, end);
    if (!status.ok() && !errors::IsOutOfRange(status)) return status;
    if (chunk.data() != end) std::memmove(end, chunk.data(), chunk.size());
    limit_ += chunk.size();
    file_position_ += chunk.size();
    if (!status.ok()) break;  // the end of the file, for now
  }
  return absl::OkStatus();
}

absl::Status BufferedInputStream::ReadNBytesViewRefilling(size_t n, std::string* scratch,
                                                          absl::string_view* result) {
  if (n <= capacity_) {
    const absl::Status status = FillBehind(n);
    if (!status.ok()) return status;
  }
  if (limit_ - position_ >= n) {
    *result = absl::string_view(buffer_.get() + position_, n);
    position_ += n;
    return absl::OkStatus();
  }
  const absl::Status status = ReadNBytes(n, scratch);
  *result = *scratch;
  return status;
}

absl::Status BufferedInputStream::Seek(uint64_t position) {
  const uint64_t buffer_start = file_position_ - limit_;
  if (position >= buffer_start && position <= file_position_) {
    position_ = position - buffer_start;
  } else {
    position_ = limit_ = 0;
    file_position_ = position;
  }
  return absl::OkStatus();
}

}  // namespace io
}  // namespace rill
