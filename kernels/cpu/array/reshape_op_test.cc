// Tests of the CPU Reshape, Squeeze and ExpandDims kernels: the output is the input's buffer
// under the new shape, -1 and zero-size inference, every dtype, and each error message.
#include <cstdint>
#include <string>
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

tensorflow::NodeDef ReshapeNode(DataType dtype, DataType shape_dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("r", "Reshape")
                  .Input("x", 0, dtype)
                  .Input("shape", 0, shape_dtype)
                  .Finalize(&def)
                  .ok());
  return def;
}

// Reshaped runs Reshape of an int32 iota of `in` to `sizes` and returns the output shape, or
// the error.
absl::StatusOr<TensorShape> Reshaped(const TensorShape& in, const std::vector<int64_t>& sizes) {
  const auto out = test::RunKernel(ReshapeNode(DT_INT32, DT_INT64),
                                   {test::Iota<int32_t>(in), test::AsTensor<int64_t>(sizes)});
  if (!out.ok()) return out.status();
  return (*out)[0].shape();
}

TEST(ReshapeOpTest, SharesTheInputBuffer) {
  const Tensor x = test::AsTensor<float>({0, 1, 2, 3, 4, 5}, TensorShape({2, 3}));
  const auto out =
      test::RunKernel(ReshapeNode(DT_FLOAT, DT_INT32), {x, test::AsTensor<int32_t>({3, 2})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({0, 1, 2, 3, 4, 5}, TensorShape({3, 2})));
  EXPECT_EQ((*out)[0].data(), x.data());
}

TEST(ReshapeOpTest, EveryDtype) {
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor x = test::Iota<T>(TensorShape({2, 3}));
    const auto out = test::RunKernel(ReshapeNode(DataTypeToEnum<T>::value, DT_INT32),
                                     {x, test::AsTensor<int32_t>({6})});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 1, 2, 3, 4, 5}, TensorShape({6}));
  });
}

TEST(ReshapeOpTest, InfersMinusOne) {
  EXPECT_EQ(*Reshaped(TensorShape({2, 3, 4}), {-1, 4}), TensorShape({6, 4}));
  EXPECT_EQ(*Reshaped(TensorShape({2, 3, 4}), {2, -1}), TensorShape({2, 12}));
  EXPECT_EQ(*Reshaped(TensorShape({2, 3}), {-1}), TensorShape({6}));
  EXPECT_EQ(*Reshaped(TensorShape({1}), {}), TensorShape({}));
  EXPECT_EQ(*Reshaped(TensorShape({}), {1, -1, 1}), TensorShape({1, 1, 1}));
}

TEST(ReshapeOpTest, EmptyTensors) {
  // Zeros on both sides are left out of the -1 inference: [0, 3] -> [0, -1] is [0, 3].
  EXPECT_EQ(*Reshaped(TensorShape({0, 3}), {0, -1}), TensorShape({0, 3}));
  EXPECT_EQ(*Reshaped(TensorShape({2, 0}), {-1, 5}), TensorShape({0, 5}));
  EXPECT_EQ(*Reshaped(TensorShape({0, 3}), {-1}), TensorShape({0}));
  EXPECT_EQ(*Reshaped(TensorShape({0, 3}), {3, 0, 7}), TensorShape({3, 0, 7}));
}

TEST(ReshapeOpTest, Errors) {
  test::ExpectInvalidArgument(
      Reshaped(TensorShape({2, 3}), {2, 2}).status(),
      "Input to reshape is a tensor with 6 values, but the requested shape has 4 [[node r");
  test::ExpectInvalidArgument(Reshaped(TensorShape({2, 3}), {-1, 4}).status(),
                              "Input to reshape is a tensor with 6 values, but the requested "
                              "shape requires a multiple of 4");
  test::ExpectInvalidArgument(Reshaped(TensorShape({2, 3}), {-1, -1}).status(),
                              "Only one input size may be -1, not both 0 and 1");
  test::ExpectInvalidArgument(Reshaped(TensorShape({2, 3}), {3, -2}).status(),
                              "Size 1 must be non-negative, not -2");
  test::ExpectInvalidArgument(
      Reshaped(TensorShape({2}), {int64_t{1} << 40, int64_t{1} << 40}).status(),
      "Requested shape [1099511627776,1099511627776] has too many elements");
  const auto out = test::RunKernel(ReshapeNode(DT_INT32, DT_INT32),
                                   {test::Iota<int32_t>(TensorShape({4})),
                                    test::AsTensor<int32_t>({2, 2}, TensorShape({1, 2}))});
  test::ExpectInvalidArgument(out.status(), "sizes input must be 1-D, not [1,2]");
}

