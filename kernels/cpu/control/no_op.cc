// The CPU kernel of NoOp: does nothing; the node exists for its control edges.
#include "core/framework/device_type.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"

namespace rill {
namespace {

class NoOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override { return absl::OkStatus(); }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("NoOp").Device(DEVICE_CPU), NoOp);

}  // namespace
}  // namespace rill
