// Tests of the learning-rate schedules at several global steps against values computed
// independently by this Python script (float arithmetic emulated by rounding every
// operation to float32; pow and cos may differ from the C library in the last bit), a
// schedule driving an optimizer, and the argument checks of PiecewiseConstant.
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   steps = (0, 1, 250, 999, 1000, 1500, 2500)
//   for staircase in (False, True):  # exponential_decay(0.1, step, 1000, 0.96, staircase)
//     p = [f32(f32(s) / 1000.0) for s in steps]
//     if staircase: p = [math.floor(x) for x in p]
//     print('exponential', staircase, ['%.9g' % f32(f32(0.1) * f32(f32(0.96) ** x)) for x in p])
//   for staircase in (False, True):  # inverse_time_decay(0.1, step, 1000, 0.5, staircase)
//     p = [f32(f32(s) / 1000.0) for s in steps]
//     if staircase: p = [math.floor(x) for x in p]
//     print('inverse_time', staircase,
//           ['%.9g' % f32(f32(0.1) / f32(1.0 + f32(f32(0.5) * x))) for x in p])
//   for cycle in (False, True):  # polynomial_decay(0.1, step, 1000, 0.01, power=0.5, cycle)
//     out = []
//     for s in steps:
//       step, decay_steps = f32(s), 1000.0
//       if cycle:
//         decay_steps = f32(decay_steps * (1.0 if step == 0 else math.ceil(f32(step / 1000.0))))
//       else:
//         step = min(step, decay_steps)
//       p = f32(step / decay_steps)
//       out.append('%.9g' % f32(f32(f32(f32(0.1) - f32(0.01)) * f32(f32(1 - p) ** 0.5)) + f32(0.01)))
//     print('polynomial', cycle, out)
//   for alpha in (0.0, 0.2):  # cosine_decay(0.1, step, 1000, alpha)
//     out = []
//     for s in steps:
//       fraction = f32(min(f32(s), 1000.0) / 1000.0)
//       cosine = f32(0.5 * f32(1.0 + f32(math.cos(f32(f32(math.pi) * fraction)))))
//       decayed = f32(f32(f32(1 - alpha) * cosine) + f32(alpha))
//       out.append('%.9g' % f32(f32(0.1) * decayed))
//     print('cosine', alpha, out)
#include "train/learning_rate_decay.h"

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "core/client/const_op.h"
#include "ops/array/array_ops.h"
#include "ops/state/variables.h"
#include "train/global_step.h"
#include "train/gradient_descent.h"

namespace rill {
namespace train {
namespace {

const std::vector<int64_t> kSteps = {0, 1, 250, 999, 1000, 1500, 2500};

// Schedule is a schedule's rate built on the global step.
using Schedule = std::function<Output(const Scope&, const ops::Variable& global_step)>;

// RatesAt sets the global step to each of `steps` and returns the rate there.
std::vector<float> RatesAt(const Schedule& schedule, const std::vector<int64_t>& steps = kSteps) {
  Scope root = Scope::NewRootScope();
  const ops::Variable global_step = GetOrCreateGlobalStep(root);
  const Output rate = schedule(root, global_step);
  const auto value = ops::Placeholder(root, DT_INT64);
  const Operation set = global_step.Assign(root, value);
  RILL_CHECK_OK(root.status());
  ClientSession session(root);
  std::vector<float> rates;
  for (const int64_t step : steps) {
    RILL_CHECK_OK(session.Run({{value, step}}, {}, {set}, nullptr));
    std::vector<Tensor> out;
    RILL_CHECK_OK(session.Run({rate}, &out));
    EXPECT_EQ(out[0].dtype(), DT_FLOAT);
    rates.push_back(out[0].scalar<float>()());
  }
  return rates;
}

void ExpectRates(const std::vector<float>& actual, const std::vector<float>& expected,
                 float tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], tolerance) << "at step " << kSteps[i];
  }
}

// Pow and cos may be a unit in the last place off Python's: 0.1 has ulps of 7.5e-9.
constexpr float kLastBits = 2e-8f;

TEST(LearningRateDecayTest, ExponentialDecay) {
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return ExponentialDecay(s, 0.1f, step, 1000, 0.96f);
              }),
              {0.100000001f, 0.0999959186f, 0.0989846438f, 0.0960039124f, 0.0960000008f,
               0.0940604061f, 0.0902979895f},
              kLastBits);
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return ExponentialDecay(s, 0.1f, step, 1000, 0.96f, /*staircase=*/true);
              }),
              {0.100000001f, 0.100000001f, 0.100000001f, 0.100000001f, 0.0960000008f,
               0.0960000008f, 0.0921600014f},
              kLastBits);
}

