// Tests of what each binary functor of cwise_ops.h computes, through its CPU kernel: Sub,
// Div, RealDiv, FloorDiv, FloorMod, Maximum, Minimum, SquaredDifference, the comparisons,
// the logical ops and string Add, for every registered dtype, with the integer division
// and floating-point edge cases. Expected values are worked out by hand in the comments;
// the floor division and modulo values were checked with Python's // and %, which floor:
//   xs = [7, -7, 7, -7, 6, 0, -1]; ys = [2, 2, -2, -2, -3, 5, 3]
//   [x // y for x, y in zip(xs, ys)]  # [3, -4, -4, 3, -2, 0, -1]
//   [x % y for x, y in zip(xs, ys)]   # [1, 1, -1, -1, 0, 0, 2]
//   [int(x / y) for x, y in zip(xs, ys)]  # truncated: [3, -3, -3, 3, -2, 0, 0]
//   [a // b for a, b in [(-7.5, 2), (7.5, -2), (7.5, 2), (5, 2.5)]]  # [-4.0, -4.0, 3.0, 2.0]
//   [a % b for a, b in [(-7.5, 2), (7.5, -2), (7.5, 2), (5, 2.5)]]   # [0.5, -0.5, 1.5, 0.0]
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

tensorflow::NodeDef BinaryNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(
      NodeDefBuilder("z", op).Input("x", 0, dtype).Input("y", 0, dtype).Finalize(&def).ok());
  return def;
}

// Values builds a tensor of T from small integers (exact in every tested dtype).
template <typename T>
Tensor Values(const std::vector<int>& values, const TensorShape& shape) {
  std::vector<T> converted;
  converted.reserve(values.size());
  for (const int value : values) converted.push_back(static_cast<T>(value));
  return test::AsTensor<T>(converted, shape);
}

Tensor Bools(const std::vector<bool>& values, const TensorShape& shape) {
  return test::AsTensor<bool>(values, shape);
}

// Run runs `op` on x and y (of x's dtype) and returns its output, failing the test on error.
Tensor Compute(const std::string& op, const Tensor& x, const Tensor& y) {
  const auto out = test::RunKernel(BinaryNode(op, x.dtype()), {x, y});
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? (*out)[0] : Tensor();
}

template <typename T>
class CwiseOpsTest : public ::testing::Test {};

using Dtypes = ::testing::Types<int32_t, int64_t, float, double, Eigen::half, Eigen::bfloat16>;
TYPED_TEST_SUITE(CwiseOpsTest, Dtypes);

TYPED_TEST(CwiseOpsTest, SubMaximumMinimumSquaredDifference) {
  using T = TypeParam;
  const TensorShape shape({2, 2});
  const Tensor x = Values<T>({5, -3, 0, 7}, shape);
  const Tensor y = Values<T>({2, 4, 0, 9}, shape);
  // [5 -3 0 7] - [2 4 0 9] = [3 -7 0 -2].
  test::ExpectTensorEqual<T>(Compute("Sub", x, y), Values<T>({3, -7, 0, -2}, shape));
  test::ExpectTensorEqual<T>(Compute("Maximum", x, y), Values<T>({5, 4, 0, 9}, shape));
  test::ExpectTensorEqual<T>(Compute("Minimum", x, y), Values<T>({2, -3, 0, 7}, shape));
  // (x - y)^2 = [9 49 0 4].
  test::ExpectTensorEqual<T>(Compute("SquaredDifference", x, y), Values<T>({9, 49, 0, 4}, shape));
  // Broadcast: 10 - [[1 2] [3 4]] = [[9 8] [7 6]]; max([[1 5] [3 -2]], [2 4]) = [[2 5] [3 4]].
  test::ExpectTensorEqual<T>(
      Compute("Sub", Values<T>({10}, TensorShape({})), Values<T>({1, 2, 3, 4}, shape)),
      Values<T>({9, 8, 7, 6}, shape));
  test::ExpectTensorEqual<T>(
      Compute("Maximum", Values<T>({1, 5, 3, -2}, shape), Values<T>({2, 4}, TensorShape({2}))),
      Values<T>({2, 5, 3, 4}, shape));
  // min of column [1 6] and row [2 4 8] = [[1 1 1] [2 4 6]].
  test::ExpectTensorEqual<T>(Compute("Minimum", Values<T>({1, 6}, TensorShape({2, 1})),
                                     Values<T>({2, 4, 8}, TensorShape({3}))),
                             Values<T>({1, 1, 1, 2, 4, 6}, TensorShape({2, 3})));
  // (row [1 2 3] - column [[1] [3]])^2 = [[0 1 4] [4 1 0]].
  test::ExpectTensorEqual<T>(Compute("SquaredDifference", Values<T>({1, 2, 3}, TensorShape({3})),
                                     Values<T>({1, 3}, TensorShape({2, 1}))),
                             Values<T>({0, 1, 4, 4, 1, 0}, TensorShape({2, 3})));
}

