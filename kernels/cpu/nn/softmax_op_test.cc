// Tests of the CPU Softmax, LogSoftmax and the two cross-entropy kernels: values from the
// Python script quoted below, stability for huge logits, broadcasting, every dtype, label
// validation and shape errors.
//
// Expected values (python3):
//   def sm(x): m = max(x); e = [math.exp(v - m) for v in x]; return [v / sum(e) for v in e]
//   def lsm(x): m = max(x); s = sum(math.exp(v - m) for v in x)
//               return [v - m - math.log(s) for v in x]
//   xent(x, p) = -sum(p * lsm(x)), backprop sm(x) - p
#include <cmath>
#include <cstdint>
#include <string>
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

tensorflow::NodeDef UnaryNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", op).Input("logits", 0, dtype).Finalize(&def).ok());
  return def;
}

tensorflow::NodeDef XentNode(DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "SoftmaxCrossEntropyWithLogits")
                  .Input("features", 0, dtype)
                  .Input("labels", 0, dtype)
                  .Finalize(&def)
                  .ok());
  return def;
}

tensorflow::NodeDef SparseXentNode(DataType dtype, DataType label_type) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("n", "SparseSoftmaxCrossEntropyWithLogits")
                  .Input("features", 0, dtype)
                  .Input("labels", 0, label_type)
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

