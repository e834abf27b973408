// The CPU kernel of VariableShape: a variable's current shape as an int32 or int64 vector,
// read from its value under the variable's lock (the elements are never read).
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace {

// VariableShapeOp<OutType> writes the shape of the variable input 0 names. The
// uninitialized-value error for a variable never assigned; InvalidArgument when a dimension
// does not fit in OutType (where TensorFlow would truncate it).
template <typename OutType>
class VariableShapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    Var* var = nullptr;
    RETURN_IF_ERROR(LookupVariable(ctx, 0, &handle, &var));
    ScopedUnref unref(var);
    TensorShape shape;
    {
      absl::ReaderMutexLock lock(var->mu());
      if (!var->is_initialized()) return UninitializedVariableError(*handle);
      shape = var->tensor()->shape();
    }
    for (int d = 0; d < shape.dims(); ++d) {
      if (shape.dim_size(d) > std::numeric_limits<OutType>::max()) {
        return errors::InvalidArgument("Dimension ", d, " of variable ", handle->name(), " = ",
                                       shape.dim_size(d), " does not fit in out_type ",
                                       DataTypeString(DataTypeToEnum<OutType>::value),
                                       "; use out_type int64");
      }
    }
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({shape.dims()}), &out));
    auto dims = out->vec<OutType>();
    for (int d = 0; d < shape.dims(); ++d) dims(d) = static_cast<OutType>(shape.dim_size(d));
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(
    Name("VariableShape").Device(DEVICE_CPU).TypeConstraint<int32_t>("out_type"),
    VariableShapeOp<int32_t>);
REGISTER_KERNEL_BUILDER(
    Name("VariableShape").Device(DEVICE_CPU).TypeConstraint<int64_t>("out_type"),
    VariableShapeOp<int64_t>);

}  // namespace
}  // namespace rill
