// Tests of the CPU Split, SplitV and Unpack kernels: hand-computed pieces on every dtype,
// buffer sharing for aligned row ranges (and copies for unaligned ones), empty tensors, a
// large sharded case against a reference, and each validation error.
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

tensorflow::NodeDef SplitNode(int num_split, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "Split")
                  .Input("axis", 0, DT_INT32)
                  .Input("x", 0, dtype)
                  .Attr("num_split", num_split)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(SplitOpTest, ColumnsOnEveryDtype) {
  // [[0 1 2 3] [4 5 6 7]] split in 2 along axis 1: [[0 1] [4 5]] and [[2 3] [6 7]].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    for (const int32_t axis : {1, -1}) {
      const auto out = test::RunKernel(SplitNode(2, DataTypeToEnum<T>::value),
                                       {test::AsScalar<int32_t>(axis),
                                        test::Iota<T>(TensorShape({2, 4}))});
      ASSERT_TRUE(out.ok()) << out.status();
      ASSERT_EQ(out->size(), 2u);
      test::ExpectEncoded<T>((*out)[0], {0, 1, 4, 5}, TensorShape({2, 2}));
      test::ExpectEncoded<T>((*out)[1], {2, 3, 6, 7}, TensorShape({2, 2}));
    }
  });
}

TEST(SplitOpTest, AlignedRowRangesShareTheBuffer) {
  // Rows of 16 floats are 64 bytes: every piece of [4,16] split along axis 0 is aligned.
  const Tensor x = test::Iota<float>(TensorShape({4, 16}));
  auto out = test::RunKernel(SplitNode(2, DT_FLOAT), {test::AsScalar<int32_t>(0), x});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), x.data());
  EXPECT_EQ((*out)[1].data(), static_cast<const char*>(x.data()) + 2 * 16 * sizeof(float));
  std::vector<int64_t> second(32);
  for (int i = 0; i < 32; ++i) second[i] = 32 + i;
  test::ExpectEncoded<float>((*out)[1], second, TensorShape({2, 16}));

  // Rows of 3 floats: the second half starts 24 bytes in, so it is copied.
  const Tensor y = test::Iota<float>(TensorShape({4, 3}));
  out = test::RunKernel(SplitNode(2, DT_FLOAT), {test::AsScalar<int32_t>(0), y});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), y.data());
  EXPECT_FALSE((*out)[1].SharesBufferWith(y));
  test::ExpectEncoded<float>((*out)[1], {6, 7, 8, 9, 10, 11}, TensorShape({2, 3}));

  // Leading dimensions of size 1 still make a row range.
  const Tensor z = test::Iota<float>(TensorShape({1, 4, 16}));
  out = test::RunKernel(SplitNode(4, DT_FLOAT), {test::AsScalar<int32_t>(1), z});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[3].data(), static_cast<const char*>(z.data()) + 3 * 16 * sizeof(float));
  EXPECT_EQ((*out)[3].shape(), TensorShape({1, 1, 16}));

  // One piece is the input.
  out = test::RunKernel(SplitNode(1, DT_FLOAT), {test::AsScalar<int32_t>(1), y});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(y));
}

TEST(SplitOpTest, EmptyAndLarge) {
  auto out = test::RunKernel(SplitNode(2, DT_STRING),
                             {test::AsScalar<int32_t>(1), Tensor(DT_STRING, TensorShape({0, 4}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[1].shape(), TensorShape({0, 2}));

  // [600, 400] along axis 1: piece p holds columns [200p, 200p + 200).
  Tensor x(DT_FLOAT, TensorShape({600, 400}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
  out = test::RunKernel(SplitNode(2, DT_FLOAT), {test::AsScalar<int32_t>(1), x});
  ASSERT_TRUE(out.ok()) << out.status();
  for (int p = 0; p < 2; ++p) {
    Tensor expected(DT_FLOAT, TensorShape({600, 200}));
    for (int r = 0; r < 600; ++r) {
      for (int c = 0; c < 200; ++c) {
        expected.matrix<float>()(r, c) = x.matrix<float>()(r, 200 * p + c);
      }
    }
    test::ExpectTensorEqual<float>((*out)[p], expected);
  }
}

TEST(SplitOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({5, 4}));
  test::ExpectInvalidArgument(
      test::RunKernel(SplitNode(2, DT_FLOAT), {test::AsScalar<int32_t>(0), x}).status(),
      "Number of ways to split should evenly divide the split dimension, but got split_dim 0 "
      "(size = 5) and num_split 2");
  test::ExpectInvalidArgument(
      test::RunKernel(SplitNode(2, DT_FLOAT), {test::AsScalar<int32_t>(2), x}).status(),
      "-input rank(-2) <= split_dim < input rank (2), but got 2");
  test::ExpectInvalidArgument(
      test::RunKernel(SplitNode(2, DT_FLOAT), {test::AsTensor<int32_t>({1}), x}).status(),
      "split_dim must be a scalar, but has shape [1]");
}

tensorflow::NodeDef SplitVNode(int num_split, DataType dtype, DataType len_dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "SplitV")
                  .Input("x", 0, dtype)
                  .Input("size_splits", 0, len_dtype)
                  .Input("axis", 0, DT_INT32)
                  .Attr("num_split", num_split)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(SplitVOpTest, SizesWithMinusOneOnEveryDtype) {
  // [[0 1 2 3 4] [5 6 7 8 9]] split along axis 1 into sizes [1, -1 (= 2), 2].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const auto out = test::RunKernel(SplitVNode(3, DataTypeToEnum<T>::value, DT_INT64),
                                     {test::Iota<T>(TensorShape({2, 5})),
                                      test::AsTensor<int64_t>({1, -1, 2}),
                                      test::AsScalar<int32_t>(1)});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 5}, TensorShape({2, 1}));
    test::ExpectEncoded<T>((*out)[1], {1, 2, 6, 7}, TensorShape({2, 2}));
    test::ExpectEncoded<T>((*out)[2], {3, 4, 8, 9}, TensorShape({2, 2}));
  });
}

