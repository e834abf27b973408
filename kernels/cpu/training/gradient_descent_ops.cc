// CPU kernel of ResourceApplyGradientDescent: var -= alpha * delta in place, sharded over the
// intra-op pool when the variable is large.
#include <cstdint>

#include "absl/synchronization/mutex.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace {

template <typename T>
class ApplyGradientDescentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    Var* var = nullptr;
    RETURN_IF_ERROR(LookupVariable(ctx, 0, &handle, &var));
    ScopedUnref unref(var);
    const Tensor& alpha = ctx->input(1);
    const Tensor& delta = ctx->input(2);
    if (alpha.dims() != 0) {
      return errors::InvalidArgument("alpha is not a scalar: ", alpha.shape().DebugString());
    }
    absl::MutexLock lock(var->mu());
    RETURN_IF_ERROR(CheckVariableReadable(*handle, var, DataTypeToEnum<T>::value));
    if (var->tensor()->shape() != delta.shape()) {
      return errors::InvalidArgument("var and delta do not have the same shape: var ",
                                     handle->name(), " has shape ",
                                     var->tensor()->shape().DebugString(), ", delta has ",
                                     delta.shape().DebugString());
    }
    RETURN_IF_ERROR(PrepareToUpdateVariable(*handle, var));
    T* target = static_cast<T*>(var->tensor()->data());
    const T* step = static_cast<const T*>(delta.data());
    const T rate = alpha.scalar<T>()();
    sharding_.Run(ctx, delta.NumElements(), Eigen::TensorOpCost(2 * sizeof(T), sizeof(T), 2),
                  [target, step, rate](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) target[i] -= step[i] * rate;
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

#define REGISTER_CPU(T)                                                                   \
  REGISTER_KERNEL_BUILDER(                                                                \
      Name("ResourceApplyGradientDescent").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
      ApplyGradientDescentOp<T>);
REGISTER_CPU(Eigen::half)
REGISTER_CPU(Eigen::bfloat16)
REGISTER_CPU(float)
REGISTER_CPU(double)
#undef REGISTER_CPU

}  // namespace
}  // namespace rill
