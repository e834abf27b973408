// RecordWriter: appends TFRecords (length, masked CRCs, data; FORMAT.md) to a WritableFile,
// optionally through one ZLIB or GZIP stream, byte-compatible with TensorFlow's writer.
#ifndef RILL_CORE_IO_RECORD_WRITER_H_
#define RILL_CORE_IO_RECORD_WRITER_H_

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/io/compression.h"
#include "core/io/file_system.h"

namespace rill {
namespace io {

struct RecordWriterOptions {
  Compression compression = Compression::kNone;
  ZlibOptions zlib;  // used for kZlib and kGzip
};

// kRecordHeaderSize and kRecordFooterSize are the framing bytes around each record's data:
// 8 length bytes and their 4-byte masked CRC before, the data's masked CRC after.
inline constexpr size_t kRecordHeaderSize = 12;
inline constexpr size_t kRecordFooterSize = 4;

// RecordWriter writes records to `dest`, which it does not own and which must outlive it.
// The caller closes `dest` after Close(). The first error sticks: once a write fails the file
// may end inside a record, so every later call returns that error instead of writing after
// it. Not thread-safe.
class RecordWriter {
 public:
  explicit RecordWriter(WritableFile* dest, const RecordWriterOptions& options = {});
  // The destructor Close()s a writer that is still open and drops any error.
  ~RecordWriter();
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  // WriteRecord appends one record holding `data`.
  absl::Status WriteRecord(absl::string_view data);

  // Flush makes every record written so far readable by another reader of the file (for
  // compressed files, by ending the deflate block with a sync flush), then flushes `dest`.
  absl::Status Flush();

  // Close finishes the compressed stream, if any, and flushes `dest`. Later calls return
  // FailedPrecondition.
  absl::Status Close();

  // EncodeHeader writes the 12-byte header of a record of `length` data bytes into `header`.
  static void EncodeHeader(uint64_t length, char* header);
  // EncodeFooter writes the 4-byte footer of `data` into `footer`.
  static void EncodeFooter(absl::string_view data, char* footer);

 private:
  WritableFile* dest_;  // the file itself, or the compressor writing into it
  std::unique_ptr<WritableFile> compressor_;
  absl::Status status_;
  bool closed_ = false;
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_RECORD_WRITER_H_
