// Tests of the gradients of the element-wise unary math ops and of their gradient ops
// (second derivatives): numeric checks in double on each function's domain, with shapes
// known and unknown, a float check, and exact values where the formulas give them.
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

using UnaryFn = std::function<Output(const Scope&, const Output&)>;

template <typename Op>
UnaryFn Unary() {
  return [](const Scope& scope, const Output& x) -> Output { return Op(scope, x); };
}

struct UnaryCase {
  std::string name;
  UnaryFn fn;
  double lo, hi;  // the domain the values are spread over
  double tolerance;
};

std::vector<UnaryCase> UnaryCases() {
  return {
      {"Abs", Unary<ops::Abs>(), 0.1, 2, 1e-9},
      {"Abs of negatives", Unary<ops::Abs>(), -2, -0.1, 1e-9},
      {"Neg", Unary<ops::Neg>(), -2, 2, 1e-9},
      {"Reciprocal", Unary<ops::Reciprocal>(), 0.5, 2, 1e-5},
      {"Reciprocal of negatives", Unary<ops::Reciprocal>(), -2, -0.5, 1e-5},
      {"Square", Unary<ops::Square>(), -2, 2, 1e-9},
      {"Sqrt", Unary<ops::Sqrt>(), 0.5, 2, 1e-6},
      {"Rsqrt", Unary<ops::Rsqrt>(), 0.5, 2, 1e-5},
      {"Exp", Unary<ops::Exp>(), -2, 2, 1e-6},
      {"Log", Unary<ops::Log>(), 0.5, 2, 1e-5},
      {"Log1p", Unary<ops::Log1p>(), -0.5, 2, 1e-5},
      {"Sigmoid", Unary<ops::Sigmoid>(), -3, 3, 1e-7},
      {"Tanh", Unary<ops::Tanh>(), -2, 2, 1e-6},
      {"Sin", Unary<ops::Sin>(), -3, 3, 1e-6},
      {"Cos", Unary<ops::Cos>(), -3, 3, 1e-6},
      {"Sign", Unary<ops::Sign>(), 0.1, 2, 1e-9},
  };
}

TEST(UnaryGradientsTest, NumericChecks) {
  for (const UnaryCase& c : UnaryCases()) {
    for (const bool known : {true, false}) {
      SCOPED_TRACE(c.name + (known ? "" : ", unknown shape"));
      const auto error = test::GradientError(
          [&](const Scope& scope, const std::vector<Output>& xs) { return c.fn(scope, xs[0]); },
          {test::Spread(TensorShape({2, 3}), c.lo, c.hi)}, known);
      ASSERT_TRUE(error.ok()) << error.status();
      EXPECT_LT(*error, c.tolerance);
    }
  }
}

TEST(UnaryGradientsTest, FloatInputs) {
  for (const UnaryCase& c : UnaryCases()) {
    SCOPED_TRACE(c.name);
    const auto error = test::GradientError(
        [&](const Scope& scope, const std::vector<Output>& xs) { return c.fn(scope, xs[0]); },
        {test::Spread(TensorShape({4}), c.lo, c.hi, 1, DT_FLOAT)});
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 2e-2);
  }
}

// Exact values: at x = 0, sigmoid' = 0.25 and tanh' = 1; at x = 4, sqrt' = 0.5 / 2 = 0.25,
// rsqrt' = -0.5 * 0.5^3 = -0.0625, reciprocal' = -(0.25^2) = -0.0625, square' = 8,
// log' = 0.25; log1p'(3) = 0.25; exp'(0) = 1; abs'(-4) = -1; sign' = 0; neg' = -1.
TEST(UnaryGradientsTest, ExactValues) {
  struct Exact {
    UnaryFn fn;
    float x, gradient;
  };
  const std::vector<Exact> cases = {
      {Unary<ops::Sigmoid>(), 0, 0.25},
      {Unary<ops::Tanh>(), 0, 1},
      {Unary<ops::Sqrt>(), 4, 0.25},
      {Unary<ops::Rsqrt>(), 4, -0.0625},
      {Unary<ops::Reciprocal>(), 4, -0.0625},
      {Unary<ops::Square>(), 4, 8},
      {Unary<ops::Log>(), 4, 0.25},
      {Unary<ops::Log1p>(), 3, 0.25},
      {Unary<ops::Exp>(), 0, 1},
      {Unary<ops::Abs>(), -4, -1},
      {Unary<ops::Sign>(), -4, 0},
      {Unary<ops::Neg>(), 4, -1},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(i);
    Scope root = Scope::NewRootScope();
    const auto x = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({}));
    std::vector<Gradient> grads;
    ASSERT_TRUE(AddSymbolicGradients(root, {cases[i].fn(root, x)}, {x}, &grads).ok());
    ClientSession session(root);
    std::vector<Tensor> out;
    ASSERT_TRUE(
        session.Run({{x, test::AsScalar<float>(cases[i].x)}}, {grads[0].dense()}, &out).ok());
    test::ExpectTensorEqual<float>(out[0], test::AsScalar<float>(cases[i].gradient));
  }
}

