// RecordWriter: framing and CRCs for each record (see record_writer.h and FORMAT.md).
#include "core/io/record_writer.h"

#include <cstdio>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/coding.h"
#include "core/io/crc32c.h"
#include "core/io/zlib_output_stream.h"

namespace rill {
namespace io {

RecordWriter::RecordWriter(WritableFile* dest, const RecordWriterOptions& options) : dest_(dest) {
  if (options.compression != Compression::kNone) {
    compressor_ = std::make_unique<ZlibOutputStream>(dest, options.compression, options.zlib);
    dest_ = compressor_.get();
  }
}

RecordWriter::~RecordWriter() {
  if (!closed_) {
    const absl::Status status = Close();
    if (!status.ok()) {
      std::fprintf(stderr, "RecordWriter for %s: closing failed: %s\n", dest_->name().c_str(),
                   status.ToString().c_str());
    }
  }
}

void RecordWriter::EncodeHeader(uint64_t length, char* header) {
  EncodeFixed64(header, length);
  EncodeFixed32(header + 8, crc32c::Mask(crc32c::Value(header, 8)));
}

void RecordWriter::EncodeFooter(absl::string_view data, char* footer) {
  EncodeFixed32(footer, crc32c::Mask(crc32c::Value(data)));
}

absl::Status RecordWriter::WriteRecord(absl::string_view data) {
  if (closed_) return errors::FailedPrecondition("record writer for ", dest_->name(), " is closed");
  RETURN_IF_ERROR(status_);
  char header[kRecordHeaderSize];
  char footer[kRecordFooterSize];
  EncodeHeader(data.size(), header);
  EncodeFooter(data, footer);
  status_ = dest_->Append(absl::string_view(header, sizeof(header)));
  if (status_.ok()) status_ = dest_->Append(data);
  if (status_.ok()) status_ = dest_->Append(absl::string_view(footer, sizeof(footer)));
  return status_;
}

absl::Status RecordWriter::Flush() {
  if (closed_) return errors::FailedPrecondition("record writer for ", dest_->name(), " is closed");
  RETURN_IF_ERROR(status_);
  status_ = dest_->Flush();
  return status_;
}

absl::Status RecordWriter::Close() {
  if (closed_) return errors::FailedPrecondition("record writer for ", dest_->name(), " is closed");
  closed_ = true;
  RETURN_IF_ERROR(status_);
  status_ = compressor_ != nullptr ? compressor_->Close() : dest_->Flush();
  return status_;
}

}  // namespace io
}  // namespace rill
