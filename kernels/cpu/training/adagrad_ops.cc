// CPU kernels of ResourceApplyAdagrad and ResourceSparseApplyAdagrad, with TensorFlow's
// arithmetic in TensorFlow's order: accum += grad * grad; var -= grad * lr * rsqrt(accum).
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
class ApplyAdagradOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("update_slots", &update_slots_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& lr = ctx->input(2);
    const Tensor& grad = ctx->input(3);
    RETURN_IF_ERROR(CheckScalar(lr, "lr"));
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1}, DataTypeToEnum<T>::value, /*exclusive=*/true));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "accum"));
    RETURN_IF_ERROR(CheckGradShape(vars, grad));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* accum = static_cast<T*>(vars.tensor(1).data());
    const T* g = static_cast<const T*>(grad.data());
    const T rate = lr.scalar<T>()();
    const bool update_slots = update_slots_;
    sharding_.Run(ctx, grad.NumElements(), Eigen::TensorOpCost(3 * sizeof(T), 2 * sizeof(T), 20),
                  [=](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) {
                      if (update_slots) accum[i] = accum[i] + g[i] * g[i];
                      var[i] = var[i] - g[i] * rate * Rsqrt(accum[i]);
                    }
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  bool update_slots_ = true;
  ElementwiseSharding sharding_;
};

// SparseApplyAdagradOp: like TensorFlow's, rows of one element use lr * g / sqrt(accum),
// wider rows lr * g * rsqrt(accum).
template <typename T, typename Index>
class SparseApplyAdagradOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("use_locking", &use_locking_));
    return ctx->GetAttr("update_slots", &update_slots_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& lr = ctx->input(2);
    const Tensor& grad = ctx->input(3);
    const Tensor& indices = ctx->input(4);
    RETURN_IF_ERROR(CheckScalar(lr, "lr"));
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1}, DataTypeToEnum<T>::value, use_locking_));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "accum"));
    int64_t width = 0;
    RETURN_IF_ERROR(CheckSparseGrad<Index>(vars, grad, indices, &width));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* accum = static_cast<T*>(vars.tensor(1).data());
    const T* g = static_cast<const T*>(grad.data());
    const T rate = lr.scalar<T>()();
    const bool update_slots = update_slots_;
    if (width == 1) {
      ForEachSparseRow<Index>(indices, width, [=](int64_t row, int64_t grad_row) {
        if (update_slots) accum[row] = accum[row] + g[grad_row] * g[grad_row];
        var[row] = var[row] - rate * g[grad_row] / Sqrt(accum[row]);
      });
      return absl::OkStatus();
    }
    ForEachSparseRow<Index>(indices, width, [=](int64_t row, int64_t grad_row) {
      T* v = var + row;
      T* a = accum + row;
      const T* gk = g + grad_row;
      if (update_slots) {
        for (int64_t k = 0; k < width; ++k) a[k] = a[k] + gk[k] * gk[k];
      }
      for (int64_t k = 0; k < width; ++k) v[k] = v[k] - rate * gk[k] * Rsqrt(a[k]);
    });
    return absl::OkStatus();
  }

 private:
  bool use_locking_ = false;
  bool update_slots_ = true;
};

#define REGISTER_CPU(T)                                                                     \
  REGISTER_KERNEL_BUILDER(Name("ResourceApplyAdagrad").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ApplyAdagradOp<T>);                                               \
  REGISTER_KERNEL_BUILDER(Name("ResourceSparseApplyAdagrad")                                \
                              .Device(DEVICE_CPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .TypeConstraint<int32_t>("Tindices"),                         \
                          SparseApplyAdagradOp<T, int32_t>);                                \
  REGISTER_KERNEL_BUILDER(Name("ResourceSparseApplyAdagrad")                                \
                              .Device(DEVICE_CPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .TypeConstraint<int64_t>("Tindices"),                         \
                          SparseApplyAdagradOp<T, int64_t>);
REGISTER_CPU(Eigen::half)
REGISTER_CPU(Eigen::bfloat16)
REGISTER_CPU(float)
REGISTER_CPU(double)
#undef REGISTER_CPU

}  // namespace
}  // namespace rill
