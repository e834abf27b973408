// Tests for OpKernel, OpKernelConstruction and OpKernelContext: attrs, inputs by name,
// output allocation, dtype checks, buffer forwarding, cancellation and the runner.
#include "core/framework/op_kernel.h"

#include <atomic>
#include <memory>
#include <vector>

#include "core/framework/cpu_device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_testutil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

REGISTER_OP("OkNamed")
    .Input("a: float")
    .Input("list: N * int32")
    .Output("out: float")
    .Output("other: int32")
    .Attr("N: int >= 1");
REGISTER_OP("OkScale")
    .Input("x: T")
    .Output("y: T")
    .Attr("T: {float, int32}")
    .Attr("scale: float")
    .Attr("mode: string = 'plain'");

class NamedKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  bool IsExpensive() const override { return false; }
  absl::Status Compute(OpKernelContext* ctx) override { return absl::OkStatus(); }
};
REGISTER_KERNEL_BUILDER(Name("OkNamed").Device(DEVICE_CPU), NamedKernel);

// ScaleKernel: y = x * scale, in place when the executor lets it forward x.
template <typename T>
class ScaleKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("scale", &scale_));
    RETURN_IF_ERROR(ctx->GetAttr("mode", &mode_));
    has_mode_ = ctx->HasAttr("mode");
    has_unknown_ = ctx->HasAttr("unknown");
    return absl::OkStatus();
  }
  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, x.shape(), &y));
    auto in = x.flat<T>();
    auto out = y->flat<T>();
    for (int64_t i = 0; i < in.size(); ++i) out(i) = static_cast<T>(in(i) * scale_);
    return absl::OkStatus();
  }

  float scale_ = 0;
  std::string mode_;
  bool has_mode_ = false;
  bool has_unknown_ = true;
};
REGISTER_KERNEL_BUILDER(Name("OkScale").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        ScaleKernel<float>);
REGISTER_KERNEL_BUILDER(Name("OkScale").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        ScaleKernel<int32_t>);

class OpKernelTest : public ::testing::Test {
 protected:
  std::unique_ptr<OpKernel> MakeNamedKernel() {
    tensorflow::NodeDef node_def;
    node_def.set_name("named");
    node_def.set_op("OkNamed");
    for (const char* input : {"a", "l0", "l1"}) node_def.add_input(input);
    AddNodeAttr("N", 2, &node_def);
    absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
        CreateOpKernel(DEVICE_CPU, device_.get(), node_def);
    RILL_CHECK_OK(kernel);
    return std::move(kernel).value();
  }

  std::unique_ptr<OpKernel> MakeScaleKernel(DataType dtype, float scale) {
    tensorflow::NodeDef node_def;
    node_def.set_name("scale");
    node_def.set_op("OkScale");
    node_def.add_input("x");
    AddNodeAttr("T", dtype, &node_def);
    AddNodeAttr("scale", scale, &node_def);
    absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
        CreateOpKernel(DEVICE_CPU, device_.get(), node_def);
    RILL_CHECK_OK(kernel);
    return std::move(kernel).value();
  }

  OpKernelContext::Params ParamsFor(OpKernel* kernel) {
    OpKernelContext::Params params;
    params.op_kernel = kernel;
    params.device = device_.get();
    params.inputs = inputs_;
    params.forwardable_inputs = forwardable_;
    return params;
  }

  std::unique_ptr<CpuDevice> device_ = CpuDevice::Create(2);
  Tensor a_ = test::AsTensor<float>({1.5f, 2.5f});
  Tensor l0_ = test::AsScalar<int32_t>(7);
  Tensor l1_ = test::AsScalar<int32_t>(9);
  std::vector<const Tensor*> inputs_ = {&a_, &l0_, &l1_};
  absl::InlinedVector<bool, 4> forwardable_ = {true, true, true};
};

TEST_F(OpKernelTest, KernelAccessors) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  EXPECT_EQ(kernel->num_inputs(), 3);
  EXPECT_EQ(kernel->num_outputs(), 2);
  EXPECT_EQ(kernel->input_type(2), DT_INT32);
  EXPECT_EQ(kernel->output_type(1), DT_INT32);
  EXPECT_FALSE(kernel->IsExpensive());
  EXPECT_EQ(kernel->op_def().name(), "OkNamed");
  int start, stop;
  ASSERT_TRUE(kernel->OutputRange("other", &start, &stop).ok());
  EXPECT_EQ(start, 1);
  EXPECT_EQ(stop, 2);
  EXPECT_EQ(kernel->AddNodeContext(errors::Internal("boom")).message(),
            "boom [[node named (OkNamed)]]");
  EXPECT_TRUE(kernel->AddNodeContext(absl::OkStatus()).ok());
}

TEST_F(OpKernelTest, ConstructionReadsAttrsWithDefaults) {
  std::unique_ptr<OpKernel> kernel = MakeScaleKernel(DT_FLOAT, 2.5f);
  auto* scale = static_cast<ScaleKernel<float>*>(kernel.get());
  EXPECT_EQ(scale->scale_, 2.5f);
  EXPECT_EQ(scale->mode_, "plain");
  EXPECT_TRUE(scale->has_mode_);
  EXPECT_FALSE(scale->has_unknown_);
}

