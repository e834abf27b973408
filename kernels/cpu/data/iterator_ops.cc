// CPU kernels of the iterator ops: IteratorV2 (the handle), MakeIterator (restarts the
// resource's pass over a dataset), OneShotIterator (builds its dataset at the first run)
// and IteratorGetNext. The IteratorResource lives in the session's resource manager, so
// two sessions on one graph iterate independently.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "kernels/cpu/data/captured_function.h"
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {
namespace {

// IteratorResource holds the current pass over a dataset. MakeIterator replaces it; the
// IteratorContext (shuffle seed generators, memory caches) stays across replacements.
// Once a pass ends, GetNext keeps reporting the end until the next MakeIterator.
// Thread-safe: GetNext calls are serialized.
class IteratorResource : public ResourceBase {
 public:
  IteratorResource(DataTypeVector dtypes, std::vector<PartialTensorShape> shapes)
      : dtypes_(std::move(dtypes)), shapes_(std::move(shapes)) {}

  std::string DebugString() const override {
    return absl::StrCat("Iterator of (", DataTypeVectorString(dtypes_), ")");
  }

  const DataTypeVector& dtypes() const { return dtypes_; }
  const std::vector<PartialTensorShape>& shapes() const { return shapes_; }

  absl::Status SetIteratorFromDataset(const DatasetPtr& dataset) {
    RETURN_IF_ERROR(
        CheckSameStructure(*dataset, dtypes_, shapes_, "The iterator cannot iterate over dataset"));
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> iterator,
                     dataset->MakeIterator(context_, "Iterator"));
    {
      absl::MutexLock lock(&mu_);
      std::swap(iterator_, iterator);
      exhausted_ = false;
    }
    // The previous pass (which may own threads) ends here, outside the lock.
    return absl::OkStatus();
  }

  absl::Status GetNext(Element* out, bool* end_of_sequence) {
    absl::MutexLock lock(&mu_);
    if (iterator_ == nullptr) {
      return errors::FailedPrecondition(
          "GetNext() failed because the iterator has not been initialized. Ensure that you "
          "have run the initializer operation for this iterator before getting the next "
          "element.");
    }
    if (exhausted_) {
      *end_of_sequence = true;
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(iterator_->GetNext(out, end_of_sequence));
    exhausted_ = *end_of_sequence;
    return absl::OkStatus();
  }

 private:
  const DataTypeVector dtypes_;
  const std::vector<PartialTensorShape> shapes_;
  const std::shared_ptr<IteratorContext> context_ = std::make_shared<IteratorContext>();
  absl::Mutex mu_;
  std::unique_ptr<IteratorBase> iterator_ ABSL_GUARDED_BY(mu_);
  bool exhausted_ ABSL_GUARDED_BY(mu_) = false;
};

// ReadIteratorStructure reads output_types and output_shapes, which must agree in length.
absl::Status ReadIteratorStructure(OpKernelConstruction* ctx, DataTypeVector* dtypes,
                                   std::vector<PartialTensorShape>* shapes) {
  RETURN_IF_ERROR(ctx->GetAttr("output_types", dtypes));
  RETURN_IF_ERROR(ctx->GetAttr("output_shapes", shapes));
  if (dtypes->size() != shapes->size()) {
    return ctx->AddNodeContext(errors::InvalidArgument("output_types has ", dtypes->size(),
                                                       " dtypes but output_shapes has ",
                                                       shapes->size(), " shapes"));
  }
  return absl::OkStatus();
}

// HandleTensor is a scalar resource tensor holding `handle`.
Tensor HandleTensor(ResourceHandle handle) {
  Tensor tensor(DT_RESOURCE, TensorShape());
  tensor.scalar<ResourceHandle>()() = std::move(handle);
  return tensor;
}

// LookupIterator finds the iterator the scalar resource tensor `input` names.
absl::Status LookupIterator(const Tensor& input, OpKernelContext* ctx,
                            IteratorResource** iterator) {
  if (input.dtype() != DT_RESOURCE || input.dims() != 0) {
    return errors::InvalidArgument("The iterator must be a scalar resource handle, got a ",
                                   DataTypeString(input.dtype()), " tensor of shape ",
                                   input.shape().DebugString());
  }
  const ResourceHandle& handle = input.scalar<ResourceHandle>()();
  RETURN_IF_ERROR(ValidateDeviceForHandle(*ctx->device(), handle));
  return ctx->resource_manager()->Lookup<IteratorResource>(handle, iterator);
}

// CreateIteratorHandle creates (or finds) the iterator resource `container`/`shared_name`
// in the session's resource manager and returns its handle; InvalidArgument when an
// iterator of other dtypes already has that name.
absl::StatusOr<Tensor> CreateIteratorHandle(OpKernelContext* ctx, const std::string& container,
                                            const std::string& shared_name,
                                            const DataTypeVector& dtypes,
                                            const std::vector<PartialTensorShape>& shapes) {
  ResourceMgr* resources = ctx->resource_manager();
  const std::string where = container.empty() ? resources->default_container() : container;
  IteratorResource* iterator = nullptr;
  RETURN_IF_ERROR(resources->LookupOrCreate<IteratorResource>(
      where, shared_name, &iterator, [&](IteratorResource** made) {
        *made = new IteratorResource(dtypes, shapes);
        return absl::OkStatus();
      }));
  ScopedUnref unref(iterator);
  if (iterator->dtypes() != dtypes) {
    return errors::InvalidArgument(
        "Iterator '", shared_name, "' holds (", DataTypeVectorString(iterator->dtypes()),
        ") elements, but this node declares (", DataTypeVectorString(dtypes), ")");
  }
  return HandleTensor(MakeResourceHandle<IteratorResource>(where, shared_name, *ctx->device()));
}

// IteratorHandleOp (IteratorV2) creates its resource at the first run, in the session's
// resource manager (the kernel belongs to one session), and outputs its handle.
class IteratorHandleOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ReadIteratorStructure(ctx, &dtypes_, &shapes_));
    RETURN_IF_ERROR(ctx->GetAttr("container", &container_));
    RETURN_IF_ERROR(ctx->GetAttr("shared_name", &shared_name_));
    if (shared_name_.empty()) shared_name_ = name();
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    absl::MutexLock lock(&mu_);
    if (!created_) {
      ASSIGN_OR_RETURN(handle_,
                       CreateIteratorHandle(ctx, container_, shared_name_, dtypes_, shapes_));
      created_ = true;
    }
    return ctx->set_output(0, handle_);
  }

  bool IsExpensive() const override { return false; }

 private:
  DataTypeVector dtypes_;
  std::vector<PartialTensorShape> shapes_;
  std::string container_;
  std::string shared_name_;
  absl::Mutex mu_;
  bool created_ ABSL_GUARDED_BY(mu_) = false;
  Tensor handle_ ABSL_GUARDED_BY(mu_);
};

class MakeIteratorOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    ASSIGN_OR_RETURN(DatasetPtr dataset, GetDatasetFromVariantTensor(ctx->input(0), "dataset"));
    IteratorResource* iterator = nullptr;
    RETURN_IF_ERROR(LookupIterator(ctx->input(1), ctx, &iterator));
    ScopedUnref unref(iterator);
    return iterator->SetIteratorFromDataset(dataset);
  }
};

// OneShotIteratorOp runs its dataset_factory function at the first Compute, makes the
// resource iterate over the dataset it returns, and outputs the same handle ever after.
class OneShotIteratorOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ReadIteratorStructure(ctx, &dtypes_, &shapes_));
    RETURN_IF_ERROR(ctx->GetAttr("container", &container_));
    RETURN_IF_ERROR(ctx->GetAttr("shared_name", &shared_name_));
    if (shared_name_.empty()) shared_name_ = name();
    ASSIGN_OR_RETURN(factory_, InstantiateFunctionAttr(ctx, "dataset_factory"));
    if (factory_->arg_types().size() != 0 || factory_->ret_types() != DataTypeVector{DT_VARIANT}) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          "dataset_factory must take no arguments and return one variant, but function '",
          factory_->name(), "' takes (", DataTypeVectorString(factory_->arg_types()),
          ") and returns (", DataTypeVectorString(factory_->ret_types()), ")"));
    }
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    absl::MutexLock lock(&mu_);
    if (!created_) RETURN_IF_ERROR(CreateIterator(ctx));
    return ctx->set_output(0, handle_);
  }

  bool IsExpensive() const override { return false; }

 private:
  absl::Status CreateIterator(OpKernelContext* ctx) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::vector<Tensor> rets;
    RETURN_IF_ERROR(factory_->Run({}, &rets));
    ASSIGN_OR_RETURN(DatasetPtr dataset,
                     GetDatasetFromVariantTensor(rets[0], "The dataset_factory's result"));
    ASSIGN_OR_RETURN(Tensor handle,
                     CreateIteratorHandle(ctx, container_, shared_name_, dtypes_, shapes_));
    IteratorResource* iterator = nullptr;
    RETURN_IF_ERROR(LookupIterator(handle, ctx, &iterator));
    ScopedUnref unref(iterator);
    RETURN_IF_ERROR(iterator->SetIteratorFromDataset(dataset));
    handle_ = std::move(handle);
    created_ = true;
    return absl::OkStatus();
  }

  DataTypeVector dtypes_;
  std::vector<PartialTensorShape> shapes_;
  std::string container_;
  std::string shared_name_;
  std::shared_ptr<const FunctionRunner> factory_;
  absl::Mutex mu_;
  bool created_ ABSL_GUARDED_BY(mu_) = false;
  Tensor handle_ ABSL_GUARDED_BY(mu_);
};

class IteratorGetNextOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ReadIteratorStructure(ctx, &dtypes_, &shapes_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    IteratorResource* iterator = nullptr;
    RETURN_IF_ERROR(LookupIterator(ctx->input(0), ctx, &iterator));
    ScopedUnref unref(iterator);
    Element element;
    bool end_of_sequence = false;
    RETURN_IF_ERROR(iterator->GetNext(&element, &end_of_sequence));
    if (end_of_sequence) return errors::OutOfRange("End of sequence");
    RETURN_IF_ERROR(CheckElement(element, dtypes_, shapes_, "The iterator's element"));
    for (size_t i = 0; i < element.size(); ++i) {
      RETURN_IF_ERROR(ctx->set_output(static_cast<int>(i), std::move(element[i])));
    }
    return absl::OkStatus();
  }

 private:
  DataTypeVector dtypes_;
  std::vector<PartialTensorShape> shapes_;
};

REGISTER_KERNEL_BUILDER(Name("IteratorV2").Device(DEVICE_CPU), IteratorHandleOp);
REGISTER_KERNEL_BUILDER(Name("MakeIterator").Device(DEVICE_CPU), MakeIteratorOp);
REGISTER_KERNEL_BUILDER(Name("OneShotIterator").Device(DEVICE_CPU), OneShotIteratorOp);
REGISTER_KERNEL_BUILDER(Name("IteratorGetNext").Device(DEVICE_CPU), IteratorGetNextOp);

}  // namespace
}  // namespace data
}  // namespace rill
