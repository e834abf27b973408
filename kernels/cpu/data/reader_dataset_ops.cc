// CPU kernels of the file reader datasets: TextLineDataset, FixedLengthRecordDatasetV2 and
// TFRecordDataset. Files are read one after another through core/io's streams (NONE, ZLIB
// or GZIP), in memory bounded by the buffer size and the largest line or record. An error
// in one file (NotFound, DataLoss naming the file and offset) is returned, and the next
// GetNext goes on with the next file, as TensorFlow's readers do.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/io/buffered_input_stream.h"
#include "core/io/compression.h"
#include "core/io/file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/record_reader.h"
#include "core/io/zlib_input_stream.h"
#include "kernels/cpu/data/batch_builder.h"
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {
namespace {

constexpr int64_t kDefaultBufferSize = 256 << 10;

// ReaderOptions: what every reader dataset reads, and how.
struct ReaderOptions {
  std::vector<std::string> filenames;
  io::Compression compression = io::Compression::kNone;
  size_t buffer_size = kDefaultBufferSize;
};

absl::Status ReadFilenames(OpKernelContext* ctx, std::vector<std::string>* filenames) {
  const Tensor& input = ctx->input(0);
  if (input.dtype() != DT_STRING || input.dims() > 1) {
    return errors::InvalidArgument("`filenames` must be a scalar or a vector of strings, got ",
                                   DataTypeString(input.dtype()), " of shape ",
                                   input.shape().DebugString());
  }
  const auto flat = input.flat<std::string>();
  for (int64_t i = 0; i < flat.size(); ++i) filenames->push_back(flat(i));
  return absl::OkStatus();
}

absl::Status ReadCompression(OpKernelContext* ctx, absl::string_view input,
                             io::Compression* compression) {
  std::string name;
  RETURN_IF_ERROR(ReadScalarInput(ctx, input, &name));
  ASSIGN_OR_RETURN(*compression, io::ParseCompression(name));
  return absl::OkStatus();
}

absl::Status ReadBufferSize(OpKernelContext* ctx, size_t* buffer_size) {
  int64_t size;
  RETURN_IF_ERROR(ReadScalarInput(ctx, "buffer_size", &size));
  if (size < 0) return errors::InvalidArgument("`buffer_size` must be >= 0, got ", size);
  *buffer_size = size == 0 ? kDefaultBufferSize : size;
  return absl::OkStatus();
}

// FileStream is an open file and the stream of its uncompressed bytes.
struct FileStream {
  std::unique_ptr<io::RandomAccessFile> file;
  std::unique_ptr<io::InputStream> buffered;
  std::unique_ptr<io::InputStream> decompressed;
  io::InputStream* bytes = nullptr;
};

absl::StatusOr<std::unique_ptr<FileStream>> OpenStream(const std::string& path,
                                                       const ReaderOptions& options) {
  auto stream = std::make_unique<FileStream>();
  ASSIGN_OR_RETURN(stream->file, io::LocalFileSystem::Default()->NewRandomAccessFile(path));
  stream->buffered =
      std::make_unique<io::BufferedInputStream>(stream->file.get(), options.buffer_size);
  stream->bytes = stream->buffered.get();
  if (options.compression != io::Compression::kNone) {
    io::ZlibOptions zlib;
    zlib.input_buffer_size = options.buffer_size;
    zlib.output_buffer_size = options.buffer_size;
    stream->decompressed = std::make_unique<io::ZlibInputStream>(
        stream->buffered.get(), path, options.compression, zlib, /*tailing=*/false);
    stream->bytes = stream->decompressed.get();
  }
  return stream;
}

// FileIterator reads the files one after another: ReadFromFile reads the next element of
// the open file, a string, or returns OutOfRange at its end. Batches get the strings read
// straight into their tensor, without a tensor per element.
class FileIterator : public IteratorBase {
 public:
  explicit FileIterator(const ReaderOptions& options) : options_(options) {}

  absl::Status GetNext(Element* out, bool* end_of_sequence) final {
    Tensor element(DT_STRING, TensorShape());
    RETURN_IF_ERROR(ReadNext(&element.scalar<std::string>()(), end_of_sequence));
    if (!*end_of_sequence) {
      out->clear();
      out->push_back(std::move(element));
    }
    return absl::OkStatus();
  }

  absl::Status GetNextBatch(BatchBuilder* batch) final {
    while (!batch->full()) {
      std::string* element = batch->NextString();
      if (element == nullptr) {
        return errors::ResourceExhausted("Out of memory for a batch of ", batch->capacity(),
                                         " strings");
      }
      bool end_of_sequence = false;
      RETURN_IF_ERROR(ReadNext(element, &end_of_sequence));
      if (end_of_sequence) break;
      batch->AddString();
    }
    return absl::OkStatus();
  }

 protected:
  virtual absl::Status OpenFile(const std::string& path) = 0;
  // ReadFromFile overwrites `*out` with the element, whatever it held.
  virtual absl::Status ReadFromFile(std::string* out) = 0;
  virtual void CloseFile() = 0;

  const ReaderOptions& options() const { return options_; }

 private:
  // ReadNext reads the next element of the files into `*out`.
  absl::Status ReadNext(std::string* out, bool* end_of_sequence) {
    while (next_file_ < options_.filenames.size() || open_) {
      if (!open_) {
        const std::string& path = options_.filenames[next_file_];
        absl::Status opened = OpenFile(path);
        if (!opened.ok()) {
          ++next_file_;
          return opened;
        }
        open_ = true;
      }
      absl::Status read = ReadFromFile(out);
      if (read.ok()) {
        *end_of_sequence = false;
        return read;
      }
      CloseFile();
      open_ = false;
      ++next_file_;
      if (!absl::IsOutOfRange(read)) return read;
    }
    *end_of_sequence = true;
    return absl::OkStatus();
  }

  const ReaderOptions& options_;
  size_t next_file_ = 0;
  bool open_ = false;
};

// ReaderDataset is a reader's dataset: options plus how to make the per-file iterator.
template <typename FileIteratorType>
class ReaderDataset : public DatasetBase {
 public:
  ReaderDataset(std::string op, std::string node_name, ReaderOptions options,
                typename FileIteratorType::Params params)
      : DatasetBase(std::move(op), std::move(node_name), {DT_STRING},
                    {PartialTensorShape(TensorShape())}),
        options_(std::move(options)),
        params_(params) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(std::shared_ptr<IteratorContext>,
                                                             const std::string&) const override {
    return std::make_unique<Holder>(
        std::static_pointer_cast<const ReaderDataset>(shared_from_this()));
  }

 private:
  // Holder keeps the dataset (and so the options the iterator reads) alive.
  class Holder : public FileIteratorType {
   public:
    explicit Holder(std::shared_ptr<const ReaderDataset> dataset)
        : FileIteratorType(dataset->options_, dataset->params_), dataset_(std::move(dataset)) {}

   private:
    const std::shared_ptr<const ReaderDataset> dataset_;
  };

  const ReaderOptions options_;
  const typename FileIteratorType::Params params_;
};

// --- TextLineDataset ---

class TextLineIterator : public FileIterator {
 public:
  struct Params {};
  TextLineIterator(const ReaderOptions& options, Params) : FileIterator(options) {}

 protected:
  absl::Status OpenFile(const std::string& path) override {
    ASSIGN_OR_RETURN(stream_, OpenStream(path, options()));
    chunk_.clear();
    position_ = 0;
    at_end_ = false;
    return absl::OkStatus();
  }

  // ReadFromFile returns the bytes up to the next "\n" (without it, nor a "\r" before it);
  // a last line without "\n" counts; OutOfRange when no byte is left.
  absl::Status ReadFromFile(std::string* out) override {
    std::string& line = *out;
    line.clear();
    bool any = false;
    while (true) {
      if (position_ == chunk_.size()) {
        if (at_end_) break;
        const absl::Status read = stream_->bytes->ReadNBytes(options().buffer_size, &chunk_);
        position_ = 0;
        if (absl::IsOutOfRange(read)) {
          at_end_ = true;
        } else if (!read.ok()) {
          return read;
        }
        if (chunk_.empty()) break;
      }
      const size_t newline = chunk_.find('\n', position_);
      if (newline != std::string::npos) {
        line.append(chunk_, position_, newline - position_);
        position_ = newline + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return absl::OkStatus();
      }
      line.append(chunk_, position_, std::string::npos);
      position_ = chunk_.size();
      any = true;
    }
    if (!any) return errors::OutOfRange("end of file");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return absl::OkStatus();
  }

  void CloseFile() override { stream_.reset(); }

 private:
  std::unique_ptr<FileStream> stream_;
  std::string chunk_;
  size_t position_ = 0;
  bool at_end_ = false;
};

class TextLineDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    ReaderOptions options;
    RETURN_IF_ERROR(ReadFilenames(ctx, &options.filenames));
    RETURN_IF_ERROR(ReadCompression(ctx, "compression_type", &options.compression));
    RETURN_IF_ERROR(ReadBufferSize(ctx, &options.buffer_size));
    return std::make_shared<ReaderDataset<TextLineIterator>>(
        "TextLineDataset", name(), std::move(options), TextLineIterator::Params());
  }
};

