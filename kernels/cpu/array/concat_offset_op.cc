// The CPU kernel of ConcatOffset: where each input of a concatenation starts in its output
// (ConcatV2's gradient slices the output's gradient at these offsets).
#include <cstdint>
#include <string>

#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

// ShapeText prints an int32 shape vector as "2,3,5".
std::string ShapeText(const Tensor& shape) {
  const auto values = shape.flat<int32_t>();
  return absl::StrJoin(values.data(), values.data() + values.size(), ",");
}

class ConcatOffsetOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& concat_dim = ctx->input(0);
    if (concat_dim.dims() != 0) {
      return errors::InvalidArgument("Concat dim tensor should be a scalar integer, but got shape ",
                                     concat_dim.shape().DebugString());
    }
    const int n = ctx->num_inputs() - 1;
    for (int i = 0; i < n; ++i) {
      const Tensor& shape = ctx->input(1 + i);
      if (shape.dims() != 1) {
        return errors::InvalidArgument("input ", i, " should be a vector, but got shape ",
                                       shape.shape().DebugString());
      }
    }
    const Tensor& shape0 = ctx->input(1);
    const int64_t dims = shape0.NumElements();
    const int64_t cdim = concat_dim.scalar<int32_t>()();
    const int64_t axis = cdim < 0 ? cdim + dims : cdim;
    if (axis < 0 || axis >= dims) {
      return errors::InvalidArgument("Concat dim is out of range: ", cdim, " vs. ", dims);
    }
    const auto shape0_values = shape0.flat<int32_t>();
    for (int i = 0; i < n; ++i) {
      const Tensor& shape = ctx->input(1 + i);
      if (shape.NumElements() != dims) {
        return errors::InvalidArgument("input ", i, " should contain ", dims, " elements, but got ",
                                       shape.NumElements());
      }
      const auto values = shape.flat<int32_t>();
      for (int64_t d = 0; d < dims; ++d) {
        if (d != axis && values(d) != shape0_values(d)) {
          return errors::InvalidArgument("All dimensions except ", axis, " must match. Input ", i,
                                         " has shape [", ShapeText(shape),
                                         "] and doesn't match input 0 with shape [",
                                         ShapeText(shape0), "].");
        }
      }
    }
    int32_t offset = 0;
    for (int i = 0; i < n; ++i) {
      Tensor* out;
      RETURN_IF_ERROR(ctx->allocate_output(i, TensorShape({dims}), &out));
      auto out_values = out->flat<int32_t>();
      for (int64_t d = 0; d < dims; ++d) out_values(d) = 0;
      out_values(axis) = offset;
      offset += ctx->input(1 + i).flat<int32_t>()(axis);
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("ConcatOffset").Device(DEVICE_CPU), ConcatOffsetOp);

}  // namespace
}  // namespace rill
