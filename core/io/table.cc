// Table: the footer and index block read at Open, data blocks read as iterators reach them.
#include "core/io/table.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace io {
namespace table {

absl::StatusOr<std::unique_ptr<Table>> Table::Open(const RandomAccessFile* file,
                                                   uint64_t file_size) {
  if (file_size < Footer::kEncodedLength) {
    return errors::DataLoss(file->name(), " is too short (", file_size,
                            " bytes) to be a table");
  }
  std::string scratch(Footer::kEncodedLength, '\0');
  absl::string_view footer_bytes;
  const absl::Status read = file->Read(file_size - Footer::kEncodedLength,
                                       Footer::kEncodedLength, &footer_bytes, scratch.data());
  if (errors::IsOutOfRange(read)) {
    return errors::DataLoss("truncated table ", file->name(), ": the footer is cut short");
  }
  RETURN_IF_ERROR(read);
  Footer footer;
  RETURN_IF_ERROR(footer.DecodeFrom(footer_bytes, file->name()));
  // Nothing is looked up in the metaindex block (TensorFlow writes it empty), but checking
  // it catches a damaged footer handle.
  ASSIGN_OR_RETURN(std::string metaindex, ReadBlock(*file, file_size, footer.metaindex_handle));
  RETURN_IF_ERROR(Block::Parse(std::move(metaindex), file->name(),
                               footer.metaindex_handle.offset)
                      .status());
  ASSIGN_OR_RETURN(std::string index_contents, ReadBlock(*file, file_size, footer.index_handle));
  ASSIGN_OR_RETURN(Block index, Block::Parse(std::move(index_contents), file->name(),
                                             footer.index_handle.offset));
  return std::unique_ptr<Table>(new Table(file, file_size, std::move(index)));
}

absl::StatusOr<Block> Table::ReadDataBlock(size_t i) const {
  BlockHandle handle;
  absl::string_view encoded = index_.value(i);
  if (!handle.DecodeFrom(&encoded)) {
    return errors::DataLoss("corrupted index block in ", file_->name(), ": bad handle for key '",
                            index_.key(i), "'");
  }
  ASSIGN_OR_RETURN(std::string contents, ReadBlock(*file_, file_size_, handle));
  return Block::Parse(std::move(contents), file_->name(), handle.offset);
}

void Table::Iterator::LoadBlock() {
  block_.reset();
  entry_ = 0;
  if (index_entry_ >= table_->index_.size()) return;
  absl::StatusOr<Block> block = table_->ReadDataBlock(index_entry_);
  if (!block.ok()) {
    status_ = block.status();
    return;
  }
  block_ = std::move(*block);
}

void Table::Iterator::SkipExhaustedBlocks() {
  while (status_.ok() && block_.has_value() && entry_ >= block_->size()) {
    ++index_entry_;
    LoadBlock();
  }
}

void Table::Iterator::Seek(absl::string_view target) {
  if (!status_.ok()) return;
  // Index keys separate blocks: block i holds keys <= index key i, and > index key i - 1.
  index_entry_ = table_->index_.LowerBound(target);
  LoadBlock();
  if (block_.has_value()) entry_ = block_->LowerBound(target);
  SkipExhaustedBlocks();
}

void Table::Iterator::Next() {
  ++entry_;
  SkipExhaustedBlocks();
}

}  // namespace table
}  // namespace io
}  // namespace rill
