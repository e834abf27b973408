// Tests of the CPU Slice and StridedSlice kernels: hand-computed selections on every dtype,
// masks and negative strides, buffer sharing (the whole input, aligned row ranges), empty
// results, large selections against a reference, and each validation error.
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

tensorflow::NodeDef SliceNode(DataType dtype, DataType index = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "Slice")
                  .Input("x", 0, dtype)
                  .Input("begin", 0, index)
                  .Input("size", 0, index)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<std::vector<Tensor>> RunSlice(const Tensor& x, std::vector<int32_t> begin,
                                             std::vector<int32_t> size) {
  return test::RunKernel(SliceNode(x.dtype()),
                         {x, test::AsTensor<int32_t>(begin), test::AsTensor<int32_t>(size)});
}

TEST(SliceOpTest, BlockOnEveryDtype) {
  // x = [[0 1 2 3] [4 5 6 7] [8 9 10 11]].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor x = test::Iota<T>(TensorShape({3, 4}));
    auto out = RunSlice(x, {1, 1}, {2, 2});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {5, 6, 9, 10}, TensorShape({2, 2}));
    out = RunSlice(x, {0, 2}, {-1, -1});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {2, 3, 6, 7, 10, 11}, TensorShape({3, 2}));
  });
}

TEST(SliceOpTest, SharesWhatItCan) {
  const Tensor x = test::Iota<float>(TensorShape({4, 16}));
  auto out = RunSlice(x, {0, 0}, {4, 16});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
  out = RunSlice(x, {2, 0}, {2, -1});  // Rows 2 and 3 start 128 bytes in.
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), static_cast<const char*>(x.data()) + 2 * 16 * sizeof(float));
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 16}));

  const Tensor y = test::Iota<float>(TensorShape({4, 3}));
  out = RunSlice(y, {1, 0}, {1, 3});  // Starts 12 bytes in: copied.
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE((*out)[0].SharesBufferWith(y));
  test::ExpectEncoded<float>((*out)[0], {3, 4, 5}, TensorShape({1, 3}));

  const Tensor scalar = test::AsScalar<float>(3.f);
  out = test::RunKernel(SliceNode(DT_FLOAT, DT_INT64),
                        {scalar, Tensor(DT_INT64, TensorShape({0})),
                         Tensor(DT_INT64, TensorShape({0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(scalar));
}

TEST(SliceOpTest, EmptyAndLarge) {
  auto out = RunSlice(test::Iota<int8_t>(TensorShape({3, 4})), {3, 1}, {0, 2});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));

  Tensor x(DT_FLOAT, TensorShape({200, 300, 20}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
  out = RunSlice(x, {10, 20, 5}, {150, 250, 10});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({150, 250, 10}));
  for (int i = 0; i < 150; ++i) {
    for (int j = 0; j < 250; ++j) {
      for (int k = 0; k < 10; ++k) {
        expected.tensor<float, 3>()(i, j, k) = x.tensor<float, 3>()(10 + i, 20 + j, 5 + k);
      }
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(SliceOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({3, 4}));
  test::ExpectInvalidArgument(RunSlice(x, {4, 0}, {0, 1}).status(),
                              "Expected begin[0] in [0, 3], but got 4");
  test::ExpectInvalidArgument(RunSlice(x, {-1, 0}, {1, 1}).status(),
                              "Expected begin[0] in [0, 3], but got -1");
  test::ExpectInvalidArgument(RunSlice(x, {1, 1}, {1, 4}).status(),
                              "Expected size[1] in [0, 3], but got 4");
  test::ExpectInvalidArgument(RunSlice(x, {1, 1}, {1, -2}).status(),
                              "Expected size[1] in [0, 3], but got -2");
  test::ExpectInvalidArgument(RunSlice(x, {1}, {1, 1}).status(),
                              "Expected begin and size arguments to be 1-D tensors of size 2, "
                              "but got shapes [1] and [2] instead.");
}

tensorflow::NodeDef StridedSliceNode(DataType dtype, std::vector<int64_t> masks,
                                     DataType index = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "StridedSlice")
                  .Input("x", 0, dtype)
                  .Input("begin", 0, index)
                  .Input("end", 0, index)
                  .Input("strides", 0, index)
                  .Attr("begin_mask", masks[0])
                  .Attr("end_mask", masks[1])
                  .Attr("ellipsis_mask", masks[2])
                  .Attr("new_axis_mask", masks[3])
                  .Attr("shrink_axis_mask", masks[4])
                  .Finalize(&def)
                  .ok());
  return def;
}

// Masks in the order begin, end, ellipsis, new_axis, shrink_axis.
absl::StatusOr<std::vector<Tensor>> RunStridedSlice(const Tensor& x, std::vector<int64_t> masks,
                                                    std::vector<int64_t> begin,
                                                    std::vector<int64_t> end,
                                                    std::vector<int64_t> strides) {
  return test::RunKernel(StridedSliceNode(x.dtype(), masks, DT_INT64),
                         {x, test::AsTensor<int64_t>(begin), test::AsTensor<int64_t>(end),
                          test::AsTensor<int64_t>(strides)});
}

TEST(StridedSliceOpTest, PythonIndexingOnEveryDtype) {
  // x = [[0 1 2 3] [4 5 6 7] [8 9 10 11]].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor x = test::Iota<T>(TensorShape({3, 4}));
    // x[1:3, ::2]
    auto out = RunStridedSlice(x, {2, 2, 0, 0, 0}, {1, 0}, {3, 0}, {1, 2});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {4, 6, 8, 10}, TensorShape({2, 2}));
    // x[::-1, -1]
    out = RunStridedSlice(x, {1, 1, 0, 0, 2}, {0, -1}, {0, 0}, {-1, 1});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {11, 7, 3}, TensorShape({3}));
    // x[2:0:-1, 3:0:-2]
    out = RunStridedSlice(x, {0, 0, 0, 0, 0}, {2, 3}, {0, 0}, {-1, -2});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {11, 9, 7, 5}, TensorShape({2, 2}));
    // x[1]
    out = RunStridedSlice(x, {0, 0, 0, 0, 1}, {1}, {2}, {1});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {4, 5, 6, 7}, TensorShape({4}));
    // x[None, :, 1:2]
    out = RunStridedSlice(x, {2, 2, 0, 1, 0}, {0, 0, 1}, {0, 0, 2}, {1, 1, 1});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {1, 5, 9}, TensorShape({1, 3, 1}));
  });
}

