// The CPU kernel of Const: parses its `value` attr once, then hands out that tensor.
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/types.h"
#include "core/protos/tensor.pb.h"

namespace rill {
namespace {

// ConstantOp owns the tensor parsed from the node's `value` attr. Every run outputs that
// tensor by reference (no copy); since the kernel keeps a reference, no consumer ever
// reuses its buffer in place.
class ConstantOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    tensorflow::TensorProto proto;
    RETURN_IF_ERROR(ctx->GetAttr("value", &proto));
    RETURN_IF_ERROR(tensor_.FromProto(ctx->device()->GetAllocator(), proto));
    if (tensor_.dtype() != ctx->output_type(0)) {
      return errors::InvalidArgument("Type mismatch between value (",
                                     DataTypeString(tensor_.dtype()), ") and dtype (",
                                     DataTypeString(ctx->output_type(0)), ")");
    }
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override { return ctx->set_output(0, tensor_); }

  bool IsExpensive() const override { return false; }

 private:
  Tensor tensor_;
};

REGISTER_KERNEL_BUILDER(Name("Const").Device(DEVICE_CPU), ConstantOp);

}  // namespace
}  // namespace rill
