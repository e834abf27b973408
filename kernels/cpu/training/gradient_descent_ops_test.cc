// Tests of the CPU ResourceApplyGradientDescent kernel: var -= alpha * delta by hand for
// float and double, the sharded path, and the errors for bad shapes and missing variables.
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/state/var_test_util.h"

namespace rill {
namespace {

std::unique_ptr<test::KernelRunner> Runner(DataType dtype) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("apply", "ResourceApplyGradientDescent")
                    .Input("var", 0, DT_RESOURCE)
                    .Input("alpha", 0, dtype)
                    .Input("delta", 0, dtype)
                    .Finalize(&def));
  absl::StatusOr<std::unique_ptr<test::KernelRunner>> runner = test::KernelRunner::Create(def);
  RILL_CHECK_OK(runner.status());
  return std::move(*runner);
}

TEST(ApplyGradientDescentOpTest, SubtractsTheScaledDelta) {
  auto apply = Runner(DT_FLOAT);
  const Device& device = *apply->device();
  const Tensor w = test::VariableHandle(device, "w", DT_FLOAT, PartialTensorShape({3}));
  RILL_CHECK_OK(test::CreateVariable(device, "w", test::AsTensor<float>({1, 2, 3})));
  ASSERT_TRUE(
      apply->Run({w, test::AsScalar<float>(0.5f), test::AsTensor<float>({2, -4, 0.5f})}).ok());
  // 1 - 0.5*2, 2 - 0.5*(-4), 3 - 0.5*0.5
  test::ExpectTensorEqual<float>(*test::VariableValue(device, "w"),
                                 test::AsTensor<float>({0, 4, 2.75f}));

  auto apply_double = Runner(DT_DOUBLE);
  const Device& d = *apply_double->device();
  const Tensor b = test::VariableHandle(d, "b", DT_DOUBLE, PartialTensorShape({}));
  RILL_CHECK_OK(test::CreateVariable(d, "b", test::AsScalar<double>(84.0)));
  ASSERT_TRUE(apply_double->Run({b, test::AsScalar<double>(0.001), test::AsScalar<double>(-2000)})
                  .ok());
  test::ExpectTensorEqual<double>(*test::VariableValue(d, "b"), test::AsScalar<double>(86.0));
}

TEST(ApplyGradientDescentOpTest, LargeVariablesShard) {
  auto apply = Runner(DT_FLOAT);
  const Device& device = *apply->device();
  constexpr int64_t kSize = 1 << 18;
  Tensor start(DT_FLOAT, TensorShape({kSize}));
  test::FillIota<float>(&start, 0.0f);
  Tensor delta(DT_FLOAT, TensorShape({kSize}));
  test::FillIota<float>(&delta, 0.0f);
  RILL_CHECK_OK(test::CreateVariable(device, "big", start));
  const Tensor handle = test::VariableHandle(device, "big", DT_FLOAT, PartialTensorShape({kSize}));
  ASSERT_TRUE(apply->Run({handle, test::AsScalar<float>(2.0f), delta}).ok());
  const Tensor result = *test::VariableValue(device, "big");
  // i - 2 * i = -i for every element.
  for (int64_t i : {int64_t{0}, int64_t{1}, kSize / 2, kSize - 1}) {
    EXPECT_EQ(result.flat<float>()(i), -static_cast<float>(i)) << i;
  }
}

TEST(ApplyGradientDescentOpTest, Errors) {
  auto apply = Runner(DT_FLOAT);
  const Device& device = *apply->device();
  const Tensor w = test::VariableHandle(device, "w", DT_FLOAT, PartialTensorShape({2}));
  absl::Status status =
      apply->Run({w, test::AsScalar<float>(1), test::AsTensor<float>({1, 2})}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "Attempting to use uninitialized value w"));

  RILL_CHECK_OK(test::CreateVariable(device, "w", test::AsTensor<float>({1, 2})));
  status = apply->Run({w, test::AsScalar<float>(1), test::AsTensor<float>({1, 2, 3})}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "var and delta do not have the same shape"))
      << status;
  status = apply->Run({w, test::AsTensor<float>({1, 1}), test::AsTensor<float>({1, 2})}).status();
  EXPECT_TRUE(absl::StrContains(status.message(), "alpha is not a scalar")) << status;
}

}  // namespace
}  // namespace rill
