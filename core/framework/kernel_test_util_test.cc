// Tests for KernelRunner / RunKernel with a small test op computing z = x * alpha + y.
#include "core/framework/kernel_test_util.h"

#include <vector>

#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_testutil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

REGISTER_OP("KtuAxpy")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {float, int32}")
    .Attr("alpha: float = 1.0");
REGISTER_OP("KtuLazy").Output("y: float");

// AxpyKernel computes z = x * alpha + y elementwise, reusing x's buffer when it may.
template <typename T>
class AxpyKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("alpha", &alpha_);
  }
  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    if (x.shape() != y.shape()) {
      return errors::InvalidArgument("x and y must have the same shape, got ",
                                     x.shape().DebugString(), " and ", y.shape().DebugString());
    }
    Tensor* z;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, x.shape(), &z));
    auto xs = x.flat<T>();
    auto ys = y.flat<T>();
    auto zs = z->flat<T>();
    for (int64_t i = 0; i < xs.size(); ++i) zs(i) = static_cast<T>(xs(i) * alpha_) + ys(i);
    return absl::OkStatus();
  }

 private:
  float alpha_ = 0;
};
REGISTER_KERNEL_BUILDER(Name("KtuAxpy").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        AxpyKernel<float>);
REGISTER_KERNEL_BUILDER(Name("KtuAxpy").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        AxpyKernel<int32_t>);

// LazyKernel returns OK without setting its output (a kernel bug the runner reports).
class LazyKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override { return absl::OkStatus(); }
};
REGISTER_KERNEL_BUILDER(Name("KtuLazy").Device(DEVICE_CPU), LazyKernel);

tensorflow::NodeDef AxpyNode(DataType dtype, float alpha) {
  tensorflow::NodeDef node_def;
  RILL_CHECK_OK(NodeDefBuilder("axpy", "KtuAxpy")
                    .Input("x", 0, dtype)
                    .Input("y", 0, dtype)
                    .Attr("alpha", alpha)
                    .Finalize(&node_def));
  return node_def;
}

TEST(KernelTestUtilTest, RunKernelComputesValues) {
  absl::StatusOr<std::vector<Tensor>> out =
      test::RunKernel(AxpyNode(DT_FLOAT, 2.0f), {test::AsTensor<float>({1.f, 2.f, 3.f}),
                                                 test::AsTensor<float>({0.5f, 0.f, -1.f})});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 1);
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({2.5f, 4.f, 5.f}));
}

TEST(KernelTestUtilTest, RunnerRunsRepeatedlyAndForwardsMovedInputs) {
  absl::StatusOr<std::unique_ptr<test::KernelRunner>> runner =
      test::KernelRunner::Create(AxpyNode(DT_INT32, 3.0f));
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_EQ((*runner)->kernel().type_string(), "KtuAxpy");

  Tensor x = test::AsTensor<int32_t>({1, 2}, TensorShape({2, 1}));
  const void* x_data = x.data();
  absl::StatusOr<std::vector<Tensor>> kept = (*runner)->Run({x, test::AsTensor<int32_t>({10, 20}, TensorShape({2, 1}))});
  ASSERT_TRUE(kept.ok()) << kept.status();
  test::ExpectTensorEqual<int32_t>((*kept)[0], test::AsTensor<int32_t>({13, 26}, TensorShape({2, 1})));
  EXPECT_NE((*kept)[0].data(), x_data);

  std::vector<Tensor> inputs;
  inputs.push_back(std::move(x));
  inputs.push_back(test::AsTensor<int32_t>({-1, -1}, TensorShape({2, 1})));
  absl::StatusOr<std::vector<Tensor>> moved = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(moved.ok()) << moved.status();
  test::ExpectTensorEqual<int32_t>((*moved)[0], test::AsTensor<int32_t>({2, 5}, TensorShape({2, 1})));
  EXPECT_EQ((*moved)[0].data(), x_data);
}

TEST(KernelTestUtilTest, KernelErrorNamesTheNode) {
  absl::StatusOr<std::vector<Tensor>> out = test::RunKernel(
      AxpyNode(DT_FLOAT, 1.0f), {test::AsTensor<float>({1.f}), test::AsTensor<float>({1.f, 2.f})});
  ASSERT_TRUE(errors::IsInvalidArgument(out.status()));
  EXPECT_EQ(out.status().message(),
            "x and y must have the same shape, got [1] and [2] [[node axpy (KtuAxpy)]]");
}

TEST(KernelTestUtilTest, RejectsWrongInputCountAndDtype) {
  absl::StatusOr<std::vector<Tensor>> too_few =
      test::RunKernel(AxpyNode(DT_FLOAT, 1.0f), {test::AsTensor<float>({1.f})});
  ASSERT_TRUE(errors::IsInvalidArgument(too_few.status()));
  EXPECT_THAT(too_few.status().message(),
              HasSubstr("the kernel takes 2 inputs (float, float), but the test passed 1"));

  absl::StatusOr<std::vector<Tensor>> wrong_dtype = test::RunKernel(
      AxpyNode(DT_FLOAT, 1.0f), {test::AsTensor<float>({1.f}), test::AsTensor<int32_t>({1})});
  ASSERT_TRUE(errors::IsInvalidArgument(wrong_dtype.status()));
  EXPECT_THAT(wrong_dtype.status().message(),
              HasSubstr("input 1 must be float, but the test passed a int32 tensor"));
}

TEST(KernelTestUtilTest, ReportsUnsetOutput) {
  tensorflow::NodeDef node_def;
  RILL_CHECK_OK(NodeDefBuilder("lazy", "KtuLazy").Finalize(&node_def));
  absl::StatusOr<std::vector<Tensor>> out = test::RunKernel(node_def, {});
  ASSERT_TRUE(errors::IsInternal(out.status()));
  EXPECT_EQ(out.status().message(),
            "the kernel returned OK but left output 0 unset [[node lazy (KtuLazy)]]");
}

TEST(KernelTestUtilTest, MissingKernelIsNotFound) {
  tensorflow::NodeDef node_def;
  RILL_CHECK_OK(NodeDefBuilder("axpy", "KtuAxpy")
                    .Input("x", 0, DT_FLOAT)
                    .Input("y", 0, DT_FLOAT)
                    .Device("/device:GPU:0")
                    .Finalize(&node_def));
  AddNodeAttr("_kernel", "nonexistent", &node_def);
  absl::StatusOr<std::vector<Tensor>> out = test::RunKernel(node_def, {});
  EXPECT_TRUE(errors::IsNotFound(out.status())) << out.status();
}

}  // namespace
}  // namespace rill
