// The CPU kernel of StridedSliceGrad (StridedSlice's gradient): a zero tensor of the sliced
// input's shape with `dy` copied into the elements the slice selected.
#include <cstdint>
#include <cstring>

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

class StridedSliceGradOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("begin_mask", &masks_.begin));
    RETURN_IF_ERROR(ctx->GetAttr("end_mask", &masks_.end));
    RETURN_IF_ERROR(ctx->GetAttr("ellipsis_mask", &masks_.ellipsis));
    RETURN_IF_ERROR(ctx->GetAttr("new_axis_mask", &masks_.new_axis));
    return ctx->GetAttr("shrink_axis_mask", &masks_.shrink_axis);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& shape_tensor = ctx->input(0);
    const Tensor& begin_tensor = ctx->input(1);
    const Tensor& end_tensor = ctx->input(2);
    const Tensor& strides_tensor = ctx->input(3);
    const Tensor& dy = ctx->input(4);
    if (shape_tensor.dims() != 1) {
      return errors::InvalidArgument("shape must be 1-D, got shape.shape = ",
                                     shape_tensor.shape().DebugString());
    }
    if (begin_tensor.dims() != 1 || end_tensor.dims() != 1 || strides_tensor.dims() != 1 ||
        begin_tensor.NumElements() != strides_tensor.NumElements() ||
        end_tensor.NumElements() != strides_tensor.NumElements()) {
      return errors::InvalidArgument(
          "Expected begin, end, and strides to be 1D equal size tensors, but got shapes ",
          begin_tensor.shape().DebugString(), ", ", end_tensor.shape().DebugString(), ", and ",
          strides_tensor.shape().DebugString(), " instead.");
    }
    ASSIGN_OR_RETURN(const DimVector dims, IndexValues(shape_tensor, "shape"));
    ASSIGN_OR_RETURN(const TensorShape input_shape, TensorShape::Build(dims));
    ASSIGN_OR_RETURN(const DimVector begin, IndexValues(begin_tensor, "begin"));
    ASSIGN_OR_RETURN(const DimVector end, IndexValues(end_tensor, "end"));
    ASSIGN_OR_RETURN(const DimVector strides, IndexValues(strides_tensor, "strides"));
    StridedSlicePlan plan;
    RETURN_IF_ERROR(ValidateStridedSlice(&begin, &end, strides, dims, masks_, &plan));
    ASSIGN_OR_RETURN(const TensorShape final_shape, TensorShape::Build(plan.final_shape));
    if (dy.shape() != final_shape) {
      return errors::InvalidArgument("shape of dy was ", dy.shape().DebugString(), " instead of ",
                                     final_shape.DebugString());
    }
    if (plan.is_identity) {
      Tensor out;
      out.CopyFrom(dy, input_shape);
      return ctx->set_output(0, std::move(out));
    }
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, input_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    // Numeric zeros are all-zero bytes; strings and other objects are allocated empty.
    if (DataTypeCanUseMemcpy(out->dtype())) std::memset(out->data(), 0, out->TotalBytes());
    if (dy.NumElements() == 0) return absl::OkStatus();
    // dy, read row-major as the processing shape, goes to begin + j * stride along each
    // dimension. A negative stride is walked from its lowest position upward, reading dy
    // backward along that dimension, so that the destination strides stay positive.
    const DimVector out_strides = RowMajorStrides(dims);
    const DimVector& counts = plan.processing_shape;
    DimVector src_strides = RowMajorStrides(counts);
    DimVector dst_strides(dims.size());
    int64_t src_offset = 0;
    int64_t dst_offset = 0;
    for (size_t d = 0; d < dims.size(); ++d) {
      const int64_t stride = plan.strides[d];
      int64_t first = plan.begin[d];
      if (stride < 0) {
        first += (counts[d] - 1) * stride;
        src_offset += (counts[d] - 1) * src_strides[d];
        src_strides[d] = -src_strides[d];
      }
      dst_offset += first * out_strides[d];
      dst_strides[d] = (stride < 0 ? -stride : stride) * out_strides[d];
    }
    return CopyStrided(dy.dtype(), ElementAt(dy.dtype(), dy.data(), src_offset), src_strides,
                       ElementAt(out->dtype(), out->data(), dst_offset), dst_strides, counts,
                       ctx->device()->intra_op_thread_pool());
  }

 private:
  StridedSliceMasks masks_;
};

REGISTER_KERNEL_BUILDER(Name("StridedSliceGrad").Device(DEVICE_CPU), StridedSliceGradOp);

}  // namespace
}  // namespace rill