struct GradOpCase {
  std::string name;
  std::function<Output(const Scope&, const Output&, const Output&)> fn;
  double lo, hi;  // the domain of y
};

std::vector<GradOpCase> GradOpCases() {
  return {
      {"SigmoidGrad",
       [](const Scope& s, const Output& y, const Output& dy) -> Output {
         return ops::SigmoidGrad(s, y, dy);
       },
       0.1, 0.9},
      {"TanhGrad",
       [](const Scope& s, const Output& y, const Output& dy) -> Output {
         return ops::TanhGrad(s, y, dy);
       },
       -0.9, 0.9},
      {"SqrtGrad",
       [](const Scope& s, const Output& y, const Output& dy) -> Output {
         return ops::SqrtGrad(s, y, dy);
       },
       1, 2},
      {"RsqrtGrad",
       [](const Scope& s, const Output& y, const Output& dy) -> Output {
         return ops::RsqrtGrad(s, y, dy);
       },
       0.5, 2},
      {"ReciprocalGrad",
       [](const Scope& s, const Output& y, const Output& dy) -> Output {
         return ops::ReciprocalGrad(s, y, dy);
       },
       0.5, 2},
  };
}

// The gradient ops' own gradients, in both their inputs.
TEST(UnaryGradientsTest, GradientOpsNumericChecks) {
  for (const GradOpCase& c : GradOpCases()) {
    SCOPED_TRACE(c.name);
    const auto error = test::GradientError(
        [&](const Scope& scope, const std::vector<Output>& xs) {
          return c.fn(scope, xs[0], xs[1]);
        },
        {test::Spread(TensorShape({2, 3}), c.lo, c.hi, 1),
         test::Spread(TensorShape({2, 3}), -2, 2, 3)});
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 1e-5);
  }
}

// Second derivatives: the gradient of (the gradient of f at x, scaled by dy) in x and dy,
// through the gradient ops the first differentiation built.
TEST(UnaryGradientsTest, SecondDerivatives) {
  const std::vector<UnaryCase> cases = {
      {"Sigmoid", Unary<ops::Sigmoid>(), -2, 2, 1e-6},
      {"Tanh", Unary<ops::Tanh>(), -1, 1, 1e-5},
      {"Sqrt", Unary<ops::Sqrt>(), 0.5, 2, 1e-5},
      {"Rsqrt", Unary<ops::Rsqrt>(), 0.5, 2, 1e-5},
      {"Reciprocal", Unary<ops::Reciprocal>(), 1, 2, 1e-5},
      {"Square", Unary<ops::Square>(), -2, 2, 1e-9},
      {"Exp", Unary<ops::Exp>(), -1, 1, 1e-6},
      {"Log", Unary<ops::Log>(), 0.5, 2, 1e-5},
  };
  for (const UnaryCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto error = test::GradientError(
        [&](const Scope& scope, const std::vector<Output>& xs) {
          std::vector<Gradient> grads;
          EXPECT_TRUE(
              AddSymbolicGradients(scope, {c.fn(scope, xs[0])}, {xs[0]}, {xs[1]}, &grads).ok());
          return grads[0].dense();
        },
        {test::Spread(TensorShape({2, 3}), c.lo, c.hi, 1),
         test::Spread(TensorShape({2, 3}), -2, 2, 3)});
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, c.tolerance);
  }
}

}  // namespace
}  // namespace rill
