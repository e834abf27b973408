// RecordReader: header, data and footer reads with CRC checks (see record_reader.h).
#include "core/io/record_reader.h"

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/buffered_input_stream.h"
#include "core/io/coding.h"
#include "core/io/crc32c.h"
#include "core/io/record_writer.h"
#include "core/io/zlib_input_stream.h"

namespace rill {
namespace io {
namespace {

constexpr absl::string_view kNotTfRecordHint = " (Is this even a TFRecord file?)";

}  // namespace

RecordReader::RecordReader(const RandomAccessFile* file, const RecordReaderOptions& options)
    : file_(file), tailing_(options.tailing) {
  if (options.compression == Compression::kNone) {
    buffered_ = std::make_unique<BufferedInputStream>(file, options.buffer_size);
    input_ = buffered_.get();
  } else {
    buffered_ = std::make_unique<BufferedInputStream>(file, options.zlib.input_buffer_size);
    decompressed_ = std::make_unique<ZlibInputStream>(
        buffered_.get(), file->name(), options.compression, options.zlib, options.tailing);
    input_ = decompressed_.get();
  }
}

RecordReader::~RecordReader() = default;

absl::Status RecordReader::Truncated(uint64_t offset) const {
  if (tailing_) {
    return errors::OutOfRange("partial record at offset ", offset, " in ", file_->name(),
                              ": the writer may still be appending");
  }
  return errors::DataLoss("truncated record at offset ", offset, " in ", file_->name(),
                          offset == 0 ? kNotTfRecordHint : "");
}

absl::Status RecordReader::Corrupted(uint64_t offset, absl::string_view what) const {
  return errors::DataLoss("corrupted record at offset ", offset, " in ", file_->name(), ": ", what,
                          " checksum mismatch", offset == 0 ? kNotTfRecordHint : "");
}

absl::Status RecordReader::ReadRecord(uint64_t* offset, std::string* record) {
  if (input_->Tell() != *offset) RETURN_IF_ERROR(input_->Seek(*offset));

  absl::Status status = input_->ReadNBytes(kRecordHeaderSize, &header_);
  if (errors::IsOutOfRange(status)) {
    if (!header_.empty()) return Truncated(*offset);
    return errors::OutOfRange("end of records in ", file_->name(), " at offset ", *offset);
  }
  if (!status.ok()) {
    return errors::AppendToMessage(status, " (reading the record at offset ", *offset, ")");
  }
  if (crc32c::Unmask(DecodeFixed32(header_.data() + 8)) != crc32c::Value(header_.data(), 8)) {
    return Corrupted(*offset, "length");
  }
  const uint64_t length = DecodeFixed64(header_.data());

  status = input_->ReadNBytes(length, record);
  if (status.ok()) status = input_->ReadNBytes(kRecordFooterSize, &footer_);
  if (errors::IsOutOfRange(status)) return Truncated(*offset);
  if (!status.ok()) {
    return errors::AppendToMessage(status, " (reading the record at offset ", *offset, ")");
  }
  if (crc32c::Unmask(DecodeFixed32(footer_.data())) != crc32c::Value(*record)) {
    return Corrupted(*offset, "data");
  }
  *offset += kRecordHeaderSize + length + kRecordFooterSize;
  return absl::OkStatus();
}

}  // namespace io
}  // namespace rill
