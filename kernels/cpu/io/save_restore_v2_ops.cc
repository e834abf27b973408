// CPU kernels of SaveV2 and RestoreV2: write and read tensor bundles (V2 checkpoints)
// through the file system that serves the prefix's path (FileSystemForPath).
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/io/file_system_registry.h"
#include "core/io/tensor_bundle/tensor_bundle.h"

namespace rill {
namespace {

// ValidateInputs checks the prefix, tensor_names and shape_and_slices inputs of a SaveV2
// (`num_tensors` tensors follow) or RestoreV2 (`num_tensors` outputs).
absl::Status ValidateInputs(OpKernelContext* ctx, int num_tensors) {
  const Tensor& prefix = ctx->input(0);
  const Tensor& names = ctx->input(1);
  const Tensor& slices = ctx->input(2);
  if (prefix.NumElements() != 1) {
    return errors::InvalidArgument("Input prefix should have a single element, got ",
                                   prefix.NumElements(), " in total");
  }
  if (names.dims() != 1 || slices.dims() != 1) {
    return errors::InvalidArgument(
        "Input tensor_names and shape_and_slices should be 1-D tensors, got ",
        names.shape().DebugString(), " and ", slices.shape().DebugString());
  }
  if (names.NumElements() != num_tensors || slices.NumElements() != num_tensors) {
    return errors::InvalidArgument("Got ", names.NumElements(), " tensor_names and ",
                                   slices.NumElements(), " shape_and_slices for ", num_tensors,
                                   " tensors");
  }
  const auto specs = slices.flat<std::string>();
  for (int i = 0; i < num_tensors; ++i) {
    if (!specs(i).empty()) {
      return errors::Unimplemented("Tensor ", names.flat<std::string>()(i), " has shape_and_slice '",
                                   specs(i),
                                   "'; saving and restoring slices (partitioned variables) "
                                   "is not supported");
    }
  }
  return absl::OkStatus();
}

class SaveV2Op : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    constexpr int kFixedInputs = 3;  // prefix, tensor_names, shape_and_slices
    const int num_tensors = ctx->num_inputs() - kFixedInputs;
    RETURN_IF_ERROR(ValidateInputs(ctx, num_tensors));
    const std::string& prefix = ctx->input(0).flat<std::string>()(0);
    const auto names = ctx->input(1).flat<std::string>();
    ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(prefix));
    io::BundleWriter writer(fs, prefix);
    RETURN_IF_ERROR(writer.status());
    for (int i = 0; i < num_tensors; ++i) {
      RETURN_IF_ERROR(writer.Add(names(i), ctx->input(kFixedInputs + i)));
    }
    return writer.Finish();
  }
};

class RestoreV2Op : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("dtypes", &dtypes_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const int num_tensors = static_cast<int>(dtypes_.size());
    RETURN_IF_ERROR(ValidateInputs(ctx, num_tensors));
    const std::string& prefix = ctx->input(0).flat<std::string>()(0);
    const auto names = ctx->input(1).flat<std::string>();
    ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(prefix));
    ASSIGN_OR_RETURN(std::unique_ptr<io::BundleReader> reader, io::BundleReader::Open(fs, prefix));
    for (int i = 0; i < num_tensors; ++i) {
      const std::string& name = names(i);
      ASSIGN_OR_RETURN(const tensorflow::BundleEntryProto entry, reader->GetEntry(name));
      if (entry.dtype() != dtypes_[i]) {
        return errors::InvalidArgument("tensor_name = ", name, "; expected dtype ",
                                       DataTypeString(dtypes_[i]), " does not equal restored dtype ",
                                       DataTypeString(entry.dtype()), " in checkpoint ", prefix);
      }
      ASSIGN_OR_RETURN(Tensor value, reader->Lookup(name));
      RETURN_IF_ERROR(ctx->set_output(i, std::move(value)));
    }
    return absl::OkStatus();
  }

 private:
  DataTypeVector dtypes_;
};

REGISTER_KERNEL_BUILDER(Name("SaveV2").Device(DEVICE_CPU), SaveV2Op);
REGISTER_KERNEL_BUILDER(Name("RestoreV2").Device(DEVICE_CPU), RestoreV2Op);

}  // namespace
}  // namespace rill
