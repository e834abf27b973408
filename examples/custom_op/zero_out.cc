// ZeroOut, TensorFlow's "create an op" tutorial op, as one Rill op library: the definition,
// its shape function, its CPU kernel (for int32 and float) and its gradient, in one file.
#include <cstdint>
#include <vector>

#include "core/client/gradient_registry.h"
#include "core/client/op_builder.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

REGISTER_OP("ZeroOut")
    .Differentiable()
    .Input("to_zero: T")
    .Output("zeroed: T")
    .Attr("T: {float, int32}")
    .SetShapeFn(UnchangedShape)
    .Doc(R"doc(
Zeroes out all but the first element of a tensor.

to_zero: The tensor whose first element is kept.
zeroed: A tensor of the shape of `to_zero`, whose first element (in row-major order) is
  the first element of `to_zero` and whose other elements are zero.
)doc");

// ZeroOutOp writes a fresh output: zeros everywhere, then the input's first element.
template <typename T>
class ZeroOutOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    Tensor* output = nullptr;
    RETURN_IF_ERROR(ctx->allocate_output(0, input.shape(), &output));
    auto zeroed = output->flat<T>();
    zeroed.setZero();
    if (zeroed.size() > 0) zeroed(0) = input.flat<T>()(0);
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("ZeroOut").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        ZeroOutOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("ZeroOut").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        ZeroOutOp<float>);

// ZeroOut keeps element 0 and drops the rest: its Jacobian is the projection onto element
// 0, its own transpose, so the gradient of `to_zero` is ZeroOut of the output's gradient.
// This library cannot use its own generated builder (it is generated from this library),
// so the node is built with OpBuilder, by op name.
absl::Status ZeroOutGrad(const Scope& scope, const Operation& op,
                         const std::vector<Output>& grad_inputs,
                         std::vector<Gradient>* grad_outputs) {
  OpBuilder builder(scope, "ZeroOut");
  builder.Input(grad_inputs[0]);
  builder.Finalize();
  grad_outputs->push_back(builder.SingleOutput("zeroed"));
  return scope.status();
}
REGISTER_GRADIENT("ZeroOut", ZeroOutGrad);

}  // namespace
}  // namespace rill
