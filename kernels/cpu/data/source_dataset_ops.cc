// CPU kernels of the in-memory source datasets: TensorDataset (one element),
// TensorSliceDataset (the dim-0 rows of its components), RangeDataset and
// CppGeneratorDataset (elements from a registered C++ generator, checked one by one).
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
#include "ops/data/generator_registry.h"

namespace rill {
namespace data {
namespace {

// TensorDataset emits its components once.
class TensorDataset : public DatasetBase {
 public:
  TensorDataset(std::string node_name, Element components, std::vector<PartialTensorShape> shapes)
      : DatasetBase("TensorDataset", std::move(node_name), DtypesOf(components), std::move(shapes)),
        components_(std::move(components)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(std::shared_ptr<IteratorContext>,
                                                             const std::string&) const override {
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const TensorDataset>(shared_from_this()));
  }

  static DataTypeVector DtypesOf(const Element& components) {
    DataTypeVector dtypes;
    for (const Tensor& t : components) dtypes.push_back(t.dtype());
    return dtypes;
  }

 private:
  class Iterator : public IteratorBase {
   public:
    explicit Iterator(std::shared_ptr<const TensorDataset> dataset)
        : dataset_(std::move(dataset)) {}
    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      *end_of_sequence = produced_;
      if (!produced_) *out = dataset_->components_;
      produced_ = true;
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const TensorDataset> dataset_;
    bool produced_ = false;
  };

  const Element components_;
};

// ReadComponents reads the list input "components", whose dtypes Toutput_types gives.
Element ReadComponents(OpKernelContext* ctx) {
  Element components;
  for (int i = 0; i < ctx->num_inputs(); ++i) components.push_back(ctx->input(i));
  return components;
}

class TensorDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ReadOutputStructure(ctx, "Toutput_types");
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    Element components = ReadComponents(ctx);
    RETURN_IF_ERROR(CheckElement(components, output_dtypes_, output_shapes_, "components"));
    return std::make_shared<TensorDataset>(name(), std::move(components), output_shapes_);
  }
};

// TensorSliceDataset emits row i of every component as element i.
class TensorSliceDataset : public DatasetBase {
 public:
  TensorSliceDataset(std::string node_name, Element components,
                     std::vector<PartialTensorShape> shapes)
      : DatasetBase("TensorSliceDataset", std::move(node_name), TensorDataset::DtypesOf(components),
                    std::move(shapes)),
        components_(std::move(components)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(std::shared_ptr<IteratorContext>,
                                                             const std::string&) const override {
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const TensorSliceDataset>(shared_from_this()));
  }

 private:
  class Iterator : public IteratorBase {
   public:
    explicit Iterator(std::shared_ptr<const TensorSliceDataset> dataset)
        : dataset_(std::move(dataset)) {}
    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      const Element& components = dataset_->components_;
      *end_of_sequence = next_ >= components[0].dim_size(0);
      if (*end_of_sequence) return absl::OkStatus();
      out->clear();
      for (const Tensor& component : components) {
        ASSIGN_OR_RETURN(Tensor row, CopySlice(component, next_));
        out->push_back(std::move(row));
      }
      ++next_;
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const TensorSliceDataset> dataset_;
    int64_t next_ = 0;
  };

  const Element components_;
};

class TensorSliceDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ReadOutputStructure(ctx, "Toutput_types");
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    Element components = ReadComponents(ctx);
    for (size_t i = 0; i < components.size(); ++i) {
      if (components[i].dims() < 1) {
        return errors::InvalidArgument("Component ", i,
                                       " of a tensor slice dataset must have rank >= 1, got "
                                       "shape ",
                                       components[i].shape().DebugString());
      }
      if (components[i].dim_size(0) != components[0].dim_size(0)) {
        return errors::InvalidArgument(
            "All components must have the same size in the 0th dimension: component 0 has ",
            components[0].dim_size(0), " rows, component ", i, " has ", components[i].dim_size(0));
      }
      TensorShape row = components[i].shape();
      row.RemoveDim(0);
      if (components[i].dtype() != output_dtypes_[i] || !output_shapes_[i].IsCompatibleWith(row)) {
        return errors::InvalidArgument(
            "Component ", i, " is a ", DataTypeString(components[i].dtype()), " with rows of ",
            row.DebugString(), ", but the dataset declares ", DataTypeString(output_dtypes_[i]),
            " ", output_shapes_[i].DebugString());
      }
    }
    return std::make_shared<TensorSliceDataset>(name(), std::move(components), output_shapes_);
  }
};

