// Test helpers for the fused optimizer kernels: a kernel built for one update op and dtype,
// its variables stored in the kernel's device, and the resource handles naming them.
#ifndef RILL_KERNELS_CPU_TRAINING_TRAINING_TEST_UTIL_H_
#define RILL_KERNELS_CPU_TRAINING_TRAINING_TEST_UTIL_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/state/var_test_util.h"

namespace rill {
namespace test {

// TrainingKernel is the CPU kernel of one update op (e.g. "ResourceSparseApplyAdagrad")
// for element type `dtype` and, for sparse ops, index type `index_dtype`; `attrs` adds
// bool attrs (use_nesterov, ...). Its resource inputs name variables of its device, made
// with Set.
class TrainingKernel {
 public:
  TrainingKernel(const std::string& op, DataType dtype, DataType index_dtype = DT_INT64,
                 const std::vector<std::pair<std::string, bool>>& attrs = {}) {
    absl::StatusOr<const OpRegistrationData*> data = OpRegistry::Global()->LookUp(op);
    RILL_CHECK_OK(data.status());
    NodeDefBuilder builder("apply", op);
    for (const auto& arg : (*data)->op_def.input_arg()) {
      const DataType type = arg.type() == tensorflow::DT_RESOURCE ? DT_RESOURCE
                            : arg.name() == "indices"              ? index_dtype
                                                                   : dtype;
      builder.Input(arg.name(), 0, type);
    }
    for (const auto& [name, value] : attrs) builder.Attr(name, value);
    tensorflow::NodeDef def;
    RILL_CHECK_OK(builder.Finalize(&def));
    absl::StatusOr<std::unique_ptr<KernelRunner>> runner = KernelRunner::Create(def);
    RILL_CHECK_OK(runner.status());
    runner_ = std::move(*runner);
  }

  // Set stores `value` as variable `name` (replacing it) and returns its handle.
  Tensor Set(const std::string& name, const Tensor& value) {
    const Device& device = *runner_->device();
    ResourceMgr* manager = device.resource_manager();
    manager->Delete<Var>(manager->default_container(), name).IgnoreError();
    RILL_CHECK_OK(CreateVariable(device, name, value));
    return Handle(name, value.dtype());
  }

  // Handle names variable `name` of `dtype`, whether or not it exists.
  Tensor Handle(const std::string& name, DataType dtype) const {
    return VariableHandle(*runner_->device(), name, dtype, PartialTensorShape());
  }

  // Value is variable `name`'s current value.
  Tensor Value(const std::string& name) const {
    absl::StatusOr<Tensor> value = VariableValue(*runner_->device(), name);
    RILL_CHECK_OK(value.status());
    return *value;
  }

  // Run runs the update once on `inputs` (the handles first, as the op lists them).
  absl::Status Run(std::vector<Tensor> inputs) {
    return runner_->Run(std::move(inputs)).status();
  }

 private:
  std::unique_ptr<KernelRunner> runner_;
};

}  // namespace test
}  // namespace rill

#endif  // RILL_KERNELS_CPU_TRAINING_TRAINING_TEST_UTIL_H_
