// The CPU kernels of Range and LinSpace (TensorFlow's sequence ops): Range sized by the
// same RangeSize its shape function uses, LinSpace ending exactly at `stop`.
#include <cstdint>
#include <type_traits>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "ops/math/range_size.h"

namespace rill {
namespace {

// ScalarInput checks that `t`, input `name`, holds one value: a scalar, or a vector of one
// (TensorFlow accepts both).
absl::Status ScalarInput(const Tensor& t, const char* name) {
  if (t.dims() == 0 || (t.dims() == 1 && t.dim_size(0) == 1)) return absl::OkStatus();
  return errors::InvalidArgument(name, " must be a scalar, not shape ", t.shape().DebugString());
}

// RangeOp<T>: start, start + delta, ... up to limit (exclusive). Integers are computed
// exactly as start + i * delta; floating point accumulates delta as TensorFlow does, so
// both produce TensorFlow's values bit for bit.
template <typename T>
class RangeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    RETURN_IF_ERROR(ScalarInput(ctx->input(0), "start"));
    RETURN_IF_ERROR(ScalarInput(ctx->input(1), "limit"));
    RETURN_IF_ERROR(ScalarInput(ctx->input(2), "delta"));
    const T start = *static_cast<const T*>(ctx->input(0).data());
    const T limit = *static_cast<const T*>(ctx->input(1).data());
    const T delta = *static_cast<const T*>(ctx->input(2).data());
    ASSIGN_OR_RETURN(const int64_t size, RangeSize<T>(start, limit, delta));
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({size}), &out));
    T* values = static_cast<T*>(out->data());
    if constexpr (std::is_integral_v<T>) {
      // Modulo 2^64 the sum is exact, and every element lies between start and limit.
      const uint64_t base = static_cast<uint64_t>(start);
      const uint64_t step = static_cast<uint64_t>(delta);
      for (int64_t i = 0; i < size; ++i) {
        values[i] = static_cast<T>(base + static_cast<uint64_t>(i) * step);
      }
    } else {
      T value = start;
      for (int64_t i = 0; i < size; ++i) {
        values[i] = value;
        value += delta;
      }
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

// LinSpaceOp<T, Tnum>: num values from start to stop, step (stop - start) / (num - 1), the
// last one exactly stop.
template <typename T, typename Tnum>
class LinSpaceOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    RETURN_IF_ERROR(ScalarInput(ctx->input(0), "start"));
    RETURN_IF_ERROR(ScalarInput(ctx->input(1), "stop"));
    RETURN_IF_ERROR(ScalarInput(ctx->input(2), "num"));
    const T start = *static_cast<const T*>(ctx->input(0).data());
    const T stop = *static_cast<const T*>(ctx->input(1).data());
    const int64_t num = *static_cast<const Tnum*>(ctx->input(2).data());
    if (num <= 0) return errors::InvalidArgument("Requires num > 0: ", num);
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({num}), &out));
    T* values = static_cast<T*>(out->data());
    values[0] = start;
    if (num > 1) {
      const T step = (stop - start) / static_cast<T>(num - 1);
      for (int64_t i = 1; i < num - 1; ++i) {
        values[i] = start + step * static_cast<T>(i);
      }
      values[num - 1] = stop;
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

#define REGISTER_RANGE(T) \
  REGISTER_KERNEL_BUILDER(Name("Range").Device(DEVICE_CPU).TypeConstraint<T>("Tidx"), RangeOp<T>);
RILL_CALL_RANGE_TYPES(REGISTER_RANGE)
#undef REGISTER_RANGE

#define REGISTER_LIN_SPACE(T)                                                                     \
  REGISTER_KERNEL_BUILDER(                                                                        \
      Name("LinSpace").Device(DEVICE_CPU).TypeConstraint<T>("T").TypeConstraint<int32_t>("Tidx"), \
      LinSpaceOp<T, int32_t>);                                                                    \
  REGISTER_KERNEL_BUILDER(                                                                        \
      Name("LinSpace").Device(DEVICE_CPU).TypeConstraint<T>("T").TypeConstraint<int64_t>("Tidx"), \
      LinSpaceOp<T, int64_t>);
RILL_CALL_FLOAT_TYPES(REGISTER_LIN_SPACE)
#undef REGISTER_LIN_SPACE

}  // namespace
}  // namespace rill
