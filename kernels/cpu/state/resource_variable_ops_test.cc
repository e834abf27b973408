// Tests of the CPU kernels of the variable lifecycle: the handle VarHandleOp makes, assignment
// creating and checking the variable, reads sharing the value, the uninitialized-value and
// wrong-dtype/shape errors, VarIsInitializedOp and DestroyResourceOp.
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/resource_handle.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/state/var_test_util.h"

namespace rill {
namespace {

// Runner builds the kernel of a one-handle-input node `op` with `dtype` attr (unless
// DT_INVALID) and an optional value input.
std::unique_ptr<test::KernelRunner> Runner(const std::string& op, DataType dtype, bool has_value,
                                           bool validate_shape = false) {
  NodeDefBuilder builder("node", op);
  builder.Input("resource", 0, DT_RESOURCE);
  if (has_value) builder.Input("value", 0, dtype);
  if (dtype != DT_INVALID && !has_value) builder.Attr("dtype", dtype);
  if (op == "AssignVariableOp") builder.Attr("validate_shape", validate_shape);
  tensorflow::NodeDef def;
  RILL_CHECK_OK(builder.Finalize(&def));
  absl::StatusOr<std::unique_ptr<test::KernelRunner>> runner = test::KernelRunner::Create(def);
  RILL_CHECK_OK(runner.status());
  return std::move(*runner);
}

void ExpectError(const absl::Status& status, absl::StatusCode code, const std::string& message) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), message)) << status;
}

TEST(VarHandleOpTest, NamesTheVariableOnItsDevice) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("layer/W", "VarHandleOp")
                    .Attr("dtype", DT_FLOAT)
                    .Attr("shape", PartialTensorShape({2, -1}))
                    .Attr("shared_name", "layer/weights")
                    .Finalize(&def));
  auto runner = test::KernelRunner::Create(def);
  ASSERT_TRUE(runner.ok()) << runner.status();
  auto out = (*runner)->Run({});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ((*out)[0].dtype(), DT_RESOURCE);
  ASSERT_EQ((*out)[0].dims(), 0);
  const ResourceHandle& handle = (*out)[0].scalar<ResourceHandle>()();
  EXPECT_EQ(handle.name(), "layer/weights");
  EXPECT_EQ(handle.container(), "localhost");
  EXPECT_EQ(handle.device(), (*runner)->device()->name());
  ASSERT_EQ(handle.dtypes_and_shapes().size(), 1u);
  EXPECT_EQ(handle.dtypes_and_shapes()[0].dtype, DT_FLOAT);
  EXPECT_EQ(handle.dtypes_and_shapes()[0].shape, PartialTensorShape({2, -1}));

  // Without a shared_name the node's name names the variable; a container is kept.
  RILL_CHECK_OK(NodeDefBuilder("layer/b", "VarHandleOp")
                    .Attr("dtype", DT_INT32)
                    .Attr("shape", PartialTensorShape({}))
                    .Attr("container", "experiment")
                    .Finalize(&def));
  out = test::RunKernel(def, {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].scalar<ResourceHandle>()().name(), "layer/b");
  EXPECT_EQ((*out)[0].scalar<ResourceHandle>()().container(), "experiment");
}

TEST(AssignVariableOpTest, CreatesTheVariableAndSharesTheValue) {
  auto assign = Runner("AssignVariableOp", DT_FLOAT, /*has_value=*/true);
  const Device& device = *assign->device();
  const Tensor value = test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2}));
  ASSERT_TRUE(
      assign->Run({test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({2, -1})), value})
          .ok());
  absl::StatusOr<Tensor> stored = test::VariableValue(device, "W");
  ASSERT_TRUE(stored.ok()) << stored.status();
  test::ExpectTensorEqual<float>(*stored, value);
  EXPECT_TRUE(stored->SharesBufferWith(value));

  // A second assignment replaces the value (any shape compatible with [2,?]).
  const Tensor wider = test::AsTensor<float>({5, 6, 7, 8, 9, 10}, TensorShape({2, 3}));
  ASSERT_TRUE(
      assign->Run({test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({2, -1})), wider})
          .ok());
  test::ExpectTensorEqual<float>(*test::VariableValue(device, "W"), wider);
}

TEST(AssignVariableOpTest, RejectsAnotherDtypeOrAnIncompatibleShape) {
  auto assign = Runner("AssignVariableOp", DT_INT32, /*has_value=*/true);
  const Device& device = *assign->device();
  absl::StatusOr<std::vector<Tensor>> out =
      assign->Run({test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({2})),
                   test::AsTensor<int32_t>({1, 2})});
  ExpectError(out.status(), absl::StatusCode::kInvalidArgument,
              "Trying to assign variable W with wrong dtype. Expected float got int32");

  out = assign->Run({test::VariableHandle(device, "W", DT_INT32, PartialTensorShape({2, -1})),
                     test::AsTensor<int32_t>({1, 2, 3})});
  ExpectError(out.status(), absl::StatusCode::kInvalidArgument,
              "Trying to assign variable W with an incompatible shape. Expected [2,?] got [3]");
  EXPECT_TRUE(absl::StrContains(out.status().message(), "[[node node (AssignVariableOp)]]"));
  // Nothing was created.
  EXPECT_TRUE(absl::IsNotFound(test::VariableValue(device, "W").status()));

  // A variable created with one dtype keeps it, whatever a later handle declares.
  RILL_CHECK_OK(test::CreateVariable(device, "v", test::AsScalar<float>(1.f)));
  out = assign->Run({test::VariableHandle(device, "v", DT_INT32, PartialTensorShape()),
                     test::AsScalar<int32_t>(2)});
  ExpectError(out.status(), absl::StatusCode::kInvalidArgument,
              "Trying to assign variable v with wrong dtype. Expected float got int32");
}

