// TableBuilder: data blocks cut at the block size, index entries keyed by the shortest
// separator between blocks, an empty metaindex block and the footer (TABLE_FORMAT.md).
#include "core/io/table_builder.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "core/framework/errors.h"
#include "core/io/coding.h"
#include "core/io/crc32c.h"

namespace rill {
namespace io {
namespace table {
namespace {

// ShortenToSeparator shortens *start to a key k with *start <= k < limit when one byte
// increment allows it (LevelDB's BytewiseComparator::FindShortestSeparator): at the first
// differing byte, when it can be incremented and still stay below limit's, increment it and
// drop the rest. A key that is a prefix of the other is left alone.
void ShortenToSeparator(std::string* start, absl::string_view limit) {
  const size_t min_length = std::min(start->size(), limit.size());
  size_t diff = 0;
  while (diff < min_length && (*start)[diff] == limit[diff]) ++diff;
  if (diff >= min_length) return;
  const uint8_t byte = static_cast<uint8_t>((*start)[diff]);
  if (byte < 0xff && byte + 1 < static_cast<uint8_t>(limit[diff])) {
    (*start)[diff] = static_cast<char>(byte + 1);
    start->resize(diff + 1);
  }
}

// ShortenToSuccessor replaces *key by a short key >= it: the first byte that is not 0xff,
// incremented, ends it (FindShortSuccessor). A run of 0xff bytes is left alone.
void ShortenToSuccessor(std::string* key) {
  for (size_t i = 0; i < key->size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>((*key)[i]);
    if (byte != 0xff) {
      (*key)[i] = static_cast<char>(byte + 1);
      key->resize(i + 1);
      return;
    }
  }
}

}  // namespace

TableBuilder::TableBuilder(const TableOptions& options, WritableFile* file)
    : options_(options),
      file_(file),
      data_block_(options.block_restart_interval),
      index_block_(/*restart_interval=*/1) {}

absl::Status TableBuilder::Add(absl::string_view key, absl::string_view value) {
  if (finished_) return errors::FailedPrecondition("TableBuilder::Add after Finish");
  if (!status_.ok()) return status_;
  if (num_entries_ > 0) {
    if (key <= absl::string_view(last_key_)) {
      status_ = errors::InvalidArgument("table keys must be strictly increasing: '",
                                        absl::CEscape(key), "' after '",
                                        absl::CEscape(last_key_), "'");
      return status_;
    }
    // An entry at least twice the block size gets a block of its own (as TensorFlow's).
    if (key.size() + value.size() >= 2 * options_.block_size) Flush();
  }
  if (pending_index_entry_) AddPendingIndexEntry(&key);
  last_key_.assign(key.data(), key.size());
  ++num_entries_;
  data_block_.Add(key, value);
  if (data_block_.CurrentSizeEstimate() >= options_.block_size) Flush();
  return status_;
}

void TableBuilder::AddPendingIndexEntry(const absl::string_view* next_key) {
  std::string separator = last_key_;
  if (next_key == nullptr) {
    ShortenToSuccessor(&separator);
  } else {
    ShortenToSeparator(&separator, *next_key);
  }
  std::string handle;
  pending_handle_.EncodeTo(&handle);
  index_block_.Add(separator, handle);
  pending_index_entry_ = false;
}

void TableBuilder::Flush() {
  if (!status_.ok() || data_block_.empty()) return;
  WriteBlock(&data_block_, &pending_handle_);
  if (status_.ok()) pending_index_entry_ = true;
}

void TableBuilder::WriteBlock(BlockBuilder* block, BlockHandle* handle) {
  const absl::string_view contents = block->Finish();
  handle->offset = offset_;
  handle->size = contents.size();
  char trailer[kBlockTrailerSize];
  trailer[0] = static_cast<char>(kNoCompression);
  const uint32_t crc = crc32c::Extend(crc32c::Value(contents), trailer, 1);
  EncodeFixed32(trailer + 1, crc32c::Mask(crc));
  status_ = file_->Append(contents);
  if (status_.ok()) status_ = file_->Append(absl::string_view(trailer, kBlockTrailerSize));
  if (status_.ok()) offset_ += contents.size() + kBlockTrailerSize;
  block->Reset();
}

absl::Status TableBuilder::Finish() {
  if (finished_) return errors::FailedPrecondition("TableBuilder::Finish called twice");
  finished_ = true;
  Flush();
  BlockHandle metaindex_handle, index_handle;
  if (status_.ok()) {
    BlockBuilder metaindex_block(options_.block_restart_interval);
    WriteBlock(&metaindex_block, &metaindex_handle);
  }
  if (status_.ok()) {
    if (pending_index_entry_) AddPendingIndexEntry(nullptr);
    WriteBlock(&index_block_, &index_handle);
  }
  if (status_.ok()) {
    Footer footer;
    footer.metaindex_handle = metaindex_handle;
    footer.index_handle = index_handle;
    std::string encoded;
    footer.EncodeTo(&encoded);
    status_ = file_->Append(encoded);
    if (status_.ok()) offset_ += encoded.size();
  }
  return status_;
}

}  // namespace table
}  // namespace io
}  // namespace rill