TYPED_TEST(CwiseOpsTest, FloorDivAndFloorModRoundTowardNegativeInfinity) {
  using T = TypeParam;
  const TensorShape shape({7});
  const Tensor x = Values<T>({7, -7, 7, -7, 6, 0, -1}, shape);
  const Tensor y = Values<T>({2, 2, -2, -2, -3, 5, 3}, shape);
  // Python: x // y and x % y (see the file comment); the same for integers and floats.
  test::ExpectTensorEqual<T>(Compute("FloorDiv", x, y),
                             Values<T>({3, -4, -4, 3, -2, 0, -1}, shape));
  test::ExpectTensorEqual<T>(Compute("FloorMod", x, y), Values<T>({1, 1, -1, -1, 0, 0, 2}, shape));
  // Broadcast: [[-5] [5]] // [2 -2] = [[-3 2] [2 -3]]; % = [[1 -1] [1 -1]].
  const Tensor column = Values<T>({-5, 5}, TensorShape({2, 1}));
  const Tensor row = Values<T>({2, -2}, TensorShape({2}));
  test::ExpectTensorEqual<T>(Compute("FloorDiv", column, row),
                             Values<T>({-3, 2, 2, -3}, TensorShape({2, 2})));
  test::ExpectTensorEqual<T>(Compute("FloorMod", column, row),
                             Values<T>({1, -1, 1, -1}, TensorShape({2, 2})));
}

TYPED_TEST(CwiseOpsTest, ComparisonsGiveBools) {
  using T = TypeParam;
  const TensorShape shape({3});
  const Tensor x = Values<T>({1, 2, 3}, shape);
  const Tensor y = Values<T>({2, 2, 2}, shape);
  test::ExpectTensorEqual<bool>(Compute("Less", x, y), Bools({true, false, false}, shape));
  test::ExpectTensorEqual<bool>(Compute("LessEqual", x, y), Bools({true, true, false}, shape));
  test::ExpectTensorEqual<bool>(Compute("Greater", x, y), Bools({false, false, true}, shape));
  test::ExpectTensorEqual<bool>(Compute("GreaterEqual", x, y), Bools({false, true, true}, shape));
  test::ExpectTensorEqual<bool>(Compute("Equal", x, y), Bools({false, true, false}, shape));
  test::ExpectTensorEqual<bool>(Compute("NotEqual", x, y), Bools({true, false, true}, shape));
  // One element on either side: 2 < [1 2 3] = [F F T]; [1 2 3] >= 2 = [F T T].
  const Tensor two = Values<T>({2}, TensorShape({}));
  test::ExpectTensorEqual<bool>(Compute("Less", two, x), Bools({false, false, true}, shape));
  test::ExpectTensorEqual<bool>(Compute("GreaterEqual", x, two), Bools({false, true, true}, shape));
  // General broadcast: column [1 3] > row [0 2 4] = [[T F F] [T T F]].
  test::ExpectTensorEqual<bool>(
      Compute("Greater", Values<T>({1, 3}, TensorShape({2, 1})),
              Values<T>({0, 2, 4}, TensorShape({3}))),
      Bools({true, false, false, true, true, false}, TensorShape({2, 3})));
  // Empty inputs give an empty bool tensor.
  const Tensor empty = Values<T>({}, TensorShape({0, 2}));
  const Tensor out = Compute("Equal", empty, Values<T>({1, 2}, TensorShape({2})));
  EXPECT_EQ(out.dtype(), DT_BOOL);
  EXPECT_EQ(out.shape(), TensorShape({0, 2}));
}

