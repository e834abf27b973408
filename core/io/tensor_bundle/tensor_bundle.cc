// BundleWriter and BundleReader: tensor bytes and their checksums in the data file, entries
// in the index table, both as TensorFlow lays them out (CHECKPOINT_FORMAT.md).
#include "core/io/tensor_bundle/tensor_bundle.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/io/coding.h"
#include "core/io/crc32c.h"
#include "core/io/path.h"
#include "core/io/table_builder.h"

namespace rill {
namespace io {
namespace {

// kHeaderKey is the key of the BundleHeaderProto, first in every index.
constexpr char kHeaderKey[] = "";

// TempName is `path` with TensorFlow's temporary suffix: ".tempstate" and a random number.
std::string TempName(const std::string& path) {
  static absl::Mutex mu(absl::kConstInit);
  static std::mt19937_64* const engine = new std::mt19937_64(std::random_device()());
  absl::MutexLock lock(&mu);
  return absl::StrCat(path, ".tempstate", (*engine)());
}

std::string Hex32(uint32_t value) { return absl::StrFormat("0x%08x", value); }

// ExtendLength extends `crc` over a string length as TensorFlow does: as a 4-byte
// little-endian uint32 when it fits, as 8 bytes otherwise (not as its varint bytes).
uint32_t ExtendLength(uint32_t crc, uint64_t length) {
  char bytes[8];
  if (length <= UINT32_MAX) {
    EncodeFixed32(bytes, static_cast<uint32_t>(length));
    return crc32c::Extend(crc, bytes, 4);
  }
  EncodeFixed64(bytes, length);
  return crc32c::Extend(crc, bytes, 8);
}

// EncodeStrings lays out a string tensor's elements: varint64 lengths, the masked CRC of
// the lengths, then the bytes. Returns the CRC over all of it (unmasked) in *crc.
std::string EncodeStrings(const Tensor& tensor, uint32_t* crc) {
  const auto strings = tensor.flat<std::string>();
  std::string out;
  uint32_t running = 0;
  for (int64_t i = 0; i < strings.size(); ++i) {
    PutVarint64(&out, strings(i).size());
    running = ExtendLength(running, strings(i).size());
  }
  char checksum[4];
  EncodeFixed32(checksum, crc32c::Mask(running));
  out.append(checksum, 4);
  running = crc32c::Extend(running, checksum, 4);
  for (int64_t i = 0; i < strings.size(); ++i) {
    out.append(strings(i));
    running = crc32c::Extend(running, strings(i).data(), strings(i).size());
  }
  *crc = running;
  return out;
}

}  // namespace

std::string MetaFilename(absl::string_view prefix) { return absl::StrCat(prefix, ".index"); }

std::string DataFilename(absl::string_view prefix, int shard_id, int num_shards) {
  return absl::StrFormat("%s.data-%05d-of-%05d", prefix, shard_id, num_shards);
}

// ---------------------------------------------------------------------------------------
// BundleWriter

BundleWriter::BundleWriter(FileSystem* fs, std::string prefix, const BundleWriterOptions& options)
    : fs_(fs),
      prefix_(std::move(prefix)),
      options_(options),
      data_path_(TempName(DataFilename(prefix_, 0, 1))),
      index_path_(TempName(MetaFilename(prefix_))) {
  const std::string dir(Dirname(prefix_));
  if (!dir.empty()) status_ = fs_->RecursivelyCreateDir(dir);
  if (!status_.ok()) return;
  absl::StatusOr<std::unique_ptr<WritableFile>> data = fs_->NewWritableFile(data_path_);
  if (!data.ok()) {
    status_ = data.status();
    return;
  }
  data_ = std::move(*data);
}

BundleWriter::~BundleWriter() {
  if (!finished_) Abandon();
}

void BundleWriter::Abandon() {
  if (data_ != nullptr) {
    data_->Close().IgnoreError();
    data_.reset();
  }
  fs_->DeleteFile(data_path_).IgnoreError();
  fs_->DeleteFile(index_path_).IgnoreError();
  // A data file renamed into place has no index: nothing can read it.
  if (data_renamed_) fs_->DeleteFile(DataFilename(prefix_, 0, 1)).IgnoreError();
}

absl::Status BundleWriter::Append(absl::string_view bytes) {
  RETURN_IF_ERROR(data_->Append(bytes));
  size_ += bytes.size();
  return absl::OkStatus();
}

absl::Status BundleWriter::Add(absl::string_view key, const Tensor& tensor) {
  if (finished_) return errors::FailedPrecondition("BundleWriter for ", prefix_, " is finished");
  if (!status_.ok()) return status_;
  if (key == kHeaderKey) {
    return errors::InvalidArgument("The empty key is the bundle header's; a tensor needs a name");
  }
  if (entries_.count(std::string(key)) > 0) {
    return errors::InvalidArgument("Adding duplicate key: ", key);
  }
  const DataType dtype = tensor.dtype();
  if (!DataTypeCanUseMemcpy(dtype) && dtype != DT_STRING) {
    return errors::InvalidArgument("Cannot save tensor ", key, " of dtype ",
                                   DataTypeString(dtype), " in a checkpoint");
  }
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(dtype);
  tensor.shape().AsProto(entry.mutable_shape());
  entry.set_shard_id(0);
  entry.set_offset(static_cast<int64_t>(size_));
  uint32_t crc;
  absl::Status status;
  if (dtype == DT_STRING) {
    const std::string bytes = EncodeStrings(tensor, &crc);
    entry.set_size(bytes.size());
    status = Append(bytes);
  } else {
    const absl::string_view bytes = tensor.tensor_data();
    crc = crc32c::Value(bytes);
    entry.set_size(bytes.size());
    status = Append(bytes);
  }
  if (status.ok() && options_.data_alignment > 1 && size_ % options_.data_alignment != 0) {
    status = Append(std::string(options_.data_alignment - size_ % options_.data_alignment, '\0'));
  }
  if (!status.ok()) {
    status_ = status;
    return status_;
  }
  entry.set_crc32c(crc32c::Mask(crc));
  entries_.emplace(std::string(key), std::move(entry));
  return absl::OkStatus();
}

absl::Status BundleWriter::WriteIndex() {
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs_->NewWritableFile(index_path_));
  table::TableBuilder builder(table::TableOptions(), file.get());
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(1);
  header.set_endianness(tensorflow::BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(kTensorBundleVersion);
  header.mutable_version()->set_min_consumer(0);
  RETURN_IF_ERROR(builder.Add(kHeaderKey, header.SerializeAsString()));
  for (const auto& [key, entry] : entries_) {
    RETURN_IF_ERROR(builder.Add(key, entry.SerializeAsString()));
  }
  RETURN_IF_ERROR(builder.Finish());
  RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

absl::Status BundleWriter::Finish() {
  if (finished_) return errors::FailedPrecondition("BundleWriter for ", prefix_, " is finished");
  if (status_.ok()) status_ = data_->Sync();
  if (status_.ok()) status_ = data_->Close();
  data_.reset();
  if (status_.ok()) status_ = fs_->RenameFile(data_path_, DataFilename(prefix_, 0, 1));
  data_renamed_ = status_.ok();
  if (status_.ok()) status_ = WriteIndex();
  if (status_.ok()) status_ = fs_->RenameFile(index_path_, MetaFilename(prefix_));
  if (!status_.ok()) Abandon();
  finished_ = true;
  return status_;
}

// ---------------------------------------------------------------------------------------
// BundleReader

absl::StatusOr<std::unique_ptr<BundleReader>> BundleReader::Open(FileSystem* fs,
                                                                 std::string prefix) {
  std::unique_ptr<BundleReader> reader(new BundleReader(fs, std::move(prefix)));
  const std::string index = MetaFilename(reader->prefix_);
  absl::StatusOr<uint64_t> size = fs->GetFileSize(index);
  if (errors::IsNotFound(size.status())) {
    return errors::NotFound("Checkpoint ", reader->prefix_, " not found: there is no ", index);
  }
  RETURN_IF_ERROR(size.status());
  ASSIGN_OR_RETURN(reader->index_file_, fs->NewRandomAccessFile(index));
  ASSIGN_OR_RETURN(reader->table_, table::Table::Open(reader->index_file_.get(), *size));
  reader->iterator_ = reader->table_->NewIterator();

  table::Table::Iterator& it = *reader->iterator_;
  it.SeekToFirst();
  RETURN_IF_ERROR(it.status());
  if (!it.Valid() || !it.key().empty()) {
    return errors::DataLoss("Checkpoint index ", index, " has no header entry");
  }
  tensorflow::BundleHeaderProto& header = reader->header_;
  if (!header.ParseFromArray(it.value().data(), static_cast<int>(it.value().size()))) {
    return errors::DataLoss("Checkpoint index ", index, ": the header does not parse");
  }
  if (header.num_shards() < 1) {
    return errors::DataLoss("Checkpoint index ", index, ": bad num_shards ", header.num_shards());
  }
  if (header.endianness() != tensorflow::BundleHeaderProto::LITTLE) {
    return errors::Unimplemented("Checkpoint ", reader->prefix_,
                                 " holds big-endian data; only little-endian is supported");
  }
  const tensorflow::VersionDef& version = header.version();
  if (version.producer() < kTensorBundleMinProducer) {
    return errors::InvalidArgument("Checkpoint ", reader->prefix_, " has producer version ",
                                   version.producer(), " below the oldest supported, ",
                                   kTensorBundleMinProducer);
  }
  if (version.min_consumer() > kTensorBundleVersion) {
    return errors::InvalidArgument("Checkpoint ", reader->prefix_, " needs a reader of version ",
                                   version.min_consumer(), " or newer; this one is version ",
                                   kTensorBundleVersion);
  }
  for (int bad : version.bad_consumers()) {
    if (bad == kTensorBundleVersion) {
      return errors::InvalidArgument("Checkpoint ", reader->prefix_,
                                     " disallows readers of version ", kTensorBundleVersion);
    }
  }
  return reader;
}

bool BundleReader::Contains(absl::string_view key) {
  if (key.empty()) return false;
  iterator_->Seek(key);
  return iterator_->Valid() && iterator_->key() == key;
}

absl::StatusOr<tensorflow::BundleEntryProto> BundleReader::GetEntry(absl::string_view key) {
  if (!key.empty()) iterator_->Seek(key);
  RETURN_IF_ERROR(iterator_->status());
  if (key.empty() || !iterator_->Valid() || iterator_->key() != key) {
    return errors::NotFound("Key ", key, " not found in checkpoint ", prefix_);
  }
  tensorflow::BundleEntryProto entry;
  if (!entry.ParseFromArray(iterator_->value().data(),
                            static_cast<int>(iterator_->value().size()))) {
    return errors::DataLoss("The entry of ", key, " in ", MetaFilename(prefix_),
                            " does not parse");
  }
  if (!TensorShape::IsValidShape(entry.shape()).ok()) {
    return errors::DataLoss("The entry of ", key, " in ", MetaFilename(prefix_),
                            " has an invalid shape: ", entry.shape().ShortDebugString());
  }
  return entry;
}

absl::StatusOr<std::vector<std::pair<std::string, tensorflow::BundleEntryProto>>>
BundleReader::ListEntries() {
  std::vector<std::string> keys;
  for (iterator_->SeekToFirst(); iterator_->Valid(); iterator_->Next()) {
    if (!iterator_->key().empty()) keys.emplace_back(iterator_->key());
  }
  RETURN_IF_ERROR(iterator_->status());
  std::vector<std::pair<std::string, tensorflow::BundleEntryProto>> entries;
  entries.reserve(keys.size());
  for (std::string& key : keys) {
    ASSIGN_OR_RETURN(tensorflow::BundleEntryProto entry, GetEntry(key));
    entries.emplace_back(std::move(key), std::move(entry));
  }
  return entries;
}

absl::StatusOr<Tensor> BundleReader::Lookup(absl::string_view key) {
  ASSIGN_OR_RETURN(const tensorflow::BundleEntryProto entry, GetEntry(key));
  if (entry.slices_size() > 0) {
    return errors::Unimplemented("Tensor ", key, " of checkpoint ", prefix_, " is saved in ",
                                 entry.slices_size(),
                                 " slices (a partitioned variable); reading slices is not "
                                 "supported");
  }
  return ReadTensor(key, entry);
}

absl::StatusOr<std::pair<RandomAccessFile*, uint64_t>> BundleReader::DataFile(int shard_id) {
  auto it = data_files_.find(shard_id);
  if (it == data_files_.end()) {
    const std::string path = DataFilename(prefix_, shard_id, header_.num_shards());
    absl::StatusOr<uint64_t> size = fs_->GetFileSize(path);
    if (errors::IsNotFound(size.status())) {
      return errors::DataLoss("Data file ", path, " of checkpoint ", prefix_, " is missing");
    }
    RETURN_IF_ERROR(size.status());
    ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, fs_->NewRandomAccessFile(path));
    it = data_files_.emplace(shard_id, std::make_pair(std::move(file), *size)).first;
  }
  return std::make_pair(it->second.first.get(), it->second.second);
}

absl::StatusOr<Tensor> BundleReader::ReadTensor(absl::string_view key,
                                                const tensorflow::BundleEntryProto& entry) {
  const DataType dtype = entry.dtype();
  if (!DataTypeCanUseMemcpy(dtype) && dtype != DT_STRING) {
    return errors::Unimplemented("Tensor ", key, " of checkpoint ", prefix_, " has dtype ",
                                 DataTypeString(dtype), ", which cannot be read");
  }
  if (entry.shard_id() < 0 || entry.shard_id() >= header_.num_shards()) {
    return errors::DataLoss("The entry of ", key, " in ", MetaFilename(prefix_),
                            " names shard ", entry.shard_id(), " of ", header_.num_shards());
  }
  ASSIGN_OR_RETURN(const auto data, DataFile(entry.shard_id()));
  RandomAccessFile* const file = data.first;
  const uint64_t file_size = data.second;
  const uint64_t offset = static_cast<uint64_t>(entry.offset());
  const uint64_t size = static_cast<uint64_t>(entry.size());
  if (entry.offset() < 0 || entry.size() < 0 || offset > file_size || size > file_size - offset) {
    return errors::DataLoss("Tensor ", key, " lies at [", entry.offset(), ", ",
                            entry.offset() + entry.size(), ") but ", file->name(), " has only ",
                            file_size, " bytes: the file is truncated");
  }
  ASSIGN_OR_RETURN(const TensorShape shape, TensorShape::FromProto(entry.shape()));
  const int64_t num_elements = shape.num_elements();
  if (dtype != DT_STRING) {
    if (size / DataTypeSize(dtype) != static_cast<uint64_t>(num_elements) ||
        size % DataTypeSize(dtype) != 0) {
      return errors::DataLoss("Tensor ", key, " in ", MetaFilename(prefix_), " is ",
                              DataTypeString(dtype), " ", shape.DebugString(), " but its entry",
                              " says ", size, " bytes");
    }
  } else if (size < static_cast<uint64_t>(num_elements) + 4) {
    return errors::DataLoss("Tensor ", key, " in ", MetaFilename(prefix_), " holds ",
                            num_elements, " strings but its entry says only ", size, " bytes");
  }

  Tensor tensor(dtype, shape);
  std::string buffer;
  char* scratch;
  if (dtype == DT_STRING) {
    buffer.resize(size);
    scratch = buffer.data();
  } else {
    scratch = static_cast<char*>(tensor.data());
  }
  absl::string_view bytes;
  const absl::Status read = file->Read(offset, size, &bytes, scratch);
  if (errors::IsOutOfRange(read) || (read.ok() && bytes.size() != size)) {
    return errors::DataLoss("Reading tensor ", key, " from ", file->name(), ": wanted ", size,
                            " bytes at offset ", offset, ", the file ended after ",
                            bytes.size());
  }
  RETURN_IF_ERROR(read);
  if (size > 0 && bytes.data() != scratch) std::memmove(scratch, bytes.data(), size);
  bytes = absl::string_view(scratch, size);

  uint32_t actual;
  if (dtype != DT_STRING) {
    actual = crc32c::Value(bytes);
  } else {
    auto corrupt = [&](absl::string_view what) {
      return errors::DataLoss("String tensor ", key, " in ", file->name(), " is corrupted: ",
                              what);
    };
    absl::string_view rest = bytes;
    std::vector<uint64_t> lengths(num_elements);
    actual = 0;
    uint64_t total = 0;
    for (int64_t i = 0; i < num_elements; ++i) {
      if (!GetVarint64(&rest, &lengths[i])) return corrupt(absl::StrCat("bad length ", i));
      actual = ExtendLength(actual, lengths[i]);
      total += lengths[i];
    }
    if (rest.size() < 4) return corrupt("the lengths run past its size");
    const uint32_t stored_lengths_crc = crc32c::Unmask(DecodeFixed32(rest.data()));
    if (stored_lengths_crc != actual) {
      return errors::DataLoss("Checksum mismatch for the string lengths of tensor ", key, " in ",
                              file->name(), ": stored ", Hex32(stored_lengths_crc),
                              ", computed ", Hex32(actual));
    }
    actual = crc32c::Extend(actual, rest.data(), 4);
    rest.remove_prefix(4);
    if (total != rest.size()) {
      return corrupt(absl::StrCat("the lengths add up to ", total, " bytes, the entry leaves ",
                                  rest.size()));
    }
    auto strings = tensor.flat<std::string>();
    for (int64_t i = 0; i < num_elements; ++i) {
      strings(i).assign(rest.data(), lengths[i]);
      rest.remove_prefix(lengths[i]);
    }
    actual = crc32c::Extend(actual, bytes.data() + bytes.size() - total, total);
  }
  const uint32_t stored = crc32c::Unmask(entry.crc32c());
  if (stored != actual) {
    return errors::DataLoss("Checksum mismatch for tensor ", key, " in ", file->name(),
                            " (", size, " bytes at offset ", offset, "): stored ", Hex32(stored),
                            ", computed ", Hex32(actual), ". The checkpoint is corrupted.");
  }
  return tensor;
}

}  // namespace io
}  // namespace rill