// --- FixedLengthRecordDatasetV2 ---

class FixedLengthRecordIterator : public FileIterator {
 public:
  struct Params {
    int64_t header_bytes = 0;
    int64_t record_bytes = 0;
    int64_t footer_bytes = 0;
  };
  FixedLengthRecordIterator(const ReaderOptions& options, Params params)
      : FileIterator(options), params_(params) {}

 protected:
  absl::Status OpenFile(const std::string& path) override {
    ASSIGN_OR_RETURN(stream_, OpenStream(path, options()));
    path_ = path;
    pending_.clear();
    position_ = 0;
    std::string header;
    const absl::Status read = stream_->bytes->ReadNBytes(params_.header_bytes, &header);
    if (absl::IsOutOfRange(read)) {
      return errors::DataLoss("Fixed-length record file ", path, " ends at offset ", header.size(),
                              ", inside its ", params_.header_bytes, "-byte header");
    }
    RETURN_IF_ERROR(read);
    offset_ = params_.header_bytes;
    at_end_ = false;
    return absl::OkStatus();
  }

  // ReadFromFile keeps record_bytes + footer_bytes bytes ahead, so that it knows a record
  // is not the footer; at the end exactly footer_bytes must remain.
  absl::Status ReadFromFile(std::string* out) override {
    const size_t wanted = static_cast<size_t>(params_.record_bytes + params_.footer_bytes);
    while (!at_end_ && pending_.size() - position_ < wanted) {
      pending_.erase(0, position_);
      position_ = 0;
      std::string more;
      const absl::Status read = stream_->bytes->ReadNBytes(
          std::max(wanted - pending_.size(), options().buffer_size), &more);
      if (absl::IsOutOfRange(read)) {
        at_end_ = true;
      } else if (!read.ok()) {
        return read;
      }
      pending_.append(more);
    }
    const int64_t available = static_cast<int64_t>(pending_.size() - position_);
    if (available >= static_cast<int64_t>(wanted)) {
      out->assign(pending_, position_, params_.record_bytes);
      position_ += params_.record_bytes;
      offset_ += params_.record_bytes;
      return absl::OkStatus();
    }
    if (available == params_.footer_bytes) return errors::OutOfRange("end of file");
    if (available < params_.footer_bytes) {
      return errors::DataLoss("Fixed-length record file ", path_, " is truncated: it ends at ",
                              "offset ", offset_ + available, ", inside its ", params_.footer_bytes,
                              "-byte footer");
    }
    return errors::DataLoss("Fixed-length record file ", path_, " is truncated: the record at ",
                            "offset ", offset_, " has ", available - params_.footer_bytes,
                            " of its ", params_.record_bytes, " bytes before the ",
                            params_.footer_bytes, "-byte footer");
  }

