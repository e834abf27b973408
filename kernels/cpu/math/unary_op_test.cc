// Tests of the CPU unary math kernels (UnaryOp): every op on every registered dtype, special
// values (NaN, infinities, signed zeros), integer wrapping, banker's rounding, empty
// tensors, buffer reuse and the sharded path. Exact results are worked out by hand in the
// comments; transcendental ones come from Python's math module (script quoted below).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
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

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

tensorflow::NodeDef UnaryNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("y", op).Input("x", 0, dtype).Finalize(&def).ok());
  return def;
}

// Values builds a vector of T from doubles (each exact in T where a test compares exactly).
template <typename T>
Tensor Values(const std::vector<double>& values) {
  std::vector<T> converted;
  for (const double value : values) converted.push_back(static_cast<T>(value));
  return test::AsTensor<T>(converted);
}

Tensor Bools(const std::vector<bool>& values) {
  return test::AsTensor<bool>(std::vector<bool>(values.begin(), values.end()));
}

// RunOp runs `op` on x and returns y.
absl::StatusOr<Tensor> RunOp(const std::string& op, const Tensor& x) {
  auto out = test::RunKernel(UnaryNode(op, x.dtype()), {x});
  if (!out.ok()) return out.status();
  return (*out)[0];
}

// Tiled repeats `values` to at least 17 elements, so that every value runs in a packet (of
// up to 8) too; short inputs as given run one element at a time.
std::vector<double> Tiled(const std::vector<double>& values) {
  std::vector<double> tiled;
  while (tiled.size() < 17) tiled.insert(tiled.end(), values.begin(), values.end());
  tiled.insert(tiled.end(), values.begin(), values.end() - values.size() / 2);
  return tiled;
}

// ExpectValues runs `op` on `x` (converted to T), as given and Tiled, and checks
// y == expected exactly (NaN matching NaN; 0 and -0 compare equal).
template <typename T>
void ExpectValues(const std::string& op, const std::vector<double>& x,
                  const std::vector<double>& expected) {
  for (const bool tiled : {false, true}) {
    SCOPED_TRACE(op + (tiled ? " on tiled input" : ""));
    const auto y = RunOp(op, Values<T>(tiled ? Tiled(x) : x));
    ASSERT_TRUE(y.ok()) << y.status();
    test::ExpectTensorNear<T>(*y, Values<T>(tiled ? Tiled(expected) : expected), 0.0);
  }
}

// kRelativeTolerance<T>: half an ulp of T's rounding plus a few ulps of Eigen's float math.
template <typename T>
constexpr double kRelativeTolerance = 0;
template <>
constexpr double kRelativeTolerance<Eigen::half> = 1e-3;
template <>
constexpr double kRelativeTolerance<Eigen::bfloat16> = 8e-3;
template <>
constexpr double kRelativeTolerance<float> = 1e-6;
template <>
constexpr double kRelativeTolerance<double> = 1e-14;

// ExpectNear runs `op` on `x` (converted to T), as given and Tiled, and checks each y[i]
// against the exact `expected[i]` within kRelativeTolerance<T> * |expected[i]| (plus T's
// smallest denormal, for results that underflow); infinities and NaN must match exactly.
template <typename T>
void ExpectNear(const std::string& op, const std::vector<double>& x,
                const std::vector<double>& expected) {
  for (const bool tiled : {false, true}) {
    const std::vector<double> inputs = tiled ? Tiled(x) : x;
    const std::vector<double> wanted = tiled ? Tiled(expected) : expected;
    const absl::StatusOr<Tensor> y = RunOp(op, Values<T>(inputs));
    ASSERT_TRUE(y.ok()) << y.status();
    ASSERT_EQ(y->NumElements(), static_cast<int64_t>(wanted.size()));
    const auto flat = y->flat<T>();
    for (size_t i = 0; i < wanted.size(); ++i) {
      const double actual = static_cast<double>(flat(i));
      const double want = wanted[i];
      if (std::isnan(want) || std::isinf(want)) {
        EXPECT_TRUE(std::isnan(want) ? std::isnan(actual) : actual == want)
            << op << "(" << inputs[i] << ") = " << actual << ", expected " << want;
      } else {
        const double denorm_min = static_cast<double>(std::numeric_limits<T>::denorm_min());
        EXPECT_NEAR(actual, want, kRelativeTolerance<T> * std::abs(want) + denorm_min)
            << op << "(" << inputs[i] << ") at " << i;
      }
    }
  }
}

