// CPU kernels of ResourceApplyFtrl(V2) and ResourceSparseApplyFtrl(V2), TensorFlow 1.x's
// FTRL-proximal update in TensorFlow's order, on every element or on the rows indices name.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "kernels/cpu/training/training_vars.h"

namespace rill {
namespace {

// FtrlParams are an update's validated hyperparameters.
template <typename T>
struct FtrlParams {
  T lr;
  T l1;
  T two_l2;            // 2 * l2
  T two_l2_shrinkage;  // 2 * l2_shrinkage (V2), else 0
  T lr_power;
  bool shrinkage;
};

// CheckHyperparameter: `value` must be a scalar with `ok(value)`; else TensorFlow's
// "<what> is not a <kind> scalar".
template <typename T, typename Predicate>
absl::Status CheckHyperparameter(const Tensor& value, const char* what, const char* kind,
                                 Predicate ok) {
  if (value.dims() != 0) {
    return errors::InvalidArgument(what, " is not a ", kind,
                                   " scalar: shape ", value.shape().DebugString());
  }
  const T x = value.scalar<T>()();
  if (!ok(x)) {
    return errors::InvalidArgument(what, " is not a ", kind, " scalar: ",
                                   static_cast<double>(x));
  }
  return absl::OkStatus();
}

// ReadFtrlParams validates and reads the hyperparameters, which start at input `first`
// (lr, l1, l2, [l2_shrinkage,] lr_power).
template <typename T>
absl::Status ReadFtrlParams(OpKernelContext* ctx, int first, bool shrinkage,
                            FtrlParams<T>* params) {
  const Tensor& lr = ctx->input(first);
  const Tensor& l1 = ctx->input(first + 1);
  const Tensor& l2 = ctx->input(first + 2);
  const Tensor& lr_power = ctx->input(first + (shrinkage ? 4 : 3));
  const auto positive = [](T x) { return x > T(0); };
  const auto non_negative = [](T x) { return x >= T(0); };
  RETURN_IF_ERROR(CheckHyperparameter<T>(lr, "lr", "positive", positive));
  RETURN_IF_ERROR(
      CheckHyperparameter<T>(l1, "l1 regularization strength", "non-negative", non_negative));
  RETURN_IF_ERROR(
      CheckHyperparameter<T>(l2, "l2 regularization strength", "non-negative", non_negative));
  RETURN_IF_ERROR(CheckHyperparameter<T>(lr_power, "lr_power", "non-positive",
                                         [](T x) { return x <= T(0); }));
  params->lr = lr.scalar<T>()();
  params->l1 = l1.scalar<T>()();
  params->two_l2 = T(2) * l2.scalar<T>()();
  params->lr_power = lr_power.scalar<T>()();
  params->shrinkage = shrinkage;
  params->two_l2_shrinkage = T(0);
  if (shrinkage) {
    const Tensor& l2_shrinkage = ctx->input(first + 3);
    RETURN_IF_ERROR(CheckHyperparameter<T>(l2_shrinkage, "l2 shrinkage regularization strength",
                                           "non-negative", non_negative));
    params->two_l2_shrinkage = T(2) * l2_shrinkage.scalar<T>()();
  }
  return absl::OkStatus();
}

// FtrlStep updates one element, TensorFlow 1.x's ApplyFtrl(V2) functor on it (V2 uses
// grad + 2 * l2_shrinkage * var, also in the accumulator):
//   new_accum = accum + grad^2
//   linear += grad - (new_accum^-lr_power - accum^-lr_power) / lr * var
//   var = |linear| > l1 ? (l1 * sign(linear) - linear) / (new_accum^-lr_power / lr + 2 * l2) : 0
//   accum = new_accum
// with sqrt for the power when lr_power is -0.5.
template <typename T>
void FtrlStep(const FtrlParams<T>& p, T g, T& var, T& accum, T& linear) {
  const T grad = p.shrinkage ? g + p.two_l2_shrinkage * var : g;
  const T new_accum = accum + grad * grad;
  const bool sqrt_power = p.lr_power == T(-0.5);
  const T new_power = sqrt_power ? Sqrt(new_accum) : Pow(new_accum, T(-p.lr_power));
  const T old_power = sqrt_power ? Sqrt(accum) : Pow(accum, T(-p.lr_power));
  linear = linear + (grad - (new_power - old_power) / p.lr * var);
  const T x = p.l1 * Sign(linear) - linear;
  const T y = new_power / p.lr + p.two_l2;
  const T magnitude = linear < T(0) ? T(-linear) : linear;
  var = magnitude > p.l1 ? x / y : T(0);
  accum = new_accum;
}

template <typename T, bool kShrinkage>
class ApplyFtrlOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& grad = ctx->input(3);
    FtrlParams<T> params;
    RETURN_IF_ERROR(ReadFtrlParams<T>(ctx, 4, kShrinkage, &params));
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2}, DataTypeToEnum<T>::value, /*exclusive=*/true));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "accum"));
    RETURN_IF_ERROR(CheckSlotShape(vars, 2, "linear"));
    RETURN_IF_ERROR(CheckGradShape(vars, grad));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* accum = static_cast<T*>(vars.tensor(1).data());
    T* linear = static_cast<T*>(vars.tensor(2).data());
    const T* g = static_cast<const T*>(grad.data());
    sharding_.Run(ctx, grad.NumElements(), Eigen::TensorOpCost(4 * sizeof(T), 3 * sizeof(T), 60),
                  [=](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) {
                      FtrlStep(params, g[i], var[i], accum[i], linear[i]);
                    }
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

template <typename T, typename Index, bool kShrinkage>
class SparseApplyFtrlOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("use_locking", &use_locking_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& grad = ctx->input(3);
    const Tensor& indices = ctx->input(4);
    FtrlParams<T> params;
    RETURN_IF_ERROR(ReadFtrlParams<T>(ctx, 5, kShrinkage, &params));
    TrainingVariables vars;
    RETURN_IF_ERROR(vars.Acquire(ctx, {0, 1, 2}, DataTypeToEnum<T>::value, use_locking_));
    RETURN_IF_ERROR(CheckSlotShape(vars, 1, "accum"));
    RETURN_IF_ERROR(CheckSlotShape(vars, 2, "linear"));
    int64_t width = 0;
    RETURN_IF_ERROR(CheckSparseGrad<Index>(vars, grad, indices, &width));

    T* var = static_cast<T*>(vars.tensor(0).data());
    T* accum = static_cast<T*>(vars.tensor(1).data());
    T* linear = static_cast<T*>(vars.tensor(2).data());
    const T* g = static_cast<const T*>(grad.data());
    ForEachSparseRow<Index>(indices, width, [&](int64_t row, int64_t grad_row) {
      for (int64_t k = 0; k < width; ++k) {
        FtrlStep(params, g[grad_row + k], var[row + k], accum[row + k], linear[row + k]);
      }
    });
    return absl::OkStatus();
  }

 private:
  bool use_locking_ = false;
};