// RangeDataset emits start, start + step, ... while before stop.
class RangeDataset : public DatasetBase {
 public:
  RangeDataset(std::string node_name, int64_t start, int64_t stop, int64_t step)
      : DatasetBase("RangeDataset", std::move(node_name), {DT_INT64},
                    {PartialTensorShape(TensorShape())}),
        start_(start),
        stop_(stop),
        step_(step) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(std::shared_ptr<IteratorContext>,
                                                             const std::string&) const override {
    return std::make_unique<Iterator>(start_, stop_, step_);
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(int64_t start, int64_t stop, int64_t step) : next_(start), stop_(stop), step_(step) {}
    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      *end_of_sequence = step_ > 0 ? next_ >= stop_ : next_ <= stop_;
      if (*end_of_sequence) return absl::OkStatus();
      *out = {Tensor(next_)};
      next_ += step_;
      return absl::OkStatus();
    }

   private:
    int64_t next_;
    const int64_t stop_;
    const int64_t step_;
  };

  const int64_t start_;
  const int64_t stop_;
  const int64_t step_;
};

class RangeDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ReadOutputStructure(ctx));
    if (output_dtypes_ != DataTypeVector{DT_INT64}) {
      return ctx->AddNodeContext(
          errors::InvalidArgument("RangeDataset produces int64 elements, but output_types is (",
                                  DataTypeVectorString(output_dtypes_), ")"));
    }
    return absl::OkStatus();
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    int64_t start, stop, step;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "start", &start));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "stop", &stop));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "step", &step));
    if (step == 0) return errors::InvalidArgument("step must be a non-zero integer.");
    return std::make_shared<RangeDataset>(name(), start, stop, step);
  }
};

// CppGeneratorDataset calls a fresh generator per iterator and checks every element.
class CppGeneratorDataset : public DatasetBase {
 public:
  CppGeneratorDataset(std::string node_name, GeneratorFactory factory, DataTypeVector dtypes,
                      std::vector<PartialTensorShape> shapes)
      : DatasetBase("CppGeneratorDataset", std::move(node_name), std::move(dtypes),
                    std::move(shapes)),
        factory_(std::move(factory)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(std::shared_ptr<IteratorContext>,
                                                             const std::string&) const override {
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const CppGeneratorDataset>(shared_from_this()), factory_());
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const CppGeneratorDataset> dataset, Generator generator)
        : dataset_(std::move(dataset)), generator_(std::move(generator)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      *end_of_sequence = done_;
      if (done_) return absl::OkStatus();
      const int64_t index = next_index_++;
      absl::StatusOr<std::optional<Element>> element = generator_();
      if (!element.ok()) return dataset_->ElementError(index, element.status());
      if (!element->has_value()) {
        done_ = *end_of_sequence = true;
        return absl::OkStatus();
      }
      RETURN_IF_ERROR(dataset_->ElementError(
          index, CheckElement(**element, dataset_->output_dtypes(), dataset_->output_shapes(),
                              "the generator's element")));
      *out = std::move(**element);
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const CppGeneratorDataset> dataset_;
    Generator generator_;
    int64_t next_index_ = 0;
    bool done_ = false;
  };

  const GeneratorFactory factory_;
};

class CppGeneratorDatasetOp : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ReadOutputStructure(ctx));
    return ctx->GetAttr("token", &token_);
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) override {
    ASSIGN_OR_RETURN(GeneratorFactory factory, GeneratorRegistry::Global()->Lookup(token_));
    return std::make_shared<CppGeneratorDataset>(name(), std::move(factory), output_dtypes_,
                                                 output_shapes_);
  }

 private:
  std::string token_;
};

REGISTER_KERNEL_BUILDER(Name("TensorDataset").Device(DEVICE_CPU), TensorDatasetOp);
REGISTER_KERNEL_BUILDER(Name("TensorSliceDataset").Device(DEVICE_CPU), TensorSliceDatasetOp);
REGISTER_KERNEL_BUILDER(Name("RangeDataset").Device(DEVICE_CPU), RangeDatasetOp);
REGISTER_KERNEL_BUILDER(Name("CppGeneratorDataset").Device(DEVICE_CPU), CppGeneratorDatasetOp);

}  // namespace
}  // namespace data
}  // namespace rill