template <typename T>
class FloatingUnaryOpTest : public ::testing::Test {};

using FloatingTypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double>;
TYPED_TEST_SUITE(FloatingUnaryOpTest, FloatingTypes);

TYPED_TEST(FloatingUnaryOpTest, ExactOps) {
  using T = TypeParam;
  const std::vector<double> x = {-4, -2.5, -1.5, -0.5, -0.0, 0, 0.5, 1.5, 2.5, 3};
  ExpectValues<T>("Neg", x, {4, 2.5, 1.5, 0.5, 0, -0.0, -0.5, -1.5, -2.5, -3});
  ExpectValues<T>("Abs", x, {4, 2.5, 1.5, 0.5, 0, 0, 0.5, 1.5, 2.5, 3});
  ExpectValues<T>("Sign", x, {-1, -1, -1, -1, 0, 0, 1, 1, 1, 1});
  ExpectValues<T>("Square", x, {16, 6.25, 2.25, 0.25, 0, 0, 0.25, 2.25, 6.25, 9});
  ExpectValues<T>("Floor", x, {-4, -3, -2, -1, -0.0, 0, 0, 1, 2, 3});
  ExpectValues<T>("Ceil", x, {-4, -2, -1, -0.0, -0.0, 0, 1, 2, 3, 3});
  // 1 / x for powers of two is exact.
  ExpectValues<T>("Reciprocal", {-4, -2, -0.5, 0.25, 0.5, 1, 2, 4, 8, 16},
                  {-0.25, -0.5, -2, 4, 2, 1, 0.5, 0.25, 0.125, 0.0625});
  ExpectValues<T>("Sqrt", {0, 0.25, 1, 2.25, 4, 6.25, 9, 16, 25, 64},
                  {0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 8});
}

TYPED_TEST(FloatingUnaryOpTest, RoundHalfToEven) {
  using T = TypeParam;
  // Ties go to the even neighbour; everything else to the nearest integer.
  ExpectValues<T>("Round", {-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.25, -0.75, 2.75, 6},
                  {-4, -2, -2, -0.0, 0, 2, 2, 4, 0, -1, 3, 6});
  ExpectValues<T>("Round", {kInf, -kInf, kNaN, -0.0}, {kInf, -kInf, kNaN, -0.0});
}

TYPED_TEST(FloatingUnaryOpTest, SpecialValues) {
  using T = TypeParam;
  ExpectValues<T>("Neg", {kInf, -kInf, kNaN}, {-kInf, kInf, kNaN});
  ExpectValues<T>("Abs", {kInf, -kInf, kNaN}, {kInf, kInf, kNaN});
  ExpectValues<T>("Sign", {kInf, -kInf, kNaN}, {1, -1, kNaN});
  ExpectValues<T>("Sqrt", {-1, kInf, kNaN}, {kNaN, kInf, kNaN});
  ExpectValues<T>("Rsqrt", {0, -1, kInf}, {kInf, kNaN, 0});
  ExpectValues<T>("Reciprocal", {0, -0.0, kInf, -kInf}, {kInf, -kInf, 0, -0.0});
  ExpectValues<T>("Exp", {-kInf, kInf, kNaN, 0}, {0, kInf, kNaN, 1});
  ExpectValues<T>("Log", {0, -1, kInf, 1}, {-kInf, kNaN, kInf, 0});
  ExpectValues<T>("Log1p", {-1, -2, kInf, 0}, {-kInf, kNaN, kInf, 0});
  ExpectValues<T>("Sigmoid", {-kInf, kInf, 0}, {0, 1, 0.5});
  ExpectValues<T>("Tanh", {-kInf, kInf, 0, 100, -100}, {-1, 1, 0, 1, -1});
  ExpectValues<T>("Sin", {kInf, kNaN, 0, -0.0}, {kNaN, kNaN, 0, -0.0});
  ExpectValues<T>("Cos", {-kInf, kNaN, 0}, {kNaN, kNaN, 1});
  ExpectValues<T>("Floor", {kInf, -kInf, kNaN}, {kInf, -kInf, kNaN});
  ExpectValues<T>("Ceil", {kInf, -kInf, kNaN}, {kInf, -kInf, kNaN});
}