TEST(SplitVOpTest, SizeTypesAndZeroSizes) {
  const Tensor x = test::Iota<int32_t>(TensorShape({4}));
  auto out = test::RunKernel(SplitVNode(3, DT_INT32, DT_INT8),
                             {x, test::AsTensor<int8_t>({3, 0, 1}), test::AsScalar<int32_t>(0)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectEncoded<int32_t>((*out)[0], {0, 1, 2}, TensorShape({3}));
  EXPECT_EQ((*out)[1].shape(), TensorShape({0}));
  test::ExpectEncoded<int32_t>((*out)[2], {3}, TensorShape({1}));
  out = test::RunKernel(SplitVNode(2, DT_INT32, DT_INT32),
                        {x, test::AsTensor<int32_t>({-1, 4}), test::AsScalar<int32_t>(-1)});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0}));
  test::ExpectEncoded<int32_t>((*out)[1], {0, 1, 2, 3}, TensorShape({4}));
}

TEST(SplitVOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({2, 5}));
  const auto run = [&x](const Tensor& sizes) {
    return test::RunKernel(SplitVNode(3, DT_FLOAT, DT_INT32),
                           {x, sizes, test::AsScalar<int32_t>(1)})
        .status();
  };
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({-1, -1, 2})),
                              "There can only be one -1 in size_splits, but entries 0 and 1 "
                              "are -1");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({1, 1, 2})),
                              "Determined shape must either match input shape along split_dim "
                              "exactly if fully specified");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({3, -1, 3})),
                              "Determined shape must either match input shape along split_dim "
                              "exactly if fully specified");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({-2, 6, 1})),
                              "size_splits[0] = -2 is not in [0, 5] (or -1)");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({5, 0})),
                              "size_splits must be a vector of num_split = 3 sizes, but has "
                              "shape [2]");
}

tensorflow::NodeDef UnpackNode(int num, DataType dtype, int64_t axis) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("u", "Unpack")
                  .Input("x", 0, dtype)
                  .Attr("num", num)
                  .Attr("axis", axis)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(UnpackOpTest, EveryAxisOnEveryDtype) {
  // [[0 1 2] [3 4 5]]: rows along axis 0, columns along axis 1 (and -1).
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const DataType dtype = DataTypeToEnum<T>::value;
    const Tensor x = test::Iota<T>(TensorShape({2, 3}));
    auto out = test::RunKernel(UnpackNode(2, dtype, 0), {x});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 1, 2}, TensorShape({3}));
    test::ExpectEncoded<T>((*out)[1], {3, 4, 5}, TensorShape({3}));
    for (const int64_t axis : {1, -1}) {
      out = test::RunKernel(UnpackNode(3, dtype, axis), {x});
      ASSERT_TRUE(out.ok()) << out.status();
      test::ExpectEncoded<T>((*out)[0], {0, 3}, TensorShape({2}));
      test::ExpectEncoded<T>((*out)[1], {1, 4}, TensorShape({2}));
      test::ExpectEncoded<T>((*out)[2], {2, 5}, TensorShape({2}));
    }
  });
}

TEST(UnpackOpTest, VectorsEmptyAndErrors) {
  auto out = test::RunKernel(UnpackNode(2, DT_INT64, 0), {test::AsTensor<int64_t>({4, 9})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[1], test::AsScalar<int64_t>(9));
  out = test::RunKernel(UnpackNode(0, DT_INT64, 1), {Tensor(DT_INT64, TensorShape({3, 0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->empty());

  const Tensor x(DT_FLOAT, TensorShape({2, 3}));
  test::ExpectInvalidArgument(test::RunKernel(UnpackNode(3, DT_FLOAT, 0), {x}).status(),
                              "Input shape axis 0 must equal 3, got shape [2,3]");
  test::ExpectInvalidArgument(test::RunKernel(UnpackNode(2, DT_FLOAT, 2), {x}).status(),
                              "axis = 2 not in [-2, 2)");
  test::ExpectInvalidArgument(
      test::RunKernel(UnpackNode(1, DT_FLOAT, 0), {test::AsScalar<float>(1.f)}).status(),
      "axis = 0 not in [0, 0)");
}

}  // namespace
}  // namespace rill
