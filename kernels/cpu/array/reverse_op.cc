// The CPU kernel of ReverseV2: a strided copy reading the reversed dimensions backwards;
// the input itself when no reversed dimension has more than one element.
#include <cstdint>
#include <vector>

#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/array/strided_copy.h"
#include "ops/array/slicing.h"

namespace rill {
namespace {

class ReverseV2Op : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& axis_tensor = ctx->input(1);
    if (axis_tensor.dims() != 1) {
      return errors::InvalidArgument("'axis' must be 1-D, not ",
                                     axis_tensor.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector axes, IndexValues(axis_tensor, "axis"));
    const int rank = input.dims();
    std::vector<bool> reversed(rank, false);
    for (size_t i = 0; i < axes.size(); ++i) {
      if (axes[i] < -rank || axes[i] >= rank) {
        return errors::InvalidArgument("'axis'[", i, "] = ", axes[i],
                                       " is out of valid range [", -rank, ", ", rank, ")");
      }
      const int64_t axis = axes[i] < 0 ? axes[i] + rank : axes[i];
      if (reversed[axis]) {
        return errors::InvalidArgument("axis ", axis, " specified more than once.");
      }
      reversed[axis] = true;
    }
    const TensorShape& shape = input.shape();
    DimVector src_strides = RowMajorStrides(shape.dim_sizes());
    int64_t offset = 0;  // The input element that becomes the output's first.
    bool any = false;
    for (int d = 0; d < rank; ++d) {
      if (!reversed[d] || shape.dim_size(d) <= 1) continue;
      any = true;
      offset += (shape.dim_size(d) - 1) * src_strides[d];
      src_strides[d] = -src_strides[d];
    }
    if (!any) return ctx->set_output(0, input);
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    if (shape.num_elements() == 0) return absl::OkStatus();
    return CopyStrided(input.dtype(), ElementAt(input.dtype(), input.data(), offset),
                       src_strides, out->data(), RowMajorStrides(shape.dim_sizes()),
                       shape.dim_sizes(), ctx->device()->intra_op_thread_pool());
  }
};

REGISTER_KERNEL_BUILDER(Name("ReverseV2").Device(DEVICE_CPU), ReverseV2Op);

}  // namespace
}  // namespace rill
