// Tests of the gradients of the element-wise binary math ops, Select/SelectV2, AddN and
// Cast: numeric checks in double over equal, broadcast (vector, [2,1] by [1,3], scalar) and
// unknown shapes, a float check, exact values on scalars, and the gradients that do not flow.
#include <functional>
#include <string>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/gradient.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradients.h"
#include "ops/math/gradient_testutil.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

using BinaryFn = std::function<Output(const Scope&, const Output&, const Output&)>;

template <typename Op>
BinaryFn Binary() {
  return [](const Scope& scope, const Output& x, const Output& y) -> Output {
    return Op(scope, x, y);
  };
}

struct ShapePair {
  TensorShape x, y;
};

// The shape pairs every broadcasting op is checked on.
std::vector<ShapePair> ShapePairs() {
  return {{TensorShape({2, 3}), TensorShape({2, 3})}, {TensorShape({2, 3}), TensorShape({3})},
          {TensorShape({2, 1}), TensorShape({1, 3})}, {TensorShape({}), TensorShape({2, 3})},
          {TensorShape({2, 3}), TensorShape({})},     {TensorShape({3}), TensorShape({2, 1, 3})}};
}

// ExpectBinaryGradients checks `fn`'s gradients in x and y on every shape pair, with shapes
// known and unknown, x's values in [x_lo, x_hi) and y's in [y_lo, y_hi).
void ExpectBinaryGradients(const BinaryFn& fn, double x_lo, double x_hi, double y_lo, double y_hi,
                           double tolerance) {
  for (const ShapePair& shapes : ShapePairs()) {
    for (const bool known : {true, false}) {
      SCOPED_TRACE(testing::Message()
                   << shapes.x << " with " << shapes.y << (known ? "" : ", unknown shapes"));
      const auto error = test::GradientError(
          [&](const Scope& scope, const std::vector<Output>& xs) {
            return fn(scope, xs[0], xs[1]);
          },
          {test::Spread(shapes.x, x_lo, x_hi, 1), test::Spread(shapes.y, y_lo, y_hi, 4)}, known);
      ASSERT_TRUE(error.ok()) << error.status();
      EXPECT_LT(*error, tolerance);
    }
  }
}

// Sums, differences and products are at most quadratic: central differences are exact up
// to rounding.
TEST(CwiseGradientsTest, AddSubMul) {
  ExpectBinaryGradients(Binary<ops::Add>(), -2, 2, -2, 2, 1e-9);
  ExpectBinaryGradients(Binary<ops::AddV2>(), -2, 2, -2, 2, 1e-9);
  ExpectBinaryGradients(Binary<ops::Sub>(), -2, 2, -2, 2, 1e-9);
  ExpectBinaryGradients(Binary<ops::Mul>(), -2, 2, -2, 2, 1e-9);
  ExpectBinaryGradients(Binary<ops::SquaredDifference>(), -2, 2, -2, 2, 1e-9);
}

// Quotients and powers: central differences err by about f''' * 1e-6 / 6.
TEST(CwiseGradientsTest, DivAndRealDiv) {
  ExpectBinaryGradients(Binary<ops::Div>(), -2, 2, 1, 2, 1e-5);
  ExpectBinaryGradients(Binary<ops::RealDiv>(), -2, 2, -2, -1, 1e-5);
}

TEST(CwiseGradientsTest, Pow) { ExpectBinaryGradients(Binary<ops::Pow>(), 1, 2, -1, 2, 1e-5); }

// Pow at bases <= 0 with integral exponents: the gradient in x is y * x^(y - 1) as anywhere
// (checked numerically); the one in y is 0, TensorFlow's choice where log x is not real.
TEST(CwiseGradientsTest, PowAtNonPositiveBases) {
  const auto error = test::GradientError(
      [](const Scope& scope, const std::vector<Output>& xs) {
        return ops::Pow(scope, xs[0], {2.0, 3.0, 2.0}).z;
      },
      {test::AsTensor<double>({-1.5, 0.5, -0.25})});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-6);

  Scope root = Scope::NewRootScope();
  const auto x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2}));
  const auto y = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2}));
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {ops::Pow(root, x, y)}, {y}, &grads).ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session
                  .Run({{x, test::AsTensor<double>({-2, 0})}, {y, test::AsTensor<double>({2, 3})}},
                       {grads[0].dense()}, &out)
                  .ok());
  test::ExpectTensorEqual<double>(out[0], test::AsTensor<double>({0, 0}));
}

