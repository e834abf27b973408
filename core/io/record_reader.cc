// RecordReader: header, data and footer reads with CRC checks (see record_reader.h).
#include "core/io/record_reader.h"

#include <limits>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
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
  } else {
    buffered_ = std::make_unique<BufferedInputStream>(file, options.zlib.input_buffer_size);
    decompressed_ = std::make_unique<ZlibInputStream>(
        buffered_.get(), file->name(), options.compression, options.zlib, options.tailing);
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
  // The caller's string is the scratch, so a record that is not in the buffer in one piece
  // is copied once, into it.
  absl::string_view view;
  RETURN_IF_ERROR(Read(offset, record, &view));
  if (view.data() == record->data()) {
    record->resize(view.size());
  } else {
    record->assign(view.data(), view.size());
  }
  return absl::OkStatus();
}

absl::Status RecordReader::ReadRecord(uint64_t* offset, absl::string_view* record) {
  return Read(offset, &record_, record);
}

absl::Status RecordReader::Read(uint64_t* offset, std::string* scratch, absl::string_view* record) {
  if (decompressed_ != nullptr) return ReadFrom(decompressed_.get(), offset, scratch, record);
  return ReadFrom(buffered_.get(), offset, scratch, record);
}

template <typename Stream>
absl::Status RecordReader::ReadFrom(Stream* input, uint64_t* offset, std::string* scratch,
                                    absl::string_view* record) {
  if (input->Tell() != *offset) RETURN_IF_ERROR(input->Seek(*offset));

  absl::string_view header;
  absl::Status status = input->ReadNBytesView(kRecordHeaderSize, &header_, &header);
  if (!status.ok()) {
    if (!errors::IsOutOfRange(status)) {
      return errors::AppendToMessage(status, " (reading the record at offset ", *offset, ")");
    }
    if (!header.empty()) return Truncated(*offset);
    return errors::OutOfRange("end of records in ", file_->name(), " at offset ", *offset);
  }
  if (crc32c::Unmask(DecodeFixed32(header.data() + 8)) != crc32c::Value(header.data(), 8)) {
    return Corrupted(*offset, "length");
  }
  const uint64_t length = DecodeFixed64(header.data());
  // No file holds a record this long (nor could a size_t count its bytes).
  if (length > std::numeric_limits<size_t>::max() - kRecordFooterSize) return Truncated(*offset);

  // The data and its footer in one read; the header's bytes may move meanwhile.
  absl::string_view data;
  status = input->ReadNBytesView(length + kRecordFooterSize, scratch, &data);
  if (!status.ok()) {
    if (errors::IsOutOfRange(status)) return Truncated(*offset);
    return errors::AppendToMessage(status, " (reading the record at offset ", *offset, ")");
  }
  data.remove_suffix(kRecordFooterSize);
  if (crc32c::Unmask(DecodeFixed32(data.data() + length)) != crc32c::Value(data)) {
    return Corrupted(*offset, "data");
  }
  *record = data;
  *offset += kRecordHeaderSize + length + kRecordFooterSize;
  return absl::OkStatus();
}

}  // namespace io
}  // namespace rill
