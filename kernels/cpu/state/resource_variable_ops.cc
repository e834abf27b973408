// CPU kernels of the variable lifecycle: VarHandleOp (the handle), AssignVariableOp (creates
// and sets the Var), ReadVariableOp (shares the value's buffer), VarIsInitializedOp and
// DestroyResourceOp.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace {

// VarHandleOp builds its handle once: container (or the device's default), shared_name (or
// the node's name), and the declared dtype and shape, which assignments check.
class VarHandleOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    std::string container;
    std::string shared_name;
    DtypeAndPartialTensorShape declared;
    RETURN_IF_ERROR(ctx->GetAttr("container", &container));
    RETURN_IF_ERROR(ctx->GetAttr("shared_name", &shared_name));
    RETURN_IF_ERROR(ctx->GetAttr("dtype", &declared.dtype));
    RETURN_IF_ERROR(ctx->GetAttr("shape", &declared.shape));
    if (shared_name.empty()) shared_name = name();
    ResourceHandle handle = MakeResourceHandle<Var>(container, shared_name, *ctx->device());
    handle.set_dtypes_and_shapes({declared});
    handle_ = Tensor(DT_RESOURCE, TensorShape());
    handle_.scalar<ResourceHandle>()() = std::move(handle);
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override { return ctx->set_output(0, handle_); }

  bool IsExpensive() const override { return false; }

 private:
  Tensor handle_;
};

class ReadVariableOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("dtype", &dtype_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    Var* var = nullptr;
    RETURN_IF_ERROR(LookupVariable(ctx, 0, &handle, &var));
    ScopedUnref unref(var);
    absl::ReaderMutexLock lock(var->mu());
    RETURN_IF_ERROR(CheckVariableReadable(*handle, var, dtype_));
    return ctx->set_output(0, *var->tensor());
  }

  bool IsExpensive() const override { return false; }

 private:
  DataType dtype_ = DT_INVALID;
};

// AssignVariableOp checks the value against the handle's declared dtype and shape, creates
// the Var at the first assignment, and makes the value the variable's (sharing its buffer:
// in-place writers copy it first, see PrepareToUpdateVariable).
class AssignVariableOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("dtype", &dtype_));
    return ctx->GetAttr("validate_shape", &validate_shape_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    RETURN_IF_ERROR(HandleFromInput(ctx, 0, &handle));
    const Tensor& value = ctx->input(1);
    if (!handle->dtypes_and_shapes().empty()) {
      const DtypeAndPartialTensorShape& declared = handle->dtypes_and_shapes()[0];
      RETURN_IF_ERROR(CheckDtype(*handle, declared.dtype));
      if (!declared.shape.IsCompatibleWith(value.shape())) {
        return errors::InvalidArgument(
            "Trying to assign variable ", handle->name(), " with an incompatible shape. Expected ",
            declared.shape.DebugString(), " got ", value.shape().DebugString());
      }
    }
    Var* var = nullptr;
    const DataType dtype = dtype_;
    RETURN_IF_ERROR(ctx->resource_manager()->LookupOrCreate<Var>(
        handle->container(), handle->name(), &var, [dtype](Var** created) {
          *created = new Var(dtype);
          return absl::OkStatus();
        }));
    ScopedUnref unref(var);
    absl::MutexLock lock(var->mu());
    RETURN_IF_ERROR(CheckDtype(*handle, var->dtype()));
    if (validate_shape_ && var->is_initialized() && var->tensor()->shape() != value.shape()) {
      return errors::InvalidArgument(
          "Trying to assign variable ", handle->name(), " with a different shape. Expected ",
          var->tensor()->shape().DebugString(), " got ", value.shape().DebugString());
    }
    *var->tensor() = value;
    var->set_initialized();
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }

 private:
  // CheckDtype: the value (of the kernel's dtype) may go into a variable of `expected`.
  absl::Status CheckDtype(const ResourceHandle& handle, DataType expected) const {
    if (expected == dtype_) return absl::OkStatus();
    return errors::InvalidArgument("Trying to assign variable ", handle.name(),
                                   " with wrong dtype. Expected ", DataTypeString(expected),
                                   " got ", DataTypeString(dtype_));
  }

  DataType dtype_ = DT_INVALID;
  bool validate_shape_ = false;
};

class VarIsInitializedOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    RETURN_IF_ERROR(HandleFromInput(ctx, 0, &handle));
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape(), &out));
    Var* var = nullptr;
    const absl::Status found = ctx->resource_manager()->Lookup<Var>(*handle, &var);
    if (absl::IsNotFound(found)) {
      out->scalar<bool>()() = false;
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(found);
    ScopedUnref unref(var);
    absl::ReaderMutexLock lock(var->mu());
    out->scalar<bool>()() = var->is_initialized();
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

class DestroyResourceOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("ignore_lookup_error", &ignore_lookup_error_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    RETURN_IF_ERROR(HandleFromInput(ctx, 0, &handle));
    const absl::Status deleted = ctx->resource_manager()->Delete(*handle);
    if (ignore_lookup_error_ && absl::IsNotFound(deleted)) return absl::OkStatus();
    return deleted;
  }

  bool IsExpensive() const override { return false; }

 private:
  bool ignore_lookup_error_ = true;
};

REGISTER_KERNEL_BUILDER(Name("VarHandleOp").Device(DEVICE_CPU), VarHandleOp);
REGISTER_KERNEL_BUILDER(Name("ReadVariableOp").Device(DEVICE_CPU), ReadVariableOp);
REGISTER_KERNEL_BUILDER(Name("AssignVariableOp").Device(DEVICE_CPU), AssignVariableOp);
REGISTER_KERNEL_BUILDER(Name("VarIsInitializedOp").Device(DEVICE_CPU), VarIsInitializedOp);
REGISTER_KERNEL_BUILDER(Name("DestroyResourceOp").Device(DEVICE_CPU), DestroyResourceOp);

}  // namespace
}  // namespace rill
