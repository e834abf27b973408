// KernelRunner: builds one kernel on a private CPU device and runs it like the executor.
#include "core/framework/kernel_test_util.h"

#include <functional>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/thread_pool.h"

namespace rill {
namespace test {

KernelRunner::KernelRunner(std::unique_ptr<CpuDevice> device, std::unique_ptr<OpKernel> kernel)
    : device_(std::move(device)), kernel_(std::move(kernel)) {}

absl::StatusOr<std::unique_ptr<KernelRunner>> KernelRunner::Create(
    const tensorflow::NodeDef& node_def, int intra_op_threads) {
  std::unique_ptr<CpuDevice> device = CpuDevice::Create(intra_op_threads);
  ASSIGN_OR_RETURN(std::unique_ptr<OpKernel> kernel,
                   CreateOpKernel(DEVICE_CPU, device.get(), node_def));
  return std::unique_ptr<KernelRunner>(new KernelRunner(std::move(device), std::move(kernel)));
}

absl::StatusOr<std::vector<Tensor>> KernelRunner::Run(std::vector<Tensor> inputs) {
  if (static_cast<int>(inputs.size()) != kernel_->num_inputs()) {
    return kernel_->AddNodeContext(errors::InvalidArgument(
        "the kernel takes ", kernel_->num_inputs(), " inputs (",
        DataTypeVectorString(kernel_->input_types()), "), but the test passed ",
        inputs.size()));
  }
  std::vector<const Tensor*> input_pointers;
  for (int i = 0; i < kernel_->num_inputs(); ++i) {
    if (inputs[i].dtype() != kernel_->input_type(i)) {
      return kernel_->AddNodeContext(errors::InvalidArgument(
          "input ", i, " must be ", DataTypeString(kernel_->input_type(i)),
          ", but the test passed a ", DataTypeString(inputs[i].dtype()), " tensor"));
    }
    input_pointers.push_back(&inputs[i]);
  }
  const absl::InlinedVector<bool, 4> forwardable(inputs.size(), true);
  ThreadPool* pool = device_->intra_op_thread_pool();
  const OpKernelContext::Runner runner = [pool](std::function<void()> fn) {
    pool->Schedule(std::move(fn));
  };

  OpKernelContext::Params params;
  params.op_kernel = kernel_.get();
  params.device = device_.get();
  params.inputs = input_pointers;
  params.forwardable_inputs = forwardable;
  params.step_id = ++step_id_;
  params.runner = &runner;
  OpKernelContext ctx(params);
  RETURN_IF_ERROR(kernel_->AddNodeContext(kernel_->Compute(&ctx)));

  std::vector<Tensor> outputs;
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    if (!ctx.has_output(i)) {
      return kernel_->AddNodeContext(
          errors::Internal("the kernel returned OK but left output ", i, " unset"));
    }
    outputs.push_back(ctx.release_output(i));
  }
  return outputs;
}

absl::StatusOr<std::vector<Tensor>> RunKernel(const tensorflow::NodeDef& node_def,
                                              std::vector<Tensor> inputs) {
  ASSIGN_OR_RETURN(std::unique_ptr<KernelRunner> runner, KernelRunner::Create(node_def));
  return runner->Run(std::move(inputs));
}

}  // namespace test
}  // namespace rill