TEST(CwiseOpsIntegerTest, DivTruncatesTowardZero) {
  // C++ (and TensorFlow's Div): [7 -7 7 -7 6 0 -1] / [2 2 -2 -2 -3 5 3] = [3 -3 -3 3 -2 0 0].
  const Tensor x32 = test::AsTensor<int32_t>({7, -7, 7, -7, 6, 0, -1});
  const Tensor y32 = test::AsTensor<int32_t>({2, 2, -2, -2, -3, 5, 3});
  test::ExpectTensorEqual<int32_t>(Compute("Div", x32, y32),
                                   test::AsTensor<int32_t>({3, -3, -3, 3, -2, 0, 0}));
  const Tensor x64 = test::AsTensor<int64_t>({7, -7, 7, -7, 6, 0, -1});
  const Tensor y64 = test::AsTensor<int64_t>({2, 2, -2, -2, -3, 5, 3});
  test::ExpectTensorEqual<int64_t>(Compute("Div", x64, y64),
                                   test::AsTensor<int64_t>({3, -3, -3, 3, -2, 0, 0}));
}

template <typename T>
void ExpectMostNegativeOverMinusOneWraps() {
  // The one overflowing quotient (a trap on x86) wraps: min / -1 = min, min mod -1 = 0.
  constexpr T kMin = std::numeric_limits<T>::min();
  const Tensor x = test::AsTensor<T>({kMin, kMin, 5});
  const Tensor y = test::AsTensor<T>({-1, 1, -1});
  test::ExpectTensorEqual<T>(Compute("Div", x, y), test::AsTensor<T>({kMin, kMin, -5}));
  test::ExpectTensorEqual<T>(Compute("FloorDiv", x, y), test::AsTensor<T>({kMin, kMin, -5}));
  test::ExpectTensorEqual<T>(Compute("FloorMod", x, y), test::AsTensor<T>({0, 0, 0}));
  // The same through the broadcast paths: min / [-1] and [min] / -1 as scalars.
  test::ExpectTensorEqual<T>(Compute("Div", test::AsScalar<T>(kMin), test::AsTensor<T>({-1, 2})),
                             test::AsTensor<T>({kMin, kMin / 2}));
  test::ExpectTensorEqual<T>(
      Compute("FloorMod", test::AsTensor<T>({kMin, 3}), test::AsScalar<T>(-1)),
      test::AsTensor<T>({0, 0}));
}

TEST(CwiseOpsIntegerTest, MostNegativeOverMinusOneWraps) {
  ExpectMostNegativeOverMinusOneWraps<int32_t>();
  ExpectMostNegativeOverMinusOneWraps<int64_t>();
}

template <typename T>
void ExpectDivisionByZeroRejected() {
  for (const char* op : {"Div", "FloorDiv", "FloorMod"}) {
    // Same shapes: the first zero divisor is named.
    auto out = test::RunKernel(BinaryNode(op, DataTypeToEnum<T>::value),
                               {test::AsTensor<T>({1, 2, 3, 4}, TensorShape({2, 2})),
                                test::AsTensor<T>({1, 2, 0, 0}, TensorShape({2, 2}))});
    ASSERT_FALSE(out.ok()) << op;
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(out.status().message(), HasSubstr("Integer division by zero: y[1,0] = 0"));
    EXPECT_THAT(out.status().message(), HasSubstr(absl::StrCat("(", op, ")")));
    // A broadcast zero and a scalar zero.
    out = test::RunKernel(BinaryNode(op, DataTypeToEnum<T>::value),
                          {test::AsTensor<T>({1, 2, 3, 4}, TensorShape({2, 2})),
                           test::AsTensor<T>({5, 0}, TensorShape({2}))});
    EXPECT_THAT(out.status().message(), HasSubstr("Integer division by zero: y[1] = 0"));
    out = test::RunKernel(BinaryNode(op, DataTypeToEnum<T>::value),
                          {test::AsTensor<T>({1, 2}), test::AsScalar<T>(0)});
    EXPECT_THAT(out.status().message(), HasSubstr("Integer division by zero: y = 0"));
    // No output element, no division: not an error.
    out = test::RunKernel(
        BinaryNode(op, DataTypeToEnum<T>::value),
        {test::AsTensor<T>({}, TensorShape({0, 2})), test::AsTensor<T>({0, 0}, TensorShape({2}))});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));
  }
}