#define REGISTER_SPARSE(op, T, Index, shrinkage)                                        \
  REGISTER_KERNEL_BUILDER(                                                              \
      Name(op).Device(DEVICE_CPU).TypeConstraint<T>("T").TypeConstraint<Index>("Tindices"), \
      SparseApplyFtrlOp<T, Index, shrinkage>);
#define REGISTER_CPU(T)                                                                     \
  REGISTER_KERNEL_BUILDER(Name("ResourceApplyFtrl").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ApplyFtrlOp<T, false>);                                           \
  REGISTER_KERNEL_BUILDER(                                                                  \
      Name("ResourceApplyFtrlV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),               \
      ApplyFtrlOp<T, true>);                                                                \
  REGISTER_SPARSE("ResourceSparseApplyFtrl", T, int32_t, false)                             \
  REGISTER_SPARSE("ResourceSparseApplyFtrl", T, int64_t, false)                             \
  REGISTER_SPARSE("ResourceSparseApplyFtrlV2", T, int32_t, true)                            \
  REGISTER_SPARSE("ResourceSparseApplyFtrlV2", T, int64_t, true)
REGISTER_CPU(Eigen::half)
REGISTER_CPU(Eigen::bfloat16)
REGISTER_CPU(float)
REGISTER_CPU(double)
#undef REGISTER_CPU
#undef REGISTER_SPARSE

}  // namespace
}  // namespace rill
