// Tests of the CPU Tile and BroadcastTo kernels: hand-computed results on every dtype,
// zero multiples, pass-through of unchanged inputs, large cases against a reference, and
// each validation error.
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

tensorflow::NodeDef TileNode(DataType dtype, DataType multiples = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("t", "Tile")
                  .Input("x", 0, dtype)
                  .Input("multiples", 0, multiples)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<std::vector<Tensor>> RunTile(const Tensor& x, std::vector<int32_t> multiples) {
  return test::RunKernel(TileNode(x.dtype()), {x, test::AsTensor<int32_t>(multiples)});
}

TEST(TileOpTest, MatrixOnEveryDtype) {
  // [[0 1] [2 3]] tiled [2, 3].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const auto out = RunTile(test::Iota<T>(TensorShape({2, 2})), {2, 3});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0],
                           {0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3,
                            0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3},
                           TensorShape({4, 6}));
  });
}

TEST(TileOpTest, VectorsOnesZerosAndScalars) {
  const Tensor v = test::Iota<int64_t>(TensorShape({3}));
  auto out = test::RunKernel(TileNode(DT_INT64, DT_INT64), {v, test::AsTensor<int64_t>({2})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectEncoded<int64_t>((*out)[0], {0, 1, 2, 0, 1, 2}, TensorShape({6}));

  const Tensor m = test::Iota<float>(TensorShape({2, 2}));
  out = RunTile(m, {1, 1});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(m));
  out = RunTile(m, {0, 2});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 4}));
  // Tiling a column: each element repeats along the row.
  out = RunTile(test::Iota<float>(TensorShape({2, 1})), {1, 3});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectEncoded<float>((*out)[0], {0, 0, 0, 1, 1, 1}, TensorShape({2, 3}));

  const Tensor s = test::AsScalar<float>(4.f);
  out = test::RunKernel(TileNode(DT_FLOAT), {s, Tensor(DT_INT32, TensorShape({0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(s));
}

TEST(TileOpTest, LargeAgainstReference) {
  Tensor x(DT_FLOAT, TensorShape({30, 40}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
  const auto out = RunTile(x, {20, 5});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({600, 200}));
  for (int r = 0; r < 600; ++r) {
    for (int c = 0; c < 200; ++c) {
      expected.matrix<float>()(r, c) = x.matrix<float>()(r % 30, c % 40);
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(TileOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({2, 3}));
  test::ExpectInvalidArgument(RunTile(x, {2}).status(),
                              "Expected multiples argument to be a vector of length 2 but got "
                              "shape [1]");
  test::ExpectInvalidArgument(RunTile(x, {1, -1}).status(),
                              "Expected multiples[1] >= 0, but got -1");
}

tensorflow::NodeDef BroadcastToNode(DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("b", "BroadcastTo")
                  .Input("x", 0, dtype)
                  .Input("shape", 0, DT_INT64)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<std::vector<Tensor>> RunBroadcastTo(const Tensor& x, std::vector<int64_t> shape) {
  return test::RunKernel(BroadcastToNode(x.dtype()), {x, test::AsTensor<int64_t>(shape)});
}

TEST(BroadcastToOpTest, RowsAndColumnsOnEveryDtype) {
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    // [0 1 2] to [2,3]: the row repeats.
    auto out = RunBroadcastTo(test::Iota<T>(TensorShape({3})), {2, 3});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 1, 2, 0, 1, 2}, TensorShape({2, 3}));
    // [[0] [1]] to [2,3]: each element repeats along its row.
    out = RunBroadcastTo(test::Iota<T>(TensorShape({2, 1})), {2, 3});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 0, 0, 1, 1, 1}, TensorShape({2, 3}));
  });
}

TEST(BroadcastToOpTest, ScalarsSameShapeAndEmpty) {
  auto out = RunBroadcastTo(test::AsScalar<int32_t>(5), {2, 2});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0],
                                   test::AsTensor<int32_t>({5, 5, 5, 5}, TensorShape({2, 2})));
  const Tensor x = test::Iota<int32_t>(TensorShape({2, 3}));
  out = RunBroadcastTo(x, {2, 3});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
  out = RunBroadcastTo(test::Iota<int32_t>(TensorShape({3})), {0, 3});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 3}));
}

TEST(BroadcastToOpTest, LargeAgainstReference) {
  Tensor x(DT_FLOAT, TensorShape({1, 300, 1}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
  const auto out = RunBroadcastTo(x, {40, 300, 8});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({40, 300, 8}));
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 300; ++j) {
      for (int k = 0; k < 8; ++k) expected.tensor<float, 3>()(i, j, k) = static_cast<float>(j);
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(BroadcastToOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({2, 3}));
  test::ExpectInvalidArgument(RunBroadcastTo(x, {4, 3}).status(),
                              "Unable to broadcast tensor of shape [2,3] to tensor of shape "
                              "[4,3]");
  test::ExpectInvalidArgument(RunBroadcastTo(x, {3}).status(),
                              "Rank of input (2) must be no greater than rank of output shape "
                              "(1).");
  test::ExpectInvalidArgument(RunBroadcastTo(x, {-1, 3}).status(),
                              "Dimension 0 of shape [-1,3] is -1");
}

}  // namespace
}  // namespace rill