TEST(CwiseGradientsTest, MaximumAndMinimum) {
  // x in [-1, 1) and y in [-0.95, 1.05): never within a step of each other.
  ExpectBinaryGradients(Binary<ops::Maximum>(), -1, 1, -0.95, 1.05, 1e-9);
  ExpectBinaryGradients(Binary<ops::Minimum>(), -1, 1, -0.95, 1.05, 1e-9);
}

// Ties go to x, as TensorFlow's x >= y (Maximum) and x <= y (Minimum) masks say.
TEST(CwiseGradientsTest, MaximumAndMinimumTiesGoToX) {
  for (const bool maximum : {true, false}) {
    Scope root = Scope::NewRootScope();
    const auto x = ops::Const(root, {1.0, 2.0, 3.0});
    const auto y = ops::Const(root, {2.0, 2.0, 2.0});
    const Output z = maximum ? Output(ops::Maximum(root, x, y)) : Output(ops::Minimum(root, x, y));
    std::vector<Gradient> grads;
    ASSERT_TRUE(AddSymbolicGradients(root, {z}, {x, y}, &grads).ok());
    ClientSession session(root);
    std::vector<Tensor> out;
    ASSERT_TRUE(session.Run({grads[0].dense(), grads[1].dense()}, &out).ok());
    test::ExpectTensorEqual<double>(out[0],
                                    test::AsTensor<double>(maximum ? std::vector<double>{0, 1, 1}
                                                                   : std::vector<double>{1, 1, 0}));
    test::ExpectTensorEqual<double>(out[1],
                                    test::AsTensor<double>(maximum ? std::vector<double>{1, 0, 0}
                                                                   : std::vector<double>{0, 0, 1}));
  }
}

// FloorMod's x / y stays at least 0.04 away from an integer on these values (a jump of
// floor(x / y) would break the numeric derivative).
TEST(CwiseGradientsTest, FloorMod) {
  const Tensor x = test::AsTensor<double>({2.3, 5.1, -3.7, 4.6, 7.9, -1.2}, TensorShape({2, 3}));
  for (const bool known : {true, false}) {
    const auto error = test::GradientError(
        [](const Scope& scope, const std::vector<Output>& xs) {
          return ops::FloorMod(scope, xs[0], xs[1]).z;
        },
        {x, test::AsTensor<double>({1.5, -2.2, 2.5})}, known);
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 1e-9);
  }
}

TEST(CwiseGradientsTest, FloatInputs) {
  const auto error = test::GradientError(
      [](const Scope& scope, const std::vector<Output>& xs) {
        return ops::Mul(scope, ops::Sub(scope, xs[0], xs[1]), xs[0]).z;
      },
      {test::Spread(TensorShape({2, 3}), -1, 1, 1, DT_FLOAT),
       test::Spread(TensorShape({3}), -1, 1, 2, DT_FLOAT)});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-2);
}

// Square, Sub, Mul and Add on scalars, to the exact numbers: at x = 3, y = 5,
// d(x^2)/dx = 6; d(x - y) = (1, -1); d(x * y) = (y, x) = (5, 3); d(x + y) = (1, 1).
TEST(CwiseGradientsTest, ScalarValuesAreExact) {
  Scope root = Scope::NewRootScope();
  const auto x = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({}));
  const auto y = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({}));
  const std::vector<Output> fns = {ops::Square(root, x), ops::Sub(root, x, y), ops::Mul(root, x, y),
                                   ops::Add(root, x, y)};
  const std::vector<std::vector<float>> expected = {{6, 0}, {1, -1}, {5, 3}, {1, 1}};
  ClientSession session(root);
  for (size_t i = 0; i < fns.size(); ++i) {
    SCOPED_TRACE(i);
    std::vector<Gradient> grads;
    ASSERT_TRUE(
        AddSymbolicGradients(root, {fns[i]}, {x, y}, &grads, {UnconnectedGradients::kZero}).ok());
    std::vector<Tensor> out;
    ASSERT_TRUE(session
                    .Run({{x, test::AsScalar<float>(3)}, {y, test::AsScalar<float>(5)}},
                         {grads[0].dense(), grads[1].dense()}, &out)
                    .ok());
    test::ExpectTensorEqual<float>(out[0], test::AsScalar<float>(expected[i][0]));
    test::ExpectTensorEqual<float>(out[1], test::AsScalar<float>(expected[i][1]));
  }
  // And one composite: f = x^2 + x * y - y, df/dx = 2x + y = 11, df/dy = x - 1 = 2.
  const Output f = ops::Sub(root, ops::Add(root, ops::Square(root, x), ops::Mul(root, x, y)), y);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {f}, {x, y}, &grads).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session
                  .Run({{x, test::AsScalar<float>(3)}, {y, test::AsScalar<float>(5)}},
                       {grads[0].dense(), grads[1].dense()}, &out)
                  .ok());
  test::ExpectTensorEqual<float>(out[0], test::AsScalar<float>(11));
  test::ExpectTensorEqual<float>(out[1], test::AsScalar<float>(2));
}

