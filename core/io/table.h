// Table: reads a table written by TableBuilder, TensorFlow (checkpoint .index files) or
// LevelDB's TableBuilder (TABLE_FORMAT.md), verifying every block's checksum.
#ifndef RILL_CORE_IO_TABLE_H_
#define RILL_CORE_IO_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/io/file_system.h"
#include "core/io/table_format.h"

namespace rill {
namespace io {
namespace table {

// Table is an open table: its footer, metaindex and index blocks, read and checked by Open. Data blocks
// are read when an iterator reaches them. Errors are DataLoss naming the file (too short, bad
// magic number, checksum mismatch, truncated block, malformed block) or Unimplemented for a
// compressed block. Thread-safe; iterators are not.
class Table {
 public:
  // Open reads the table in `file` (not owned; must outlive the Table), `file_size` bytes.
  static absl::StatusOr<std::unique_ptr<Table>> Open(const RandomAccessFile* file,
                                                     uint64_t file_size);

  // Iterator walks the table's entries in key order. A new iterator is not positioned
  // (!Valid()). Any error makes it invalid, with status() saying why.
  class Iterator {
   public:
    explicit Iterator(const Table* table) : table_(table) {}

    // SeekToFirst positions at the first entry; Seek at the first entry whose key is >=
    // `target`. Either leaves the iterator invalid when there is no such entry.
    void SeekToFirst() { Seek(absl::string_view()); }
    void Seek(absl::string_view target);
    // Next moves to the following entry. REQUIRES: Valid().
    void Next();

    bool Valid() const { return block_.has_value() && entry_ < block_->size() && status_.ok(); }
    // key / value of the current entry, valid until the iterator moves. REQUIRES: Valid().
    absl::string_view key() const { return block_->key(entry_); }
    absl::string_view value() const { return block_->value(entry_); }
    // status is the first error met, OK otherwise.
    const absl::Status& status() const { return status_; }

   private:
    // LoadBlock reads the data block of index entry `index_entry_`, or marks the end.
    void LoadBlock();
    // SkipExhaustedBlocks moves on to the next block while the current one is exhausted.
    void SkipExhaustedBlocks();

    const Table* table_;
    size_t index_entry_ = 0;
    std::optional<Block> block_;
    size_t entry_ = 0;
    absl::Status status_;
  };

  std::unique_ptr<Iterator> NewIterator() const { return std::make_unique<Iterator>(this); }

  const std::string& filename() const { return file_->name(); }

 private:
  Table(const RandomAccessFile* file, uint64_t file_size, Block index)
      : file_(file), file_size_(file_size), index_(std::move(index)) {}

  // ReadDataBlock reads and parses the block that index entry `i` points to.
  absl::StatusOr<Block> ReadDataBlock(size_t i) const;

  const RandomAccessFile* const file_;
  const uint64_t file_size_;
  const Block index_;
};

}  // namespace table
}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_TABLE_H_
