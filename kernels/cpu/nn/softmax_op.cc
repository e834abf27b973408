// The CPU kernels of Softmax and LogSoftmax (half, bfloat16, float, double): each row along
// the last dimension normalized by softmax_rows, rows sharded over the intra-op pool when
// large.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "kernels/cpu/nn/softmax_rows.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// SoftmaxOp<T, kLog> normalizes each last-dimension row of logits (rank >= 1) into the
// output, which may reuse logits' buffer. Thread-safe: only the sharding hint is written.
template <typename T, bool kLog>
class SoftmaxOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& logits = ctx->input(0);
    if (logits.dims() < 1) {
      return errors::InvalidArgument("logits must have >= 1 dimension, got ",
                                     logits.shape().DebugString());
    }
    Tensor* out;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, logits.shape(), &out));
    const int64_t classes = logits.dim_size(logits.dims() - 1);
    if (classes == 0) return absl::OkStatus();
    const int64_t rows = logits.NumElements() / classes;
    const T* in = static_cast<const T*>(logits.data());
    T* y = static_cast<T*>(out->data());
    // Per row: a max, an exp and a sum, and a scaling pass over `classes` elements.
    const Eigen::TensorOpCost row_cost(classes * sizeof(T), classes * sizeof(T), classes * 24.0);
    sharding_.Run(ctx, rows, row_cost, [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        if constexpr (kLog) {
          softmax_rows::LogSoftmax(in + r * classes, y + r * classes, classes);
        } else {
          softmax_rows::Softmax(in + r * classes, y + r * classes, classes);
        }
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

#define REGISTER_SOFTMAX_CPU(T)                                                           \
  REGISTER_KERNEL_BUILDER(Name("Softmax").Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
                          SoftmaxOp<T, false>);                                           \
  REGISTER_KERNEL_BUILDER(Name("LogSoftmax").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          SoftmaxOp<T, true>)

REGISTER_SOFTMAX_CPU(Eigen::half);
REGISTER_SOFTMAX_CPU(Eigen::bfloat16);
REGISTER_SOFTMAX_CPU(float);
REGISTER_SOFTMAX_CPU(double);

}  // namespace
}  // namespace rill
