// CPU kernels of ResourceApplyRMSProp, ResourceApplyCenteredRMSProp and their sparse forms,
// with TensorFlow's arithmetic in TensorFlow's order (the dense and the sparse kernels
// write the same update differently, as TensorFlow's do).
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

// RMSPropParams are an update's scalar hyperparameters, starting at input `first`
// (lr, rho, momentum, epsilon).
template <typename T>
struct RMSPropParams {
  absl::Status Read(OpKernelContext* ctx, int first) {
    static constexpr const char* kNames[] = {"lr", "rho", "momentum", "epsilon"};
    for (int i = 0; i < 4; ++i) RETURN_IF_ERROR(CheckScalar(ctx->input(first + i), kNames[i]));
    lr = ctx->input(first).scalar<T>()();
    rho = ctx->input(first + 1).scalar<T>()();
    momentum = ctx->input(first + 2).scalar<T>()();
    epsilon = ctx->input(first + 3).scalar<T>()();
    one_minus_rho = T(1) - rho;
    return absl::OkStatus();
  }

  T lr;
  T rho;
  T momentum;
  T epsilon;
  T one_minus_rho;
};

// ApplyRMSPropOp: ms += (g * g - ms) * (1 - rho); mom = mom * momentum + g * lr / sqrt(ms +
// epsilon); var -= mom. Centered (mg tracks the mean gradient): mg += (g - mg) * (1 - rho)
// and the denominator is sqrt(ms - mg * mg + epsilon).
template <typename T, bool kCentered>
class ApplyRMSPropOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    constexpr int kSlots = kCentered ? 3 : 2;
    RMSPropParams<T> p;
    RETURN_IF_ERROR(p.Read(ctx, 1 + kSlots));
    const Tensor& grad = ctx->input(5 + kSlots);
    TrainingVariables vars;
    if (kCentered) {
      RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2, 3}, DataTypeToEnum<T>::value, true));
      RETURN_IF_ERROR(CheckSlotShape(vars, 1, "mg"));
    } else {
      RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2}, DataTypeToEnum<T>::value, true));
    }
    RETURN_IF_ERROR(CheckSlotShape(vars, kSlots - 1, "ms"));
    RETURN_IF_ERROR(CheckSlotShape(vars, kSlots, "mom"));
    RETURN_IF_ERROR(CheckGradShape(vars, grad));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* mg = kCentered ? static_cast<T*>(vars.tensor(1).data()) : nullptr;
    T* ms = static_cast<T*>(vars.tensor(kSlots - 1).data());
    T* mom = static_cast<T*>(vars.tensor(kSlots).data());
    const T* g = static_cast<const T*>(grad.data());
    sharding_.Run(ctx, grad.NumElements(),
                  Eigen::TensorOpCost((kSlots + 2) * sizeof(T), (kSlots + 1) * sizeof(T), 30),
                  [=](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) {
                      ms[i] = ms[i] + (g[i] * g[i] - ms[i]) * p.one_minus_rho;
                      T denominator;
                      if constexpr (kCentered) {
                        mg[i] = mg[i] + (g[i] - mg[i]) * p.one_minus_rho;
                        denominator = Sqrt(T(ms[i] - mg[i] * mg[i]) + p.epsilon);
                      } else {
                        denominator = Sqrt(T(ms[i] + p.epsilon));
                      }
                      mom[i] = mom[i] * p.momentum + g[i] * p.lr / denominator;
                      var[i] = var[i] - mom[i];
                    }
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

// SparseApplyRMSPropOp, on the rows indices name: ms = ms * rho + g * g * (1 - rho);
// mom = mom * momentum + rsqrt(ms + epsilon) * lr * g; var -= mom. Centered:
// mg = mg * rho + g * (1 - rho) and rsqrt(ms + epsilon - mg * mg).
template <typename T, typename Index, bool kCentered>
class SparseApplyRMSPropOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("use_locking", &use_locking_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    constexpr int kSlots = kCentered ? 3 : 2;
    RMSPropParams<T> p;
    RETURN_IF_ERROR(p.Read(ctx, 1 + kSlots));
    const Tensor& grad = ctx->input(5 + kSlots);
    const Tensor& indices = ctx->input(6 + kSlots);
    TrainingVariables vars;
    if (kCentered) {
      RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2, 3}, DataTypeToEnum<T>::value, use_locking_));
      RETURN_IF_ERROR(CheckSlotShape(vars, 1, "mg"));
    } else {
      RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2}, DataTypeToEnum<T>::value, use_locking_));
    }
    RETURN_IF_ERROR(CheckSlotShape(vars, kSlots - 1, "ms"));
    RETURN_IF_ERROR(CheckSlotShape(vars, kSlots, "mom"));
    int64_t width = 0;
    RETURN_IF_ERROR(CheckSparseGrad<Index>(vars, grad, indices, &width));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* mg = kCentered ? static_cast<T*>(vars.tensor(1).data()) : nullptr;
    T* ms = static_cast<T*>(vars.tensor(kSlots - 1).data());
    T* mom = static_cast<T*>(vars.tensor(kSlots).data());
    const T* g = static_cast<const T*>(grad.data());
    ForEachSparseRow<Index>(indices, width, [&](int64_t row, int64_t grad_row) {
      for (int64_t k = 0; k < width; ++k) {
        const int64_t i = row + k;
        const T& gk = g[grad_row + k];
        ms[i] = ms[i] * p.rho + gk * gk * p.one_minus_rho;
        T denominator;
        if constexpr (kCentered) {
          mg[i] = mg[i] * p.rho + gk * p.one_minus_rho;
          denominator = T(ms[i] + p.epsilon) - mg[i] * mg[i];
        } else {
          denominator = ms[i] + p.epsilon;
        }
        mom[i] = mom[i] * p.momentum + Rsqrt(denominator) * p.lr * gk;
        var[i] = var[i] - mom[i];
      }
    });
    return absl::OkStatus();
  }

 private:
  bool use_locking_ = false;
};

#define REGISTER_SPARSE(op, T, Index, centered)                                         \
  REGISTER_KERNEL_BUILDER(                                                              \
      Name(op).Device(DEVICE_CPU).TypeConstraint<T>("T").TypeConstraint<Index>("Tindices"), \
      SparseApplyRMSPropOp<T, Index, centered>);
#define REGISTER_CPU(T)                                                                        \
  REGISTER_KERNEL_BUILDER(Name("ResourceApplyRMSProp").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ApplyRMSPropOp<T, false>);                                           \
  REGISTER_KERNEL_BUILDER(                                                                     \
      Name("ResourceApplyCenteredRMSProp").Device(DEVICE_CPU).TypeConstraint<T>("T"),         \
      ApplyRMSPropOp<T, true>);                                                                \
  REGISTER_SPARSE("ResourceSparseApplyRMSProp", T, int32_t, false)                             \
  REGISTER_SPARSE("ResourceSparseApplyRMSProp", T, int64_t, false)                             \
  REGISTER_SPARSE("ResourceSparseApplyCenteredRMSProp", T, int32_t, true)                      \
  REGISTER_SPARSE("ResourceSparseApplyCenteredRMSProp", T, int64_t, true)
REGISTER_CPU(Eigen::half)
REGISTER_CPU(Eigen::bfloat16)
REGISTER_CPU(float)
REGISTER_CPU(double)
#undef REGISTER_CPU
#undef REGISTER_SPARSE

}  // namespace
}  // namespace rill
