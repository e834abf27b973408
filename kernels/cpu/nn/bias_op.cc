// The CPU kernels of BiasAdd and BiasAddGrad (half, bfloat16, float, double, int32, int64;
// NHWC and NCHW): contiguous Eigen row operations, BiasAdd sharded over the intra-op pool
// when large; BiasAddGrad sums half and bfloat16 in float, as TensorFlow does.
#include <atomic>
#include <cstdint>
#include <string>
#include <type_traits>

#include "Eigen/Core"
#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

template <typename T>
using ConstArray = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using MutableArray = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;

// Accumulator is the type BiasAddGrad sums T in: float for the 16-bit floats, T otherwise.
template <typename T>
using Accumulator =
    std::conditional_t<std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>,
                       float, T>;

// Layout is a tensor seen as [outer, channels, inner] around its channel dimension: the
// last one for NHWC (inner = 1), dimension 1 for NCHW.
struct Layout {
  int64_t outer = 1;
  int64_t channels = 1;
  int64_t inner = 1;
};

// ReadDataFormat sets *nchw from the kernel's data_format attr.
absl::Status ReadDataFormat(OpKernelConstruction* ctx, bool* nchw) {
  std::string data_format;
  RETURN_IF_ERROR(ctx->GetAttr("data_format", &data_format));
  if (data_format != "NHWC" && data_format != "NCHW") {
    return errors::InvalidArgument("Invalid data format: ", data_format);
  }
  *nchw = data_format == "NCHW";
  return absl::OkStatus();
}

// LayoutOf views `shape` (rank >= 2) around its channel dimension.
Layout LayoutOf(const TensorShape& shape, bool nchw) {
  const int channel = nchw ? 1 : shape.dims() - 1;
  Layout layout;
  for (int d = 0; d < shape.dims(); ++d) {
    if (d < channel) layout.outer *= shape.dim_size(d);
    if (d > channel) layout.inner *= shape.dim_size(d);
  }
  layout.channels = shape.dim_size(channel);
  return layout;
}

// BiasAddOp<T>: output = value + bias broadcast along the channel dimension; the output
// reuses value's buffer when it can. Thread-safe.
template <typename T>
class BiasAddOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ReadDataFormat(ctx, &nchw_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& value = ctx->input(0);
    const Tensor& bias = ctx->input(1);
    if (value.dims() < 2) {
      return errors::InvalidArgument("Input tensor must be at least 2D: ",
                                     value.shape().DebugString());
    }
    if (bias.dims() != 1) {
      return errors::InvalidArgument("Biases must be 1D: ", bias.shape().DebugString());
    }
    const Layout layout = LayoutOf(value.shape(), nchw_);
    if (bias.dim_size(0) != layout.channels) {
      return errors::InvalidArgument(
          "Must provide as many biases as the ", nchw_ ? "channel" : "last",
          " dimension of the input tensor: ", bias.shape().DebugString(), " vs. ",
          value.shape().DebugString());
    }
    Tensor* out;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, value.shape(), &out));
    const T* in = static_cast<const T*>(value.data());
    const T* b = static_cast<const T*>(bias.data());
    T* y = static_cast<T*>(out->data());
    // Blocks: NHWC rows of `channels` elements plus the bias vector; NCHW runs of `inner`
    // elements plus one bias value.
    const int64_t blocks = nchw_ ? layout.outer * layout.channels : layout.outer;
    const int64_t length = nchw_ ? layout.inner : layout.channels;
    if (blocks == 0 || length == 0) return absl::OkStatus();
    const Eigen::TensorOpCost block_cost(2 * length * sizeof(T), length * sizeof(T), length);
    sharding_.Run(ctx, blocks, block_cost, [&](int64_t begin, int64_t end) {
      for (int64_t k = begin; k < end; ++k) {
        const ConstArray<T> x(in + k * length, length);
        MutableArray<T> z(y + k * length, length);
        if (nchw_) {
          z = x + b[k % layout.channels];
        } else {
          z = x + ConstArray<T>(b, length);
        }
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  bool nchw_ = false;
  ElementwiseSharding sharding_;
};

// BiasAddGradOp<T>: output[c] = the sum of out_backprop over every position of channel c.
// Thread-safe: only the expensiveness hint is written.
template <typename T>
class BiasAddGradOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ReadDataFormat(ctx, &nchw_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& grad = ctx->input(0);
    if (grad.dims() < 2) {
      return errors::InvalidArgument("Input tensor must be at least 2D: ",
                                     grad.shape().DebugString());
    }
    const Layout layout = LayoutOf(grad.shape(), nchw_);
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({layout.channels}), &out));
    const int64_t elements = grad.NumElements();
    const bool large = elements > (int64_t{1} << 15);
    if (expensive_.load(std::memory_order_relaxed) != large) {
      expensive_.store(large, std::memory_order_relaxed);
    }
    using Acc = Accumulator<T>;
    const T* g = static_cast<const T*>(grad.data());
    Eigen::Array<Acc, Eigen::Dynamic, 1> sums = Eigen::Array<Acc, Eigen::Dynamic, 1>::Zero(
        layout.channels);
    for (int64_t o = 0; o < layout.outer; ++o) {
      const T* block = g + o * layout.channels * layout.inner;
      if (nchw_) {
        for (int64_t c = 0; c < layout.channels; ++c) {
          sums[c] += ConstArray<T>(block + c * layout.inner, layout.inner).template cast<Acc>().sum();
        }
      } else {
        sums += ConstArray<T>(block, layout.channels).template cast<Acc>();
      }
    }
    MutableArray<T>(static_cast<T*>(out->data()), layout.channels) = sums.template cast<T>();
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return expensive_.load(std::memory_order_relaxed); }

 private:
  bool nchw_ = false;
  std::atomic<bool> expensive_{false};
};

#define REGISTER_BIAS_CPU(T)                                                               \
  REGISTER_KERNEL_BUILDER(Name("BiasAdd").Device(DEVICE_CPU).TypeConstraint<T>("T"),       \
                          BiasAddOp<T>);                                                   \
  REGISTER_KERNEL_BUILDER(Name("BiasAddGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          BiasAddGradOp<T>)

REGISTER_BIAS_CPU(Eigen::half);
REGISTER_BIAS_CPU(Eigen::bfloat16);
REGISTER_BIAS_CPU(float);
REGISTER_BIAS_CPU(double);
REGISTER_BIAS_CPU(int32_t);
REGISTER_BIAS_CPU(int64_t);

}  // namespace
}  // namespace rill