TEST(SoftmaxOpTest, RowsSumToOneAndHugeLogitsDoNotOverflow) {
  const auto out = test::RunKernel(
      UnaryNode("Softmax", DT_DOUBLE),
      {test::AsTensor<double>({1, 2, 3, -1000, 0, 1000}, TensorShape({2, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorNear<double>(
      (*out)[0],
      test::AsTensor<double>(
          {0.09003057317038046, 0.24472847105479764, 0.6652409557748218, 0, 0, 1},
          TensorShape({2, 3})),
      1e-15);
}

TEST(SoftmaxOpTest, LogSoftmaxOfHugeLogitsIsExact) {
  const auto out = test::RunKernel(
      UnaryNode("LogSoftmax", DT_DOUBLE),
      {test::AsTensor<double>({1, 2, 3, -1000, 0, 1000}, TensorShape({2, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorNear<double>(
      (*out)[0],
      test::AsTensor<double>({-2.4076059644443806, -1.4076059644443804, -0.4076059644443804,
                              -2000, -1000, 0},
                             TensorShape({2, 3})),
      1e-13);
}

// Softmax normalizes the last dimension of any rank >= 1; rows of 33 run in packets too.
template <typename T>
class SoftmaxTypedTest : public ::testing::Test {};
using FloatTypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(SoftmaxTypedTest, FloatTypes);

TYPED_TEST(SoftmaxTypedTest, EveryRankAndDtype) {
  using T = TypeParam;
  const double tolerance = sizeof(T) == 2 ? 2e-2 : 1e-6;
  for (const TensorShape& shape :
       {TensorShape({2}), TensorShape({2, 1, 2}), TensorShape({1, 33})}) {
    std::vector<double> x;
    for (int64_t i = 0; i < shape.num_elements(); ++i) x.push_back(i % 2 == 0 ? 0.5 : -0.5);
    const auto out = test::RunKernel(UnaryNode("Softmax", DataTypeToEnum<T>::value),
                                     {Values<T>(x, shape)});
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_EQ((*out)[0].shape(), shape);
    const int64_t n = shape.dim_size(shape.dims() - 1);
    double even = 0.7310585786300049;
    double odd = 0.2689414213699951;
    if (n == 33) {
      // 17 entries of e^0.5 and 16 of e^-0.5.
      const double total = 17 * std::exp(0.5) + 16 * std::exp(-0.5);
      even = std::exp(0.5) / total;
      odd = std::exp(-0.5) / total;
    }
    for (int64_t i = 0; i < shape.num_elements(); ++i) {
      EXPECT_NEAR(static_cast<double>((*out)[0].template flat<T>()(i)), i % 2 == 0 ? even : odd,
                  tolerance)
          << shape.DebugString() << " element " << i;
    }
  }
}

TEST(SoftmaxOpTest, ScalarsAreRejectedAndEmptyRowsAllowed) {
  const auto scalar = test::RunKernel(UnaryNode("Softmax", DT_FLOAT), {test::AsScalar(1.f)});
  ASSERT_FALSE(scalar.ok());
  EXPECT_THAT(scalar.status().message(), HasSubstr("logits must have >= 1 dimension, got []"));
  const auto empty =
      test::RunKernel(UnaryNode("LogSoftmax", DT_FLOAT), {Tensor(DT_FLOAT, TensorShape({3, 0}))});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)[0].shape(), TensorShape({3, 0}));
}

TEST(XentOpTest, LossAndBackprop) {
  const auto out = test::RunKernel(
      XentNode(DT_DOUBLE),
      {test::AsTensor<double>({1, 2, 3, 0, 0, 0, 1000, -1000, 0}, TensorShape({3, 3})),
       test::AsTensor<double>({0.2, 0.3, 0.5, 1, 0, 0, 0.5, 0.5, 0}, TensorShape({3, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  // Row 2: xent([1000, -1000, 0], [0.5, 0.5, 0]) = 0.5 * 0 + 0.5 * 2000 = 1000.
  test::ExpectTensorNear<double>(
      (*out)[0], test::AsTensor<double>({1.1076059644443805, 1.0986122886681098, 1000}), 1e-12);
  test::ExpectTensorNear<double>(
      (*out)[1],
      test::AsTensor<double>({-0.10996942682961955, -0.05527152894520235, 0.16524095577482178,
                              1.0 / 3 - 1, 1.0 / 3, 1.0 / 3, 0.5, -0.5, 0},
                             TensorShape({3, 3})),
      1e-12);
}

TEST(XentOpTest, LabelsBroadcastAlongTheBatch) {
  const auto out = test::RunKernel(
      XentNode(DT_FLOAT),
      {test::AsTensor<float>({1, 2, 3, 1, 2, 3}, TensorShape({2, 3})),
       test::AsTensor<float>({0.2f, 0.3f, 0.5f}, TensorShape({1, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorNear<float>((*out)[0], test::AsTensor<float>({1.1076059f, 1.1076059f}),
                                1e-6);
  EXPECT_EQ((*out)[1].shape(), TensorShape({2, 3}));
  EXPECT_NEAR((*out)[1].flat<float>()(5), 0.16524096f, 1e-6);
}

TEST(XentOpTest, ShapeErrors) {
  const auto mismatch = test::RunKernel(
      XentNode(DT_FLOAT), {Tensor(DT_FLOAT, TensorShape({2, 3})), Tensor(DT_FLOAT, TensorShape({2, 4}))});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(mismatch.status().message(),
              HasSubstr("logits and labels must be broadcastable: logits_size=[2,3] "
                        "labels_size=[2,4]"));
  const auto rank3 = test::RunKernel(
      XentNode(DT_FLOAT),
      {Tensor(DT_FLOAT, TensorShape({1, 2, 3})), Tensor(DT_FLOAT, TensorShape({1, 2, 3}))});
  ASSERT_FALSE(rank3.ok());
  EXPECT_THAT(rank3.status().message(), HasSubstr("must be either 2-dimensional"));
}

TEST(SparseXentOpTest, LossAndBackpropForBothLabelTypes) {
  for (const DataType label_type : {DT_INT32, DT_INT64}) {
    Tensor labels(label_type, TensorShape({3}));
    const std::vector<int64_t> values = {2, 0, 0};
    for (int i = 0; i < 3; ++i) {
      if (label_type == DT_INT32) {
        labels.flat<int32_t>()(i) = static_cast<int32_t>(values[i]);
      } else {
        labels.flat<int64_t>()(i) = values[i];
      }
    }
    const auto out = test::RunKernel(
        SparseXentNode(DT_DOUBLE, label_type),
        {test::AsTensor<double>({1, 2, 3, 0, 0, 0, 1000, -1000, 0}, TensorShape({3, 3})),
         labels});
    ASSERT_TRUE(out.ok()) << out.status();
    // xent([1, 2, 3], onehot(2)) = -lsm[2]; xent(0s, onehot(0)) = log(3); row 2: -lsm[0] = 0.
    test::ExpectTensorNear<double>(
        (*out)[0], test::AsTensor<double>({0.4076059644443804, 1.0986122886681098, 0}), 1e-12);
    test::ExpectTensorNear<double>(
        (*out)[1],
        test::AsTensor<double>({0.09003057317038046, 0.24472847105479764,
                                0.6652409557748218 - 1, 1.0 / 3 - 1, 1.0 / 3, 1.0 / 3, 0, 0, 0},
                               TensorShape({3, 3})),
        1e-12);
  }
}

TEST(SparseXentOpTest, LabelOutOfRangeNamesValueAndRow) {
  const auto out = test::RunKernel(
      SparseXentNode(DT_FLOAT, DT_INT64),
      {Tensor(DT_FLOAT, TensorShape({3, 4})), test::AsTensor<int64_t>({0, 3, 7})});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(),
              HasSubstr("Received a label value of 7 which is outside the valid range of "
                        "[0, 4) in row 2 (labels[2])"));
  const auto negative = test::RunKernel(
      SparseXentNode(DT_FLOAT, DT_INT32),
      {Tensor(DT_FLOAT, TensorShape({1, 4})), test::AsTensor<int32_t>({-1})});
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.status().message(), HasSubstr("label value of -1"));
}

TEST(SparseXentOpTest, ShapeErrors) {
  const auto batch = test::RunKernel(
      SparseXentNode(DT_FLOAT, DT_INT64),
      {Tensor(DT_FLOAT, TensorShape({3, 4})), test::AsTensor<int64_t>({0, 1})});
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              HasSubstr("logits and labels must have the same first dimension, got logits "
                        "shape [3,4] and labels shape [2]"));
  const auto no_classes = test::RunKernel(
      SparseXentNode(DT_FLOAT, DT_INT64),
      {Tensor(DT_FLOAT, TensorShape({2, 0})), test::AsTensor<int64_t>({0, 0})});
  ASSERT_FALSE(no_classes.ok());
  EXPECT_THAT(no_classes.status().message(), HasSubstr("Must have at least one class"));
}

// Large batches shard over the intra-op pool; every row must still be right.
TEST(SparseXentOpTest, LargeBatchMatchesPerRowValues) {
  const int64_t batch = 4096;
  const int64_t classes = 64;
  std::vector<float> logits(batch * classes);
  std::vector<int64_t> labels(batch);
  for (int64_t r = 0; r < batch; ++r) {
    for (int64_t c = 0; c < classes; ++c) logits[r * classes + c] = (c == r % classes) ? 1 : 0;
    labels[r] = r % classes;
  }
  const auto out = test::RunKernel(
      SparseXentNode(DT_FLOAT, DT_INT64),
      {test::AsTensor<float>(logits, TensorShape({batch, classes})),
       test::AsTensor<int64_t>(labels)});
  ASSERT_TRUE(out.ok()) << out.status();
  // Each row: one logit of 1 among 63 zeros, labelled at the 1: log(e + 63) - 1.
  const float expected = static_cast<float>(std::log(std::exp(1.0) + 63) - 1);
  for (int64_t r = 0; r < batch; ++r) EXPECT_NEAR((*out)[0].flat<float>()(r), expected, 1e-6);
}

}  // namespace
}  // namespace rill
