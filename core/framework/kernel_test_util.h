// Test helpers that build the CPU kernel of one NodeDef and run it on given input tensors,
// so a kernel test reads: ASSIGN_OR_RETURN(std::vector<Tensor> out, RunKernel(def, {a, b})).
#ifndef RILL_CORE_FRAMEWORK_KERNEL_TEST_UTIL_H_
#define RILL_CORE_FRAMEWORK_KERNEL_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/cpu_device.h"
#include "core/framework/op_kernel.h"
#include "core/framework/tensor.h"
#include "core/protos/node_def.pb.h"

namespace rill {
namespace test {

// KernelRunner owns a CPU device and the kernel built for one NodeDef on it, and runs that
// kernel as the executor would. Use it directly when a test runs a kernel several times or
// inspects its resources (a stateful op); use RunKernel for one run. Not thread-safe.
class KernelRunner {
 public:
  // Create builds the kernel for `node_def` (defaults filled in by CreateOpKernel) on a new
  // CPU device with `intra_op_threads` threads. Errors are CreateOpKernel's.
  static absl::StatusOr<std::unique_ptr<KernelRunner>> Create(
      const tensorflow::NodeDef& node_def, int intra_op_threads = 2);

  // Run computes the kernel once and returns all its outputs. `inputs` must match the
  // kernel's input count and dtypes (InvalidArgument otherwise). Inputs are forwardable, so
  // a test that moves a tensor in (and keeps no copy) lets the kernel reuse its buffer.
  // Internal when the kernel leaves an output unset; the kernel's own error otherwise.
  absl::StatusOr<std::vector<Tensor>> Run(std::vector<Tensor> inputs);

  OpKernel& kernel() const { return *kernel_; }
  Device* device() const { return device_.get(); }
  ResourceMgr* resource_manager() const { return device_->resource_manager(); }

 private:
  KernelRunner(std::unique_ptr<CpuDevice> device, std::unique_ptr<OpKernel> kernel);

  std::unique_ptr<CpuDevice> device_;
  std::unique_ptr<OpKernel> kernel_;
  int64_t step_id_ = 0;
};

// RunKernel builds the CPU kernel of `node_def` and runs it once on `inputs`.
absl::StatusOr<std::vector<Tensor>> RunKernel(const tensorflow::NodeDef& node_def,
                                              std::vector<Tensor> inputs);

}  // namespace test
}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_KERNEL_TEST_UTIL_H_