TEST_F(OpKernelTest, InputsByIndexAndName) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  OpKernelContext ctx(ParamsFor(kernel.get()));
  EXPECT_EQ(ctx.num_inputs(), 3);
  EXPECT_EQ(&ctx.input(1), &l0_);
  EXPECT_EQ(ctx.input_dtype(0), DT_FLOAT);
  const Tensor* a = nullptr;
  ASSERT_TRUE(ctx.input("a", &a).ok());
  EXPECT_EQ(a, &a_);
  absl::Status list = ctx.input("list", &a);
  EXPECT_TRUE(errors::IsInvalidArgument(list));
  EXPECT_THAT(list.message(), HasSubstr("input 'list' of op 'OkNamed' is a list of 2 tensors"));
  absl::Status missing = ctx.input("zzz", &a);
  EXPECT_TRUE(errors::IsNotFound(missing));
  EXPECT_THAT(missing.message(), HasSubstr("op 'OkNamed' has no input named 'zzz'"));
}

TEST_F(OpKernelTest, AllocateAndReleaseOutput) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  OpKernelContext ctx(ParamsFor(kernel.get()));
  EXPECT_EQ(ctx.num_outputs(), 2);
  EXPECT_FALSE(ctx.has_output(0));
  Tensor* out = nullptr;
  ASSERT_TRUE(ctx.allocate_output(1, TensorShape({2, 3}), &out).ok());
  EXPECT_EQ(out->dtype(), DT_INT32);
  EXPECT_EQ(out->shape(), TensorShape({2, 3}));
  EXPECT_TRUE(out->IsAligned());
  EXPECT_TRUE(ctx.has_output(1));
  EXPECT_EQ(ctx.mutable_output(1), out);
  Tensor released = ctx.release_output(1);
  EXPECT_EQ(released.shape(), TensorShape({2, 3}));
  EXPECT_FALSE(ctx.has_output(1));

  EXPECT_TRUE(errors::IsInternal(ctx.allocate_output(2, TensorShape({}), &out)));
  EXPECT_TRUE(errors::IsInternal(ctx.allocate_output(-1, TensorShape({}), &out)));
}

TEST_F(OpKernelTest, OutputsGoToTheCallersTensorsWhenGiven) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  Tensor slots[2];
  OpKernelContext::Params params = ParamsFor(kernel.get());
  params.outputs = slots;
  OpKernelContext ctx(params);
  EXPECT_EQ(ctx.num_outputs(), 2);
  Tensor* out = nullptr;
  ASSERT_TRUE(ctx.allocate_output(0, TensorShape({4}), &out).ok());
  EXPECT_EQ(out, &slots[0]);
  EXPECT_EQ(ctx.mutable_output(0), &slots[0]);
  ASSERT_TRUE(ctx.set_output(1, l1_).ok());
  EXPECT_TRUE(ctx.has_output(1));
  EXPECT_TRUE(slots[1].IsSameBuffer(l1_));
  EXPECT_EQ(slots[0].shape(), TensorShape({4}));
  EXPECT_EQ(slots[0].dtype(), DT_FLOAT);
}

TEST_F(OpKernelTest, SetOutputChecksDtype) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  OpKernelContext ctx(ParamsFor(kernel.get()));
  absl::Status wrong = ctx.set_output(0, test::AsScalar<int32_t>(3));
  EXPECT_TRUE(errors::IsInternal(wrong));
  EXPECT_EQ(wrong.message(),
            "output 0 of op 'OkNamed' must be float, but the kernel set a int32 tensor");
  EXPECT_FALSE(ctx.has_output(0));

  ASSERT_TRUE(ctx.set_output(1, l1_).ok());
  EXPECT_TRUE(ctx.mutable_output(1)->IsSameBuffer(l1_));
}

TEST_F(OpKernelTest, ForwardsSoleForwardableInput) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  const void* a_data = a_.data();
  OpKernelContext ctx(ParamsFor(kernel.get()));
  Tensor* out = nullptr;
  int forwarded = -2;
  ASSERT_TRUE(
      ctx.forward_input_or_allocate_output({0}, 0, TensorShape({1, 2}), &out, &forwarded).ok());
  EXPECT_EQ(forwarded, 0);
  EXPECT_EQ(out->data(), a_data);
  EXPECT_EQ(out->shape(), TensorShape({1, 2}));
}

