// Tests of the CPU Softplus kernel for half, bfloat16, float and double: values across the
// thresholds of TensorFlow's overflow-free formula, infinities and NaN. Expected values from
// Python (script below).
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
#include "gtest/gtest.h"

namespace rill {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Softplus runs the kernel on `x` converted to T and returns the results as doubles.
template <typename T>
std::vector<double> Softplus(const std::vector<double>& x) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "Softplus")
                  .Input("features", 0, DataTypeToEnum<T>::value)
                  .Finalize(&def)
                  .ok());
  std::vector<T> converted;
  for (const double value : x) converted.push_back(static_cast<T>(value));
  const absl::StatusOr<std::vector<Tensor>> out =
      test::RunKernel(def, {test::AsTensor<T>(converted)});
  EXPECT_TRUE(out.ok()) << out.status();
  std::vector<double> y;
  if (!out.ok()) return y;
  for (int64_t i = 0; i < (*out)[0].NumElements(); ++i) {
    y.push_back(static_cast<double>((*out)[0].flat<T>()(i)));
  }
  return y;
}

template <typename T>
class SoftplusTest : public ::testing::Test {};

using FloatingTypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(SoftplusTest, FloatingTypes);

// Python 3, exact softplus in double:
//   sp = lambda x: x + math.log1p(math.exp(-x)) if x > 0 else math.log1p(math.exp(x))
//   [repr(sp(x)) for x in xs]
// The results must be within T's rounding of these (and at most T's smallest denormal away
// from those that underflow T, as 2e-9 does half).
TYPED_TEST(SoftplusTest, MatchesTheExactValueAcrossTheThresholds) {
  using T = TypeParam;
  const double tolerance = std::is_same_v<T, double>  ? 1e-15
                           : std::is_same_v<T, float> ? 1e-6
                           : std::is_same_v<T, Eigen::half> ? 1e-3
                                                            : 8e-3;
  const std::vector<double> x = {-20, -15, -13.5, -3, -1, -0.5, 0, 0.5, 1, 3, 13.5, 15, 20, 100};
  const std::vector<double> expected = {
      2.061153620314381e-09, 3.059022737137205e-07, 1.3709581466205352e-06,
      0.04858735157374206,   0.31326168751822286,   0.4740769841801067,
      0.6931471805599453,    0.9740769841801067,    1.3132616875182228,
      3.048587351573742,     13.500001370958147,    15.000000305902274,
      20.000000002061153,    100.0};
  const std::vector<double> y = Softplus<T>(x);
  ASSERT_EQ(y.size(), x.size());
  const double denorm_min = static_cast<double>(std::numeric_limits<T>::denorm_min());
  for (size_t i = 0; i < y.size(); ++i) {
    EXPECT_NEAR(y[i], expected[i], tolerance * expected[i] + denorm_min)
        << "softplus(" << x[i] << ")";
  }
}

TYPED_TEST(SoftplusTest, NeverOverflows) {
  using T = TypeParam;
  // Above the threshold softplus(x) is x itself; far below it, exp(x) underflows to 0.
  const std::vector<double> y = Softplus<T>({1000, -1000, kInf, -kInf, kNaN});
  ASSERT_EQ(y.size(), 5u);
  EXPECT_EQ(y[0], static_cast<double>(static_cast<T>(1000.0)));
  EXPECT_EQ(y[1], 0);
  EXPECT_EQ(y[2], kInf);
  EXPECT_EQ(y[3], 0);
  EXPECT_TRUE(std::isnan(y[4]));
}

TEST(SoftplusThresholdTest, FloatSwitchesFormulasAtLogEpsilonPlusTwo) {
  // log(2^-23) + 2 = -13.942385...: at 14 float returns x itself (the exact 14.0000008 is
  // within float's epsilon of it), at -14 exp(x) = 8.315287191035679e-07.
  const std::vector<double> y = Softplus<float>({14, -14});
  ASSERT_EQ(y.size(), 2u);
  EXPECT_EQ(y[0], 14.0);
  EXPECT_NEAR(y[1], 8.315287191035679e-07, 1e-6 * 8.315287191035679e-07);
}

}  // namespace
}  // namespace rill