  void CloseFile() override {
    stream_.reset();
    pending_.clear();
    position_ = 0;
  }

 private:
  const Params params_;
  std::unique_ptr<FileStream> stream_;
  std::string path_;
  // pending_[position_:] are the bytes read ahead of the next record.
  std::string pending_;
  size_t position_ = 0;
  int64_t offset_ = 0;
  bool at_end_ = false;
};

class FixedLengthRecordDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    ReaderOptions options;
    FixedLengthRecordIterator::Params params;
    RETURN_IF_ERROR(ReadFilenames(ctx, &options.filenames));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "header_bytes", &params.header_bytes));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "record_bytes", &params.record_bytes));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "footer_bytes", &params.footer_bytes));
    RETURN_IF_ERROR(ReadBufferSize(ctx, &options.buffer_size));
    RETURN_IF_ERROR(ReadCompression(ctx, "compression_type", &options.compression));
    if (params.header_bytes < 0 || params.footer_bytes < 0) {
      return errors::InvalidArgument("header_bytes and footer_bytes must be >= 0, got ",
                                     params.header_bytes, " and ", params.footer_bytes);
    }
    if (params.record_bytes <= 0) {
      return errors::InvalidArgument("record_bytes must be > 0, got ", params.record_bytes);
    }
    return std::make_shared<ReaderDataset<FixedLengthRecordIterator>>(
        "FixedLengthRecordDatasetV2", name(), std::move(options), params);
  }
};

