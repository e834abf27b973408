// The CPU kernel of L2Loss (half, bfloat16, float, double): sum(t * t * 0.5) as TensorFlow
// computes it (each square halved before the sum), the 16-bit floats summed in float.
#include <atomic>
#include <cstdint>
#include <type_traits>

#include "Eigen/Core"
#include "absl/status/status.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

// L2LossOp<T> reduces any tensor to a scalar. Thread-safe: only the hint is written.
template <typename T>
class L2LossOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& t = ctx->input(0);
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape(), &out));
    const int64_t n = t.NumElements();
    const bool large = n > (int64_t{1} << 15);
    if (expensive_.load(std::memory_order_relaxed) != large) {
      expensive_.store(large, std::memory_order_relaxed);
    }
    using Acc = std::conditional_t<std::is_same_v<T, Eigen::half> ||
                                       std::is_same_v<T, Eigen::bfloat16>,
                                   float, T>;
    const Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> x(static_cast<const T*>(t.data()),
                                                                 n);
    const Acc sum = n == 0 ? Acc(0) : (x.template cast<Acc>().square() * Acc(0.5)).sum();
    *static_cast<T*>(out->data()) = static_cast<T>(sum);
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return expensive_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> expensive_{false};
};

#define REGISTER_L2LOSS_CPU(T) \
  REGISTER_KERNEL_BUILDER(Name("L2Loss").Device(DEVICE_CPU).TypeConstraint<T>("T"), L2LossOp<T>)

REGISTER_L2LOSS_CPU(Eigen::half);
REGISTER_L2LOSS_CPU(Eigen::bfloat16);
REGISTER_L2LOSS_CPU(float);
REGISTER_L2LOSS_CPU(double);

}  // namespace
}  // namespace rill