TEST_F(OpKernelTest, AllocatesWhenInputCannotBeForwarded) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  Tensor* out = nullptr;
  int forwarded = -2;
  {
    Tensor other_reference = a_;
    OpKernelContext ctx(ParamsFor(kernel.get()));
    ASSERT_TRUE(
        ctx.forward_input_or_allocate_output({0}, 0, TensorShape({2}), &out, &forwarded).ok());
    EXPECT_EQ(forwarded, -1);
    EXPECT_NE(out->data(), a_.data());
  }
  {
    forwardable_[0] = false;
    OpKernelContext ctx(ParamsFor(kernel.get()));
    ASSERT_TRUE(
        ctx.forward_input_or_allocate_output({0}, 0, TensorShape({2}), &out, &forwarded).ok());
    EXPECT_EQ(forwarded, -1);
    forwardable_[0] = true;
  }
  {
    OpKernelContext ctx(ParamsFor(kernel.get()));
    ASSERT_TRUE(
        ctx.forward_input_or_allocate_output({0}, 0, TensorShape({3}), &out, &forwarded).ok());
    EXPECT_EQ(forwarded, -1);
    EXPECT_EQ(out->shape(), TensorShape({3}));
  }
  {
    OpKernelContext ctx(ParamsFor(kernel.get()));
    ASSERT_TRUE(
        ctx.forward_input_or_allocate_output({1}, 0, TensorShape({}), &out, &forwarded).ok());
    EXPECT_EQ(forwarded, -1);
    EXPECT_EQ(out->dtype(), DT_FLOAT);
    ASSERT_TRUE(
        ctx.forward_input_or_allocate_output({2, 1}, 1, TensorShape({}), &out, &forwarded).ok());
    EXPECT_EQ(forwarded, 2);
    EXPECT_TRUE(errors::IsInternal(
        ctx.forward_input_or_allocate_output({5}, 1, TensorShape({}), &out, &forwarded)));
  }
  {
    forwardable_.clear();
    OpKernelContext ctx(ParamsFor(kernel.get()));
    ASSERT_TRUE(
        ctx.forward_input_or_allocate_output({0}, 0, TensorShape({2}), &out, &forwarded).ok());
    EXPECT_EQ(forwarded, -1);
  }
}

TEST_F(OpKernelTest, ComputeInPlaceThroughForwarding) {
  std::unique_ptr<OpKernel> kernel = MakeScaleKernel(DT_INT32, 3.0f);
  Tensor x = test::AsTensor<int32_t>({1, -2, 4});
  const void* x_data = x.data();
  const Tensor* input = &x;
  const bool forwardable = true;
  OpKernelContext::Params params;
  params.op_kernel = kernel.get();
  params.device = device_.get();
  params.inputs = absl::MakeConstSpan(&input, 1);
  params.forwardable_inputs = absl::MakeConstSpan(&forwardable, 1);
  OpKernelContext ctx(params);
  ASSERT_TRUE(kernel->Compute(&ctx).ok());
  Tensor y = ctx.release_output(0);
  EXPECT_EQ(y.data(), x_data);
  test::ExpectTensorEqual<int32_t>(y, test::AsTensor<int32_t>({3, -6, 12}));
}

TEST_F(OpKernelTest, StepStateAccessors) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  std::atomic<bool> cancelled{false};
  int scheduled = 0;
  const OpKernelContext::Runner runner = [&scheduled](std::function<void()> fn) {
    ++scheduled;
    fn();
  };
  ResourceMgr session_resources;
  OpKernelContext::Params params = ParamsFor(kernel.get());
  params.step_id = 42;
  params.cancelled = &cancelled;
  params.runner = &runner;
  params.resource_manager = &session_resources;
  OpKernelContext ctx(params);
  EXPECT_EQ(ctx.step_id(), 42);
  EXPECT_EQ(ctx.device(), device_.get());
  EXPECT_EQ(&ctx.op_kernel(), kernel.get());
  EXPECT_EQ(ctx.resource_manager(), &session_resources);
  EXPECT_EQ(&ctx.eigen_cpu_device(), device_->eigen_cpu_device());
  EXPECT_FALSE(ctx.is_cancelled());
  cancelled = true;
  EXPECT_TRUE(ctx.is_cancelled());
  int ran = 0;
  ctx.RunClosure([&ran] { ++ran; });
  EXPECT_EQ(scheduled, 1);
  EXPECT_EQ(ran, 1);
}

TEST_F(OpKernelTest, StepStateDefaults) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  OpKernelContext ctx(ParamsFor(kernel.get()));
  EXPECT_EQ(ctx.step_id(), 0);
  EXPECT_EQ(ctx.resource_manager(), device_->resource_manager());
  EXPECT_FALSE(ctx.is_cancelled());
  int ran = 0;
  ctx.RunClosure([&ran] { ++ran; });
  EXPECT_EQ(ran, 1);
}

TEST_F(OpKernelTest, AllocateTemp) {
  std::unique_ptr<OpKernel> kernel = MakeNamedKernel();
  OpKernelContext ctx(ParamsFor(kernel.get()));
  Tensor temp;
  ASSERT_TRUE(ctx.allocate_temp(DT_DOUBLE, TensorShape({4}), &temp).ok());
  EXPECT_EQ(temp.dtype(), DT_DOUBLE);
  EXPECT_EQ(temp.NumElements(), 4);
}

}  // namespace
}  // namespace rill