TEST(LearningRateDecayTest, InverseTimeDecay) {
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return InverseTimeDecay(s, 0.1f, step, 1000, 0.5f);
              }),
              {0.100000001f, 0.0999500304f, 0.088888891f, 0.0666888952f, 0.0666666701f,
               0.0571428575f, 0.0444444455f},
              0);
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return InverseTimeDecay(s, 0.1f, step, 1000, 0.5f, /*staircase=*/true);
              }),
              {0.100000001f, 0.100000001f, 0.100000001f, 0.100000001f, 0.0666666701f,
               0.0666666701f, 0.0500000007f},
              0);
}

TEST(LearningRateDecayTest, PolynomialDecay) {
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return PolynomialDecay(s, 0.1f, step, 1000, 0.01f, 0.5f);
              }),
              {0.100000001f, 0.0999549851f, 0.0879422873f, 0.0128460312f, 0.00999999978f,
               0.00999999978f, 0.00999999978f},
              kLastBits);
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return PolynomialDecay(s, 0.1f, step, 1000, 0.01f, 0.5f, /*cycle=*/true);
              }),
              {0.100000001f, 0.0999549851f, 0.0879422873f, 0.0128460312f, 0.00999999978f,
               0.0549999997f, 0.0467423499f},
              kLastBits);
}

TEST(LearningRateDecayTest, CosineDecay) {
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return CosineDecay(s, 0.1f, step, 1000);
              }),
              {0.100000001f, 0.0999997482f, 0.0853553414f, 2.47359282e-07f, 0, 0, 0}, kLastBits);
  ExpectRates(RatesAt([](const Scope& s, const ops::Variable& step) {
                return CosineDecay(s, 0.1f, step, 1000, 0.2);
              }),
              {0.100000001f, 0.0999998003f, 0.0882842764f, 0.0200001989f, 0.0200000014f,
               0.0200000014f, 0.0200000014f},
              kLastBits);
}

TEST(LearningRateDecayTest, PiecewiseConstant) {
  const std::vector<float> rates = RatesAt(
      [](const Scope& s, const ops::Variable& step) {
        return PiecewiseConstant(s, step, {100, 1000}, {1.0f, 0.5f, 0.1f});
      },
      {0, 99, 100, 101, 999, 1000, 1001, 5000});
  EXPECT_EQ(rates, (std::vector<float>{1.0f, 1.0f, 1.0f, 0.5f, 0.5f, 0.5f, 0.1f, 0.1f}));
}

TEST(LearningRateDecayTest, DrivesAnOptimizerStepByStep) {
  // Rates 1, 0.5, 0.25 at steps 0, 1, 2 on a gradient of 1: w = 0 - 1 - 0.5 - 0.25. Each
  // step reads the global step before incrementing it.
  Scope root = Scope::NewRootScope();
  const ops::Variable global_step = GetOrCreateGlobalStep(root);
  ops::Variable w(root.WithOpName("w"), 0.0f);
  GradientDescentOptimizer optimizer(
      ExponentialDecay(root, 1.0f, global_step, 1, 0.5f, /*staircase=*/true));
  absl::StatusOr<Operation> step =
      optimizer.ApplyGradients(root, {{ops::Const(root, 1.0f), w}}, global_step);
  ASSERT_TRUE(step.ok()) << step.status();
  ClientSession session(root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(root)}, nullptr));
  for (int i = 0; i < 3; ++i) RILL_CHECK_OK(session.Run({}, {}, {*step}, nullptr));
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run({w.value(), global_step.value()}, &out));
  EXPECT_EQ(out[0].scalar<float>()(), -1.75f);
  EXPECT_EQ(out[1].scalar<int64_t>()(), 3);
}

TEST(LearningRateDecayTest, PiecewiseConstantChecksItsArguments) {
  Scope root = Scope::NewRootScope();
  PiecewiseConstant(root, int64_t{5}, {100, 200}, {1.0f, 0.5f});
  EXPECT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(),
                                "The length of boundaries should be 1 less than the length of "
                                "values"))
      << root.status();

  Scope other = Scope::NewRootScope();
  PiecewiseConstant(other, int64_t{5}, {100}, {1.0f, 0.5});
  EXPECT_FALSE(other.ok());
  EXPECT_TRUE(absl::StrContains(other.status().message(),
                                "Values must have elements all with the same dtype"))
      << other.status();
}

}  // namespace
}  // namespace train
}  // namespace rill
