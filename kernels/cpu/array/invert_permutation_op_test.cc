// Tests of the CPU InvertPermutation kernel: TensorFlow's example for int32 and int64,
// trivial and empty permutations, values out of range, duplicates and non-vectors.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

absl::StatusOr<std::vector<Tensor>> Invert(const Tensor& x) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(
      NodeDefBuilder("i", "InvertPermutation").Input("x", 0, x.dtype()).Finalize(&def).ok());
  return test::RunKernel(def, {x});
}

void ExpectError(const Tensor& x, const std::string& message) {
  const auto out = Invert(x);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

TEST(InvertPermutationOpTest, DocumentedExample) {
  // [3, 4, 0, 2, 1] ==> [2, 4, 3, 0, 1]
  auto out = Invert(test::AsTensor<int32_t>({3, 4, 0, 2, 1}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({2, 4, 3, 0, 1}));
  out = Invert(test::AsTensor<int64_t>({3, 4, 0, 2, 1}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsTensor<int64_t>({2, 4, 3, 0, 1}));
}

TEST(InvertPermutationOpTest, TrivialAndEmpty) {
  auto out = Invert(test::AsTensor<int32_t>({0}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({0}));
  out = Invert(test::AsTensor<int64_t>({}));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].NumElements(), 0);
}

TEST(InvertPermutationOpTest, Errors) {
  ExpectError(test::AsTensor<int32_t>({0, 3}), "3 is not between 0 and 2");
  ExpectError(test::AsTensor<int64_t>({-1, 0}), "-1 is not between 0 and 2");
  ExpectError(test::AsTensor<int32_t>({1, 2, 1}), "1 is duplicated in the input.");
  ExpectError(test::AsScalar<int32_t>(0), "invert_permutation expects a 1D vector");
}

}  // namespace
}  // namespace rill
