// A plugin whose first op collides with "ToyCollision", which load_library_test registers
// statically; its second op "ToyNeverCommitted" and that op's kernel must not be registered.
#include "core/framework/common_shape_fns.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"

namespace rill {
namespace {

REGISTER_OP("ToyCollision").Input("x: float").Output("y: float").SetShapeFn(UnchangedShape);
REGISTER_OP("ToyNeverCommitted").Output("y: float").SetShapeFn(ScalarShape);

class ToyNeverCommittedOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override {
    return ctx->set_output(0, Tensor(1.0f));
  }
};
REGISTER_KERNEL_BUILDER(Name("ToyNeverCommitted").Device(DEVICE_CPU), ToyNeverCommittedOp);

}  // namespace
}  // namespace rill
