// Tests of the CPU BiasAdd, BiasAddGrad and L2Loss kernels: values worked by hand for NHWC
// and NCHW, every dtype, large inputs sharded over the pool, and shape errors.
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

tensorflow::NodeDef BiasAddNode(DataType dtype, const std::string& data_format = "NHWC") {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "BiasAdd")
                  .Input("value", 0, dtype)
                  .Input("bias", 0, dtype)
                  .Attr("data_format", data_format)
                  .Finalize(&def)
                  .ok());
  return def;
}

tensorflow::NodeDef BiasAddGradNode(DataType dtype, const std::string& data_format = "NHWC") {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "BiasAddGrad")
                  .Input("out_backprop", 0, dtype)
                  .Attr("data_format", data_format)
                  .Finalize(&def)
                  .ok());
  return def;
}

template <typename T>
Tensor Values(const std::vector<double>& values, const TensorShape& shape) {
  std::vector<T> converted;
  for (const double v : values) converted.push_back(static_cast<T>(v));
  return test::AsTensor<T>(converted, shape);
}

template <typename T>
class BiasTypedTest : public ::testing::Test {};
using BiasTypes =
    ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(BiasTypedTest, BiasTypes);

TYPED_TEST(BiasTypedTest, AddsAlongTheLastDimensionAndSumsBack) {
  using T = TypeParam;
  const DataType dtype = DataTypeToEnum<T>::value;
  const auto sum = test::RunKernel(
      BiasAddNode(dtype),
      {Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3})), Values<T>({10, 20, 30}, {3})});
  ASSERT_TRUE(sum.ok()) << sum.status();
  test::ExpectTensorEqual<T>((*sum)[0],
                             Values<T>({11, 22, 33, 14, 25, 36}, TensorShape({2, 3})));
  const auto grad = test::RunKernel(BiasAddGradNode(dtype),
                                    {Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}))});
  ASSERT_TRUE(grad.ok()) << grad.status();
  test::ExpectTensorEqual<T>((*grad)[0], Values<T>({5, 7, 9}, {3}));
}

// NCHW: [N=2, C=2, H*W=3]; channel c adds bias[c] to its three positions.
TEST(BiasOpTest, NchwUsesDimensionOne) {
  const Tensor value =
      test::AsTensor<float>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, TensorShape({2, 2, 3, 1}));
  const auto sum = test::RunKernel(BiasAddNode(DT_FLOAT, "NCHW"),
                                   {value, test::AsTensor<float>({100, 200})});
  ASSERT_TRUE(sum.ok()) << sum.status();
  test::ExpectTensorEqual<float>(
      (*sum)[0], test::AsTensor<float>({100, 101, 102, 203, 204, 205, 106, 107, 108, 209, 210, 211},
                                       TensorShape({2, 2, 3, 1})));
  const auto grad = test::RunKernel(BiasAddGradNode(DT_FLOAT, "NCHW"), {value});
  ASSERT_TRUE(grad.ok()) << grad.status();
  // Channel 0: 0+1+2+6+7+8 = 24; channel 1: 3+4+5+9+10+11 = 42.
  test::ExpectTensorEqual<float>((*grad)[0], test::AsTensor<float>({24, 42}));
}

TEST(BiasOpTest, LargeInputShardsOverThePool) {
  const int64_t rows = 2048;
  const int64_t channels = 64;
  std::vector<float> value(rows * channels, 1.0f);
  std::vector<float> bias(channels);
  for (int64_t c = 0; c < channels; ++c) bias[c] = static_cast<float>(c);
  const auto sum = test::RunKernel(
      BiasAddNode(DT_FLOAT),
      {test::AsTensor<float>(value, TensorShape({rows, channels})), test::AsTensor<float>(bias)});
  ASSERT_TRUE(sum.ok()) << sum.status();
  for (int64_t i = 0; i < rows * channels; ++i) {
    ASSERT_EQ((*sum)[0].flat<float>()(i), 1.0f + static_cast<float>(i % channels)) << i;
  }
  const auto grad = test::RunKernel(BiasAddGradNode(DT_FLOAT), {(*sum)[0]});
  ASSERT_TRUE(grad.ok()) << grad.status();
  for (int64_t c = 0; c < channels; ++c) {
    EXPECT_EQ((*grad)[0].flat<float>()(c), rows * (1.0f + c));
  }
}

TEST(BiasOpTest, ShapeErrors) {
  const auto vector_value = test::RunKernel(
      BiasAddNode(DT_FLOAT), {test::AsTensor<float>({1, 2}), test::AsTensor<float>({1, 2})});
  ASSERT_FALSE(vector_value.ok());
  EXPECT_THAT(vector_value.status().message(), HasSubstr("Input tensor must be at least 2D: [2]"));
  const auto wrong_bias = test::RunKernel(
      BiasAddNode(DT_FLOAT),
      {Tensor(DT_FLOAT, TensorShape({2, 3})), test::AsTensor<float>({1, 2})});
  ASSERT_FALSE(wrong_bias.ok());
  EXPECT_THAT(wrong_bias.status().message(),
              HasSubstr("Must provide as many biases as the last dimension of the input "
                        "tensor: [2] vs. [2,3]"));
  const auto matrix_bias = test::RunKernel(
      BiasAddNode(DT_FLOAT),
      {Tensor(DT_FLOAT, TensorShape({2, 3})), Tensor(DT_FLOAT, TensorShape({1, 3}))});
  ASSERT_FALSE(matrix_bias.ok());
  EXPECT_THAT(matrix_bias.status().message(), HasSubstr("Biases must be 1D: [1,3]"));
}

tensorflow::NodeDef L2LossNode(DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "L2Loss").Input("t", 0, dtype).Finalize(&def).ok());
  return def;
}

TEST(L2LossOpTest, HalfTheSumOfSquares) {
  for (const DataType dtype : {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE}) {
    Tensor t(dtype, TensorShape({2, 2}));
    const std::vector<double> values = {1, -2, 3, 0.5};
    VisitDataType(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, Eigen::half> ||
                    std::is_same_v<T, Eigen::bfloat16>) {
        for (int i = 0; i < 4; ++i) t.flat<T>()(i) = static_cast<T>(values[i]);
      }
    });
    const auto out = test::RunKernel(L2LossNode(dtype), {t});
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_EQ((*out)[0].shape(), TensorShape());
    // (1 + 4 + 9 + 0.25) / 2 = 7.125, exact in every dtype.
    double result = 0;
    VisitDataType(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, Eigen::half> ||
                    std::is_same_v<T, Eigen::bfloat16>) {
        result = static_cast<double>((*out)[0].scalar<T>()());
      }
    });
    EXPECT_EQ(result, 7.125) << DataTypeString(dtype);
  }
  const auto empty = test::RunKernel(L2LossNode(DT_FLOAT), {Tensor(DT_FLOAT, TensorShape({0}))});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)[0].scalar<float>()(), 0.0f);
}

}  // namespace
}  // namespace rill