TEST(CwiseOpsIntegerTest, DivisionByZeroIsAnErrorNamingTheDivisor) {
  ExpectDivisionByZeroRejected<int32_t>();
  ExpectDivisionByZeroRejected<int64_t>();
}

template <typename T>
void ExpectIeeeDivision() {
  const T inf = std::numeric_limits<T>::infinity();
  const T nan = std::numeric_limits<T>::quiet_NaN();
  // [7 -7 1 -1 0] / [2 2 0 0 0] = [3.5 -3.5 inf -inf nan], for Div and RealDiv alike.
  const Tensor x = test::AsTensor<T>({T(7), T(-7), T(1), T(-1), T(0)});
  const Tensor y = test::AsTensor<T>({T(2), T(2), T(0), T(0), T(0)});
  const Tensor expected = test::AsTensor<T>({T(3.5), T(-3.5), inf, -inf, nan});
  test::ExpectTensorNear<T>(Compute("Div", x, y), expected, 0);
  test::ExpectTensorNear<T>(Compute("RealDiv", x, y), expected, 0);
  // FloorDiv floors the rounded quotient: [-7.5 7.5 7.5 5] // [2 -2 2 2.5] = [-4 -4 3 2];
  // x // 0 is +-inf, 0 // 0 NaN.
  test::ExpectTensorNear<T>(
      Compute("FloorDiv", test::AsTensor<T>({T(-7.5), T(7.5), T(7.5), T(5), T(1), T(-1), T(0)}),
              test::AsTensor<T>({T(2), T(-2), T(2), T(2.5), T(0), T(0), T(0)})),
      test::AsTensor<T>({T(-4), T(-4), T(3), T(2), inf, -inf, nan}), 0);
  // FloorMod takes the divisor's sign: [-7.5 7.5 7.5 5] % [2 -2 2 2.5] = [0.5 -0.5 1.5 0];
  // x % 0 is NaN (from fmod).
  test::ExpectTensorNear<T>(
      Compute("FloorMod", test::AsTensor<T>({T(-7.5), T(7.5), T(7.5), T(5), T(1)}),
              test::AsTensor<T>({T(2), T(-2), T(2), T(2.5), T(0)})),
      test::AsTensor<T>({T(0.5), T(-0.5), T(1.5), T(0), nan}), 0);
}

TEST(CwiseOpsFloatingTest, DivisionFollowsIeee754) {
  ExpectIeeeDivision<float>();
  ExpectIeeeDivision<double>();
  ExpectIeeeDivision<Eigen::half>();
  ExpectIeeeDivision<Eigen::bfloat16>();
}

template <typename T>
void ExpectNaNBehaviour() {
  const T nan = std::numeric_limits<T>::quiet_NaN();
  const Tensor x = test::AsTensor<T>({nan, T(1), nan, T(2)});
  const Tensor y = test::AsTensor<T>({T(1), nan, nan, T(3)});
  // Maximum and Minimum propagate NaN from either side.
  test::ExpectTensorNear<T>(Compute("Maximum", x, y), test::AsTensor<T>({nan, nan, nan, T(3)}), 0);
  test::ExpectTensorNear<T>(Compute("Minimum", x, y), test::AsTensor<T>({nan, nan, nan, T(2)}), 0);
  // Every ordered comparison with NaN is false; NaN != NaN.
  const TensorShape shape({4});
  test::ExpectTensorEqual<bool>(Compute("Less", x, y), Bools({false, false, false, true}, shape));
  test::ExpectTensorEqual<bool>(Compute("GreaterEqual", x, y),
                                Bools({false, false, false, false}, shape));
  test::ExpectTensorEqual<bool>(Compute("Equal", x, y), Bools({false, false, false, false}, shape));
  test::ExpectTensorEqual<bool>(Compute("NotEqual", x, y), Bools({true, true, true, true}, shape));
  // The vectorized paths too: a NaN scalar against a long vector.
  const Tensor ones = test::AsTensor<T>(std::vector<T>(100, T(1)));
  test::ExpectTensorNear<T>(Compute("Maximum", ones, test::AsScalar<T>(nan)),
                            test::AsTensor<T>(std::vector<T>(100, nan)), 0);
  test::ExpectTensorNear<T>(Compute("Minimum", test::AsScalar<T>(nan), ones),
                            test::AsTensor<T>(std::vector<T>(100, nan)), 0);
}

