// The CPU kernels of Shape, ShapeN, Size and Rank: the input's shape, element count and
// rank as int32 or int64 tensors (the input's elements are never read).
#include <cstdint>
#include <limits>

#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

// WriteInt stores `value` as element `index` of the int32 or int64 tensor `out`;
// InvalidArgument naming `what` when an int32 cannot hold it.
absl::Status WriteInt(int64_t value, int64_t index, const char* what, Tensor* out) {
  if (out->dtype() == DT_INT64) {
    out->flat<int64_t>()(index) = value;
    return absl::OkStatus();
  }
  if (value > std::numeric_limits<int32_t>::max()) {
    return errors::InvalidArgument(what, " = ", value,
                                   " does not fit in out_type int32; use out_type int64");
  }
  out->flat<int32_t>()(index) = static_cast<int32_t>(value);
  return absl::OkStatus();
}

// ShapeOp serves Shape (one input) and ShapeN (N inputs): output i is input i's shape.
class ShapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    for (int i = 0; i < ctx->num_inputs(); ++i) {
      const TensorShape& shape = ctx->input(i).shape();
      Tensor* out;
      RETURN_IF_ERROR(ctx->allocate_output(i, TensorShape({shape.dims()}), &out));
      for (int d = 0; d < shape.dims(); ++d) {
        RETURN_IF_ERROR(WriteInt(shape.dim_size(d), d, "a dimension of the input", out));
      }
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

class SizeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape(), &out));
    return WriteInt(ctx->input(0).NumElements(), 0, "the number of elements", out);
  }

  bool IsExpensive() const override { return false; }
};

class RankOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape(), &out));
    out->scalar<int32_t>()() = ctx->input(0).dims();
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("Shape").Device(DEVICE_CPU), ShapeOp);
REGISTER_KERNEL_BUILDER(Name("ShapeN").Device(DEVICE_CPU), ShapeOp);
REGISTER_KERNEL_BUILDER(Name("Size").Device(DEVICE_CPU), SizeOp);
REGISTER_KERNEL_BUILDER(Name("Rank").Device(DEVICE_CPU), RankOp);

}  // namespace
}  // namespace rill
