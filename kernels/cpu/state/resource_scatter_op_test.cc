// Tests of the CPU ResourceScatterAdd/Sub/Update kernels: row updates by hand, duplicate
// indices, scalar updates, copy-on-write, and the index and shape errors (checked before
// anything is written).
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

// Scatter stores `start` as variable "emb", runs `op` with `indices` and `updates`, and
// returns the variable's value afterwards (or the kernel's error).
absl::StatusOr<Tensor> Scatter(const std::string& op, const Tensor& start, const Tensor& indices,
                               const Tensor& updates) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("scatter", op)
                    .Input("resource", 0, DT_RESOURCE)
                    .Input("indices", 0, indices.dtype())
                    .Input("updates", 0, updates.dtype())
                    .Finalize(&def));
  ASSIGN_OR_RETURN(std::unique_ptr<test::KernelRunner> runner, test::KernelRunner::Create(def));
  const Device& device = *runner->device();
  RETURN_IF_ERROR(test::CreateVariable(device, "emb", start));
  RETURN_IF_ERROR(
      runner
          ->Run({test::VariableHandle(device, "emb", start.dtype(), PartialTensorShape()), indices,
                 updates})
          .status());
  return test::VariableValue(device, "emb");
}

Tensor Zeros3x2() { return test::AsTensor<float>({0, 0, 0, 0, 0, 0}, TensorShape({3, 2})); }

TEST(ResourceScatterOpTest, AddAccumulatesDuplicates) {
  const Tensor start = Zeros3x2();
  auto out = Scatter("ResourceScatterAdd", start, test::AsTensor<int32_t>({2, 0, 2}),
                     test::AsTensor<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(*out,
                                 test::AsTensor<float>({3, 4, 0, 0, 6, 8}, TensorShape({3, 2})));
  // The caller's tensor (a reader of the old value) is untouched.
  test::ExpectTensorEqual<float>(start, Zeros3x2());
}

TEST(ResourceScatterOpTest, SubWithMatrixIndicesAndScalarUpdate) {
  auto out = Scatter("ResourceScatterSub",
                     test::AsTensor<int64_t>({10, 10, 10, 10, 10, 10}, TensorShape({3, 2})),
                     test::AsTensor<int64_t>({1, 1}, TensorShape({1, 2})),
                     test::AsTensor<int64_t>({1, 2, 3, 4}, TensorShape({1, 2, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(
      *out, test::AsTensor<int64_t>({10, 10, 6, 4, 10, 10}, TensorShape({3, 2})));

  out = Scatter("ResourceScatterSub",
                test::AsTensor<int64_t>({10, 10, 10, 10, 10, 10}, TensorShape({3, 2})),
                test::AsTensor<int32_t>({0, 2}), test::AsScalar<int64_t>(5));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(
      *out, test::AsTensor<int64_t>({5, 5, 10, 10, 5, 5}, TensorShape({3, 2})));
}

TEST(ResourceScatterOpTest, UpdateKeepsTheLastWrite) {
  auto out = Scatter("ResourceScatterUpdate", Zeros3x2(), test::AsTensor<int32_t>({1, 1}),
                     test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(*out,
                                 test::AsTensor<float>({0, 0, 3, 4, 0, 0}, TensorShape({3, 2})));

  auto words = Scatter("ResourceScatterUpdate", test::AsTensor<std::string>({"a", "b", "c"}),
                       test::AsTensor<int64_t>({0}), test::AsTensor<std::string>({"z"}));
  ASSERT_TRUE(words.ok()) << words.status();
  test::ExpectTensorEqual<std::string>(*words, test::AsTensor<std::string>({"z", "b", "c"}));
}

TEST(ResourceScatterOpTest, ErrorsLeaveTheVariableUnchanged) {
  absl::StatusOr<Tensor> out =
      Scatter("ResourceScatterAdd", Zeros3x2(), test::AsTensor<int32_t>({0, 1, 2, 3}),
              test::AsTensor<float>({1, 1, 1, 1, 1, 1, 1, 1}, TensorShape({4, 2})));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), "indices[3] = 3 is not in [0, 3)"))
      << out.status();

  out = Scatter("ResourceScatterAdd", Zeros3x2(), test::AsTensor<int32_t>({0}),
                test::AsTensor<float>({1, 2, 3}));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(
      out.status().message(),
      "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got "
      "updates.shape [3], indices.shape [1], params.shape [3,2] (variable emb)"))
      << out.status();

  out = Scatter("ResourceScatterUpdate", test::AsScalar<float>(0.f), test::AsTensor<int32_t>({0}),
                test::AsScalar<float>(1.f));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(),
                                "Variable emb must be at least 1 dimensional to scatter into"))
      << out.status();
}

}  // namespace
}  // namespace rill