TEST(CwiseOpsFloatingTest, NaNPropagatesThroughMaximumAndMinimumAndComparesFalse) {
  ExpectNaNBehaviour<float>();
  ExpectNaNBehaviour<double>();
  ExpectNaNBehaviour<Eigen::half>();
  ExpectNaNBehaviour<Eigen::bfloat16>();
}

TEST(CwiseOpsFloatingTest, FractionalValues) {
  // [1.5 -0.25] - [0.5 0.5] = [1 -0.75]; (1.5 - 0.5)^2 = 1, (-0.25 - 0.5)^2 = 0.5625.
  const Tensor x = test::AsTensor<double>({1.5, -0.25});
  const Tensor y = test::AsTensor<double>({0.5, 0.5});
  test::ExpectTensorEqual<double>(Compute("Sub", x, y), test::AsTensor<double>({1.0, -0.75}));
  test::ExpectTensorEqual<double>(Compute("SquaredDifference", x, y),
                                  test::AsTensor<double>({1.0, 0.5625}));
  // 0.1 < 0.2 and 0.3 > 0.2 in float.
  test::ExpectTensorEqual<bool>(
      Compute("Less", test::AsTensor<float>({0.1f, 0.3f}), test::AsTensor<float>({0.2f, 0.2f})),
      Bools({true, false}, TensorShape({2})));
}

TEST(CwiseOpsBoolAndStringTest, EqualityOnBoolsAndStrings) {
  const TensorShape shape({4});
  const Tensor a = Bools({true, true, false, false}, shape);
  const Tensor b = Bools({true, false, true, false}, shape);
  test::ExpectTensorEqual<bool>(Compute("Equal", a, b), Bools({true, false, false, true}, shape));
  test::ExpectTensorEqual<bool>(Compute("NotEqual", a, b),
                                Bools({false, true, true, false}, shape));

  const Tensor words = test::AsTensor<std::string>({"a", "bc", "", "bc"});
  test::ExpectTensorEqual<bool>(Compute("Equal", words, test::AsScalar<std::string>("bc")),
                                Bools({false, true, false, true}, shape));
  test::ExpectTensorEqual<bool>(
      Compute("NotEqual", words, test::AsTensor<std::string>({"a", "b", "", "c"})),
      Bools({false, true, false, true}, shape));
}

TEST(CwiseOpsBoolAndStringTest, AddConcatenatesStrings) {
  // ["a" "b"] + "!" = ["a!" "b!"]; [["x"] ["y"]] + ["1" "2"] = [["x1" "x2"] ["y1" "y2"]].
  test::ExpectTensorEqual<std::string>(
      Compute("Add", test::AsTensor<std::string>({"a", "b"}), test::AsScalar<std::string>("!")),
      test::AsTensor<std::string>({"a!", "b!"}));
  test::ExpectTensorEqual<std::string>(
      Compute("Add", test::AsTensor<std::string>({"x", "y"}, TensorShape({2, 1})),
              test::AsTensor<std::string>({"1", "2"})),
      test::AsTensor<std::string>({"x1", "x2", "y1", "y2"}, TensorShape({2, 2})));
}

