// Tests of the CPU VariableShape kernel: the shape of matrix, scalar and empty variables as
// int32 and int64, the shape after the value changes, and the uninitialized-value,
// handle and int32-overflow errors.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/state/var.h"
#include "kernels/cpu/state/var_test_util.h"

namespace rill {
namespace {

std::unique_ptr<test::KernelRunner> ShapeRunner(DataType out_type) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("shape", "VariableShape")
                    .Input("input", 0, DT_RESOURCE)
                    .Attr("out_type", out_type)
                    .Finalize(&def));
  absl::StatusOr<std::unique_ptr<test::KernelRunner>> runner = test::KernelRunner::Create(def);
  RILL_CHECK_OK(runner.status());
  return std::move(*runner);
}

// ShapeOf stores `value` as variable "v" and runs VariableShape on its handle.
absl::StatusOr<std::vector<Tensor>> ShapeOf(const Tensor& value, DataType out_type) {
  std::unique_ptr<test::KernelRunner> runner = ShapeRunner(out_type);
  RETURN_IF_ERROR(test::CreateVariable(*runner->device(), "v", value));
  return runner->Run(
      {test::VariableHandle(*runner->device(), "v", value.dtype(), PartialTensorShape())});
}

TEST(VariableShapeOpTest, ShapeOfTheCurrentValue) {
  auto out = ShapeOf(Tensor(DT_FLOAT, TensorShape({2, 3})), DT_INT32);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({2, 3}));

  out = ShapeOf(Tensor(DT_STRING, TensorShape({4, 0, 5})), DT_INT64);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsTensor<int64_t>({4, 0, 5}));

  out = ShapeOf(test::AsScalar<int32_t>(7), DT_INT32);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0}));
}

TEST(VariableShapeOpTest, FollowsReassignment) {
  std::unique_ptr<test::KernelRunner> runner = ShapeRunner(DT_INT32);
  const Device& device = *runner->device();
  RILL_CHECK_OK(test::CreateVariable(device, "v", Tensor(DT_FLOAT, TensorShape({2}))));
  const Tensor handle = test::VariableHandle(device, "v", DT_FLOAT, PartialTensorShape());
  auto out = runner->Run({handle});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({2}));

  ResourceMgr* manager = device.resource_manager();
  Var* var = nullptr;
  RILL_CHECK_OK(manager->Lookup(manager->default_container(), "v", &var));
  {
    absl::MutexLock lock(var->mu());
    *var->tensor() = Tensor(DT_FLOAT, TensorShape({5, 1}));
  }
  var->Unref();
  out = runner->Run({handle});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({5, 1}));
}

TEST(VariableShapeOpTest, Errors) {
  std::unique_ptr<test::KernelRunner> runner = ShapeRunner(DT_INT32);
  auto out = runner->Run(
      {test::VariableHandle(*runner->device(), "missing", DT_FLOAT, PartialTensorShape())});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kFailedPrecondition) << out.status();
  EXPECT_TRUE(
      absl::StrContains(out.status().message(), "Attempting to use uninitialized value missing"))
      << out.status();

  Tensor handles(DT_RESOURCE, TensorShape({2}));
  out = runner->Run({handles});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), "Expected a scalar resource handle"))
      << out.status();

  // 2^31 rows of nothing: no memory, but a dimension int32 cannot hold.
  const Tensor wide(DT_FLOAT, TensorShape({int64_t{1} << 31, 0}));
  out = ShapeOf(wide, DT_INT32);
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(),
                                "Dimension 0 of variable v = 2147483648 does not fit in "
                                "out_type int32; use out_type int64"))
      << out.status();
  out = ShapeOf(wide, DT_INT64);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsTensor<int64_t>({int64_t{1} << 31, 0}));
}

}  // namespace
}  // namespace rill
