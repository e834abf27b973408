// Ops with the signatures the builder generator must handle (list input and two outputs,
// list output with required and optional attrs, C++ keywords as arg names), with CPU
// kernels, so that generated_ops_test can build and run graphs through the builders.
#include <cstdint>

#include "core/framework/common_shape_fns.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

REGISTER_OP("OpGenTestSumAndCount")
    .Input("values: N * float")
    .Output("sum: float")
    .Output("count: int32")
    .Attr("N: int >= 1")
    .SetShapeFn([](InferenceContext* c) {
      c->set_output(0, c->input(0));
      c->set_output(1, c->Scalar());
      return absl::OkStatus();
    })
    .Doc(R"doc(
Sums same-shaped tensors and counts them.

values: The tensors to add.
sum: Their elementwise sum.
count: How many there were.
)doc");

REGISTER_OP("OpGenTestRepeat")
    .Input("x: float")
    .Output("copies: num * float")
    .Attr("num: int >= 0")
    .Attr("scale: float = 1")
    .SetShapeFn([](InferenceContext* c) {
      for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, c->input(0));
      return absl::OkStatus();
    })
    .Doc("Returns `num` copies of x, each multiplied by `scale`.");

REGISTER_OP("OpGenTestKeywords")
    .Input("class: float")
    .Input("default: float")
    .Output("operator: float")
    .SetShapeFn(UnchangedShape)
    .Doc("Returns class - default.");

class SumAndCountOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& first = ctx->input(0);
    for (int i = 1; i < ctx->num_inputs(); ++i) {
      if (!ctx->input(i).IsSameSize(first)) {
        return errors::InvalidArgument("values[", i, "] has shape ",
                                       ctx->input(i).shape().DebugString(), ", values[0] ",
                                       first.shape().DebugString());
      }
    }
    Tensor* sum;
    RETURN_IF_ERROR(ctx->allocate_output(0, first.shape(), &sum));
    auto out = sum->flat<float>();
    out.setZero();
    for (int i = 0; i < ctx->num_inputs(); ++i) out += ctx->input(i).flat<float>();
    return ctx->set_output(1, Tensor(static_cast<int32_t>(ctx->num_inputs())));
  }
};

class RepeatOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("scale", &scale_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    for (int i = 0; i < ctx->num_outputs(); ++i) {
      Tensor* copy;
      RETURN_IF_ERROR(ctx->allocate_output(i, x.shape(), &copy));
      copy->flat<float>() = x.flat<float>() * scale_;
    }
    return absl::OkStatus();
  }

 private:
  float scale_ = 1;
};

class KeywordsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    if (!ctx->input(0).IsSameSize(ctx->input(1))) {
      return errors::InvalidArgument("class has shape ", ctx->input(0).shape().DebugString(),
                                     ", default ", ctx->input(1).shape().DebugString());
    }
    Tensor* difference;
    RETURN_IF_ERROR(ctx->allocate_output(0, ctx->input(0).shape(), &difference));
    difference->flat<float>() = ctx->input(0).flat<float>() - ctx->input(1).flat<float>();
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("OpGenTestSumAndCount").Device(DEVICE_CPU), SumAndCountOp);
REGISTER_KERNEL_BUILDER(Name("OpGenTestRepeat").Device(DEVICE_CPU), RepeatOp);
REGISTER_KERNEL_BUILDER(Name("OpGenTestKeywords").Device(DEVICE_CPU), KeywordsOp);

}  // namespace
}  // namespace rill
