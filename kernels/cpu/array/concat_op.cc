// The CPU kernels of ConcatV2 and Pack: each input is copied, row by row of the dimensions
// before the axis, into its column range of the output.
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

// ConcatRows views the output as [outer, sum of widths] and input i as [outer, width i],
// and copies each input into its columns. REQUIRES: inputs [0, num_values) of `ctx` have
// `outer` * width elements each, in order.
absl::Status ConcatRows(OpKernelContext* ctx, int num_values, int64_t outer,
                        const std::vector<int64_t>& widths, Tensor* out) {
  if (out->NumElements() == 0) return absl::OkStatus();
  int64_t total_width = 0;
  for (const int64_t width : widths) total_width += width;
  int64_t column = 0;
  for (int i = 0; i < num_values; ++i) {
    const Tensor& value = ctx->input(i);
    if (widths[i] > 0) {
      RETURN_IF_ERROR(CopyStrided(value.dtype(), value.data(), {widths[i], 1},
                                  ElementAt(out->dtype(), out->data(), column),
                                  {total_width, 1}, {outer, widths[i]},
                                  ctx->device()->intra_op_thread_pool()));
    }
    column += widths[i];
  }
  return absl::OkStatus();
}

class ConcatV2Op : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs() - 1;
    const Tensor& axis_tensor = ctx->input(n);
    if (axis_tensor.dims() != 0) {
      return errors::InvalidArgument("Concat dim tensor should be a scalar, but got shape ",
                                     axis_tensor.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector axis_values, IndexValues(axis_tensor, "axis"));
    const TensorShape& first = ctx->input(0).shape();
    const int rank = first.dims();
    int64_t axis = axis_values[0];
    if (axis < -rank || axis >= rank) {
      return errors::InvalidArgument(
          "ConcatOp : Expected concatenating dimensions in the range [", -rank, ", ", rank,
          "), but got ", axis);
    }
    if (axis < 0) axis += rank;
    int64_t axis_size = 0;
    for (int i = 0; i < n; ++i) {
      const TensorShape& shape = ctx->input(i).shape();
      if (shape.dims() != rank) {
        return errors::InvalidArgument(
            "ConcatOp : Ranks of all input tensors should match: shape[0] = ",
            first.DebugString(), " vs. shape[", i, "] = ", shape.DebugString());
      }
      for (int d = 0; d < rank; ++d) {
        if (d != axis && shape.dim_size(d) != first.dim_size(d)) {
          return errors::InvalidArgument(
              "ConcatOp : Dimension ", d, " in both shapes must be equal: shape[0] = ",
              first.DebugString(), " vs. shape[", i, "] = ", shape.DebugString());
        }
      }
      axis_size += shape.dim_size(axis);
    }
    DimVector out_dims(first.dim_sizes().begin(), first.dim_sizes().end());
    out_dims[axis] = axis_size;
    ASSIGN_OR_RETURN(const TensorShape out_shape, TensorShape::Build(out_dims));

    int64_t outer = 1;
    for (int d = 0; d < axis; ++d) outer *= first.dim_size(d);
    int64_t inner = 1;
    for (int d = axis + 1; d < rank; ++d) inner *= first.dim_size(d);
    std::vector<int64_t> widths(n);
    for (int i = 0; i < n; ++i) widths[i] = ctx->input(i).dim_size(axis) * inner;
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    return ConcatRows(ctx, n, outer, widths, out);
  }
};

class PackOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("axis", &axis_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    const TensorShape& first = ctx->input(0).shape();
    const int out_rank = first.dims() + 1;
    int64_t axis = axis_;
    if (axis < -out_rank || axis >= out_rank) {
      return errors::InvalidArgument("axis = ", axis_, " not in [", -out_rank, ", ", out_rank,
                                     ")");
    }
    if (axis < 0) axis += out_rank;
    for (int i = 1; i < n; ++i) {
      if (ctx->input(i).shape() != first) {
        return errors::InvalidArgument("Shapes of all inputs must match: values[0].shape = ",
                                       first.DebugString(), " != values[", i,
                                       "].shape = ", ctx->input(i).shape().DebugString());
      }
    }
    DimVector out_dims(first.dim_sizes().begin(), first.dim_sizes().end());
    out_dims.insert(out_dims.begin() + axis, n);
    ASSIGN_OR_RETURN(const TensorShape out_shape, TensorShape::Build(out_dims));
    if (n == 1) {
      Tensor out;
      out.CopyFrom(ctx->input(0), out_shape);
      return ctx->set_output(0, std::move(out));
    }
    int64_t outer = 1;
    for (int d = 0; d < axis; ++d) outer *= first.dim_size(d);
    const int64_t width = outer == 0 ? 0 : first.num_elements() / outer;
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    return ConcatRows(ctx, n, outer, std::vector<int64_t>(n, width), out);
  }

 private:
  int64_t axis_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("ConcatV2").Device(DEVICE_CPU), ConcatV2Op);
REGISTER_KERNEL_BUILDER(Name("Pack").Device(DEVICE_CPU), PackOp);

}  // namespace
}  // namespace rill
