// The CPU kernels of Tile and BroadcastTo: strided copies that read repeated dimensions with
// stride 0. An output equal to the input is the input itself.
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

class TileOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& multiples_tensor = ctx->input(1);
    const int rank = input.dims();
    if (multiples_tensor.dims() != 1 || multiples_tensor.NumElements() != rank) {
      return errors::InvalidArgument(
          "Expected multiples argument to be a vector of length ", rank, " but got shape ",
          multiples_tensor.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector multiples, IndexValues(multiples_tensor, "multiples"));
    DimVector out_dims(rank);
    bool all_ones = true;
    for (int d = 0; d < rank; ++d) {
      if (multiples[d] < 0) {
        return errors::InvalidArgument("Expected multiples[", d, "] >= 0, but got ",
                                       multiples[d]);
      }
      if (__builtin_mul_overflow(input.dim_size(d), multiples[d], &out_dims[d])) {
        return errors::InvalidArgument("Tiling dimension ", d, " of size ", input.dim_size(d),
                                       " ", multiples[d], " times overflows");
      }
      all_ones &= multiples[d] == 1;
    }
    if (all_ones) return ctx->set_output(0, input);
    ASSIGN_OR_RETURN(const TensorShape out_shape, TensorShape::Build(out_dims));
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    if (out_shape.num_elements() == 0) return absl::OkStatus();
    // The output as [m0, d0, m1, d1, ...]: the copy index m_i reads with stride 0.
    const DimVector in_strides = RowMajorStrides(input.shape().dim_sizes());
    DimVector sizes, src_strides;
    for (int d = 0; d < rank; ++d) {
      sizes.push_back(multiples[d]);
      sizes.push_back(input.dim_size(d));
      src_strides.push_back(0);
      src_strides.push_back(in_strides[d]);
    }
    return CopyStrided(input.dtype(), input.data(), src_strides, out->data(),
                       RowMajorStrides(sizes), sizes, ctx->device()->intra_op_thread_pool());
  }
};

class BroadcastToOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& shape_tensor = ctx->input(1);
    if (shape_tensor.dims() != 1) {
      return errors::InvalidArgument("shape must be a vector, but has shape ",
                                     shape_tensor.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector out_dims, IndexValues(shape_tensor, "shape"));
    ASSIGN_OR_RETURN(const TensorShape out_shape, TensorShape::Build(out_dims));
    const TensorShape& in = input.shape();
    const int out_rank = out_shape.dims();
    const int lead = out_rank - in.dims();
    if (lead < 0) {
      return errors::InvalidArgument("Rank of input (", in.dims(),
                                     ") must be no greater than rank of output shape (",
                                     out_rank, ").");
    }
    const DimVector in_strides = RowMajorStrides(in.dim_sizes());
    DimVector src_strides(out_rank, 0);
    for (int d = 0; d < in.dims(); ++d) {
      const int64_t in_dim = in.dim_size(d);
      const int64_t out_dim = out_dims[lead + d];
      if (in_dim != out_dim && in_dim != 1) {
        return errors::InvalidArgument("Unable to broadcast tensor of shape ",
                                       in.DebugString(), " to tensor of shape ",
                                       out_shape.DebugString());
      }
      if (in_dim == out_dim) src_strides[lead + d] = in_strides[d];
    }
    if (in == out_shape) return ctx->set_output(0, input);
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    if (out_shape.num_elements() == 0) return absl::OkStatus();
    return CopyStrided(input.dtype(), input.data(), src_strides, out->data(),
                       RowMajorStrides(out_dims), out_dims,
                       ctx->device()->intra_op_thread_pool());
  }
};

REGISTER_KERNEL_BUILDER(Name("Tile").Device(DEVICE_CPU), TileOp);
REGISTER_KERNEL_BUILDER(Name("BroadcastTo").Device(DEVICE_CPU), BroadcastToOp);

}  // namespace
}  // namespace rill
