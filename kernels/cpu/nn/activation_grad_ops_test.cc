// Tests of the CPU ReluGrad, Relu6Grad, EluGrad and SoftplusGrad kernels for every registered
// dtype: values on both sides of each kink, NaN and infinities as TensorFlow's products give
// them, the vectorized and the scalar path, and the same-shape check. SoftplusGrad's values
// come from Python (quoted below); the rest are worked by hand.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
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

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

tensorflow::NodeDef GradNode(const std::string& op, DataType dtype) {
  const char* second = op == "EluGrad" ? "outputs" : "features";
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("g", op)
                  .Input("gradients", 0, dtype)
                  .Input(second, 0, dtype)
                  .Finalize(&def)
                  .ok());
  return def;
}

// Tiled repeats `values` to 19 elements or more, so that every value runs in a packet (of
// up to 8) too; short inputs as given run one element at a time.
std::vector<double> Tiled(const std::vector<double>& values) {
  std::vector<double> tiled;
  while (tiled.size() < 19) tiled.insert(tiled.end(), values.begin(), values.end());
  return tiled;
}

template <typename T>
Tensor Values(const std::vector<double>& values) {
  std::vector<T> converted;
  for (const double value : values) converted.push_back(static_cast<T>(value));
  return test::AsTensor<T>(converted);
}

// Expect runs `op` on (gradients, x) as T, as given and Tiled, and checks each result against
// `expected` within `relative_tolerance` of it plus `absolute_tolerance` (both 0: equal); NaN
// must match NaN.
template <typename T>
void Expect(const std::string& op, const std::vector<double>& gradients,
            const std::vector<double>& x, const std::vector<double>& expected,
            double relative_tolerance = 0, double absolute_tolerance = 0) {
  for (const bool tiled : {false, true}) {
    const std::vector<double> g = tiled ? Tiled(gradients) : gradients;
    const std::vector<double> inputs = tiled ? Tiled(x) : x;
    const std::vector<double> wanted = tiled ? Tiled(expected) : expected;
    const auto out =
        test::RunKernel(GradNode(op, DataTypeToEnum<T>::value), {Values<T>(g), Values<T>(inputs)});
    ASSERT_TRUE(out.ok()) << out.status();
    const Tensor& backprops = (*out)[0];
    ASSERT_EQ(backprops.NumElements(), static_cast<int64_t>(wanted.size()));
    for (size_t i = 0; i < wanted.size(); ++i) {
      const double actual = static_cast<double>(backprops.flat<T>()(i));
      const std::string where =
          op + "(" + std::to_string(g[i]) + ", " + std::to_string(inputs[i]) + ")";
      if (std::isnan(wanted[i])) {
        EXPECT_TRUE(std::isnan(actual)) << where << " = " << actual;
      } else if (relative_tolerance == 0 && absolute_tolerance == 0) {
        EXPECT_EQ(actual, wanted[i]) << where;
      } else {
        EXPECT_NEAR(actual, wanted[i],
                    relative_tolerance * std::abs(wanted[i]) + absolute_tolerance)
            << where;
      }
    }
  }
}

template <typename T>
class RectifierGradTest : public ::testing::Test {};

using RectifierTypes =
    ::testing::Types<int32_t, int64_t, Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(RectifierGradTest, RectifierTypes);

TYPED_TEST(RectifierGradTest, GradientsPassWhereTheActivationHasSlopeOne) {
  using T = TypeParam;
  const std::vector<double> g = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<double> x = {-100, -3, -1, 0, 1, 3, 6, 7, 100};
  // Neither kink passes its gradient: Relu at 0, Relu6 at 0 and 6.
  Expect<T>("ReluGrad", g, x, {0, 0, 0, 0, 5, 6, 7, 8, 9});
  Expect<T>("Relu6Grad", g, x, {0, 0, 0, 0, 5, 6, 0, 0, 0});
}

template <typename T>
class FloatingGradTest : public ::testing::Test {};

using FloatingTypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(FloatingGradTest, FloatingTypes);

// TensorFlow multiplies by the 0/1 mask: a NaN or infinite gradient where the mask is 0
// gives NaN; a NaN feature compares false everywhere.
TYPED_TEST(FloatingGradTest, RectifierGradsMultiplyByTheMask) {
  using T = TypeParam;
  const std::vector<double> g = {kInf, kNaN, 1, -kInf, 2, 3};
  const std::vector<double> x = {-1, 1, kNaN, 0.5, kInf, -kInf};
  Expect<T>("ReluGrad", g, x, {kNaN, kNaN, 0, -kInf, 2, 0});
  Expect<T>("Relu6Grad", g, x, {kNaN, kNaN, 0, -kInf, 0, 0});
}

