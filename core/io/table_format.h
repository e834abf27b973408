// The pieces of the table (SSTable) format that TensorFlow's checkpoint index files use
// (TABLE_FORMAT.md): block handles, the footer, data blocks with prefix-compressed keys and
// restart points, and reading a block back with its checksum verified.
#ifndef RILL_CORE_IO_TABLE_FORMAT_H_
#define RILL_CORE_IO_TABLE_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/io/file_system.h"

namespace rill {
namespace io {
namespace table {

// kTableMagicNumber ends every table (LevelDB's and TensorFlow's), low 32 bits first.
inline constexpr uint64_t kTableMagicNumber = 0xdb4775248b80fb57ull;

// kBlockTrailerSize: after each block, a compression type byte and a masked CRC-32C of the
// block contents followed by that byte.
inline constexpr size_t kBlockTrailerSize = 5;

// kNoCompression and kSnappyCompression are the block trailer's type byte. Rill writes
// kNoCompression only (as TensorFlow's BundleWriter does) and rejects Snappy blocks.
inline constexpr uint8_t kNoCompression = 0;
inline constexpr uint8_t kSnappyCompression = 1;

// BlockHandle locates a block: its offset in the file and its size without the trailer.
// Encoded as two varint64s (at most kMaxLength bytes).
struct BlockHandle {
  static constexpr size_t kMaxLength = 20;

  uint64_t offset = 0;
  uint64_t size = 0;

  void EncodeTo(std::string* dst) const;
  // DecodeFrom parses a handle at the front of *input and advances past it; false when the
  // varints are malformed or cut short.
  bool DecodeFrom(absl::string_view* input);
};

// Footer is the last kEncodedLength bytes of a table: the metaindex and index handles,
// zero padding to 40 bytes, then the magic number as two little-endian uint32s.
struct Footer {
  static constexpr size_t kEncodedLength = 2 * BlockHandle::kMaxLength + 8;

  BlockHandle metaindex_handle;
  BlockHandle index_handle;

  void EncodeTo(std::string* dst) const;
  // DecodeFrom parses the kEncodedLength bytes of `input`; DataLoss naming `filename` when
  // the magic number is wrong or the handles are malformed.
  absl::Status DecodeFrom(absl::string_view input, const std::string& filename);
};

// BlockBuilder lays out one block: entries `varint32 shared, varint32 unshared, varint32
// value_size, key[shared..], value`, where `shared` is the length of the prefix the key has
// in common with the previous key (0 at every restart point, one each
// `restart_interval` entries), then the restart offsets and their count as fixed32s.
// REQUIRES: keys added in strictly increasing bytewise order (TableBuilder checks it).
class BlockBuilder {
 public:
  explicit BlockBuilder(int restart_interval);

  void Add(absl::string_view key, absl::string_view value);
  // Finish appends the restart array and returns the block's contents, valid until Reset.
  absl::string_view Finish();
  // Reset empties the builder for the next block.
  void Reset();

  // CurrentSizeEstimate is the size the block would have if finished now.
  size_t CurrentSizeEstimate() const { return buffer_.size() + 4 * restarts_.size() + 4; }
  bool empty() const { return buffer_.empty(); }

 private:
  const int restart_interval_;
  std::string buffer_;
  std::vector<uint32_t> restarts_;
  int counter_ = 0;  // entries since the last restart
  std::string last_key_;
  bool finished_ = false;
};

// Block is a block's entries decoded and validated (every length, every shared prefix and
// the restart array), for lookups by binary search. Immutable once parsed.
class Block {
 public:
  // Parse decodes `contents`; DataLoss naming `filename` and the block's `offset` when
  // they are malformed.
  static absl::StatusOr<Block> Parse(std::string contents, const std::string& filename,
                                     uint64_t offset);

  size_t size() const { return entries_.size(); }
  const std::string& key(size_t i) const { return entries_[i].first; }
  absl::string_view value(size_t i) const { return entries_[i].second; }
  // LowerBound is the index of the first entry whose key is >= target, or size().
  size_t LowerBound(absl::string_view target) const;

 private:
  // contents_ sits on the heap so that the values pointing into it survive moving the Block.
  std::shared_ptr<const std::string> contents_;
  std::vector<std::pair<std::string, absl::string_view>> entries_;
};

// ReadBlock reads the block at `handle` of `file` (`file_size` bytes long) with its
// trailer, verifies the masked CRC-32C, and returns the contents. DataLoss naming the file
// and offset for a block that does not fit in the file, a short read or a checksum
// mismatch; Unimplemented for a compressed (Snappy) block.
absl::StatusOr<std::string> ReadBlock(const RandomAccessFile& file, uint64_t file_size,
                                      const BlockHandle& handle);

}  // namespace table
}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_TABLE_FORMAT_H_
