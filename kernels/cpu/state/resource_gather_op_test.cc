// Tests of the CPU ResourceGather kernel: rows of a variable by vector, scalar and matrix
// indices, batch_dims, string variables, and TensorFlow's index and shape errors.
#include <cstdint>
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

// GatherFrom stores `params` as variable "emb" next to a ResourceGather kernel and runs it.
absl::StatusOr<std::vector<Tensor>> GatherFrom(const Tensor& params, const Tensor& indices,
                                               int64_t batch_dims = 0) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("gather", "ResourceGather")
                    .Input("resource", 0, DT_RESOURCE)
                    .Input("indices", 0, indices.dtype())
                    .Attr("dtype", params.dtype())
                    .Attr("batch_dims", batch_dims)
                    .Finalize(&def));
  ASSIGN_OR_RETURN(std::unique_ptr<test::KernelRunner> runner, test::KernelRunner::Create(def));
  RETURN_IF_ERROR(test::CreateVariable(*runner->device(), "emb", params));
  return runner->Run(
      {test::VariableHandle(*runner->device(), "emb", params.dtype(), PartialTensorShape()),
       indices});
}

// A 4x3 table whose element [i, j] is 10 * i + j.
Tensor Table() {
  return test::AsTensor<float>({0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}, TensorShape({4, 3}));
}

TEST(ResourceGatherOpTest, RowsByIndex) {
  auto out = GatherFrom(Table(), test::AsTensor<int32_t>({3, 0, 3}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0], test::AsTensor<float>({30, 31, 32, 0, 1, 2, 30, 31, 32}, TensorShape({3, 3})));

  out = GatherFrom(Table(), test::AsScalar<int64_t>(2));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({20, 21, 22}));

  out = GatherFrom(Table(), test::AsTensor<int64_t>({1, 2, 0, 1}, TensorShape({2, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0],
      test::AsTensor<float>({10, 11, 12, 20, 21, 22, 0, 1, 2, 10, 11, 12}, TensorShape({2, 2, 3})));

  out = GatherFrom(Table(), test::AsTensor<int32_t>({}));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 3}));
}

TEST(ResourceGatherOpTest, BatchDims) {
  // params [2, 3] per batch: batch 0 is {0, 1, 2}, batch 1 is {10, 11, 12}.
  const Tensor params = test::AsTensor<int32_t>({0, 1, 2, 10, 11, 12}, TensorShape({2, 3}));
  auto out = GatherFrom(params, test::AsTensor<int32_t>({2, 0, 1, 1}, TensorShape({2, 2})), 1);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0],
                                   test::AsTensor<int32_t>({2, 0, 11, 11}, TensorShape({2, 2})));

  out = GatherFrom(params, test::AsTensor<int32_t>({0, 0, 0}, TensorShape({3, 1})), 1);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(),
                                "emb.shape[0]: 2 should be equal to indices.shape[0]: 3"))
      << out.status();
}

TEST(ResourceGatherOpTest, Strings) {
  auto out =
      GatherFrom(test::AsTensor<std::string>({"a", "b", "c"}), test::AsTensor<int32_t>({2, 2, 0}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0], test::AsTensor<std::string>({"c", "c", "a"}));
}

TEST(ResourceGatherOpTest, Errors) {
  Tensor big(DT_FLOAT, TensorShape({50000, 1}));
  test::FillIota<float>(&big, 0.f);
  auto out = GatherFrom(big, test::AsTensor<int32_t>({0, 1, 2, 50001}));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), "indices[3] = 50001 is not in [0, 50000)"))
      << out.status();

  out = GatherFrom(Table(), test::AsTensor<int64_t>({-1}));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "indices[0] = -1 is not in [0, 4)"))
      << out.status();

  out = GatherFrom(test::AsScalar<float>(1.f), test::AsTensor<int32_t>({0}));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(),
                                "Variable emb must be at least 1 dimensional to gather from"))
      << out.status();
}

TEST(ResourceGatherOpTest, UninitializedVariable) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("gather", "ResourceGather")
                    .Input("resource", 0, DT_RESOURCE)
                    .Input("indices", 0, DT_INT32)
                    .Attr("dtype", DT_FLOAT)
                    .Finalize(&def));
  auto runner = test::KernelRunner::Create(def);
  ASSERT_TRUE(runner.ok()) << runner.status();
  auto out = (*runner)->Run(
      {test::VariableHandle(*(*runner)->device(), "embed", DT_FLOAT, PartialTensorShape()),
       test::AsTensor<int32_t>({0})});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kFailedPrecondition) << out.status();
  EXPECT_TRUE(
      absl::StrContains(out.status().message(), "Attempting to use uninitialized value embed"))
      << out.status();
}

}  // namespace
}  // namespace rill