// --- TFRecordDataset ---

class TFRecordIterator : public FileIterator {
 public:
  struct Params {};
  TFRecordIterator(const ReaderOptions& options, Params) : FileIterator(options) {}

 protected:
  absl::Status OpenFile(const std::string& path) override {
    ASSIGN_OR_RETURN(file_, io::LocalFileSystem::Default()->NewRandomAccessFile(path));
    io::RecordReaderOptions reader_options;
    reader_options.compression = options().compression;
    reader_options.buffer_size = options().buffer_size;
    reader_options.zlib.input_buffer_size = options().buffer_size;
    reader_options.zlib.output_buffer_size = options().buffer_size;
    reader_ = std::make_unique<io::SequentialRecordReader>(file_.get(), reader_options);
    return absl::OkStatus();
  }

  absl::Status ReadFromFile(std::string* out) override { return reader_->ReadRecord(out); }

  void CloseFile() override {
    reader_.reset();
    file_.reset();
  }

 private:
  std::unique_ptr<io::RandomAccessFile> file_;
  std::unique_ptr<io::SequentialRecordReader> reader_;
};

class TFRecordDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    ReaderOptions options;
    RETURN_IF_ERROR(ReadFilenames(ctx, &options.filenames));
    RETURN_IF_ERROR(ReadCompression(ctx, "compression_type", &options.compression));
    RETURN_IF_ERROR(ReadBufferSize(ctx, &options.buffer_size));
    return std::make_shared<ReaderDataset<TFRecordIterator>>(
        "TFRecordDataset", name(), std::move(options), TFRecordIterator::Params());
  }
};

REGISTER_KERNEL_BUILDER(Name("TextLineDataset").Device(DEVICE_CPU), TextLineDatasetOp);
REGISTER_KERNEL_BUILDER(Name("FixedLengthRecordDatasetV2").Device(DEVICE_CPU),
                        FixedLengthRecordDatasetOp);
REGISTER_KERNEL_BUILDER(Name("TFRecordDataset").Device(DEVICE_CPU), TFRecordDatasetOp);

}  // namespace
}  // namespace data
}  // namespace rill
