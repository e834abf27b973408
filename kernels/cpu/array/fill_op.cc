// The CPU kernels of Fill, ZerosLike and OnesLike: tensors holding one value everywhere,
// filled by element size (FillTensor), so no kernel is instantiated per dtype.
#include <atomic>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/framework/variant.h"
#include "kernels/cpu/array/fill_tensor.h"

namespace rill {
namespace {

// Outputs of at most this many bytes are filled inline in the executor.
constexpr int64_t kInlineFillBytes = int64_t{1} << 17;

#define RILL_AS_DATA_TYPE(T) DataTypeToEnum<T>::value,
// The dtypes with a C++ element type: what FillTensor can fill.
const DataType kAllTypes[] = {RILL_CALL_ALL_TYPES(RILL_AS_DATA_TYPE)};
// ZerosLike's dtypes: every plain type, and strings (zero is "").
const DataType kZerosLikeTypes[] = {RILL_CALL_POD_TYPES(RILL_AS_DATA_TYPE) DT_STRING};
// OnesLike's dtypes: every plain type.
const DataType kOnesLikeTypes[] = {RILL_CALL_POD_TYPES(RILL_AS_DATA_TYPE)};
#undef RILL_AS_DATA_TYPE

// SizeHint remembers whether the last output was large enough for the inter-op pool.
class SizeHint {
 public:
  void Record(const Tensor& out) {
    const bool large = static_cast<int64_t>(out.TotalBytes()) > kInlineFillBytes;
    if (expensive_.load(std::memory_order_relaxed) != large) {
      expensive_.store(large, std::memory_order_relaxed);
    }
  }
  bool expensive() const { return expensive_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> expensive_{false};
};

// FillOp: output of shape `dims` (int32 or int64, every size >= 0) holding `value`.
class FillOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& dims = ctx->input(0);
    const Tensor& value = ctx->input(1);
    if (dims.dims() != 1) {
      return errors::InvalidArgument("dims must be a vector, got shape ",
                                     dims.shape().DebugString());
    }
    if (value.dims() != 0) {
      return errors::InvalidArgument("value must be a scalar, got shape ",
                                     value.shape().DebugString());
    }
    std::vector<int64_t> sizes(dims.NumElements());
    for (int64_t i = 0; i < dims.NumElements(); ++i) {
      sizes[i] = dims.dtype() == DT_INT32 ? dims.flat<int32_t>()(i) : dims.flat<int64_t>()(i);
    }
    ASSIGN_OR_RETURN(const TensorShape shape, TensorShape::Build(sizes));
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, shape, &out));
    FillTensor(value, out, ctx->device()->intra_op_thread_pool());
    hint_.Record(*out);
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  SizeHint hint_;
};

// ConstantLikeOp: output of x's shape holding zero (ZerosLike) or one (OnesLike) of x's
// dtype; reuses x's buffer when nothing else holds it.
template <bool kOne>
class ConstantLikeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    value_ = Tensor(ctx->input_type(0), TensorShape());
    bool supported = false;
    VisitDataType(ctx->input_type(0), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, std::string>) {
        supported = !kOne;
      } else if constexpr (std::is_same_v<T, bool>) {
        value_.scalar<T>()() = kOne;
        supported = true;
      } else if constexpr (!std::is_same_v<T, ResourceHandle> && !std::is_same_v<T, Variant>) {
        value_.scalar<T>()() = T(kOne ? 1 : 0);
        supported = true;
      }
    });
    if (!supported) {
      return errors::InvalidArgument(type_string(), " does not support dtype ",
                                     DataTypeString(ctx->input_type(0)));
    }
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* out;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, x.shape(), &out));
    FillTensor(value_, out, ctx->device()->intra_op_thread_pool());
    hint_.Record(*out);
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  Tensor value_;
  SizeHint hint_;
};

REGISTER_KERNEL_BUILDER(Name("Fill").Device(DEVICE_CPU).TypeConstraint("T", kAllTypes), FillOp);
REGISTER_KERNEL_BUILDER(Name("ZerosLike").Device(DEVICE_CPU).TypeConstraint("T", kZerosLikeTypes),
                        ConstantLikeOp<false>);
REGISTER_KERNEL_BUILDER(Name("OnesLike").Device(DEVICE_CPU).TypeConstraint("T", kOnesLikeTypes),
                        ConstantLikeOp<true>);

}  // namespace
}  // namespace rill
