// Var, the resource a resource variable's value lives in, and the steps every kernel
// touching a variable shares: finding it from a handle input, the uninitialized-value and
// wrong-dtype errors, and copy-on-write before writing in place. Header-only so that each
// kernel plugin (these kernels, the optimizers' in train/) compiles it in.
#ifndef RILL_KERNELS_CPU_STATE_VAR_H_
#define RILL_KERNELS_CPU_STATE_VAR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"

namespace rill {

// Var holds one variable's value in a session's ResourceMgr, under the name its
// VarHandleOp gives (container/shared_name). It is created, uninitialized, by the first
// assignment (AssignVariableOp), which then sets its value.
//
// Threading: mu() guards the value and the initialized flag. Readers hold it shared and
// take a reference to the value's buffer (`Tensor out = *var->tensor()`), never a copy;
// writers hold it exclusively and either replace the Tensor or, to write elements in place,
// first call PrepareToUpdateVariable, which copies the buffer when a reader still holds it
// (TensorFlow's copy-on-write: a value a reader got never changes under it).
class Var : public ResourceBase {
 public:
  explicit Var(DataType dtype) : tensor_(dtype) {}

  // dtype is fixed at creation: every assignment must match it.
  DataType dtype() const { return tensor_.dtype(); }

  absl::Mutex* mu() const { return &mu_; }
  // tensor is the value. REQUIRES: mu() held (exclusively to change it).
  Tensor* tensor() { return &tensor_; }
  // is_initialized says whether a value was ever assigned. REQUIRES: mu() held.
  bool is_initialized() const { return is_initialized_; }
  // set_initialized marks the value as assigned. REQUIRES: mu() held exclusively.
  void set_initialized() { is_initialized_ = true; }

  // DebugString: "Var<float, [2,3]>", or "Var<float, uninitialized>".
  std::string DebugString() const override {
    absl::ReaderMutexLock lock(&mu_);
    return absl::StrCat("Var<", DataTypeString(tensor_.dtype()), ", ",
                        is_initialized_ ? tensor_.shape().DebugString() : "uninitialized", ">");
  }

 private:
  mutable absl::Mutex mu_;
  Tensor tensor_;
  bool is_initialized_ = false;
};

// UninitializedVariableError is TensorFlow's error for a variable read before any
// assignment: FailedPrecondition "Attempting to use uninitialized value <name>".
inline absl::Status UninitializedVariableError(const ResourceHandle& handle) {
  return errors::FailedPrecondition("Attempting to use uninitialized value ", handle.name());
}

// HandleFromInput reads input `index`, a scalar resource tensor, as a handle on this
// kernel's device. InvalidArgument for another shape or another device's resource.
inline absl::Status HandleFromInput(OpKernelContext* ctx, int index,
                                    const ResourceHandle** handle) {
  const Tensor& input = ctx->input(index);
  if (input.dtype() != DT_RESOURCE || input.dims() != 0) {
    return errors::InvalidArgument("Expected a scalar resource handle as input ", index, ", got a ",
                                   DataTypeString(input.dtype()), " tensor of shape ",
                                   input.shape().DebugString());
  }
  *handle = &input.scalar<ResourceHandle>()();
  return ValidateDeviceForHandle(*ctx->device(), **handle);
}

// LookupVariable sets `*var` (with a new reference: hold it in a ScopedUnref) to the
// variable input `index` names in the session's resource manager, and `*handle` to that
// handle. The uninitialized-value error when no assignment created it yet.
inline absl::Status LookupVariable(OpKernelContext* ctx, int index, const ResourceHandle** handle,
                                   Var** var) {
  RETURN_IF_ERROR(HandleFromInput(ctx, index, handle));
  const absl::Status status = ctx->resource_manager()->Lookup<Var>(**handle, var);
  if (absl::IsNotFound(status)) return UninitializedVariableError(**handle);
  return status;
}

// CheckVariableReadable is the uninitialized-value error when `var` has no value yet, and
// InvalidArgument when the kernel's `dtype` differs from the variable's:
// "Trying to read variable W with wrong dtype. Expected float got int32".
// REQUIRES: var->mu() held.
inline absl::Status CheckVariableReadable(const ResourceHandle& handle, Var* var, DataType dtype) {
  if (!var->is_initialized()) return UninitializedVariableError(handle);
  if (var->dtype() != dtype) {
    return errors::InvalidArgument("Trying to read variable ", handle.name(),
                                   " with wrong dtype. Expected ", DataTypeString(var->dtype()),
                                   " got ", DataTypeString(dtype));
  }
  return absl::OkStatus();
}

// PrepareToUpdateVariable gives the variable a buffer of its own before its elements are
// written in place: when a reader still holds the current buffer, the value is copied.
// ResourceExhausted when the copy cannot be allocated. REQUIRES: var->mu() held exclusively
// and var->is_initialized().
inline absl::Status PrepareToUpdateVariable(const ResourceHandle& handle, Var* var) {
  Tensor* value = var->tensor();
  if (value->NumElements() == 0 || value->RefCountIsOne()) return absl::OkStatus();
  Tensor copy = DeepCopy(*value);
  if (!copy.IsInitialized()) {
    return errors::ResourceExhausted("Could not allocate a copy of variable ", handle.name(),
                                     " of shape ", value->shape().DebugString());
  }
  *value = std::move(copy);
  return absl::OkStatus();
}

}  // namespace rill

#endif  // RILL_KERNELS_CPU_STATE_VAR_H_
