// Tensor bundles: TensorFlow's V2 checkpoint format (CHECKPOINT_FORMAT.md), a table of
// BundleEntryProtos in <prefix>.index and the tensors' bytes in
// <prefix>.data-00000-of-00001. BundleWriter writes one; BundleReader reads it, or one
// TensorFlow wrote, checking every checksum.
#ifndef RILL_CORE_IO_TENSOR_BUNDLE_TENSOR_BUNDLE_H_
#define RILL_CORE_IO_TENSOR_BUNDLE_TENSOR_BUNDLE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/tensor.h"
#include "core/io/file_system.h"
#include "core/io/table.h"
#include "core/protos/tensor_bundle.pb.h"

namespace rill {
namespace io {

// kTensorBundleVersion is the format version written (VersionDef.producer), and the
// newest a BundleReader reads; kTensorBundleMinProducer the oldest it reads.
inline constexpr int kTensorBundleVersion = 1;
inline constexpr int kTensorBundleMinProducer = 0;

// MetaFilename is the index file of a bundle: "<prefix>.index".
std::string MetaFilename(absl::string_view prefix);

// DataFilename is data file `shard_id` of `num_shards`: "<prefix>.data-00000-of-00001".
std::string DataFilename(absl::string_view prefix, int shard_id, int num_shards);

// BundleWriterOptions: the layout of the data file.
struct BundleWriterOptions {
  // data_alignment > 1 pads each tensor's bytes with zeros to a multiple of it.
  int data_alignment = 1;
};

// BundleWriter writes the bundle `prefix` through `fs` (not owned; must outlive it). The
// files are written under temporary names ("<file>.tempstate<random>") and renamed into
// place by Finish, data file first and index last, each synced before its rename: a crash
// before Finish returns leaves no index, so no reader ever sees a half-written bundle.
// The first error sticks. Not thread-safe.
//
//   BundleWriter writer(fs, "/tmp/model-100");
//   RETURN_IF_ERROR(writer.Add("w", w_value));
//   RETURN_IF_ERROR(writer.Add("b", b_value));
//   RETURN_IF_ERROR(writer.Finish());
class BundleWriter {
 public:
  // The constructor creates prefix's directory if needed and opens the data file; errors
  // show up in status() and every later call.
  BundleWriter(FileSystem* fs, std::string prefix,
               const BundleWriterOptions& options = BundleWriterOptions());
  // Destroying an unfinished writer deletes its temporary files.
  ~BundleWriter();
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;

  // Add appends `tensor` under `key` to the data file; tensors are laid out in Add order,
  // index entries sorted by key. InvalidArgument for the empty key (the header's), a key
  // added before, or a dtype without a byte encoding (resource, variant); numeric, bool
  // and string tensors are supported.
  absl::Status Add(absl::string_view key, const Tensor& tensor);

  // Finish closes and renames the data file, then writes, syncs and renames the index.
  // Afterwards every call returns FailedPrecondition.
  absl::Status Finish();

  const absl::Status& status() const { return status_; }

 private:
  // Append writes `bytes` to the data file and counts them.
  absl::Status Append(absl::string_view bytes);
  // WriteIndex writes the index table to the temporary index file.
  absl::Status WriteIndex();
  // Abandon closes and deletes the temporary files, and the data file when it was renamed
  // into place but the index could not follow.
  void Abandon();

  FileSystem* const fs_;
  const std::string prefix_;
  const BundleWriterOptions options_;
  const std::string data_path_;   // temporary names
  const std::string index_path_;
  std::unique_ptr<WritableFile> data_;
  uint64_t size_ = 0;  // bytes in the data file
  std::map<std::string, tensorflow::BundleEntryProto> entries_;
  absl::Status status_;
  bool data_renamed_ = false;
  bool finished_ = false;
};

// BundleReader reads the bundle `prefix`. Errors name the file and the tensor:
//   NotFound      the bundle does not exist (no <prefix>.index), or a key is not in it;
//   DataLoss      a checksum mismatch, a truncated file, an entry or header that does not
//                 parse, sizes that do not add up;
//   Unimplemented big-endian data, partitioned (sliced) tensors, dtypes without a byte
//                 encoding (variant).
// Not thread-safe (it caches open data files).
class BundleReader {
 public:
  // Open opens the index of `prefix` through `fs` (not owned; must outlive the reader),
  // reads and checks the header and its versions.
  static absl::StatusOr<std::unique_ptr<BundleReader>> Open(FileSystem* fs, std::string prefix);

  const std::string& prefix() const { return prefix_; }
  const tensorflow::BundleHeaderProto& header() const { return header_; }

  // Contains says whether `key` names a tensor of the bundle.
  bool Contains(absl::string_view key);

  // GetEntry returns the entry of `key` (dtype, shape, where its bytes are).
  absl::StatusOr<tensorflow::BundleEntryProto> GetEntry(absl::string_view key);

  // Lookup reads the tensor saved under `key`, verifying its checksum.
  absl::StatusOr<Tensor> Lookup(absl::string_view key);

  // ListEntries returns every tensor's key and entry, sorted by key (the header excluded).
  absl::StatusOr<std::vector<std::pair<std::string, tensorflow::BundleEntryProto>>>
  ListEntries();

 private:
  BundleReader(FileSystem* fs, std::string prefix) : fs_(fs), prefix_(std::move(prefix)) {}

  // ReadTensor reads and checks the bytes `entry` describes.
  absl::StatusOr<Tensor> ReadTensor(absl::string_view key,
                                    const tensorflow::BundleEntryProto& entry);
  // DataFile opens (once) data file `shard_id` and returns it with its size.
  absl::StatusOr<std::pair<RandomAccessFile*, uint64_t>> DataFile(int shard_id);

  FileSystem* const fs_;
  const std::string prefix_;
  std::unique_ptr<RandomAccessFile> index_file_;
  std::unique_ptr<table::Table> table_;
  std::unique_ptr<table::Table::Iterator> iterator_;
  tensorflow::BundleHeaderProto header_;
  std::map<int, std::pair<std::unique_ptr<RandomAccessFile>, uint64_t>> data_files_;
};

}  // namespace io
}  // namespace rill

#endif  // RILL_CORE_IO_TENSOR_BUNDLE_TENSOR_BUNDLE_H_
