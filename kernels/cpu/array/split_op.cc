// The CPU kernels of Split, SplitV and Unpack: each output is a range along one axis of the
// input. Along the outermost non-trivial axis a range is a contiguous block, and the output
// shares the input's buffer when that block is aligned; otherwise it is copied.
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
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

// SplitAxis reads the scalar `split_dim` and checks it against `rank`, returning it
// non-negative.
absl::StatusOr<int> SplitAxis(const Tensor& split_dim, int rank) {
  if (split_dim.dims() != 0) {
    return errors::InvalidArgument("split_dim must be a scalar, but has shape ",
                                   split_dim.shape().DebugString());
  }
  ASSIGN_OR_RETURN(const DimVector values, IndexValues(split_dim, "split_dim"));
  const int64_t axis = values[0];
  if (axis < -rank || axis >= rank) {
    return errors::InvalidArgument("-input rank(-", rank, ") <= split_dim < input rank (", rank,
                                   "), but got ", axis);
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

// SplitAlong makes output i the range of `sizes[i]` elements along `axis` of `value`
// (ranges consecutive from 0), and adds the bytes it copies to *copied. With `drop_axis`
// (Unpack, every size 1) the outputs lose that dimension. REQUIRES: the sizes add up to the
// axis's size.
absl::Status SplitAlong(OpKernelContext* ctx, const Tensor& value, int axis,
                        const DimVector& sizes, bool drop_axis, size_t* copied) {
  const TensorShape& shape = value.shape();
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= shape.dim_size(d);
  int64_t inner = 1;
  for (int d = axis + 1; d < shape.dims(); ++d) inner *= shape.dim_size(d);
  const int64_t axis_size = shape.dim_size(axis);
  // `rows` is the input as [axis size, inner] when nothing precedes the axis.
  Tensor rows;
  if (outer == 1) rows.CopyFrom(value, TensorShape({axis_size, inner}));

  int64_t start = 0;
  for (int i = 0; i < static_cast<int>(sizes.size()); ++i) {
    DimVector out_dims(shape.dim_sizes().begin(), shape.dim_sizes().end());
    if (drop_axis) {
      out_dims.erase(out_dims.begin() + axis);
    } else {
      out_dims[axis] = sizes[i];
    }
    const TensorShape out_shape(out_dims);
    if (outer == 1 && out_shape.num_elements() > 0) {
      const Tensor block = rows.Slice(start, start + sizes[i]);
      if (block.IsAligned()) {
        Tensor out;
        out.CopyFrom(block, out_shape);
        RETURN_IF_ERROR(ctx->set_output(i, std::move(out)));
        start += sizes[i];
        continue;
      }
    }
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(i, out_shape, &out));
    *copied += out->TotalBytes();
    if (out_shape.num_elements() > 0) {
      const int64_t width = sizes[i] * inner;
      RETURN_IF_ERROR(CopyStrided(value.dtype(),
                                  ElementAt(value.dtype(), value.data(), start * inner),
                                  {axis_size * inner, 1}, out->data(), {width, 1},
                                  {outer, width}, ctx->device()->intra_op_thread_pool()));
    }
    start += sizes[i];
  }
  return absl::OkStatus();
}

class SplitOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& value = ctx->input(1);
    ASSIGN_OR_RETURN(const int axis, SplitAxis(ctx->input(0), value.dims()));
    const int num_split = ctx->num_outputs();
    if (num_split == 1) return ctx->set_output(0, value);
    const int64_t axis_size = value.dim_size(axis);
    if (axis_size % num_split != 0) {
      return errors::InvalidArgument(
          "Number of ways to split should evenly divide the split dimension, but got "
          "split_dim ",
          axis, " (size = ", axis_size, ") and num_split ", num_split);
    }
    size_t copied = 0;
    RETURN_IF_ERROR(SplitAlong(ctx, value, axis, DimVector(num_split, axis_size / num_split),
                               /*drop_axis=*/false, &copied));
    NoteCopiedBytes(copied);
    return absl::OkStatus();
  }
};

class SplitVOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& value = ctx->input(0);
    const Tensor& size_splits = ctx->input(1);
    ASSIGN_OR_RETURN(const int axis, SplitAxis(ctx->input(2), value.dims()));
    const int num_split = ctx->num_outputs();
    if (size_splits.dims() != 1 || size_splits.NumElements() != num_split) {
      return errors::InvalidArgument("size_splits must be a vector of num_split = ", num_split,
                                     " sizes, but has shape ",
                                     size_splits.shape().DebugString());
    }
    ASSIGN_OR_RETURN(DimVector sizes, IndexValues(size_splits, "size_splits"));
    const int64_t axis_size = value.dim_size(axis);
    int unknown = -1;
    int64_t known_total = 0;
    for (int i = 0; i < num_split; ++i) {
      if (sizes[i] == -1) {
        if (unknown != -1) {
          return errors::InvalidArgument("There can only be one -1 in size_splits, but "
                                         "entries ", unknown, " and ", i, " are -1");
        }
        unknown = i;
      } else if (sizes[i] < 0 || sizes[i] > axis_size) {
        return errors::InvalidArgument("size_splits[", i, "] = ", sizes[i], " is not in [0, ",
                                       axis_size, "] (or -1)");
      } else {
        known_total += sizes[i];
      }
    }
    if (unknown == -1 ? known_total != axis_size : known_total > axis_size) {
      return errors::InvalidArgument(
          "Determined shape must either match input shape along split_dim exactly if fully "
          "specified, or be less than the size of the input along split_dim if not fully "
          "specified.  Got: size_splits [", absl::StrJoin(sizes, ","), "] for split_dim ", axis,
          " of size ", axis_size);
    }
    if (unknown != -1) sizes[unknown] = axis_size - known_total;
    if (num_split == 1) return ctx->set_output(0, value);
    size_t copied = 0;
    RETURN_IF_ERROR(SplitAlong(ctx, value, axis, sizes, /*drop_axis=*/false, &copied));
    NoteCopiedBytes(copied);
    return absl::OkStatus();
  }
};

class UnpackOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("axis", &axis_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& value = ctx->input(0);
    const int rank = value.dims();
    int64_t axis = axis_;
    if (axis < -rank || axis >= rank) {
      return errors::InvalidArgument("axis = ", axis_, " not in [", -rank, ", ", rank, ")");
    }
    if (axis < 0) axis += rank;
    const int num = ctx->num_outputs();
    if (value.dim_size(static_cast<int>(axis)) != num) {
      return errors::InvalidArgument("Input shape axis ", axis, " must equal ", num,
                                     ", got shape ", value.shape().DebugString());
    }
    size_t copied = 0;
    RETURN_IF_ERROR(SplitAlong(ctx, value, static_cast<int>(axis), DimVector(num, 1),
                               /*drop_axis=*/true, &copied));
    NoteCopiedBytes(copied);
    return absl::OkStatus();
  }

 private:
  int64_t axis_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("Split").Device(DEVICE_CPU), SplitOp);
REGISTER_KERNEL_BUILDER(Name("SplitV").Device(DEVICE_CPU), SplitVOp);
REGISTER_KERNEL_BUILDER(Name("Unpack").Device(DEVICE_CPU), UnpackOp);

}  // namespace
}  // namespace rill