tensorflow::NodeDef SqueezeNode(std::vector<int64_t> dims) {
  tensorflow::NodeDef def;
  NodeDefBuilder builder("s", "Squeeze");
  builder.Input("x", 0, DT_STRING);
  if (!dims.empty()) builder.Attr("squeeze_dims", dims);
  EXPECT_TRUE(builder.Finalize(&def).ok());
  return def;
}

TEST(SqueezeOpTest, RemovesOnes) {
  const Tensor x = test::Iota<std::string>(TensorShape({1, 2, 1, 3, 1}));
  auto out = test::RunKernel(SqueezeNode({}), {x});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectEncoded<std::string>((*out)[0], {0, 1, 2, 3, 4, 5}, TensorShape({2, 3}));
  EXPECT_EQ((*out)[0].data(), x.data());
  out = test::RunKernel(SqueezeNode({0, -1}), {x});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 1, 3}));
  out = test::RunKernel(SqueezeNode({}), {Tensor(DT_STRING, TensorShape({1, 0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0}));
}

TEST(SqueezeOpTest, Errors) {
  const Tensor x(DT_STRING, TensorShape({1, 2}));
  test::ExpectInvalidArgument(test::RunKernel(SqueezeNode({1}), {x}).status(),
                              "Can not squeeze dim[1], expected a dimension of 1, got 2");
  test::ExpectInvalidArgument(test::RunKernel(SqueezeNode({-3}), {x}).status(),
                              "Tried to squeeze dim index -3 for tensor with 2 dimensions.");
}

tensorflow::NodeDef ExpandDimsNode(DataType dim_dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("e", "ExpandDims")
                  .Input("x", 0, DT_HALF)
                  .Input("dim", 0, dim_dtype)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(ExpandDimsOpTest, InsertsAOne) {
  const Tensor x = test::Iota<Eigen::half>(TensorShape({2, 3}));
  const std::vector<std::pair<int64_t, TensorShape>> cases = {
      {0, TensorShape({1, 2, 3})},  {1, TensorShape({2, 1, 3})}, {2, TensorShape({2, 3, 1})},
      {-1, TensorShape({2, 3, 1})}, {-3, TensorShape({1, 2, 3})}};
  for (const auto& [dim, shape] : cases) {
    const auto out = test::RunKernel(ExpandDimsNode(DT_INT64), {x, test::AsScalar<int64_t>(dim)});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<Eigen::half>((*out)[0], {0, 1, 2, 3, 4, 5}, shape);
    EXPECT_EQ((*out)[0].data(), x.data());
  }
  // A one-element vector works too; a scalar becomes a vector.
  const auto out = test::RunKernel(ExpandDimsNode(DT_INT32),
                                   {test::Iota<Eigen::half>(TensorShape({})),
                                    test::AsTensor<int32_t>({0})});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({1}));
}

TEST(ExpandDimsOpTest, Errors) {
  const Tensor x(DT_HALF, TensorShape({2, 3}));
  test::ExpectInvalidArgument(
      test::RunKernel(ExpandDimsNode(DT_INT32), {x, test::AsScalar<int32_t>(3)}).status(),
      "Tried to expand dim index 3 for tensor with 2 dimensions.");
  test::ExpectInvalidArgument(
      test::RunKernel(ExpandDimsNode(DT_INT32), {x, test::AsScalar<int32_t>(-4)}).status(),
      "Tried to expand dim index -4 for tensor with 2 dimensions.");
  test::ExpectInvalidArgument(
      test::RunKernel(ExpandDimsNode(DT_INT32), {x, test::AsTensor<int32_t>({0, 1})}).status(),
      "'dim' must be a tensor with a single value, but has shape [2]");
}

}  // namespace
}  // namespace rill
