// Tests of the CPU Relu, Relu6 and Elu kernels for every registered dtype: values, NaN and
// infinities, both the vectorized and the scalar path, buffer reuse and missing dtypes.
// Elu's values come from Python's math.expm1 (quoted below); the rest are worked by hand.
#include <cmath>
#include <cstdint>
#include <limits>
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

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

tensorflow::NodeDef ActivationNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("a", op).Input("features", 0, dtype).Finalize(&def).ok());
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

// Expect runs `op` on x (as T, as given and Tiled) and checks each result against the exact
// value within `relative_tolerance` of it (0: equal); NaN must match NaN.
template <typename T>
void Expect(const std::string& op, const std::vector<double>& x,
            const std::vector<double>& expected, double relative_tolerance = 0) {
  for (const bool tiled : {false, true}) {
    const std::vector<double> inputs = tiled ? Tiled(x) : x;
    const std::vector<double> wanted = tiled ? Tiled(expected) : expected;
    const auto out = test::RunKernel(ActivationNode(op, DataTypeToEnum<T>::value),
                                     {Values<T>(inputs)});
    ASSERT_TRUE(out.ok()) << out.status();
    const Tensor& y = (*out)[0];
    ASSERT_EQ(y.NumElements(), static_cast<int64_t>(wanted.size()));
    for (size_t i = 0; i < wanted.size(); ++i) {
      const double actual = static_cast<double>(y.flat<T>()(i));
      if (std::isnan(wanted[i])) {
        EXPECT_TRUE(std::isnan(actual)) << op << "(" << inputs[i] << ") = " << actual;
      } else if (relative_tolerance == 0 || std::isinf(wanted[i])) {
        EXPECT_EQ(actual, wanted[i]) << op << "(" << inputs[i] << ")";
      } else {
        EXPECT_NEAR(actual, wanted[i], relative_tolerance * std::abs(wanted[i]))
            << op << "(" << inputs[i] << ")";
      }
    }
  }
}

template <typename T>
class RectifierTest : public ::testing::Test {};

using RectifierTypes =
    ::testing::Types<int32_t, int64_t, Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(RectifierTest, RectifierTypes);

TYPED_TEST(RectifierTest, ReluAndRelu6Clip) {
  using T = TypeParam;
  const std::vector<double> x = {-100, -3, -1, 0, 1, 3, 6, 7, 100};
  Expect<T>("Relu", x, {0, 0, 0, 0, 1, 3, 6, 7, 100});
  Expect<T>("Relu6", x, {0, 0, 0, 0, 1, 3, 6, 6, 6});
}

template <typename T>
class FloatingActivationTest : public ::testing::Test {};

using FloatingTypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(FloatingActivationTest, FloatingTypes);

TYPED_TEST(FloatingActivationTest, RectifiersKeepNanAndClipInfinities) {
  using T = TypeParam;
  const std::vector<double> x = {-kInf, kInf, kNaN, -0.5, 0.5, 5.5, 6.5};
  Expect<T>("Relu", x, {0, kInf, kNaN, 0, 0.5, 5.5, 6.5});
  Expect<T>("Relu6", x, {0, 6, kNaN, 0, 0.5, 5.5, 6});
}

// Python 3: [repr(math.expm1(x)) for x in (-3, -2, -1, -0.5)]
TYPED_TEST(FloatingActivationTest, EluIsExpm1BelowZero) {
  using T = TypeParam;
  const double tolerance = std::is_same_v<T, double>  ? 1e-15
                           : std::is_same_v<T, float> ? 1e-6
                           : std::is_same_v<T, Eigen::half> ? 1e-3
                                                            : 8e-3;
  Expect<T>("Elu", {-3, -2, -1, -0.5, 0, 0.5, 2, 10},
            {-0.950212931632136, -0.8646647167633873, -0.6321205588285577,
             -0.3934693402873666, 0, 0.5, 2, 10},
            tolerance);
  Expect<T>("Elu", {-kInf, -100, kInf, kNaN}, {-1, -1, kInf, kNaN});
}

TEST(EluTest, AccurateNearZero) {
  // math.expm1(-1e-8) = -9.999999950000001e-09, where exp(x) - 1 would give 0 in float.
  Expect<float>("Elu", {-1e-8}, {-9.999999950000001e-09}, 1e-6);
  Expect<double>("Elu", {-1e-8}, {-9.999999950000001e-09}, 1e-15);
}

TEST(ReluTest, OutputReusesAnInputNobodyElseHolds) {
  auto runner = test::KernelRunner::Create(ActivationNode("Relu", DT_FLOAT));
  ASSERT_TRUE(runner.ok()) << runner.status();
  std::vector<Tensor> inputs;
  inputs.push_back(test::AsTensor<float>({-1, 2}));
  const void* buffer = inputs[0].data();
  const auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), buffer);
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0, 2}));
}

TEST(ReluTest, EmptyTensorsKeepTheirShape) {
  for (const char* op : {"Relu", "Relu6", "Elu"}) {
    const auto out =
        test::RunKernel(ActivationNode(op, DT_FLOAT), {Tensor(DT_FLOAT, TensorShape({3, 0}))});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].shape(), TensorShape({3, 0}));
  }
}

TEST(ReluTest, DtypesWithoutKernelsNameTheLibrary) {
  const auto missing = test::KernelRunner::Create(ActivationNode("Relu", DT_UINT8));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("//kernels/cpu/nn:nn_kernels"));
}

}  // namespace
}  // namespace rill