// Expected values from Python 3's math module, in double:
//   import math
//   xs = [-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0]
//   sig = lambda x: 1 / (1 + math.exp(-x))
//   for f in (math.exp, sig, math.tanh, math.sin, math.cos): print([repr(f(x)) for x in xs])
//   print([repr(math.log(x)) for x in [0.25, 0.5, 1, 2, 3, 10, 100, 1000, 4]])
//   print([repr(math.log1p(x)) for x in [-0.75, -0.5, 0, 0.5, 1, 2, 3, 9, 99]])
TYPED_TEST(FloatingUnaryOpTest, TranscendentalOps) {
  using T = TypeParam;
  const std::vector<double> x = {-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3};
  ExpectNear<T>("Exp", x,
                {0.049787068367863944, 0.1353352832366127, 0.36787944117144233,
                 0.6065306597126334, 1.0, 1.6487212707001282, 2.718281828459045,
                 7.38905609893065, 20.085536923187668});
  ExpectNear<T>("Sigmoid", x,
                {0.04742587317756678, 0.11920292202211755, 0.2689414213699951,
                 0.3775406687981454, 0.5, 0.6224593312018546, 0.7310585786300049,
                 0.8807970779778823, 0.9525741268224334});
  ExpectNear<T>("Tanh", x,
                {-0.9950547536867305, -0.9640275800758169, -0.7615941559557649,
                 -0.46211715726000974, 0.0, 0.46211715726000974, 0.7615941559557649,
                 0.9640275800758169, 0.9950547536867305});
  ExpectNear<T>("Sin", x,
                {-0.1411200080598672, -0.9092974268256817, -0.8414709848078965,
                 -0.479425538604203, 0.0, 0.479425538604203, 0.8414709848078965,
                 0.9092974268256817, 0.1411200080598672});
  ExpectNear<T>("Cos", x,
                {-0.9899924966004454, -0.4161468365471424, 0.5403023058681398,
                 0.8775825618903728, 1.0, 0.8775825618903728, 0.5403023058681398,
                 -0.4161468365471424, -0.9899924966004454});
  ExpectNear<T>("Log", {0.25, 0.5, 1, 2, 3, 10, 100, 1000, 4},
                {-1.3862943611198906, -0.6931471805599453, 0.0, 0.6931471805599453,
                 1.0986122886681098, 2.302585092994046, 4.605170185988092, 6.907755278982137,
                 1.3862943611198906});
  ExpectNear<T>("Log1p", {-0.75, -0.5, 0, 0.5, 1, 2, 3, 9, 99},
                {-1.3862943611198906, -0.6931471805599453, 0.0, 0.4054651081081644,
                 0.6931471805599453, 1.0986122886681096, 1.3862943611198906, 2.302585092994046,
                 4.605170185988092});
  // 1 / sqrt(x) for x = 4^k is exact, but Eigen's vectorized float rsqrt is an estimate
  // refined by Newton's method, so within the tolerance.
  ExpectNear<T>("Rsqrt", {0.25, 1, 4, 16, 64, 0.0625, 256, 1024, 4096},
                {2, 1, 0.5, 0.25, 0.125, 4, 0.0625, 0.03125, 0.015625});
}

