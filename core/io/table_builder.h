// TableBuilder: writes a sorted key/value table in the SSTable format of TensorFlow's
// checkpoint index files and LevelDB's tables (TABLE_FORMAT.md), uncompressed.
#ifndef RILL_CORE_IO_TABLE_BUILDER_H_
#define RILL_CORE_IO_TABLE_BUILDER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/io/file_system.h"
#include "core/io/table_format.h"

namespace rill {
namespace io {
namespace table {

// TableOptions: TensorFlow's defaults.
struct TableOptions {
  // block_size: a data block is cut once its size reaches this many bytes.
  size_t block_size = 256 * 1024;
  // block_restart_interval: entries between restart points in data blocks (the index block
  // always uses 1).
  int block_restart_interval = 16;
};

// TableBuilder appends a table to `file` (not owned; must outlive it; the caller closes it
// after Finish). Keys must come in strictly increasing bytewise order. The first error
// sticks: every later call returns it. Not thread-safe.
class TableBuilder {
 public:
  TableBuilder(const TableOptions& options, WritableFile* file);
  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;

  // Add appends an entry. InvalidArgument when `key` is not greater than the previous key.
  absl::Status Add(absl::string_view key, absl::string_view value);

  // Finish writes the last data block, the (empty) metaindex block, the index block and
  // the footer. Later calls to Add or Finish return FailedPrecondition.
  absl::Status Finish();

  uint64_t num_entries() const { return num_entries_; }
  // file_size is the number of bytes written so far.
  uint64_t file_size() const { return offset_; }

 private:
  // Flush writes the current data block, if any, and leaves its index entry pending until
  // the next key (or Finish) picks its separator.
  void Flush();
  void WriteBlock(BlockBuilder* block, BlockHandle* handle);
  // AddPendingIndexEntry indexes the last block under a separator below `next_key`, or
  // (null: the table ends) under a short successor of its last key.
  void AddPendingIndexEntry(const absl::string_view* next_key);

  const TableOptions options_;
  WritableFile* const file_;
  absl::Status status_;
  uint64_t offset_ = 0;
  uint64_t num_entries_ = 0;
  BlockBuilder data_block_;
  BlockBuilder index_block_;
  std::string last_key_;
  bool pending_index_entry_ = false;
  BlockHandle pending_handle_;
  bool finished_ = false;
};

}  // namespace table
}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_TABLE_BUILDER_H_
