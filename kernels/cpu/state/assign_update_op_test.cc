// Tests of the CPU AssignAddVariableOp and AssignSubVariableOp kernels: values by hand,
// copy-on-write when a reader holds the value, in-place updates otherwise, the sharded path,
// and the errors for uninitialized variables and mismatched shapes.
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
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

std::unique_ptr<test::KernelRunner> Runner(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("update", op)
                    .Input("resource", 0, DT_RESOURCE)
                    .Input("value", 0, dtype)
                    .Finalize(&def));
  absl::StatusOr<std::unique_ptr<test::KernelRunner>> runner = test::KernelRunner::Create(def);
  RILL_CHECK_OK(runner.status());
  return std::move(*runner);
}

TEST(AssignUpdateOpTest, AddAndSubtract) {
  auto add = Runner("AssignAddVariableOp", DT_FLOAT);
  const Device& device = *add->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({3}));
  RILL_CHECK_OK(test::CreateVariable(device, "W", test::AsTensor<float>({1, 2, 3})));
  ASSERT_TRUE(add->Run({handle, test::AsTensor<float>({10, 20, 30})}).ok());
  test::ExpectTensorEqual<float>(*test::VariableValue(device, "W"),
                                 test::AsTensor<float>({11, 22, 33}));

  auto sub = Runner("AssignSubVariableOp", DT_INT64);
  const Device& sub_device = *sub->device();
  RILL_CHECK_OK(test::CreateVariable(sub_device, "step", test::AsScalar<int64_t>(10)));
  const Tensor step = test::VariableHandle(sub_device, "step", DT_INT64, PartialTensorShape({}));
  ASSERT_TRUE(sub->Run({step, test::AsScalar<int64_t>(3)}).ok());
  ASSERT_TRUE(sub->Run({step, test::AsScalar<int64_t>(4)}).ok());
  test::ExpectTensorEqual<int64_t>(*test::VariableValue(sub_device, "step"),
                                   test::AsScalar<int64_t>(3));
}

TEST(AssignUpdateOpTest, CopiesWhenAReaderHoldsTheValue) {
  auto add = Runner("AssignAddVariableOp", DT_INT32);
  const Device& device = *add->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_INT32, PartialTensorShape({2}));
  // `read` plays a ReadVariableOp output still alive in some consumer.
  const Tensor read = test::AsTensor<int32_t>({10, 10});
  RILL_CHECK_OK(test::CreateVariable(device, "W", read));
  ASSERT_TRUE(add->Run({handle, test::AsTensor<int32_t>({1, 2})}).ok());
  test::ExpectTensorEqual<int32_t>(read, test::AsTensor<int32_t>({10, 10}));
  Tensor updated = *test::VariableValue(device, "W");
  test::ExpectTensorEqual<int32_t>(updated, test::AsTensor<int32_t>({11, 12}));
  EXPECT_FALSE(updated.SharesBufferWith(read));

  // Once nobody else holds the buffer, the next update writes in place.
  const void* buffer = updated.data();
  updated = Tensor();
  ASSERT_TRUE(add->Run({handle, test::AsTensor<int32_t>({1, 1})}).ok());
  updated = *test::VariableValue(device, "W");
  test::ExpectTensorEqual<int32_t>(updated, test::AsTensor<int32_t>({12, 13}));
  EXPECT_EQ(updated.data(), buffer);
}

TEST(AssignUpdateOpTest, LargeVariablesShard) {
  auto add = Runner("AssignAddVariableOp", DT_DOUBLE);
  const Device& device = *add->device();
  constexpr int64_t kSize = 1 << 18;
  Tensor start(DT_DOUBLE, TensorShape({kSize}));
  test::FillIota<double>(&start, 0.0);
  Tensor delta(DT_DOUBLE, TensorShape({kSize}));
  test::FillIota<double>(&delta, 1.0);
  RILL_CHECK_OK(test::CreateVariable(device, "big", start));
  start = Tensor();
  const Tensor handle = test::VariableHandle(device, "big", DT_DOUBLE, PartialTensorShape());
  ASSERT_TRUE(add->Run({handle, delta}).ok());
  EXPECT_TRUE(add->kernel().IsExpensive());
  const Tensor sum = *test::VariableValue(device, "big");
  // Element i is i + (i + 1).
  for (int64_t i : {int64_t{0}, int64_t{1}, kSize / 2, kSize - 1}) {
    EXPECT_EQ(sum.flat<double>()(i), 2.0 * i + 1) << i;
  }
}

TEST(AssignUpdateOpTest, Errors) {
  auto add = Runner("AssignAddVariableOp", DT_FLOAT);
  const Device& device = *add->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({2}));
  absl::Status status = add->Run({handle, test::AsTensor<float>({1, 2})}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "Attempting to use uninitialized value W"))
      << status;

  RILL_CHECK_OK(test::CreateVariable(device, "W", test::AsTensor<float>({1, 2})));
  status = add->Run({handle, test::AsTensor<float>({1, 2, 3})}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(status.message(),
                                "Cannot update variable W with shape [2] using a Tensor with "
                                "shape [3], shapes must be equal."))
      << status;

  auto add_int = Runner("AssignAddVariableOp", DT_INT32);
  RILL_CHECK_OK(test::CreateVariable(*add_int->device(), "W", test::AsScalar<float>(1.f)));
  status = add_int
               ->Run({test::VariableHandle(*add_int->device(), "W", DT_INT32, PartialTensorShape()),
                      test::AsScalar<int32_t>(1)})
               .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "Expected float got int32")) << status;
}

}  // namespace
}  // namespace rill
