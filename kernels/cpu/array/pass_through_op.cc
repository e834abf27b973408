// The CPU kernel of StopGradient and PreventGradient: in a forward run both are the
// identity, so output 0 is input 0's buffer, never a copy.
#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"

namespace rill {
namespace {

class PassThroughOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override { return ctx->set_output(0, ctx->input(0)); }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("StopGradient").Device(DEVICE_CPU), PassThroughOp);
REGISTER_KERNEL_BUILDER(Name("PreventGradient").Device(DEVICE_CPU), PassThroughOp);

}  // namespace
}  // namespace rill