TEST(CwiseGradientsTest, SelectAndSelectV2) {
  const Tensor condition =
      test::AsTensor<bool>({true, false, false, true, true, false}, TensorShape({2, 3}));
  const auto select = test::GradientError(
      [&](const Scope& scope, const std::vector<Output>& xs) {
        return ops::Select(scope, ops::Const(scope, condition), xs[0], xs[1]).output;
      },
      {test::Spread(TensorShape({2, 3}), -1, 1, 1), test::Spread(TensorShape({2, 3}), -1, 1, 2)});
  ASSERT_TRUE(select.ok()) << select.status();
  EXPECT_LT(*select, 1e-9);

  // Select with a vector condition picks whole rows.
  const auto rows = test::GradientError(
      [&](const Scope& scope, const std::vector<Output>& xs) {
        return ops::Select(scope, ops::Const(scope, {false, true}), xs[0], xs[1]).output;
      },
      {test::Spread(TensorShape({2, 3}), -1, 1, 1), test::Spread(TensorShape({2, 3}), -1, 1, 2)});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_LT(*rows, 1e-9);

  // SelectV2 broadcasts a [2,1] condition, a [3] t and a scalar e to [2,3].
  for (const bool known : {true, false}) {
    const auto v2 = test::GradientError(
        [&](const Scope& scope, const std::vector<Output>& xs) {
          return ops::SelectV2(scope, ops::Const(scope, {{true}, {false}}), xs[0], xs[1]).output;
        },
        {test::Spread(TensorShape({3}), -1, 1, 1), test::Spread(TensorShape({}), -1, 1, 2)}, known);
    ASSERT_TRUE(v2.ok()) << v2.status();
    EXPECT_LT(*v2, 1e-9);
  }
}

TEST(CwiseGradientsTest, AddN) {
  const auto error = test::GradientError(
      [](const Scope& scope, const std::vector<Output>& xs) {
        return ops::AddN(scope, {xs[0], xs[1], xs[0]}).sum;
      },
      {test::Spread(TensorShape({2, 3}), -1, 1, 1), test::Spread(TensorShape({2, 3}), -1, 1, 2)});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-9);
}

TEST(CwiseGradientsTest, CastBetweenFloatingTypes) {
  // double -> float -> double: the numeric side sees float rounding (about 1e-7 / 1e-3).
  const auto error = test::GradientError(
      [](const Scope& scope, const std::vector<Output>& xs) {
        return ops::Cast(scope, ops::Mul(scope, ops::Cast(scope, xs[0], DT_FLOAT), 2.f), DT_DOUBLE)
            .y;
      },
      {test::Spread(TensorShape({2, 3}), -1, 1)});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-3);
}

// No gradient flows through a cast to or from an integer type, nor through integer ops.
TEST(CwiseGradientsTest, IntegerPathsHaveNoGradient) {
  Scope root = Scope::NewRootScope();
  const auto x = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({3}));
  const auto as_int = ops::Add(root, ops::Cast(root, x, DT_INT32), 1);
  const auto back = ops::Cast(root, as_int, DT_FLOAT);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {back}, {x}, &grads).ok());
  EXPECT_TRUE(grads[0].is_none());
}

}  // namespace
}  // namespace rill
