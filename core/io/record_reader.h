// RecordReader: reads TFRecords (FORMAT.md) from a RandomAccessFile, plain or through one
// ZLIB or GZIP stream, checking both CRCs of every record, in constant memory.
#ifndef RILL_CORE_IO_RECORD_READER_H_
#define RILL_CORE_IO_RECORD_READER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/io/buffered_input_stream.h"
#include "core/io/compression.h"
#include "core/io/file_system.h"
#include "core/io/input_stream.h"

namespace rill {
namespace io {

struct RecordReaderOptions {
  Compression compression = Compression::kNone;
  ZlibOptions zlib;  // used for kZlib and kGzip
  // buffer_size: read-ahead of an uncompressed file (compressed ones read
  // zlib.input_buffer_size at a time).
  size_t buffer_size = 256 << 10;
  // tailing: the file may still be growing (a reader following a writer). A record cut off
  // by the end of the file is then OutOfRange, "come back later", instead of DataLoss, and
  // reading again at the same offset picks up what was appended meanwhile.
  bool tailing = false;
};

// RecordReader reads the record at any record boundary. Errors, each naming the file and
// the record's offset:
//   OutOfRange  the offset is exactly the end of the file: no more records;
//   DataLoss    "truncated record": the file ends inside the record (OutOfRange when
//               `tailing`); "corrupted record": a CRC does not match; at offset 0 both add
//               "(Is this even a TFRecord file?)"; corrupt or truncated compressed data.
// A length field is trusted only after its CRC matches, and even then the data is read as
// it arrives, so a bogus huge length costs at most the bytes the file really has.
// `file` is not owned and must outlive the reader. Not thread-safe.
class RecordReader {
 public:
  explicit RecordReader(const RandomAccessFile* file, const RecordReaderOptions& options = {});
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // ReadRecord reads the record starting at *offset into *record and, on success, advances
  // *offset to the next record. Offsets count uncompressed bytes; the first record is at 0.
  // Reading records in order is a sequential scan; other offsets seek (in a compressed file,
  // a backward seek re-inflates from the start).
  absl::Status ReadRecord(uint64_t* offset, std::string* record);

  // ReadRecord (view form) is ReadRecord without copying the record out: *record points into
  // the reader's buffer and stays valid until the next call on this reader. An uncompressed
  // record of up to `buffer_size` bytes plus framing is checked where it was read into.
  absl::Status ReadRecord(uint64_t* offset, absl::string_view* record);

 private:
  // Read reads and checks the record at *offset into *record, which points into the input
  // stream's buffer or into *scratch.
  absl::Status Read(uint64_t* offset, std::string* scratch, absl::string_view* record);
  // ReadFrom is Read from `input`: buffered_, whose final type lets the common case inline,
  // or decompressed_.
  template <typename Stream>
  absl::Status ReadFrom(Stream* input, uint64_t* offset, std::string* scratch,
                        absl::string_view* record);
  absl::Status Truncated(uint64_t offset) const;
  absl::Status Corrupted(uint64_t offset, absl::string_view what) const;

  const RandomAccessFile* const file_;
  const bool tailing_;
  std::unique_ptr<BufferedInputStream> buffered_;
  std::unique_ptr<InputStream> decompressed_;  // null for Compression::kNone
  std::string header_;  // scratch for headers that cross a tiny buffer's end
  std::string record_;  // scratch for records of the view form that are not in the buffer
};

// SequentialRecordReader reads the records of a file one after another.
class SequentialRecordReader {
 public:
  explicit SequentialRecordReader(const RandomAccessFile* file,
                                  const RecordReaderOptions& options = {})
      : reader_(file, options) {}

  // ReadRecord reads the next record; errors as RecordReader::ReadRecord. After an error
  // the position stays at the record that failed.
  absl::Status ReadRecord(std::string* record) { return reader_.ReadRecord(&offset_, record); }

  // ReadRecord (view form): *record stays valid until the next call; see RecordReader.
  absl::Status ReadRecord(absl::string_view* record) {
    return reader_.ReadRecord(&offset_, record);
  }

  // TellOffset returns the offset of the next record.
  uint64_t TellOffset() const { return offset_; }

  // SeekOffset makes `offset`, which must be a record boundary, the next record to read.
  void SeekOffset(uint64_t offset) { offset_ = offset; }

 private:
  RecordReader reader_;
  uint64_t offset_ = 0;
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_RECORD_READER_H_