TYPED_TEST(FloatingGradTest, EluGradScalesByOutputPlusOneBelowZero) {
  using T = TypeParam;
  // (outputs + 1) * gradients below 0: exact in every floating type.
  Expect<T>("EluGrad", {2, 2, 2, 2, 2, -4, kNaN}, {-0.5, -1, -0.25, 0, 1, -0.75, -0.5},
            {1, 0, 1.5, 2, 2, -1, kNaN});
}

// Python 3: [repr(3 / (math.exp(-f) + 1)) for f in (-20, -2, -1, 0, 1, 2, 20, 100)]
TYPED_TEST(FloatingGradTest, SoftplusGradIsGradientsTimesSigmoid) {
  using T = TypeParam;
  const double tolerance = std::is_same_v<T, double>        ? 1e-15
                           : std::is_same_v<T, float>       ? 1e-6
                           : std::is_same_v<T, Eigen::half> ? 2e-3
                                                            : 1.6e-2;
  // exp(20) overflows half, giving 3 / inf = 0 for 6.18e-09, within half's smallest denormal.
  const double denorm_min = static_cast<double>(std::numeric_limits<T>::denorm_min());
  Expect<T>("SoftplusGrad", {3, 3, 3, 3, 3, 3, 3, 3}, {-20, -2, -1, 0, 1, 2, 20, 100},
            {6.183460854570611e-09, 0.35760876606635267, 0.8068242641099854, 1.5, 2.193175735890015,
             2.642391233933647, 2.999999993816539, 3.0},
            tolerance, denorm_min);
}

TEST(SoftplusGradTest, VeryNegativeFeaturesGiveZeroOnceExpOverflows) {
  // exp(100) overflows float (to inf: 3 / inf = 0) but not double:
  // 3 / (math.exp(100) + 1) = 1.1160227928062507e-43.
  Expect<float>("SoftplusGrad", {3, kInf}, {-100, -100}, {0, kNaN});
  Expect<double>("SoftplusGrad", {3}, {-100}, {1.1160227928062507e-43}, 1e-15);
}

TEST(ActivationGradTest, InputsMustHaveOneShape) {
  for (const char* op : {"ReluGrad", "Relu6Grad", "EluGrad", "SoftplusGrad"}) {
    const auto out = test::RunKernel(
        GradNode(op, DT_FLOAT), {test::AsTensor<float>({1, 2, 3}), test::AsTensor<float>({1})});
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << op;
    EXPECT_THAT(out.status().message(),
                HasSubstr(std::string(op == std::string("EluGrad") ? "outputs" : "features") +
                          " must have the same shape, got [3] and [1]"));
  }
  // Empty tensors too: [0] does not broadcast against [1] here.
  const auto out =
      test::RunKernel(GradNode("ReluGrad", DT_FLOAT),
                      {Tensor(DT_FLOAT, TensorShape({0})), test::AsTensor<float>({1})});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ActivationGradTest, EmptyTensorsKeepTheirShape) {
  for (const char* op : {"ReluGrad", "Relu6Grad", "EluGrad", "SoftplusGrad"}) {
    const auto out = test::RunKernel(
        GradNode(op, DT_DOUBLE),
        {Tensor(DT_DOUBLE, TensorShape({2, 0})), Tensor(DT_DOUBLE, TensorShape({2, 0}))});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].shape(), TensorShape({2, 0}));
  }
}

TEST(ActivationGradTest, MatricesAreElementWise) {
  const auto out = test::RunKernel(GradNode("ReluGrad", DT_FLOAT),
                                   {test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})),
                                    test::AsTensor<float>({-1, 1, 1, -1}, TensorShape({2, 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({0, 2, 3, 0}, TensorShape({2, 2})));
}

TEST(ActivationGradTest, DtypesWithoutKernelsNameTheLibrary) {
  const auto missing = test::KernelRunner::Create(GradNode("ReluGrad", DT_UINT8));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("//kernels/cpu/nn:nn_kernels"));
}

}  // namespace
}  // namespace rill
