// A toy plugin for load_library_test: ToyTimesTwo (y = 2 * x) for float and int32, with a
// shape function and a CPU kernel. Built as libtoy_times_two.so by rill_op_library.
#include "core/framework/common_shape_fns.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

REGISTER_OP("ToyTimesTwo")
    .Input("x: T")
    .Output("y: T")
    .Attr("T: {float, int32}")
    .SetShapeFn(UnchangedShape)
    .Doc("y = 2 * x, elementwise.");

template <typename T>
class ToyTimesTwoOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y = nullptr;
    RETURN_IF_ERROR(ctx->allocate_output(0, x.shape(), &y));
    y->flat<T>().device(ctx->eigen_cpu_device()) = x.flat<T>() * T(2);
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("ToyTimesTwo").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        ToyTimesTwoOp<float>);
REGISTER_KERNEL_BUILDER(Name("ToyTimesTwo").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        ToyTimesTwoOp<int32_t>);

}  // namespace
}  // namespace rill