TEST(StridedSliceOpTest, SharesWhatItCan) {
  const Tensor x = test::Iota<float>(TensorShape({4, 16}));
  // x[..., None] and x[-10:10]: the whole input.
  auto out = RunStridedSlice(x, {0, 0, 1, 2, 0}, {0, 0}, {0, 0}, {1, 1});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({4, 16, 1}));
  EXPECT_EQ((*out)[0].data(), x.data());
  out = RunStridedSlice(x, {0, 0, 0, 0, 0}, {-10}, {10}, {1});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
  // x[2]: one aligned row.
  out = RunStridedSlice(x, {0, 0, 0, 0, 1}, {2}, {3}, {1});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({16}));
  EXPECT_EQ((*out)[0].data(), static_cast<const char*>(x.data()) + 2 * 16 * sizeof(float));
  // x[2:1]: empty.
  out = RunStridedSlice(x, {0, 0, 0, 0, 0}, {2}, {1}, {1});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 16}));
}

TEST(StridedSliceOpTest, LargeAgainstReference) {
  Tensor x(DT_FLOAT, TensorShape({100, 200, 64}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
  // x[::-3, 5:195:4, ::-1]
  const auto out = RunStridedSlice(x, {5, 5, 0, 0, 0}, {0, 5, 0}, {0, 195, 0}, {-3, 4, -1});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({34, 48, 64}));
  for (int i = 0; i < 34; ++i) {
    for (int j = 0; j < 48; ++j) {
      for (int k = 0; k < 64; ++k) {
        expected.tensor<float, 3>()(i, j, k) = x.tensor<float, 3>()(99 - 3 * i, 5 + 4 * j, 63 - k);
      }
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(StridedSliceOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({3, 4}));
  test::ExpectInvalidArgument(RunStridedSlice(x, {0, 0, 0, 0, 0}, {0}, {1}, {0}).status(),
                              "strides[0] must be non-zero");
  test::ExpectInvalidArgument(RunStridedSlice(x, {0, 0, 0, 0, 1}, {3}, {4}, {1}).status(),
                              "slice index 3 of dimension 0 out of bounds.");
  test::ExpectInvalidArgument(RunStridedSlice(x, {0, 0, 0, 0, 0}, {0}, {1, 2}, {1}).status(),
                              "Expected begin, end, and strides to be 1D equal size tensors, "
                              "but got shapes [1], [2], and [1] instead.");
  test::ExpectInvalidArgument(
      RunStridedSlice(x, {0, 0, 0, 0, 0}, {0, 0, 0}, {1, 1, 1}, {1, 1, 1}).status(),
      "Index out of range using input dim 2; input has only 2 dims");
}

}  // namespace
}  // namespace rill
