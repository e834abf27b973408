// The CPU kernel of Pad: the output is zeroed ("" for strings, false for bools) and the
// input copied into its interior; with no padding the output is the input itself.
#include <cstdint>
#include <cstring>

#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/array/strided_copy.h"
#include "ops/array/slicing.h"

namespace rill {
namespace {

class PadOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& paddings_tensor = ctx->input(1);
    const int rank = input.dims();
    if (paddings_tensor.dims() != 2 || paddings_tensor.dim_size(1) != 2) {
      return errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                     paddings_tensor.shape().DebugString());
    }
    if (paddings_tensor.dim_size(0) != rank) {
      return errors::InvalidArgument(
          "The first dimension of paddings must be the rank of inputs",
          paddings_tensor.shape().DebugString(), " ", input.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector paddings, IndexValues(paddings_tensor, "paddings"));
    DimVector out_dims(rank);
    int64_t offset = 0;  // Where the input's first element lands, in output elements.
    bool no_padding = true;
    for (int d = 0; d < rank; ++d) {
      const int64_t before = paddings[2 * d];
      const int64_t after = paddings[2 * d + 1];
      if (before < 0 || after < 0) {
        return errors::InvalidArgument("Paddings must be non-negative: ", before, " ", after);
      }
      if (__builtin_add_overflow(input.dim_size(d), before, &out_dims[d]) ||
          __builtin_add_overflow(out_dims[d], after, &out_dims[d])) {
        return errors::InvalidArgument("Padding dimension ", d, " overflows");
      }
      no_padding &= before == 0 && after == 0;
    }
    if (no_padding) return ctx->set_output(0, input);
    ASSIGN_OR_RETURN(const TensorShape out_shape, TensorShape::Build(out_dims));
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    if (out_shape.num_elements() == 0) return absl::OkStatus();
    // Numeric zeros are all-zero bytes; strings and other objects are allocated empty.
    if (DataTypeCanUseMemcpy(out->dtype())) {
      std::memset(out->data(), 0, out->TotalBytes());
    }
    if (input.NumElements() == 0) return absl::OkStatus();
    const DimVector out_strides = RowMajorStrides(out_dims);
    for (int d = 0; d < rank; ++d) offset += paddings[2 * d] * out_strides[d];
    return CopyStrided(input.dtype(), input.data(), RowMajorStrides(input.shape().dim_sizes()),
                       ElementAt(out->dtype(), out->data(), offset), out_strides,
                       input.shape().dim_sizes(), ctx->device()->intra_op_thread_pool());
  }
};

REGISTER_KERNEL_BUILDER(Name("Pad").Device(DEVICE_CPU), PadOp);

}  // namespace
}  // namespace rill
