// The CPU kernel of Identity and of PlaceholderWithDefault (when not fed): output 0 is
// input 0, the same buffer, never a copy.
#include "core/framework/device_type.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"

namespace rill {
namespace {

class IdentityOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    return ctx->set_output(0, ctx->input(0));
  }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("Identity").Device(DEVICE_CPU), IdentityOp);
REGISTER_KERNEL_BUILDER(Name("PlaceholderWithDefault").Device(DEVICE_CPU), IdentityOp);

}  // namespace
}  // namespace rill
