// The CPU kernels of Slice and StridedSlice: a strided copy of the selected elements; the
// input itself when everything is selected, and the input's buffer when the selection is a
// range of whole rows of dimension 0 that starts aligned.
#include <cstdint>

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

// TrySliceRows sets output 0 to rows [begin, begin + rows) of `input` viewed with `shape`,
// sharing the buffer, and returns true; false (nothing set) when the rows do not start
// aligned or are empty.
absl::StatusOr<bool> TrySliceRows(OpKernelContext* ctx, const Tensor& input, int64_t begin,
                                  int64_t rows, const TensorShape& shape) {
  if (shape.num_elements() == 0) return false;
  const Tensor block = input.Slice(begin, begin + rows);
  if (!block.IsAligned()) return false;
  Tensor out;
  out.CopyFrom(block, shape);
  RETURN_IF_ERROR(ctx->set_output(0, std::move(out)));
  return true;
}

// CopySelection allocates output 0 with `shape` and copies into it the input elements
// starting at `begin` (one index per input dim) and stepping `steps` along each dimension,
// `counts` of them.
absl::Status CopySelection(OpKernelContext* ctx, const Tensor& input, const DimVector& begin,
                           const DimVector& steps, const DimVector& counts,
                           const TensorShape& shape) {
  Tensor* out;
  RETURN_IF_ERROR(ctx->allocate_output(0, shape, &out));
  if (shape.num_elements() == 0) return absl::OkStatus();
  const DimVector in_strides = RowMajorStrides(input.shape().dim_sizes());
  int64_t offset = 0;
  DimVector src_strides(in_strides.size());
  for (size_t d = 0; d < in_strides.size(); ++d) {
    offset += begin[d] * in_strides[d];
    src_strides[d] = steps[d] * in_strides[d];
  }
  return CopyStrided(input.dtype(), ElementAt(input.dtype(), input.data(), offset),
                     src_strides, out->data(), RowMajorStrides(counts), counts,
                     ctx->device()->intra_op_thread_pool());
}

class SliceOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& begin_tensor = ctx->input(1);
    const Tensor& size_tensor = ctx->input(2);
    const int rank = input.dims();
    if (begin_tensor.dims() != 1 || size_tensor.dims() != 1 ||
        begin_tensor.NumElements() != rank || size_tensor.NumElements() != rank) {
      return errors::InvalidArgument(
          "Expected begin and size arguments to be 1-D tensors of size ", rank,
          ", but got shapes ", begin_tensor.shape().DebugString(), " and ",
          size_tensor.shape().DebugString(), " instead.");
    }
    ASSIGN_OR_RETURN(const DimVector begin, IndexValues(begin_tensor, "begin"));
    ASSIGN_OR_RETURN(DimVector size, IndexValues(size_tensor, "size"));
    bool identity = true;
    bool rows_only = true;  // Only dimension 0 is restricted.
    for (int d = 0; d < rank; ++d) {
      const int64_t dim = input.dim_size(d);
      if (begin[d] < 0 || begin[d] > dim) {
        return errors::InvalidArgument("Expected begin[", d, "] in [0, ", dim, "], but got ",
                                       begin[d]);
      }
      if (size[d] == -1) size[d] = dim - begin[d];
      if (size[d] < 0 || size[d] > dim - begin[d]) {
        return errors::InvalidArgument("Expected size[", d, "] in [0, ", dim - begin[d],
                                       "], but got ", size[d]);
      }
      const bool whole = begin[d] == 0 && size[d] == dim;
      identity &= whole;
      if (d > 0) rows_only &= whole;
    }
    if (identity) return ctx->set_output(0, input);
    const TensorShape shape(size);
    if (rows_only) {
      ASSIGN_OR_RETURN(const bool shared, TrySliceRows(ctx, input, begin[0], size[0], shape));
      if (shared) return absl::OkStatus();
    }
    RETURN_IF_ERROR(CopySelection(ctx, input, begin, DimVector(rank, 1), size, shape));
    NoteCopiedBytes(ctx->mutable_output(0)->TotalBytes());
    return absl::OkStatus();
  }
};

class StridedSliceOp : public CopyingKernel {
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
    const Tensor& input = ctx->input(0);
    const Tensor& begin_tensor = ctx->input(1);
    const Tensor& end_tensor = ctx->input(2);
    const Tensor& strides_tensor = ctx->input(3);
    if (begin_tensor.dims() != 1 || end_tensor.dims() != 1 || strides_tensor.dims() != 1 ||
        begin_tensor.NumElements() != strides_tensor.NumElements() ||
        end_tensor.NumElements() != strides_tensor.NumElements()) {
      return errors::InvalidArgument(
          "Expected begin, end, and strides to be 1D equal size tensors, but got shapes ",
          begin_tensor.shape().DebugString(), ", ", end_tensor.shape().DebugString(),
          ", and ", strides_tensor.shape().DebugString(), " instead.");
    }
    ASSIGN_OR_RETURN(const DimVector begin, IndexValues(begin_tensor, "begin"));
    ASSIGN_OR_RETURN(const DimVector end, IndexValues(end_tensor, "end"));
    ASSIGN_OR_RETURN(const DimVector strides, IndexValues(strides_tensor, "strides"));
    StridedSlicePlan plan;
    RETURN_IF_ERROR(ValidateStridedSlice(&begin, &end, strides, input.shape().dim_sizes(),
                                         masks_, &plan));
    ASSIGN_OR_RETURN(const TensorShape shape, TensorShape::Build(plan.final_shape));
    if (plan.is_identity) {
      Tensor out;
      out.CopyFrom(input, shape);
      return ctx->set_output(0, std::move(out));
    }
    if (plan.slice_dim0 && plan.is_simple_slice && input.dims() > 0) {
      ASSIGN_OR_RETURN(const bool shared, TrySliceRows(ctx, input, plan.begin[0],
                                                       plan.processing_shape[0], shape));
      if (shared) return absl::OkStatus();
    }
    RETURN_IF_ERROR(
        CopySelection(ctx, input, plan.begin, plan.strides, plan.processing_shape, shape));
    NoteCopiedBytes(ctx->mutable_output(0)->TotalBytes());
    return absl::OkStatus();
  }

 private:
  StridedSliceMasks masks_;
};

REGISTER_KERNEL_BUILDER(Name("Slice").Device(DEVICE_CPU), SliceOp);
REGISTER_KERNEL_BUILDER(Name("StridedSlice").Device(DEVICE_CPU), StridedSliceOp);

}  // namespace
}  // namespace rill
