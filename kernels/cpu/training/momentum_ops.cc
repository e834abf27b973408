// CPU kernels of ResourceApplyMomentum and ResourceSparseApplyMomentum, with TensorFlow's
// arithmetic in TensorFlow's order: accum = accum * momentum + grad; var -= accum * lr.
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
class ApplyMomentumOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("use_nesterov", &use_nesterov_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& lr = ctx->input(2);
    const Tensor& grad = ctx->input(3);
    const Tensor& momentum = ctx->input(4);
    RETURN_IF_ERROR(CheckScalar(lr, "lr"));
    RETURN_IF_ERROR(CheckScalar(momentum, "momentum"));
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1}, DataTypeToEnum<T>::value, /*exclusive=*/true));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "accum"));
    RETURN_IF_ERROR(CheckGradShape(vars, grad));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* accum = static_cast<T*>(vars.tensor(1).data());
    const T* g = static_cast<const T*>(grad.data());
    const T rate = lr.scalar<T>()();
    const T mu = momentum.scalar<T>()();
    const bool nesterov = use_nesterov_;
    sharding_.Run(ctx, grad.NumElements(), Eigen::TensorOpCost(3 * sizeof(T), 2 * sizeof(T), 5),
                  [=](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) accum[i] = accum[i] * mu + g[i];
                    if (nesterov) {
                      for (int64_t i = begin; i < end; ++i) {
                        var[i] = var[i] - (g[i] * rate + accum[i] * mu * rate);
                      }
                    } else {
                      for (int64_t i = begin; i < end; ++i) var[i] = var[i] - accum[i] * rate;
                    }
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  bool use_nesterov_ = false;
  ElementwiseSharding sharding_;
};

template <typename T, typename Index>
class SparseApplyMomentumOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("use_locking", &use_locking_));
    return ctx->GetAttr("use_nesterov", &use_nesterov_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& lr = ctx->input(2);
    const Tensor& grad = ctx->input(3);
    const Tensor& indices = ctx->input(4);
    const Tensor& momentum = ctx->input(5);
    RETURN_IF_ERROR(CheckScalar(lr, "lr"));
    RETURN_IF_ERROR(CheckScalar(momentum, "momentum"));
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1}, DataTypeToEnum<T>::value, use_locking_));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "accum"));
    int64_t width = 0;
    RETURN_IF_ERROR(CheckSparseGrad<Index>(vars, grad, indices, &width));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* accum = static_cast<T*>(vars.tensor(1).data());
    const T* g = static_cast<const T*>(grad.data());
    const T rate = lr.scalar<T>()();
    const T mu = momentum.scalar<T>()();
    const bool nesterov = use_nesterov_;
    ForEachSparseRow<Index>(indices, width, [=](int64_t row, int64_t grad_row) {
      T* v = var + row;
      T* a = accum + row;
      const T* gk = g + grad_row;
      for (int64_t k = 0; k < width; ++k) a[k] = a[k] * mu + gk[k];
      if (nesterov) {
        for (int64_t k = 0; k < width; ++k) v[k] = v[k] - (rate * gk[k] + rate * mu * a[k]);
      } else {
        for (int64_t k = 0; k < width; ++k) v[k] = v[k] - rate * a[k];
      }
    });
    return absl::OkStatus();
  }

 private:
  bool use_locking_ = false;
  bool use_nesterov_ = false;
};

#define REGISTER_CPU(T)                                                                      \
  REGISTER_KERNEL_BUILDER(Name("ResourceApplyMomentum").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ApplyMomentumOp<T>);                                               \
  REGISTER_KERNEL_BUILDER(Name("ResourceSparseApplyMomentum")                                \
                              .Device(DEVICE_CPU)                                            \
                              .TypeConstraint<T>("T")                                        \
                              .TypeConstraint<int32_t>("Tindices"),                          \
                          SparseApplyMomentumOp<T, int32_t>);                                \
  REGISTER_KERNEL_BUILDER(Name("ResourceSparseApplyMomentum")                                \
                              .Device(DEVICE_CPU)                                            \
                              .TypeConstraint<T>("T")                                        \
                              .TypeConstraint<int64_t>("Tindices"),                          \
                          SparseApplyMomentumOp<T, int64_t>);
REGISTER_CPU(Eigen::half)
REGISTER_CPU(Eigen::bfloat16)
REGISTER_CPU(float)
REGISTER_CPU(double)
#undef REGISTER_CPU

}  // namespace
}  // namespace rill
