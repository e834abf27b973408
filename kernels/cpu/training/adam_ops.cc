// CPU kernel of ResourceApplyAdam, with TensorFlow's arithmetic in TensorFlow's order:
// alpha = lr * sqrt(1 - beta2_power) / (1 - beta1_power); m += (g - m) * (1 - beta1);
// v += (g * g - v) * (1 - beta2); var -= m * alpha / (sqrt(v) + epsilon).
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "kernels/cpu/training/training_vars.h"

namespace rill {
namespace {

template <typename T>
class ApplyAdamOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("use_nesterov", &use_nesterov_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    static constexpr const char* kScalars[] = {"beta1_power", "beta2_power", "lr",
                                               "beta1",       "beta2",       "epsilon"};
    for (int i = 0; i < 6; ++i) RETURN_IF_ERROR(CheckScalar(ctx->input(3 + i), kScalars[i]));
    const Tensor& grad = ctx->input(9);
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2}, DataTypeToEnum<T>::value, /*exclusive=*/true));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "m"));
    RETURN_IF_ERROR(CheckSlotShape(vars, 2, "v"));
    RETURN_IF_ERROR(CheckGradShape(vars, grad));

    const T beta1_power = ctx->input(3).scalar<T>()();
    const T beta2_power = ctx->input(4).scalar<T>()();
    const T lr = ctx->input(5).scalar<T>()();
    const T beta1 = ctx->input(6).scalar<T>()();
    const T beta2 = ctx->input(7).scalar<T>()();
    const T epsilon = ctx->input(8).scalar<T>()();
    const T alpha = lr * Sqrt(T(1) - beta2_power) / (T(1) - beta1_power);
    const T one_minus_beta1 = T(1) - beta1;
    const T one_minus_beta2 = T(1) - beta2;

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* m = static_cast<T*>(vars.tensor(1).data());
    T* v = static_cast<T*>(vars.tensor(2).data());
    const T* g = static_cast<const T*>(grad.data());
    const bool nesterov = use_nesterov_;
    sharding_.Run(ctx, grad.NumElements(), Eigen::TensorOpCost(4 * sizeof(T), 3 * sizeof(T), 30),
                  [=](int64_t begin, int64_t end) {
                    // One loop per variant, without a branch inside, so that it vectorizes.
                    if (nesterov) {
                      for (int64_t i = begin; i < end; ++i) {
                        m[i] = m[i] + (g[i] - m[i]) * one_minus_beta1;
                        v[i] = v[i] + (g[i] * g[i] - v[i]) * one_minus_beta2;
                        var[i] = var[i] - (g[i] * one_minus_beta1 + beta1 * m[i]) * alpha /
                                              (Sqrt(v[i]) + epsilon);
                      }
                    } else {
                      for (int64_t i = begin; i < end; ++i) {
                        m[i] = m[i] + (g[i] - m[i]) * one_minus_beta1;
                        v[i] = v[i] + (g[i] * g[i] - v[i]) * one_minus_beta2;
                        var[i] = var[i] - m[i] * alpha / (Sqrt(v[i]) + epsilon);
                      }
                    }
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  bool use_nesterov_ = false;
  ElementwiseSharding sharding_;
};

#define REGISTER_CPU(T)                                                                  \
  REGISTER_KERNEL_BUILDER(Name("ResourceApplyAdam").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ApplyAdamOp<T>);
REGISTER_CPU(Eigen::half)
REGISTER_CPU(Eigen::bfloat16)
REGISTER_CPU(float)
REGISTER_CPU(double)
#undef REGISTER_CPU

}  // namespace
}  // namespace rill