TEST(UnaryOpPrecisionTest, Log1pIsAccurateNearZeroAndSigmoidSaturates) {
  // math.log1p(1e-10) = 9.999999999500001e-11, where log(1 + 1e-10) loses 7 digits.
  ExpectNear<double>("Log1p", {1e-10}, {9.999999999500001e-11});
  ExpectNear<float>("Log1p", {1e-10}, {9.999999999500001e-11});
  // No overflow: sigmoid(-1000) = 0 and sigmoid(1000) = 1; exp(1000) overflows to inf.
  ExpectValues<float>("Sigmoid", {-1000, 1000}, {0, 1});
  ExpectValues<double>("Sigmoid", {-1000, 1000}, {0, 1});
  ExpectValues<float>("Exp", {1000, -1000}, {kInf, 0});
}

// Where exp underflows the result is the exact denormal, or 0. From Python 3:
//   import math, struct
//   f = lambda x: struct.unpack('f', struct.pack('f', x))[0]
//   [repr(f(math.exp(x))) for x in (-88.5, -90, -100, -103, -104)]
//   [repr(math.exp(x)) for x in (-720, -745, -746)]
TEST(UnaryOpPrecisionTest, ExpAndSigmoidUnderflowToDenormalsAndZero) {
  const std::vector<double> x = {-88.5, -90, -100, -103, -104, -1000};
  const std::vector<double> float_exp = {3.672301610145117e-39, 8.194008692231508e-40,
                                         3.783505853677006e-44, 1.401298464324817e-45, 0, 0};
  ExpectValues<float>("Exp", x, float_exp);
  ExpectValues<float>("Sigmoid", x, float_exp);
  ExpectValues<double>("Exp", {-720, -745, -746, -1000}, {2.0322308024e-313, 5e-324, 0, 0});
  ExpectValues<double>("Sigmoid", {-720, -745, -746, -1000},
                       {2.0322308024e-313, 5e-324, 0, 0});
  ExpectValues<Eigen::bfloat16>("Exp", {-1000, -kInf}, {0, 0});
}

TYPED_TEST(FloatingUnaryOpTest, PredicatesOutputBool) {
  using T = TypeParam;
  const Tensor x = Values<T>({0, -1.5, kInf, -kInf, kNaN, -0.0, 65504});
  const auto is_nan = RunOp("IsNan", x);
  ASSERT_TRUE(is_nan.ok()) << is_nan.status();
  test::ExpectTensorEqual<bool>(*is_nan, Bools({false, false, false, false, true, false, false}));
  const auto is_inf = RunOp("IsInf", x);
  ASSERT_TRUE(is_inf.ok()) << is_inf.status();
  test::ExpectTensorEqual<bool>(*is_inf, Bools({false, false, true, true, false, false, false}));
  const auto is_finite = RunOp("IsFinite", x);
  ASSERT_TRUE(is_finite.ok()) << is_finite.status();
  test::ExpectTensorEqual<bool>(*is_finite, Bools({true, true, false, false, false, true, true}));
}

TYPED_TEST(FloatingUnaryOpTest, EmptyTensorsKeepTheirShape) {
  using T = TypeParam;
  for (const char* op : {"Exp", "Neg", "Round", "IsNan"}) {
    for (const TensorShape& shape : {TensorShape({0}), TensorShape({2, 0, 3})}) {
      const auto y = RunOp(op, Tensor(DataTypeToEnum<T>::value, shape));
      ASSERT_TRUE(y.ok()) << y.status();
      EXPECT_EQ(y->shape(), shape) << op;
    }
  }
}

