// CPU kernels of the batching datasets: BatchDatasetV2 (stacks elements of equal shapes)
// and PaddedBatchDatasetV2 (pads each component to a common shape first).
#include <algorithm>
#include <cstdint>
#include <cstring>
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
#include "kernels/cpu/data/batch_builder.h"
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {
namespace {

// ReadBatchElements reads up to `batch_size` elements of `input` into `batch`, for
// PaddedBatch, whose shapes are known only once all are read.
absl::Status ReadBatchElements(IteratorBase* input, int64_t batch_size,
                               std::vector<Element>* batch) {
  batch->clear();
  batch->reserve(std::min<int64_t>(batch_size, 1024));
  while (static_cast<int64_t>(batch->size()) < batch_size) {
    Element element;
    bool end_of_input = false;
    RETURN_IF_ERROR(input->GetNext(&element, &end_of_input));
    if (end_of_input) break;
    batch->push_back(std::move(element));
  }
  return absl::OkStatus();
}

// CopyElements copies `count` elements of `from`, starting at flat index `from_start`, to
// `to` from flat index `to_start`. REQUIRES: same dtype, memcpy-able or string, in range.
void CopyElements(const Tensor& from, int64_t from_start, Tensor* to, int64_t to_start,
                  int64_t count) {
  if (count == 0) return;
  if (from.dtype() == DT_STRING) {
    const std::string* source = static_cast<const std::string*>(from.data()) + from_start;
    std::copy(source, source + count, static_cast<std::string*>(to->data()) + to_start);
    return;
  }
  const size_t size = DataTypeSize(from.dtype());
  std::memcpy(static_cast<char*>(to->data()) + to_start * size,
              static_cast<const char*>(from.data()) + from_start * size, count * size);
}

// FillTensor sets every element of `tensor` to the scalar `value` (of its dtype).
void FillTensor(const Tensor& value, Tensor* tensor) {
  for (int64_t i = 0; i < tensor->NumElements(); ++i) CopyElements(value, 0, tensor, i, 1);
}

// CopyPadded copies `element` into the leading corner of row `index` of `batch` (whose
// other elements hold the padding), one run of its last dimension at a time.
// REQUIRES: element's rank is the row's and each of its dims fits.
void CopyPadded(const Tensor& element, int64_t index, Tensor* batch) {
  const int rank = element.dims();
  std::vector<int64_t> row_dims(batch->shape().dim_sizes().begin() + 1,
                                batch->shape().dim_sizes().end());
  int64_t row_size = 1;
  for (int64_t d : row_dims) row_size *= d;
  const int64_t run = rank == 0 ? 1 : element.dim_size(rank - 1);
  const int64_t runs = run == 0 ? 0 : element.NumElements() / run;
  std::vector<int64_t> position(std::max(rank - 1, 0), 0);  // of the run, in the element
  for (int64_t r = 0; r < runs; ++r) {
    int64_t offset = 0;
    for (int d = 0; d < rank - 1; ++d) offset = offset * row_dims[d] + position[d];
    if (rank > 0) offset *= row_dims[rank - 1];
    CopyElements(element, r * run, batch, index * row_size + offset, run);
    for (int d = rank - 2; d >= 0; --d) {
      if (++position[d] < element.dim_size(d)) break;
      position[d] = 0;
    }
  }
}

// --- BatchDatasetV2 ---

class BatchDataset : public DatasetBase {
 public:
  BatchDataset(std::string node_name, DatasetPtr input, int64_t batch_size, bool drop_remainder,
               DataTypeVector dtypes, std::vector<PartialTensorShape> shapes)
      : DatasetBase("BatchDatasetV2", std::move(node_name), std::move(dtypes), std::move(shapes)),
        input_(std::move(input)),
        batch_size_(batch_size),
        drop_remainder_(drop_remainder) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input,
                     input_->MakeIterator(ctx, IteratorPrefix(prefix)));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const BatchDataset>(shared_from_this()), std::move(input));
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const BatchDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      BatchBuilder batch(dataset_->batch_size_, &recycled_);
      RETURN_IF_ERROR(input_->GetNextBatch(&batch));
      const int64_t size = batch.size();
      *end_of_sequence = size == 0 || (dataset_->drop_remainder_ && size < dataset_->batch_size_);
      if (*end_of_sequence) return absl::OkStatus();
      const int64_t first = next_index_;
      next_index_ += size;
      const absl::Status stacked = batch.Finish(out);
      if (!stacked.ok() && batch.MismatchRow() >= 0) {
        return dataset_->ElementError(first + batch.MismatchRow(), stacked);
      }
      if (stacked.ok() && batch.full()) recycled_.Keep(*out);
      return stacked;
    }

   private:
    const std::shared_ptr<const BatchDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    int64_t next_index_ = 0;
    RecycledBatches recycled_;
  };

  const DatasetPtr input_;
  const int64_t batch_size_;
  const bool drop_remainder_;
};

class BatchDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override { return ReadOutputStructure(ctx); }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    int64_t batch_size;
    bool drop_remainder;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "batch_size", &batch_size));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "drop_remainder", &drop_remainder));
    if (batch_size <= 0) {
      return errors::InvalidArgument("Batch size must be greater than zero, got ", batch_size);
    }
    return std::make_shared<BatchDataset>(name(), std::move(input), batch_size, drop_remainder,
                                          output_dtypes_, output_shapes_);
  }
};

// --- PaddedBatchDatasetV2 ---

class PaddedBatchDataset : public DatasetBase {
 public:
  PaddedBatchDataset(std::string node_name, DatasetPtr input, int64_t batch_size,
                     std::vector<PartialTensorShape> padded_shapes, Element padding_values,
                     bool drop_remainder, DataTypeVector dtypes,
                     std::vector<PartialTensorShape> shapes)
      : DatasetBase("PaddedBatchDatasetV2", std::move(node_name), std::move(dtypes),
                    std::move(shapes)),
        input_(std::move(input)),
        batch_size_(batch_size),
        padded_shapes_(std::move(padded_shapes)),
        padding_values_(std::move(padding_values)),
        drop_remainder_(drop_remainder) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input,
                     input_->MakeIterator(ctx, IteratorPrefix(prefix)));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const PaddedBatchDataset>(shared_from_this()), std::move(input));
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const PaddedBatchDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      std::vector<Element> batch;
      RETURN_IF_ERROR(ReadBatchElements(input_.get(), dataset_->batch_size_, &batch));
      const int64_t size = static_cast<int64_t>(batch.size());
      *end_of_sequence = size == 0 || (dataset_->drop_remainder_ && size < dataset_->batch_size_);
      if (*end_of_sequence) return absl::OkStatus();
      const int64_t first = next_index_;
      next_index_ += size;
      out->clear();
      for (size_t c = 0; c < batch[0].size(); ++c) {
        ASSIGN_OR_RETURN(Tensor padded, PadComponent(batch, c, first));
        out->push_back(std::move(padded));
      }
      return absl::OkStatus();
    }

   private:
    // PadComponent stacks component c of `batch`, each padded to the batch's padded shape:
    // the padded_shapes dimension, or the largest in the batch where that is -1.
    absl::StatusOr<Tensor> PadComponent(const std::vector<Element>& batch, size_t c,
                                        int64_t first) const {
      const PartialTensorShape& padded = dataset_->padded_shapes_[c];
      std::vector<int64_t> dims(padded.dims(), 0);
      for (size_t i = 0; i < batch.size(); ++i) {
        const Tensor& part = batch[i][c];
        if (part.dims() != padded.dims()) {
          return dataset_->ElementError(
              first + i, errors::InvalidArgument(
                             "Component ", c, " has shape ", part.shape().DebugString(),
                             ", whose rank differs from its padded shape ", padded.DebugString()));
        }
        for (int d = 0; d < padded.dims(); ++d) {
          if (padded.dim_size(d) >= 0 && part.dim_size(d) > padded.dim_size(d)) {
            return dataset_->ElementError(
                first + i,
                errors::InvalidArgument("Attempted to pad to a smaller size than the input "
                                        "element: component ",
                                        c, " has shape ", part.shape().DebugString(),
                                        ", padded shape ", padded.DebugString()));
          }
          dims[d] =
              std::max(dims[d], padded.dim_size(d) >= 0 ? padded.dim_size(d) : part.dim_size(d));
        }
      }
      TensorShape shape(dims);
      shape.InsertDim(0, static_cast<int64_t>(batch.size()));
      Tensor stacked(batch[0][c].dtype(), shape);
      FillTensor(dataset_->padding_values_[c], &stacked);
      for (size_t i = 0; i < batch.size(); ++i) {
        CopyPadded(batch[i][c], static_cast<int64_t>(i), &stacked);
      }
      return stacked;
    }

    const std::shared_ptr<const PaddedBatchDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    int64_t next_index_ = 0;
  };

  const DatasetPtr input_;
  const int64_t batch_size_;
  const std::vector<PartialTensorShape> padded_shapes_;
  const Element padding_values_;
  const bool drop_remainder_;
};

class PaddedBatchDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ReadOutputStructure(ctx, "Toutput_types");
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    int64_t batch_size;
    bool drop_remainder;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "batch_size", &batch_size));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "drop_remainder", &drop_remainder));
    if (batch_size <= 0) {
      return errors::InvalidArgument("Batch size must be greater than zero, got ", batch_size);
    }
    int start, stop;
    RETURN_IF_ERROR(InputRange("padded_shapes", &start, &stop));
    std::vector<PartialTensorShape> padded_shapes;
    for (int i = start; i < stop; ++i) {
      const Tensor& shape = ctx->input(i);
      if (shape.dtype() != DT_INT64 || shape.dims() != 1) {
        return errors::InvalidArgument("padded_shapes[", i - start,
                                       "] must be an int64 vector, got shape ",
                                       shape.shape().DebugString());
      }
      std::vector<int64_t> dims(shape.NumElements());
      for (int64_t d = 0; d < shape.NumElements(); ++d) dims[d] = shape.vec<int64_t>()(d);
      ASSIGN_OR_RETURN(PartialTensorShape padded, PartialTensorShape::Build(dims));
      padded_shapes.push_back(std::move(padded));
    }
    RETURN_IF_ERROR(InputRange("padding_values", &start, &stop));
    Element padding_values;
    for (int i = start; i < stop; ++i) {
      if (ctx->input(i).dims() != 0) {
        return errors::InvalidArgument("padding_values[", i - start,
                                       "] must be a scalar, got shape ",
                                       ctx->input(i).shape().DebugString());
      }
      const DataType dtype = ctx->input(i).dtype();
      if (!DataTypeCanUseMemcpy(dtype) && dtype != DT_STRING) {
        return errors::InvalidArgument("PaddedBatch cannot pad ", DataTypeString(dtype),
                                       " components");
      }
      padding_values.push_back(ctx->input(i));
    }
    if (padded_shapes.size() != input->output_dtypes().size() ||
        padding_values.size() != padded_shapes.size()) {
      return errors::InvalidArgument(
          "PaddedBatch needs one padded shape and one padding value "
          "per component: the input has ",
          input->output_dtypes().size(), " components, got ", padded_shapes.size(), " shapes and ",
          padding_values.size(), " values");
    }
    for (size_t i = 0; i < padding_values.size(); ++i) {
      if (padding_values[i].dtype() != input->output_dtypes()[i]) {
        return errors::InvalidArgument(
            "padding_values[", i, "] is a ", DataTypeString(padding_values[i].dtype()),
            ", but component ", i, " of the input is ", DataTypeString(input->output_dtypes()[i]));
      }
    }
    return std::make_shared<PaddedBatchDataset>(name(), std::move(input), batch_size,
                                                std::move(padded_shapes), std::move(padding_values),
                                                drop_remainder, output_dtypes_, output_shapes_);
  }
};

REGISTER_KERNEL_BUILDER(Name("BatchDatasetV2").Device(DEVICE_CPU), BatchDatasetOp);
REGISTER_KERNEL_BUILDER(Name("PaddedBatchDatasetV2").Device(DEVICE_CPU), PaddedBatchDatasetOp);

}  // namespace
}  // namespace data
}  // namespace rill
