// Tests of the CPU kernels of the unary gradient ops (UnaryGradOp: SigmoidGrad, TanhGrad,
// SqrtGrad, RsqrtGrad, ReciprocalGrad) on every registered dtype: values worked out by hand
// (exact in every dtype), inputs long enough to run in packets too, the shape and buffer
// rules, and the element-count error.
#include <string>
#include <utility>
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

tensorflow::NodeDef GradNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(
      NodeDefBuilder("z", op).Input("y", 0, dtype).Input("dy", 0, dtype).Finalize(&def).ok());
  return def;
}

template <typename T>
Tensor Values(const std::vector<double>& values, const TensorShape& shape) {
  std::vector<T> converted;
  for (const double value : values) converted.push_back(static_cast<T>(static_cast<float>(value)));
  return test::AsTensor<T>(converted, shape);
}

absl::StatusOr<Tensor> RunGrad(const std::string& op, const Tensor& y, const Tensor& dy) {
  auto out = test::RunKernel(GradNode(op, y.dtype()), {y, dy});
  if (!out.ok()) return out.status();
  return (*out)[0];
}

// Repeated concatenates `n` copies of `values`.
std::vector<double> Repeated(const std::vector<double>& values, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.insert(out.end(), values.begin(), values.end());
  return out;
}

struct Case {
  std::string op;
  std::vector<double> y, dy, z;
};

// The cases, by hand:
//   SigmoidGrad   dy * y * (1 - y):   1 * .5 * .5 = .25;  2 * .25 * .75 = .375;
//                                     -4 * .75 * .25 = -.75
//   TanhGrad      dy * (1 - y * y):   2 * .75 = 1.5;  4 * (1 - .0625) = 3.75;  3 * 1 = 3
//   SqrtGrad      .5 * dy / y:        .5 / 2 = .25;  1.5 / .5 = 3;  -1 / 4 = -.25
//   RsqrtGrad     -.5 * dy * y^3:     -.5 * .125 = -.0625;  -.5 * .5 * 8 = -2;  -.5 * -2 = 1
//   ReciprocalGrad -dy * y * y:       -2 * .25 = -.5;  -1 * 4 = -4;  .5 * 16 = 8
std::vector<Case> Cases() {
  return {
      {"SigmoidGrad", {0.5, 0.25, 0.75}, {1, 2, -4}, {0.25, 0.375, -0.75}},
      {"TanhGrad", {0.5, -0.25, 0}, {2, 4, 3}, {1.5, 3.75, 3}},
      {"SqrtGrad", {2, 0.5, 4}, {1, 3, -2}, {0.25, 3, -0.25}},
      {"RsqrtGrad", {0.5, 2, 1}, {1, 0.5, -2}, {-0.0625, -2, 1}},
      {"ReciprocalGrad", {0.5, -2, 4}, {2, 1, -0.5}, {-0.5, -4, 8}},
  };
}

template <typename T>
class UnaryGradOpTest : public ::testing::Test {};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(UnaryGradOpTest, Dtypes);

TYPED_TEST(UnaryGradOpTest, ValuesWorkedOutByHand) {
  using T = TypeParam;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.op);
    // 3 elements run one at a time; 7 * 3 = 21 in packets and a scalar tail.
    for (const int copies : {1, 7}) {
      const TensorShape shape({copies, 3});
      const auto z = RunGrad(c.op, Values<T>(Repeated(c.y, copies), shape),
                             Values<T>(Repeated(c.dy, copies), shape));
      ASSERT_TRUE(z.ok()) << z.status();
      test::ExpectTensorEqual<T>(*z, Values<T>(Repeated(c.z, copies), shape));
    }
  }
}

TYPED_TEST(UnaryGradOpTest, LargeInputsAreSharded) {
  using T = TypeParam;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.op);
    constexpr int kCopies = 100000;
    const TensorShape shape({kCopies, 3});
    const auto z = RunGrad(c.op, Values<T>(Repeated(c.y, kCopies), shape),
                           Values<T>(Repeated(c.dy, kCopies), shape));
    ASSERT_TRUE(z.ok()) << z.status();
    test::ExpectTensorEqual<T>(*z, Values<T>(Repeated(c.z, kCopies), shape));
  }
}

TEST(UnaryGradOpTest, OutputHasYsShapeAndCountsMustMatch) {
  // Same element count, different shapes: z takes y's shape, as TensorFlow's SimpleBinaryOp.
  const auto z = RunGrad("TanhGrad", test::AsTensor<float>({0.5, 0}, TensorShape({1, 2})),
                         test::AsTensor<float>({2, 3}));
  ASSERT_TRUE(z.ok()) << z.status();
  test::ExpectTensorEqual<float>(*z, test::AsTensor<float>({1.5, 3}, TensorShape({1, 2})));

  const auto mismatch =
      RunGrad("SigmoidGrad", test::AsTensor<double>({0.5, 0.5}), test::AsTensor<double>({1}));
  EXPECT_TRUE(absl::IsInvalidArgument(mismatch.status())) << mismatch.status();
  EXPECT_THAT(mismatch.status().message(),
              HasSubstr("The two arguments to a cwise op must have same number of elements, got "
                        "2 and 1"));
}

TEST(UnaryGradOpTest, OutputReusesAnInputBuffer) {
  auto runner = test::KernelRunner::Create(GradNode("SqrtGrad", DT_FLOAT));
  ASSERT_TRUE(runner.ok()) << runner.status();
  std::vector<Tensor> inputs = {test::AsTensor<float>({2, 0.5}), test::AsTensor<float>({1, 3})};
  const void* y_buffer = inputs[0].data();
  const auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), y_buffer);
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0.25, 3}));
}

TEST(UnaryGradOpTest, EmptyInputsGiveEmptyOutputs) {
  const auto z = RunGrad("RsqrtGrad", Tensor(DT_FLOAT, TensorShape({0, 4})),
                         Tensor(DT_FLOAT, TensorShape({0})));
  ASSERT_TRUE(z.ok()) << z.status();
  EXPECT_EQ(z->shape(), TensorShape({0, 4}));
}

}  // namespace
}  // namespace rill