// Denormal inputs are numbers like any other. From Python 3 (f rounds to float as above):
//   a = f(1e-40); [repr(v) for v in (a, math.log(a), 1 / math.sqrt(a))]
//   b = 2.0 ** -149; [repr(v) for v in (math.log(b), 1 / math.sqrt(b))]
//   [repr(v) for v in (math.log(1e-310), 1 / math.sqrt(1e-310))]
TEST(UnaryOpPrecisionTest, LogAndRsqrtOfDenormals) {
  ExpectNear<float>("Log", {9.99994610111476e-41, 1.401298464324817e-45, 1},
                    {-92.10340910966488, -103.27892990343184, 0});
  ExpectNear<float>("Rsqrt", {9.99994610111476e-41, 1.401298464324817e-45},
                    {1.0000026949551561e+20, 2.6713738906281536e+22});
  ExpectNear<double>("Log", {1e-310}, {-713.8013788281542});
  ExpectNear<double>("Rsqrt", {1e-310}, {1.0000000000000014e+155});
  ExpectNear<float>("Log1p", {9.99994610111476e-41}, {9.99994610111476e-41});
  ExpectNear<float>("Sqrt", {9.99994610111476e-41}, {9.999973050521066e-21});
}

template <typename T>
class IntegerUnaryOpTest : public ::testing::Test {};

using IntegerTypes = ::testing::Types<int32_t, int64_t>;
TYPED_TEST_SUITE(IntegerUnaryOpTest, IntegerTypes);

TYPED_TEST(IntegerUnaryOpTest, ValuesAndWrapping) {
  using T = TypeParam;
  constexpr T kMin = std::numeric_limits<T>::min();
  constexpr T kMax = std::numeric_limits<T>::max();
  const auto expect = [](const std::string& op, const std::vector<T>& x,
                         const std::vector<T>& expected) {
    const auto y = RunOp(op, test::AsTensor<T>(x));
    ASSERT_TRUE(y.ok()) << y.status();
    test::ExpectTensorEqual<T>(*y, test::AsTensor<T>(expected));
  };
  const std::vector<T> x = {-7, -3, -1, 0, 1, 2, 5, 9, kMax, kMin};
  // -kMin and |kMin| wrap to kMin, as in two's complement.
  expect("Neg", x, {7, 3, 1, 0, -1, -2, -5, -9, -kMax, kMin});
  expect("Abs", x, {7, 3, 1, 0, 1, 2, 5, 9, kMax, kMin});
  expect("Sign", x, {-1, -1, -1, 0, 1, 1, 1, 1, 1, -1});
  expect("Round", x, x);
  // kMax^2 = (2^(n-1) - 1)^2 = 2^(2n-2) - 2^n + 1, which is 1 modulo 2^n; kMin^2 = 2^(2n-2)
  // is 0 modulo 2^n.
  expect("Square", x, {49, 9, 1, 0, 1, 4, 25, 81, 1, 0});
}

TEST(IntegerUnaryOpTest, SquareWrapsModuloTwoToTheBits) {
  // 46341^2 = 2147488281 = 2^31 + 4633, which wraps to -2^31 + 4633 = -2147479015 in int32.
  auto y = RunOp("Square", test::AsTensor<int32_t>({46341, -46341, 46340}));
  ASSERT_TRUE(y.ok()) << y.status();
  test::ExpectTensorEqual<int32_t>(*y,
                                   test::AsTensor<int32_t>({-2147479015, -2147479015, 2147395600}));
  // 3037000500^2 = 9223372037000250000 = 2^63 + 145474192, which wraps to
  // -2^63 + 145474192 = -9223372036709301616 in int64.
  y = RunOp("Square", test::AsTensor<int64_t>({int64_t{3037000500}, int64_t{3037000499}}));
  ASSERT_TRUE(y.ok()) << y.status();
  test::ExpectTensorEqual<int64_t>(
      *y, test::AsTensor<int64_t>({int64_t{-9223372036709301616}, int64_t{9223372030926249001}}));
}

