// The CPU kernel of OneHot: off_value everywhere, then on_value where an index in
// [0, depth) points; an index out of range leaves its row off, as in TensorFlow.
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "kernels/cpu/array/fill_tensor.h"
#include "kernels/cpu/array/slice_mover.h"

namespace rill {
namespace {

// IndicesAsInt64 reads an index tensor of dtype uint8, int8, int32 or int64.
std::vector<int64_t> IndicesAsInt64(const Tensor& indices) {
  std::vector<int64_t> values(indices.NumElements());
  const auto read = [&](const auto* data) {
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(data[i]);
  };
  switch (indices.dtype()) {
    case DT_UINT8:
      read(static_cast<const uint8_t*>(indices.data()));
      break;
    case DT_INT8:
      read(static_cast<const int8_t*>(indices.data()));
      break;
    case DT_INT32:
      read(static_cast<const int32_t*>(indices.data()));
      break;
    default:
      read(static_cast<const int64_t*>(indices.data()));
      break;
  }
  return values;
}

// OneHotOp views the output as [prefix, depth, suffix], where prefix spans the indices
// dims before `axis` and suffix those from it on: output[p, indices[p, s], s] = on_value.
class OneHotOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("axis", &axis_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& depth_t = ctx->input(1);
    const Tensor& on_value = ctx->input(2);
    const Tensor& off_value = ctx->input(3);
    const int output_dims = indices.dims() + 1;
    if (axis_ != -1 && (axis_ < 0 || axis_ >= output_dims)) {
      return errors::InvalidArgument("Expected axis to be -1 or between [0, ", output_dims,
                                     ").  But received: ", axis_);
    }
    if (depth_t.dims() != 0) {
      return errors::InvalidArgument("depth must be a scalar, but got: ",
                                     depth_t.shape().DebugString());
    }
    if (on_value.dims() != 0) {
      return errors::InvalidArgument("on_value must be a scalar, but got: ",
                                     on_value.shape().DebugString());
    }
    if (off_value.dims() != 0) {
      return errors::InvalidArgument("off_value must be a scalar, but got: ",
                                     off_value.shape().DebugString());
    }
    const int64_t depth = depth_t.scalar<int32_t>()();
    if (depth < 0) return errors::InvalidArgument("depth must be non-negative, got: ", depth);

    const int axis = axis_ == -1 ? indices.dims() : static_cast<int>(axis_);
    DimVector dims(indices.shape().dim_sizes().begin(), indices.shape().dim_sizes().end());
    dims.insert(dims.begin() + axis, depth);
    ASSIGN_OR_RETURN(const TensorShape out_shape, TensorShape::Build(dims));
    int64_t prefix = 1;
    for (int i = 0; i < axis; ++i) prefix *= indices.dim_size(i);
    const int64_t suffix = prefix == 0 ? 0 : indices.NumElements() / prefix;

    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    if (out->NumElements() == 0) return absl::OkStatus();
    FillTensor(off_value, out, ctx->device()->intra_op_thread_pool());
    const std::vector<int64_t> index_values = IndicesAsInt64(indices);
    const bool known_dtype = VisitSliceMover(out->dtype(), 1, [&](auto mover) {
      char* dst = static_cast<char*>(out->data());
      for (int64_t p = 0; p < prefix; ++p) {
        for (int64_t s = 0; s < suffix; ++s) {
          const int64_t index = index_values[p * suffix + s];
          if (index < 0 || index >= depth) continue;
          mover(dst + ((p * depth + index) * suffix + s) * mover.bytes(), on_value.data());
        }
      }
    });
    if (!known_dtype) {
      return errors::Unimplemented("OneHot does not support dtype ", DataTypeString(out->dtype()));
    }
    return absl::OkStatus();
  }

 private:
  int64_t axis_ = -1;
};

REGISTER_KERNEL_BUILDER(Name("OneHot").Device(DEVICE_CPU), OneHotOp);

}  // namespace
}  // namespace rill
