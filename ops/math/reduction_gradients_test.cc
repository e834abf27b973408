// Tests of the gradients of the reductions (Sum, Mean, Prod, Max, Min) and scans (Cumsum,
// Cumprod): numeric checks in double over single, several, negative, scalar and all axes,
// keep_dims, unknown shapes and axes computed at run time; Prod with zeros; exact values for
// Max ties and Mean; a float check.
#include <cstdint>
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

// ReductionFn builds a reduction of x over `axes` with keep_dims.
using ReductionFn =
    std::function<Output(const Scope&, const Output& x, const Input& axes, bool keep_dims)>;

template <typename Op>
ReductionFn Reduction() {
  return [](const Scope& scope, const Output& x, const Input& axes, bool keep_dims) -> Output {
    return Op(scope, x, axes, typename Op::Attrs().KeepDims(keep_dims));
  };
}

struct AxesCase {
  std::string name;
  TensorShape shape;
  Tensor axes;
};

std::vector<AxesCase> AxesCases() {
  return {
      {"axis 1 of [2,3]", TensorShape({2, 3}), test::AsTensor<int32_t>({1})},
      {"scalar axis 0 of [2,3]", TensorShape({2, 3}), test::AsScalar<int32_t>(0)},
      {"every axis of [2,3]", TensorShape({2, 3}), test::AsTensor<int32_t>({0, 1})},
      {"negative axis -1 of [2,3,2]", TensorShape({2, 3, 2}), test::AsTensor<int64_t>({-1})},
      {"axes 0 and 2 of [2,3,2]", TensorShape({2, 3, 2}), test::AsTensor<int32_t>({2, 0})},
      {"axis 0 of [4]", TensorShape({4}), test::AsTensor<int32_t>({0})},
      {"no axis of [2,2]", TensorShape({2, 2}), test::AsTensor<int32_t>({})},
  };
}

// AxesInput: how the axes reach the reduction.
enum class AxesInput { kConstant, kComputed };

// ExpectReductionGradients checks `fn` on every axes case, keep_dims or not, shapes known
// or not, axes constant or computed at run time (a PlaceholderWithDefault), over values in
// [lo, hi).
void ExpectReductionGradients(const ReductionFn& fn, double lo, double hi, double tolerance) {
  for (const AxesCase& c : AxesCases()) {
    for (const bool keep_dims : {false, true}) {
      for (const bool known : {true, false}) {
        for (const AxesInput axes_input : {AxesInput::kConstant, AxesInput::kComputed}) {
          SCOPED_TRACE(testing::Message()
                       << c.name << (keep_dims ? ", keep_dims" : "")
                       << (known ? "" : ", unknown shape")
                       << (axes_input == AxesInput::kComputed ? ", computed axes" : ""));
          const auto error = test::GradientError(
              [&](const Scope& scope, const std::vector<Output>& xs) {
                const Output axes = ops::Const(scope, c.axes);
                if (axes_input == AxesInput::kConstant) return fn(scope, xs[0], axes, keep_dims);
                return fn(scope, xs[0], ops::PlaceholderWithDefault(scope, axes, c.axes.shape()),
                          keep_dims);
              },
              {test::Spread(c.shape, lo, hi)}, known);
          ASSERT_TRUE(error.ok()) << error.status();
          EXPECT_LT(*error, tolerance);
        }
      }
    }
  }
}

TEST(ReductionGradientsTest, Sum) { ExpectReductionGradients(Reduction<ops::Sum>(), -2, 2, 1e-9); }

TEST(ReductionGradientsTest, Mean) {
  ExpectReductionGradients(Reduction<ops::Mean>(), -2, 2, 1e-9);
}

TEST(ReductionGradientsTest, Prod) {
  ExpectReductionGradients(Reduction<ops::Prod>(), 0.5, 1.5, 1e-8);
  ExpectReductionGradients(Reduction<ops::Prod>(), -1.5, -0.5, 1e-8);
}

// Spread values are pairwise distinct by more than a step: no ties for the numeric check.
TEST(ReductionGradientsTest, MaxAndMin) {
  ExpectReductionGradients(Reduction<ops::Max>(), -2, 2, 1e-9);
  ExpectReductionGradients(Reduction<ops::Min>(), -2, 2, 1e-9);
}

// A known rank with unknown dimensions: reducing every axis tiles by the shape computed in
// the graph; the other reductions compute their kept dimensions there.
TEST(ReductionGradientsTest, KnownRankUnknownDimensions) {
  Scope root = Scope::NewRootScope();
  const auto x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({-1, 3}));
  const std::vector<Output> ys = {ops::Sum(root, x, {0, 1}), ops::Mean(root, x, {1}),
                                  ops::Prod(root, x, {-1}, ops::Prod::KeepDims(true)),
                                  ops::Max(root, x, {0})};
  const auto error =
      ComputeGradientError(root, {x}, {test::Spread(TensorShape({2, 3}), 0.5, 1.5)}, ys);
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-9);
}