TEST(UnaryOpBufferTest, OutputReusesAnInputNobodyElseHolds) {
  auto runner = test::KernelRunner::Create(UnaryNode("Exp", DT_FLOAT));
  ASSERT_TRUE(runner.ok()) << runner.status();
  // Inputs go in through push_back: an initializer list would keep a second reference.
  std::vector<Tensor> inputs;
  inputs.push_back(test::AsTensor<float>({0, 0, 0}));
  const void* buffer = inputs[0].data();
  auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), buffer);
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({1, 1, 1}));

  // An input someone else still holds is never overwritten.
  const Tensor held = test::AsTensor<float>({0, 0});
  out = (*runner)->Run({held});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_NE((*out)[0].data(), held.data());
  test::ExpectTensorEqual<float>(held, test::AsTensor<float>({0, 0}));

  // A bool output never takes a float input's buffer.
  auto is_nan = test::KernelRunner::Create(UnaryNode("IsNan", DT_FLOAT));
  ASSERT_TRUE(is_nan.ok()) << is_nan.status();
  inputs.clear();
  inputs.push_back(test::AsTensor<float>({1, 2}));
  buffer = inputs[0].data();
  out = (*is_nan)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_NE((*out)[0].data(), buffer);
  test::ExpectTensorEqual<bool>((*out)[0], Bools({false, false}));
}

TEST(UnaryOpShardingTest, LargeTensorsRunOnTheIntraOpPoolAndReportExpensive) {
  constexpr int kSize = 100000;
  std::vector<float> x(kSize), squares(kSize), rounded(kSize);
  std::vector<bool> finite(kSize);
  for (int i = 0; i < kSize; ++i) {
    x[i] = static_cast<float>(i % 1000) - 500.5f;  // -500.5, -499.5, ..., 498.5, 499.5
    squares[i] = x[i] * x[i];
    // Ties to even: k + 0.5 rounds to whichever of k and k + 1 is even.
    const int k = i % 1000 - 501;
    rounded[i] = static_cast<float>(k % 2 == 0 ? k : k + 1);
    finite[i] = true;
  }
  for (const auto& [op, expected] :
       {std::pair<std::string, const std::vector<float>*>{"Square", &squares},
        {"Round", &rounded}}) {
    auto runner = test::KernelRunner::Create(UnaryNode(op, DT_FLOAT));
    ASSERT_TRUE(runner.ok()) << runner.status();
    EXPECT_FALSE((*runner)->kernel().IsExpensive());
    auto out = (*runner)->Run({test::AsTensor<float>(x)});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>(*expected));
    EXPECT_TRUE((*runner)->kernel().IsExpensive()) << op;
    out = (*runner)->Run({test::AsTensor<float>({2.5f})});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_FALSE((*runner)->kernel().IsExpensive()) << op;
  }
  const auto y = RunOp("IsFinite", test::AsTensor<float>(x));
  ASSERT_TRUE(y.ok()) << y.status();
  test::ExpectTensorEqual<bool>(*y, Bools(finite));
}

TEST(UnaryOpRegistrationTest, KernelsExistForTheRegisteredDtypesOnly) {
  const std::vector<DataType> floating = {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE};
  for (const char* op : {"Neg", "Abs", "Sign", "Square", "Round", "Sqrt", "Rsqrt", "Exp", "Log",
                         "Log1p", "Reciprocal", "Sigmoid", "Tanh", "Sin", "Cos", "Floor", "Ceil",
                         "IsNan", "IsInf", "IsFinite"}) {
    for (const DataType dtype : floating) {
      EXPECT_TRUE(test::KernelRunner::Create(UnaryNode(op, dtype)).ok())
          << op << " " << DataTypeString(dtype);
    }
  }
  for (const char* op : {"Neg", "Abs", "Sign", "Square", "Round"}) {
    for (const DataType dtype : {DT_INT32, DT_INT64}) {
      EXPECT_TRUE(test::KernelRunner::Create(UnaryNode(op, dtype)).ok())
          << op << " " << DataTypeString(dtype);
    }
    const auto missing = test::KernelRunner::Create(UnaryNode(op, DT_INT8));
    EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound) << op;
    EXPECT_THAT(missing.status().message(), HasSubstr("//kernels/cpu/math:math_kernels"));
  }
  const auto complex = test::KernelRunner::Create(UnaryNode("Exp", DT_COMPLEX64));
  EXPECT_EQ(complex.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rill
