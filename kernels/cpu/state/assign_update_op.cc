// CPU kernels of AssignAddVariableOp and AssignSubVariableOp: the variable updated in place
// (after a copy when a reader still holds its buffer), sharded over the intra-op pool when
// large.
#include <cstdint>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace {

enum class UpdateKind { kAdd, kSub };

// AssignUpdateOp<T, kind> computes var += value or var -= value; value must have the
// variable's shape. Thread-safe: the sharding hint is its only state.
template <typename T, UpdateKind kind>
class AssignUpdateOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    Var* var = nullptr;
    RETURN_IF_ERROR(LookupVariable(ctx, 0, &handle, &var));
    ScopedUnref unref(var);
    const Tensor& value = ctx->input(1);
    absl::MutexLock lock(var->mu());
    RETURN_IF_ERROR(CheckVariableReadable(*handle, var, DataTypeToEnum<T>::value));
    if (var->tensor()->shape() != value.shape()) {
      return errors::InvalidArgument("Cannot update variable ", handle->name(), " with shape ",
                                     var->tensor()->shape().DebugString(),
                                     " using a Tensor with shape ", value.shape().DebugString(),
                                     ", shapes must be equal.");
    }
    RETURN_IF_ERROR(PrepareToUpdateVariable(*handle, var));
    T* target = static_cast<T*>(var->tensor()->data());
    const T* delta = static_cast<const T*>(value.data());
    sharding_.Run(ctx, value.NumElements(), Eigen::TensorOpCost(2 * sizeof(T), sizeof(T), 1),
                  [target, delta](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) {
                      if constexpr (kind == UpdateKind::kAdd) {
                        target[i] = target[i] + delta[i];
                      } else {
                        target[i] = target[i] - delta[i];
                      }
                    }
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

#define REGISTER_CPU(T)                                                          \
  REGISTER_KERNEL_BUILDER(                                                       \
      Name("AssignAddVariableOp").Device(DEVICE_CPU).TypeConstraint<T>("dtype"), \
      AssignUpdateOp<T, UpdateKind::kAdd>);                                      \
  REGISTER_KERNEL_BUILDER(                                                       \
      Name("AssignSubVariableOp").Device(DEVICE_CPU).TypeConstraint<T>("dtype"), \
      AssignUpdateOp<T, UpdateKind::kSub>);
RILL_CALL_NUMBER_TYPES(REGISTER_CPU)
#undef REGISTER_CPU

}  // namespace
}  // namespace rill
