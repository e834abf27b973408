// Tests of the CPU ReverseV2 kernel: hand-computed reversals on every dtype, negative and
// empty axis lists, size-1 and empty dimensions, a large case against a reference, and each
// validation error.
#include <cstdint>
#include <vector>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/array/movement_test_util.h"

namespace rill {
namespace {

tensorflow::NodeDef ReverseNode(DataType dtype, DataType axis = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("r", "ReverseV2")
                  .Input("x", 0, dtype)
                  .Input("axis", 0, axis)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<std::vector<Tensor>> RunReverse(const Tensor& x, std::vector<int32_t> axis) {
  return test::RunKernel(ReverseNode(x.dtype()), {x, test::AsTensor<int32_t>(axis)});
}

TEST(ReverseV2OpTest, MatrixOnEveryDtype) {
  // x = [[0 1 2] [3 4 5]].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor x = test::Iota<T>(TensorShape({2, 3}));
    auto out = RunReverse(x, {0});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {3, 4, 5, 0, 1, 2}, TensorShape({2, 3}));
    out = RunReverse(x, {-1});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {2, 1, 0, 5, 4, 3}, TensorShape({2, 3}));
    out = RunReverse(x, {1, 0});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {5, 4, 3, 2, 1, 0}, TensorShape({2, 3}));
  });
}

TEST(ReverseV2OpTest, NothingToReverse) {
  const Tensor x = test::Iota<uint8_t>(TensorShape({1, 4}));
  auto out = RunReverse(x, {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
  out = RunReverse(x, {0});  // A dimension of 1 reversed is unchanged.
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
  out = test::RunKernel(ReverseNode(DT_UINT8, DT_INT64),
                        {Tensor(DT_UINT8, TensorShape({3, 0})), test::AsTensor<int64_t>({0})});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({3, 0}));
}

TEST(ReverseV2OpTest, LargeAgainstReference) {
  Tensor x(DT_FLOAT, TensorShape({50, 60, 70}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
  const auto out = RunReverse(x, {0, 2});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({50, 60, 70}));
  for (int i = 0; i < 50; ++i) {
    for (int j = 0; j < 60; ++j) {
      for (int k = 0; k < 70; ++k) {
        expected.tensor<float, 3>()(i, j, k) = x.tensor<float, 3>()(49 - i, j, 69 - k);
      }
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(ReverseV2OpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({2, 3}));
  test::ExpectInvalidArgument(RunReverse(x, {2}).status(),
                              "'axis'[0] = 2 is out of valid range [-2, 2)");
  test::ExpectInvalidArgument(RunReverse(x, {1, -1}).status(),
                              "axis 1 specified more than once.");
  test::ExpectInvalidArgument(
      test::RunKernel(ReverseNode(DT_FLOAT), {x, test::AsScalar<int32_t>(0)}).status(),
      "'axis' must be 1-D, not []");
}

}  // namespace
}  // namespace rill