// A zero in a product: the others' product is its gradient, computed without dividing by it.
TEST(ReductionGradientsTest, ProdWithZeros) {
  for (const bool known : {true, false}) {
    const auto error = test::GradientError(
        [](const Scope& scope, const std::vector<Output>& xs) {
          return ops::Prod(scope, xs[0], {1}).output;
        },
        {test::AsTensor<double>({0, 2, 3, 0, 0, 5, 1.5, -2, 0.5}, TensorShape({3, 3}))}, known);
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 1e-9);
  }
  Scope root = Scope::NewRootScope();
  const auto x = ops::Const(root, {0.0, 2.0, 3.0});
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {ops::Prod(root, x, 0)}, {x}, &grads).ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({grads[0].dense()}, &out).ok());
  test::ExpectTensorEqual<double>(out[0], test::AsTensor<double>({6, 0, 0}));
}

// Max's gradient is shared among the maxima: [1 3 3] gives [0 0.5 0.5]; Min's of [[1 1 2]]
// over axis 1 gives [[0.5 0.5 0]]; Mean's of a [2,2] is 0.25 everywhere.
TEST(ReductionGradientsTest, ExactValues) {
  Scope root = Scope::NewRootScope();
  const auto x = ops::Const(root, {1.f, 3.f, 3.f});
  const auto m = ops::Const(root, {{1.f, 1.f, 2.f}});
  const auto a = ops::Const(root, {{1.f, 2.f}, {3.f, 4.f}});
  std::vector<Gradient> max_grad, min_grad, mean_grad;
  ASSERT_TRUE(AddSymbolicGradients(root, {ops::Max(root, x, 0)}, {x}, &max_grad).ok());
  ASSERT_TRUE(AddSymbolicGradients(root, {ops::Min(root, m, 1)}, {m}, &min_grad).ok());
  ASSERT_TRUE(AddSymbolicGradients(root, {ops::Mean(root, a, {0, 1})}, {a}, &mean_grad).ok());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      session.Run({max_grad[0].dense(), min_grad[0].dense(), mean_grad[0].dense()}, &out).ok());
  test::ExpectTensorEqual<float>(out[0], test::AsTensor<float>({0, 0.5, 0.5}));
  test::ExpectTensorEqual<float>(out[1], test::AsTensor<float>({0.5, 0.5, 0}, TensorShape({1, 3})));
  test::ExpectTensorEqual<float>(
      out[2], test::AsTensor<float>({0.25, 0.25, 0.25, 0.25}, TensorShape({2, 2})));
}

TEST(ReductionGradientsTest, FloatInputs) {
  const auto error = test::GradientError(
      [](const Scope& scope, const std::vector<Output>& xs) {
        return ops::Mean(scope, ops::Prod(scope, xs[0], {-1}, ops::Prod::KeepDims(true)), {0})
            .output;
      },
      {test::Spread(TensorShape({3, 2}), 0.5, 1.5, 1, DT_FLOAT)});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-2);
}

// ScanFn builds a scan of x along `axis`.
using ScanFn =
    std::function<Output(const Scope&, const Output& x, int axis, bool exclusive, bool reverse)>;

template <typename Op>
ScanFn Scan() {
  return [](const Scope& scope, const Output& x, int axis, bool exclusive, bool reverse) -> Output {
    return Op(scope, x, axis, typename Op::Attrs().Exclusive(exclusive).Reverse(reverse));
  };
}

void ExpectScanGradients(const ScanFn& fn, double lo, double hi, double tolerance) {
  for (const int axis : {0, 1, -1}) {
    for (const bool exclusive : {false, true}) {
      for (const bool reverse : {false, true}) {
        SCOPED_TRACE(testing::Message() << "axis " << axis << (exclusive ? ", exclusive" : "")
                                        << (reverse ? ", reverse" : ""));
        const auto error = test::GradientError(
            [&](const Scope& scope, const std::vector<Output>& xs) {
              return fn(scope, xs[0], axis, exclusive, reverse);
            },
            {test::Spread(TensorShape({3, 4}), lo, hi)});
        ASSERT_TRUE(error.ok()) << error.status();
        EXPECT_LT(*error, tolerance);
      }
    }
  }
}

TEST(ReductionGradientsTest, Cumsum) { ExpectScanGradients(Scan<ops::Cumsum>(), -2, 2, 1e-9); }

TEST(ReductionGradientsTest, Cumprod) {
  ExpectScanGradients(Scan<ops::Cumprod>(), 0.5, 1.5, 1e-8);
  ExpectScanGradients(Scan<ops::Cumprod>(), -1.5, -0.5, 1e-8);
}

}  // namespace
}  // namespace rill