tensorflow::NodeDef EqualityNode(const std::string& op, bool incompatible_shape_error) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("eq", op)
                  .Input("x", 0, DT_INT32)
                  .Input("y", 0, DT_INT32)
                  .Attr("incompatible_shape_error", incompatible_shape_error)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(CwiseOpsEqualityTest, IncompatibleShapesGiveAScalarWhenAsked) {
  const Tensor x = test::AsTensor<int32_t>({1, 2});
  const Tensor y = test::AsTensor<int32_t>({1, 2, 3});
  for (const auto& [op, result] : {std::pair<std::string, bool>{"Equal", false},
                                   std::pair<std::string, bool>{"NotEqual", true}}) {
    const auto scalar = test::RunKernel(EqualityNode(op, false), {x, y});
    ASSERT_TRUE(scalar.ok()) << scalar.status();
    test::ExpectTensorEqual<bool>((*scalar)[0], test::AsScalar<bool>(result));
    // Compatible shapes still compare element-wise.
    const auto same = test::RunKernel(EqualityNode(op, false), {x, x});
    ASSERT_TRUE(same.ok()) << same.status();
    test::ExpectTensorEqual<bool>((*same)[0], Bools({!result, !result}, TensorShape({2})));
    // The default (true) is an error.
    const auto error = test::RunKernel(EqualityNode(op, true), {x, y});
    EXPECT_THAT(error.status().message(), HasSubstr("Incompatible shapes: [2] vs. [3]"));
  }
}

tensorflow::NodeDef LogicalNode(const std::string& op, int inputs) {
  NodeDefBuilder builder("l", op);
  builder.Input("x", 0, DT_BOOL);
  if (inputs == 2) builder.Input("y", 0, DT_BOOL);
  tensorflow::NodeDef def;
  EXPECT_TRUE(builder.Finalize(&def).ok());
  return def;
}

TEST(CwiseOpsLogicalTest, AndOrBroadcastAndNotNegates) {
  const TensorShape shape({4});
  const Tensor a = Bools({true, true, false, false}, shape);
  const Tensor b = Bools({true, false, true, false}, shape);
  const auto run2 = [](const std::string& op, const Tensor& x, const Tensor& y) {
    const auto out = test::RunKernel(LogicalNode(op, 2), {x, y});
    EXPECT_TRUE(out.ok()) << out.status();
    return out.ok() ? (*out)[0] : Tensor();
  };
  test::ExpectTensorEqual<bool>(run2("LogicalAnd", a, b),
                                Bools({true, false, false, false}, shape));
  test::ExpectTensorEqual<bool>(run2("LogicalOr", a, b), Bools({true, true, true, false}, shape));
  // With a scalar, and with a column against a row.
  test::ExpectTensorEqual<bool>(run2("LogicalAnd", a, test::AsScalar<bool>(true)), a);
  test::ExpectTensorEqual<bool>(run2("LogicalOr", test::AsScalar<bool>(false), b), b);
  test::ExpectTensorEqual<bool>(run2("LogicalAnd", Bools({true, false}, TensorShape({2, 1})),
                                     Bools({true, false}, TensorShape({2}))),
                                Bools({true, false, false, false}, TensorShape({2, 2})));
  // Long enough to take the vectorized loop and its tail: 37 elements.
  std::vector<bool> x_values(37), y_values(37), and_values(37), or_values(37);
  for (int i = 0; i < 37; ++i) {
    x_values[i] = i % 2 == 0;
    y_values[i] = i % 3 == 0;
    and_values[i] = x_values[i] && y_values[i];
    or_values[i] = x_values[i] || y_values[i];
  }
  const TensorShape long_shape({37});
  test::ExpectTensorEqual<bool>(
      run2("LogicalAnd", Bools(x_values, long_shape), Bools(y_values, long_shape)),
      Bools(and_values, long_shape));
  test::ExpectTensorEqual<bool>(
      run2("LogicalOr", Bools(x_values, long_shape), Bools(y_values, long_shape)),
      Bools(or_values, long_shape));
  EXPECT_THAT(
      test::RunKernel(LogicalNode("LogicalOr", 2), {a, Bools({true, false}, TensorShape({2}))})
          .status()
          .message(),
      HasSubstr("Incompatible shapes: [4] vs. [2]"));

  const auto not_out = test::RunKernel(LogicalNode("LogicalNot", 1), {a});
  ASSERT_TRUE(not_out.ok()) << not_out.status();
  test::ExpectTensorEqual<bool>((*not_out)[0], Bools({false, false, true, true}, shape));
  const auto empty =
      test::RunKernel(LogicalNode("LogicalNot", 1), {Bools({}, TensorShape({0, 3}))});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)[0].shape(), TensorShape({0, 3}));
}

}  // namespace
}  // namespace rill
