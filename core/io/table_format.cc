// Block handles, the footer, building and decoding blocks, and checksummed block reads
// (TABLE_FORMAT.md).
#include "core/io/table_format.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/io/coding.h"
#include "core/io/crc32c.h"

namespace rill {
namespace io {
namespace table {

void BlockHandle::EncodeTo(std::string* dst) const {
  PutVarint64(dst, offset);
  PutVarint64(dst, size);
}

bool BlockHandle::DecodeFrom(absl::string_view* input) {
  absl::string_view rest = *input;
  uint64_t new_offset, new_size;
  if (!GetVarint64(&rest, &new_offset) || !GetVarint64(&rest, &new_size)) return false;
  offset = new_offset;
  size = new_size;
  *input = rest;
  return true;
}

void Footer::EncodeTo(std::string* dst) const {
  const size_t start = dst->size();
  metaindex_handle.EncodeTo(dst);
  index_handle.EncodeTo(dst);
  dst->resize(start + 2 * BlockHandle::kMaxLength, '\0');
  char magic[8];
  EncodeFixed32(magic, static_cast<uint32_t>(kTableMagicNumber & 0xffffffffu));
  EncodeFixed32(magic + 4, static_cast<uint32_t>(kTableMagicNumber >> 32));
  dst->append(magic, sizeof(magic));
}

absl::Status Footer::DecodeFrom(absl::string_view input, const std::string& filename) {
  if (input.size() != kEncodedLength) {
    return errors::DataLoss("table footer of ", filename, " is ", input.size(),
                            " bytes, not ", kEncodedLength);
  }
  const char* magic = input.data() + kEncodedLength - 8;
  const uint64_t magic_number =
      uint64_t{DecodeFixed32(magic)} | (uint64_t{DecodeFixed32(magic + 4)} << 32);
  if (magic_number != kTableMagicNumber) {
    return errors::DataLoss(filename, " is not a table (bad magic number)");
  }
  absl::string_view handles = input.substr(0, 2 * BlockHandle::kMaxLength);
  if (!metaindex_handle.DecodeFrom(&handles) || !index_handle.DecodeFrom(&handles)) {
    return errors::DataLoss("corrupted table footer in ", filename, ": bad block handles");
  }
  return absl::OkStatus();
}

BlockBuilder::BlockBuilder(int restart_interval)
    : restart_interval_(std::max(restart_interval, 1)), restarts_{0} {}

void BlockBuilder::Add(absl::string_view key, absl::string_view value) {
  size_t shared = 0;
  if (counter_ < restart_interval_) {
    const size_t limit = std::min(last_key_.size(), key.size());
    while (shared < limit && last_key_[shared] == key[shared]) ++shared;
  } else {
    restarts_.push_back(static_cast<uint32_t>(buffer_.size()));
    counter_ = 0;
  }
  const size_t unshared = key.size() - shared;
  PutVarint32(&buffer_, static_cast<uint32_t>(shared));
  PutVarint32(&buffer_, static_cast<uint32_t>(unshared));
  PutVarint32(&buffer_, static_cast<uint32_t>(value.size()));
  buffer_.append(key.data() + shared, unshared);
  buffer_.append(value.data(), value.size());
  last_key_.assign(key.data(), key.size());
  ++counter_;
}

absl::string_view BlockBuilder::Finish() {
  if (!finished_) {
    char word[4];
    for (uint32_t restart : restarts_) {
      EncodeFixed32(word, restart);
      buffer_.append(word, 4);
    }
    EncodeFixed32(word, static_cast<uint32_t>(restarts_.size()));
    buffer_.append(word, 4);
    finished_ = true;
  }
  return buffer_;
}

void BlockBuilder::Reset() {
  buffer_.clear();
  restarts_.assign(1, 0);
  counter_ = 0;
  last_key_.clear();
  finished_ = false;
}

absl::StatusOr<Block> Block::Parse(std::string contents, const std::string& filename,
                                   uint64_t offset) {
  auto corrupt = [&](absl::string_view what) {
    return errors::DataLoss("corrupted block at offset ", offset, " in ", filename, ": ", what);
  };
  Block block;
  block.contents_ = std::make_shared<const std::string>(std::move(contents));
  const absl::string_view data = *block.contents_;
  if (data.size() < 4) return corrupt("shorter than its restart count");
  const uint32_t num_restarts = DecodeFixed32(data.data() + data.size() - 4);
  if (num_restarts == 0 || num_restarts > (data.size() - 4) / 4) {
    return corrupt(absl::StrCat("bad restart count ", num_restarts));
  }
  const size_t entries_end = data.size() - 4 * (size_t{num_restarts} + 1);

  absl::flat_hash_set<uint32_t> restart_candidates;  // entries with shared == 0
  absl::string_view rest = data.substr(0, entries_end);
  std::string key;
  while (!rest.empty()) {
    const uint32_t entry_offset = static_cast<uint32_t>(entries_end - rest.size());
    uint32_t shared, unshared, value_size;
    if (!GetVarint32(&rest, &shared) || !GetVarint32(&rest, &unshared) ||
        !GetVarint32(&rest, &value_size)) {
      return corrupt(absl::StrCat("bad entry header at block offset ", entry_offset));
    }
    if (shared > key.size() || uint64_t{unshared} + value_size > rest.size()) {
      return corrupt(absl::StrCat("bad entry lengths at block offset ", entry_offset));
    }
    std::string next_key = key.substr(0, shared);
    next_key.append(rest.data(), unshared);
    if (!block.entries_.empty() && next_key <= key) {
      return corrupt(absl::StrCat("keys out of order at block offset ", entry_offset));
    }
    if (shared == 0) restart_candidates.insert(entry_offset);
    key = next_key;
    block.entries_.emplace_back(std::move(next_key), rest.substr(unshared, value_size));
    rest.remove_prefix(size_t{unshared} + value_size);
  }
  for (uint32_t i = 0; i < num_restarts; ++i) {
    const uint32_t restart = DecodeFixed32(data.data() + entries_end + 4 * i);
    const bool valid = block.entries_.empty() ? restart == 0 : restart_candidates.contains(restart);
    if (!valid) return corrupt(absl::StrCat("restart point ", i, " = ", restart, " is no entry"));
  }
  return block;
}

size_t Block::LowerBound(absl::string_view target) const {
  const auto it = std::lower_bound(
      entries_.begin(), entries_.end(), target,
      [](const std::pair<std::string, absl::string_view>& entry, absl::string_view t) {
        return absl::string_view(entry.first) < t;
      });
  return static_cast<size_t>(it - entries_.begin());
}

absl::StatusOr<std::string> ReadBlock(const RandomAccessFile& file, uint64_t file_size,
                                      const BlockHandle& handle) {
  if (handle.offset > file_size || handle.size > file_size - handle.offset ||
      kBlockTrailerSize > file_size - handle.offset - handle.size) {
    return errors::DataLoss("truncated table ", file.name(), ": block at offset ", handle.offset,
                            " of ", handle.size, " bytes does not fit in the file's ",
                            file_size, " bytes");
  }
  const size_t n = static_cast<size_t>(handle.size);
  std::string scratch(n + kBlockTrailerSize, '\0');
  absl::string_view read;
  absl::Status status = file.Read(handle.offset, n + kBlockTrailerSize, &read, scratch.data());
  if (errors::IsOutOfRange(status) || (status.ok() && read.size() != n + kBlockTrailerSize)) {
    return errors::DataLoss("truncated block read at offset ", handle.offset, " in ",
                            file.name(), ": wanted ", n + kBlockTrailerSize, " bytes, got ",
                            read.size());
  }
  if (!status.ok()) return status;
  const uint32_t stored = crc32c::Unmask(DecodeFixed32(read.data() + n + 1));
  const uint32_t actual = crc32c::Value(read.data(), n + 1);
  if (stored != actual) {
    return errors::DataLoss("block checksum mismatch at offset ", handle.offset, " in ",
                            file.name());
  }
  const uint8_t type = static_cast<uint8_t>(read[n]);
  if (type == kSnappyCompression) {
    return errors::Unimplemented("block at offset ", handle.offset, " in ", file.name(),
                                 " is Snappy-compressed; only uncompressed tables are supported");
  }
  if (type != kNoCompression) {
    return errors::DataLoss("bad block type ", static_cast<int>(type), " at offset ",
                            handle.offset, " in ", file.name());
  }
  if (read.data() == scratch.data()) {
    scratch.resize(n);
    return scratch;
  }
  return std::string(read.data(), n);
}

}  // namespace table
}  // namespace io
}  // namespace rill
