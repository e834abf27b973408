// Tests of the CPU TopKV2 and InTopKV2 kernels: values and indices worked by hand, ties to
// the lower index, k of 0, 1 and all, NaN ordering, every dtype, and errors.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
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

tensorflow::NodeDef TopKNode(DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "TopKV2")
                  .Input("input", 0, dtype)
                  .Input("k", 0, DT_INT32)
                  .Finalize(&def)
                  .ok());
  return def;
}

tensorflow::NodeDef InTopKNode(DataType index_type) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "InTopKV2")
                  .Input("predictions", 0, DT_FLOAT)
                  .Input("targets", 0, index_type)
                  .Input("k", 0, index_type)
                  .Finalize(&def)
                  .ok());
  return def;
}

template <typename T>
class TopKTypedTest : public ::testing::Test {};
using TopKTypes =
    ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(TopKTypedTest, TopKTypes);

// Rows [3 1 4 1 5] and [2 7 1 8 2]: ties keep the lower index first.
TYPED_TEST(TopKTypedTest, LargestFirstTiesByIndex) {
  using T = TypeParam;
  std::vector<T> input;
  for (const int v : {3, 1, 4, 1, 5, 2, 7, 1, 8, 2}) input.push_back(static_cast<T>(v));
  const Tensor x = test::AsTensor<T>(input, TensorShape({2, 5}));
  struct Case {
    int k;
    std::vector<int> values;
    std::vector<int32_t> indices;
  };
  for (const Case& c : {Case{1, {5, 8}, {4, 3}}, Case{3, {5, 4, 3, 8, 7, 2}, {4, 2, 0, 3, 1, 0}},
                        Case{5, {5, 4, 3, 1, 1, 8, 7, 2, 2, 1}, {4, 2, 0, 1, 3, 3, 1, 0, 4, 2}}}) {
    const auto out = test::RunKernel(TopKNode(DataTypeToEnum<T>::value),
                                     {x, test::AsScalar<int32_t>(c.k)});
    ASSERT_TRUE(out.ok()) << out.status();
    std::vector<T> values;
    for (const int v : c.values) values.push_back(static_cast<T>(v));
    test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>(values, TensorShape({2, c.k})));
    test::ExpectTensorEqual<int32_t>((*out)[1],
                                     test::AsTensor<int32_t>(c.indices, TensorShape({2, c.k})));
  }
}

TEST(TopKOpTest, ZeroKAndNaN) {
  const auto none = test::RunKernel(TopKNode(DT_FLOAT),
                                    {test::AsTensor<float>({1, 2}), test::AsScalar<int32_t>(0)});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ((*none)[0].shape(), TensorShape({0}));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto with_nan = test::RunKernel(
      TopKNode(DT_FLOAT), {test::AsTensor<float>({1, nan, 3}), test::AsScalar<int32_t>(2)});
  ASSERT_TRUE(with_nan.ok()) << with_nan.status();
  EXPECT_TRUE(std::isnan((*with_nan)[0].flat<float>()(0)));
  EXPECT_EQ((*with_nan)[0].flat<float>()(1), 3);
  test::ExpectTensorEqual<int32_t>((*with_nan)[1], test::AsTensor<int32_t>({1, 2}));
}

TEST(TopKOpTest, LargeInputShardsAndMatchesASort) {
  const int64_t rows = 512;
  const int64_t n = 300;
  std::vector<float> input(rows * n);
  for (int64_t i = 0; i < rows * n; ++i) input[i] = static_cast<float>((i * 7919) % 1009);
  const auto out = test::RunKernel(
      TopKNode(DT_FLOAT),
      {test::AsTensor<float>(input, TensorShape({rows, n})), test::AsScalar<int32_t>(10)});
  ASSERT_TRUE(out.ok()) << out.status();
  for (int64_t r = 0; r < rows; ++r) {
    std::vector<float> row(input.begin() + r * n, input.begin() + (r + 1) * n);
    std::sort(row.begin(), row.end(), std::greater<float>());
    for (int j = 0; j < 10; ++j) {
      const float value = (*out)[0].matrix<float>()(r, j);
      ASSERT_EQ(value, row[j]) << r << "," << j;
      ASSERT_EQ(input[r * n + (*out)[1].matrix<int32_t>()(r, j)], value);
    }
  }
}

TEST(TopKOpTest, Errors) {
  const auto too_few = test::RunKernel(
      TopKNode(DT_FLOAT), {test::AsTensor<float>({1, 2}), test::AsScalar<int32_t>(3)});
  ASSERT_FALSE(too_few.ok());
  EXPECT_THAT(too_few.status().message(), HasSubstr("input must have at least k columns. Had 2, needed 3"));
  const auto negative = test::RunKernel(
      TopKNode(DT_FLOAT), {test::AsTensor<float>({1, 2}), test::AsScalar<int32_t>(-1)});
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.status().message(), HasSubstr("Need k >= 0, got -1"));
  const auto scalar = test::RunKernel(
      TopKNode(DT_FLOAT), {test::AsScalar<float>(1), test::AsScalar<int32_t>(1)});
  ASSERT_FALSE(scalar.ok());
  EXPECT_THAT(scalar.status().message(), HasSubstr("input must be >= 1-D"));
}

// Row 0 [0.1 0.9 0.5 0.9]: target 2 has two larger predictions; ties with the target
// count as in the top k (InTopK's rule). Row 1 holds an infinity; row 2's target is
// out of range.
TEST(InTopKOpTest, CountsStrictlyLargerPredictions) {
  const float inf = std::numeric_limits<float>::infinity();
  const Tensor predictions = test::AsTensor<float>(
      {0.1f, 0.9f, 0.5f, 0.9f, 1, 2, inf, 3, 1, 2, 3, 4}, TensorShape({3, 4}));
  for (const DataType index_type : {DT_INT32, DT_INT64}) {
    Tensor targets(index_type, TensorShape({3}));
    Tensor k(index_type, TensorShape({}));
    const std::vector<int64_t> target_values = {2, 3, 4};
    for (int i = 0; i < 3; ++i) {
      if (index_type == DT_INT32) {
        targets.flat<int32_t>()(i) = static_cast<int32_t>(target_values[i]);
      } else {
        targets.flat<int64_t>()(i) = target_values[i];
      }
    }
    for (const int64_t k_value : {2, 3}) {
      if (index_type == DT_INT32) {
        k.scalar<int32_t>()() = static_cast<int32_t>(k_value);
      } else {
        k.scalar<int64_t>()() = k_value;
      }
      const auto out = test::RunKernel(InTopKNode(index_type), {predictions, targets, k});
      ASSERT_TRUE(out.ok()) << out.status();
      test::ExpectTensorEqual<bool>((*out)[0], test::AsTensor<bool>({k_value == 3, false, false}));
    }
  }
  const auto tie = test::RunKernel(
      InTopKNode(DT_INT32), {test::AsTensor<float>({0.9f, 0.9f, 0.5f}, TensorShape({1, 3})),
                             test::AsTensor<int32_t>({1}), test::AsScalar<int32_t>(1)});
  ASSERT_TRUE(tie.ok());
  EXPECT_TRUE((*tie)[0].flat<bool>()(0));
  const auto mismatch = test::RunKernel(
      InTopKNode(DT_INT32), {Tensor(DT_FLOAT, TensorShape({2, 3})),
                             test::AsTensor<int32_t>({1}), test::AsScalar<int32_t>(1)});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(mismatch.status().message(),
              HasSubstr("First dimension of predictions 2 must match length of targets 1"));
}

}  // namespace
}  // namespace rill
