// CPU kernels of the datasets that rearrange whole elements: RepeatDataset, TakeDataset,
// SkipDataset, ZipDataset and ConcatenateDataset.
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
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {
namespace {

// CountDataset is Repeat, Take or Skip: one input and a count (-1: unlimited).
class CountDataset : public DatasetBase {
 public:
  CountDataset(std::string op, std::string node_name, DatasetPtr input, int64_t count,
               DataTypeVector dtypes, std::vector<PartialTensorShape> shapes)
      : DatasetBase(std::move(op), std::move(node_name), std::move(dtypes), std::move(shapes)),
        input_(std::move(input)),
        count_(count) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    const std::string own_prefix = IteratorPrefix(prefix);
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input, input_->MakeIterator(ctx, own_prefix));
    auto self = std::static_pointer_cast<const CountDataset>(shared_from_this());
    if (op() == "RepeatDataset") {
      return std::make_unique<RepeatIterator>(std::move(self), std::move(input), std::move(ctx),
                                              own_prefix);
    }
    if (op() == "TakeDataset") {
      return std::make_unique<TakeIterator>(std::move(self), std::move(input));
    }
    return std::make_unique<SkipIterator>(std::move(self), std::move(input));
  }

 private:
  // RepeatIterator starts a new pass over the input after each one ends, count times (or
  // forever); a pass that ends at once ends the repetition, so an empty input repeated
  // forever is empty.
  class RepeatIterator : public IteratorBase {
   public:
    RepeatIterator(std::shared_ptr<const CountDataset> dataset, std::unique_ptr<IteratorBase> input,
                   std::shared_ptr<IteratorContext> ctx, std::string prefix)
        : dataset_(std::move(dataset)),
          input_(std::move(input)),
          ctx_(std::move(ctx)),
          prefix_(std::move(prefix)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      while (dataset_->count_ < 0 || passes_ < dataset_->count_) {
        bool end_of_pass = false;
        RETURN_IF_ERROR(input_->GetNext(out, &end_of_pass));
        if (!end_of_pass) {
          produced_in_pass_ = true;
          *end_of_sequence = false;
          return absl::OkStatus();
        }
        if (dataset_->count_ < 0 && !produced_in_pass_) break;
        ++passes_;
        produced_in_pass_ = false;
        if (dataset_->count_ < 0 || passes_ < dataset_->count_) {
          ASSIGN_OR_RETURN(input_, dataset_->input_->MakeIterator(ctx_, prefix_));
        }
      }
      *end_of_sequence = true;
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const CountDataset> dataset_;
    std::unique_ptr<IteratorBase> input_;
    const std::shared_ptr<IteratorContext> ctx_;
    const std::string prefix_;
    int64_t passes_ = 0;
    bool produced_in_pass_ = false;
  };

  class TakeIterator : public IteratorBase {
   public:
    TakeIterator(std::shared_ptr<const CountDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      if (dataset_->count_ >= 0 && taken_ >= dataset_->count_) {
        *end_of_sequence = true;
        return absl::OkStatus();
      }
      RETURN_IF_ERROR(input_->GetNext(out, end_of_sequence));
      if (!*end_of_sequence) ++taken_;
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const CountDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    int64_t taken_ = 0;
  };

  class SkipIterator : public IteratorBase {
   public:
    SkipIterator(std::shared_ptr<const CountDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      while (dataset_->count_ < 0 || skipped_ < dataset_->count_) {
        RETURN_IF_ERROR(input_->GetNext(out, end_of_sequence));
        if (*end_of_sequence) return absl::OkStatus();
        ++skipped_;
      }
      return input_->GetNext(out, end_of_sequence);
    }

   private:
    const std::shared_ptr<const CountDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    int64_t skipped_ = 0;
  };

  const DatasetPtr input_;
  const int64_t count_;
};

class CountDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override { return ReadOutputStructure(ctx); }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    int64_t count;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "count", &count));
    return std::make_shared<CountDataset>(type_string(), name(), std::move(input), count,
                                          output_dtypes_, output_shapes_);
  }
};

// --- ZipDataset ---

class ZipDataset : public DatasetBase {
 public:
  ZipDataset(std::string node_name, std::vector<DatasetPtr> inputs, DataTypeVector dtypes,
             std::vector<PartialTensorShape> shapes)
      : DatasetBase("ZipDataset", std::move(node_name), std::move(dtypes), std::move(shapes)),
        inputs_(std::move(inputs)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    std::vector<std::unique_ptr<IteratorBase>> inputs;
    for (size_t i = 0; i < inputs_.size(); ++i) {
      ASSIGN_OR_RETURN(
          std::unique_ptr<IteratorBase> input,
          inputs_[i]->MakeIterator(ctx, absl::StrCat(IteratorPrefix(prefix), "[", i, "]")));
      inputs.push_back(std::move(input));
    }
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const ZipDataset>(shared_from_this()), std::move(inputs));
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const ZipDataset> dataset,
             std::vector<std::unique_ptr<IteratorBase>> inputs)
        : dataset_(std::move(dataset)), inputs_(std::move(inputs)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      out->clear();
      for (const std::unique_ptr<IteratorBase>& input : inputs_) {
        Element part;
        RETURN_IF_ERROR(input->GetNext(&part, end_of_sequence));
        if (*end_of_sequence) return absl::OkStatus();
        for (Tensor& tensor : part) out->push_back(std::move(tensor));
      }
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const ZipDataset> dataset_;
    const std::vector<std::unique_ptr<IteratorBase>> inputs_;
  };

  const std::vector<DatasetPtr> inputs_;
};

class ZipDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override { return ReadOutputStructure(ctx); }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    std::vector<DatasetPtr> inputs;
    DataTypeVector dtypes;
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      ASSIGN_OR_RETURN(DatasetPtr input,
                       GetDatasetFromVariantTensor(ctx->input(i), "input_datasets"));
      dtypes.insert(dtypes.end(), input->output_dtypes().begin(), input->output_dtypes().end());
      inputs.push_back(std::move(input));
    }
    if (dtypes != output_dtypes_) {
      return errors::InvalidArgument("The zipped datasets have dtypes (",
                                     DataTypeVectorString(dtypes), "), but output_types is (",
                                     DataTypeVectorString(output_dtypes_), ")");
    }
    return std::make_shared<ZipDataset>(name(), std::move(inputs), output_dtypes_, output_shapes_);
  }
};

// --- ConcatenateDataset ---

class ConcatenateDataset : public DatasetBase {
 public:
  ConcatenateDataset(std::string node_name, DatasetPtr first, DatasetPtr second,
                     DataTypeVector dtypes, std::vector<PartialTensorShape> shapes)
      : DatasetBase("ConcatenateDataset", std::move(node_name), std::move(dtypes),
                    std::move(shapes)),
        first_(std::move(first)),
        second_(std::move(second)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    const std::string own_prefix = IteratorPrefix(prefix);
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> first,
                     first_->MakeIterator(ctx, absl::StrCat(own_prefix, "[0]")));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const ConcatenateDataset>(shared_from_this()), std::move(first),
        std::move(ctx), own_prefix);
  }

 private:
  // Iterator reads the first input, then makes and reads the second.
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const ConcatenateDataset> dataset, std::unique_ptr<IteratorBase> first,
             std::shared_ptr<IteratorContext> ctx, std::string prefix)
        : dataset_(std::move(dataset)),
          current_(std::move(first)),
          ctx_(std::move(ctx)),
          prefix_(std::move(prefix)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      RETURN_IF_ERROR(current_->GetNext(out, end_of_sequence));
      if (!*end_of_sequence || on_second_) return absl::OkStatus();
      ASSIGN_OR_RETURN(current_,
                       dataset_->second_->MakeIterator(ctx_, absl::StrCat(prefix_, "[1]")));
      on_second_ = true;
      return current_->GetNext(out, end_of_sequence);
    }

   private:
    const std::shared_ptr<const ConcatenateDataset> dataset_;
    std::unique_ptr<IteratorBase> current_;
    const std::shared_ptr<IteratorContext> ctx_;
    const std::string prefix_;
    bool on_second_ = false;
  };

  const DatasetPtr first_;
  const DatasetPtr second_;
};

class ConcatenateDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override { return ReadOutputStructure(ctx); }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    ASSIGN_OR_RETURN(DatasetPtr first, GetDatasetFromVariantTensor(ctx->input(0), "input_dataset"));
    ASSIGN_OR_RETURN(DatasetPtr second,
                     GetDatasetFromVariantTensor(ctx->input(1), "another_dataset"));
    if (first->output_dtypes() != second->output_dtypes()) {
      return errors::InvalidArgument(
          "input dataset and dataset to concatenate have different types: (",
          DataTypeVectorString(first->output_dtypes()), ") and (",
          DataTypeVectorString(second->output_dtypes()), ")");
    }
    return std::make_shared<ConcatenateDataset>(name(), std::move(first), std::move(second),
                                                output_dtypes_, output_shapes_);
  }
};

REGISTER_KERNEL_BUILDER(Name("RepeatDataset").Device(DEVICE_CPU), CountDatasetOp);
REGISTER_KERNEL_BUILDER(Name("TakeDataset").Device(DEVICE_CPU), CountDatasetOp);
REGISTER_KERNEL_BUILDER(Name("SkipDataset").Device(DEVICE_CPU), CountDatasetOp);
REGISTER_KERNEL_BUILDER(Name("ZipDataset").Device(DEVICE_CPU), ZipDatasetOp);
REGISTER_KERNEL_BUILDER(Name("ConcatenateDataset").Device(DEVICE_CPU), ConcatenateDatasetOp);

}  // namespace
}  // namespace data
}  // namespace rill
