// Test helpers for kernels that use variables: a handle as VarHandleOp makes it, and a
// variable stored in or read from a device's resource manager directly.
#ifndef RILL_KERNELS_CPU_STATE_VAR_TEST_UTIL_H_
#define RILL_KERNELS_CPU_STATE_VAR_TEST_UTIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace test {

// VariableHandle is the scalar resource tensor VarHandleOp outputs for variable `name` in
// `device`'s default container, declaring `dtype` and `shape`.
inline Tensor VariableHandle(const Device& device, const std::string& name, DataType dtype,
                             const PartialTensorShape& shape) {
  ResourceHandle handle = MakeResourceHandle<Var>("", name, device);
  handle.set_dtypes_and_shapes({DtypeAndPartialTensorShape{dtype, shape}});
  Tensor tensor(DT_RESOURCE, TensorShape());
  tensor.scalar<ResourceHandle>()() = std::move(handle);
  return tensor;
}

// CreateVariable stores `value` as the initialized variable `name` on `device`.
inline absl::Status CreateVariable(const Device& device, const std::string& name,
                                   const Tensor& value) {
  Var* var = new Var(value.dtype());
  {
    absl::MutexLock lock(var->mu());
    *var->tensor() = value;
    var->set_initialized();
  }
  ResourceMgr* manager = device.resource_manager();
  return manager->Create(manager->default_container(), name, var);
}

// VariableValue returns the current value of variable `name` on `device` (sharing its
// buffer, as a read does).
inline absl::StatusOr<Tensor> VariableValue(const Device& device, const std::string& name) {
  ResourceMgr* manager = device.resource_manager();
  Var* var = nullptr;
  RETURN_IF_ERROR(manager->Lookup(manager->default_container(), name, &var));
  ScopedUnref unref(var);
  absl::ReaderMutexLock lock(var->mu());
  if (!var->is_initialized()) return errors::FailedPrecondition(name, " is uninitialized");
  return *var->tensor();
}

}  // namespace test
}  // namespace rill

#endif  // RILL_KERNELS_CPU_STATE_VAR_TEST_UTIL_H_