TEST(AssignVariableOpTest, ValidateShapeKeepsTheCurrentShape) {
  auto assign = Runner("AssignVariableOp", DT_FLOAT, /*has_value=*/true, /*validate_shape=*/true);
  const Device& device = *assign->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape());
  ASSERT_TRUE(assign->Run({handle, test::AsTensor<float>({1, 2})}).ok());
  ASSERT_TRUE(assign->Run({handle, test::AsTensor<float>({3, 4})}).ok());
  absl::StatusOr<std::vector<Tensor>> out = assign->Run({handle, test::AsTensor<float>({1})});
  ExpectError(out.status(), absl::StatusCode::kInvalidArgument,
              "Trying to assign variable W with a different shape. Expected [2] got [1]");
  test::ExpectTensorEqual<float>(*test::VariableValue(device, "W"), test::AsTensor<float>({3, 4}));
}

TEST(ReadVariableOpTest, ReturnsTheValueWithoutCopying) {
  auto read = Runner("ReadVariableOp", DT_FLOAT, /*has_value=*/false);
  const Device& device = *read->device();
  const Tensor value = test::AsTensor<float>({10, 20});
  RILL_CHECK_OK(test::CreateVariable(device, "W", value));
  auto out = read->Run({test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], value);
  EXPECT_TRUE((*out)[0].SharesBufferWith(value));
}

TEST(ReadVariableOpTest, UninitializedValueIsAFailedPrecondition) {
  auto read = Runner("ReadVariableOp", DT_FLOAT, /*has_value=*/false);
  auto out = read->Run({test::VariableHandle(*read->device(), "two_layers/h1_weights", DT_FLOAT,
                                             PartialTensorShape({2}))});
  ExpectError(out.status(), absl::StatusCode::kFailedPrecondition,
              "Attempting to use uninitialized value two_layers/h1_weights");
}

TEST(ReadVariableOpTest, WrongDtypeNamesTheVariable) {
  auto read = Runner("ReadVariableOp", DT_INT32, /*has_value=*/false);
  const Device& device = *read->device();
  RILL_CHECK_OK(test::CreateVariable(device, "W", test::AsScalar<float>(1.f)));
  auto out = read->Run({test::VariableHandle(device, "W", DT_INT32, PartialTensorShape())});
  ExpectError(out.status(), absl::StatusCode::kInvalidArgument,
              "Trying to read variable W with wrong dtype. Expected float got int32");
}

TEST(ReadVariableOpTest, HandleOfAnotherDeviceIsRejected) {
  auto read = Runner("ReadVariableOp", DT_FLOAT, /*has_value=*/false);
  Tensor handle = test::VariableHandle(*read->device(), "W", DT_FLOAT, PartialTensorShape());
  handle.scalar<ResourceHandle>()().set_device("/job:localhost/replica:0/task:0/device:GPU:0");
  auto out = read->Run({handle});
  ExpectError(out.status(), absl::StatusCode::kInvalidArgument,
              "located on device /job:localhost/replica:0/task:0/device:GPU:0");
}

TEST(VarIsInitializedOpTest, FalseUntilAssigned) {
  auto initialized = Runner("VarIsInitializedOp", DT_INVALID, /*has_value=*/false);
  const Device& device = *initialized->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape());
  auto out = initialized->Run({handle});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>((*out)[0], test::AsScalar<bool>(false));

  RILL_CHECK_OK(test::CreateVariable(device, "W", test::AsScalar<float>(3.f)));
  out = initialized->Run({handle});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>((*out)[0], test::AsScalar<bool>(true));
}

TEST(DestroyResourceOpTest, DeletesTheVariable) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("destroy", "DestroyResourceOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Attr("ignore_lookup_error", false)
                    .Finalize(&def));
  auto destroy = test::KernelRunner::Create(def);
  ASSERT_TRUE(destroy.ok()) << destroy.status();
  const Device& device = *(*destroy)->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape());
  RILL_CHECK_OK(test::CreateVariable(device, "W", test::AsScalar<float>(3.f)));
  ASSERT_TRUE((*destroy)->Run({handle}).ok());
  EXPECT_TRUE(absl::IsNotFound(test::VariableValue(device, "W").status()));
  EXPECT_TRUE(absl::IsNotFound((*destroy)->Run({handle}).status()));

  // With ignore_lookup_error (the default) a missing variable is fine.
  auto lenient = Runner("DestroyResourceOp", DT_INVALID, /*has_value=*/false);
  EXPECT_TRUE(
      lenient->Run({test::VariableHandle(*lenient->device(), "W", DT_FLOAT, PartialTensorShape())})
          .ok());
}

}  // namespace
}  // namespace rill
