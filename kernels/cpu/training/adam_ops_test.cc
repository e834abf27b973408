// Tests of the CPU ResourceApplyAdam kernel against values computed independently by this
// Python script (float arithmetic emulated by rounding every operation to float32):
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def adam(r, var, m, v, b1p, b2p, lr, b1, b2, eps, g, nesterov):
//     alpha = r(r(lr * r(math.sqrt(r(1 - b2p)))) / r(1 - b1p))
//     for i in range(len(var)):
//       m[i] = r(m[i] + r(r(g[i] - m[i]) * r(1 - b1)))
//       v[i] = r(v[i] + r(r(r(g[i] * g[i]) - v[i]) * r(1 - b2)))
//       step = r(r(r(g[i] * r(1 - b1)) + r(b1 * m[i])) * alpha) if nesterov else r(m[i] * alpha)
//       var[i] = r(var[i] - r(step / r(r(math.sqrt(v[i])) + eps)))
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   for r in (f32, dbl):
//     for nesterov in (False, True):
//       var, m, v = [r(1.0), r(-2.0), r(3.5)], [r(0.0)] * 3, [r(0.0)] * 3
//       b1, b2, b1p, b2p = r(0.9), r(0.999), r(0.9), r(0.999)
//       for step in range(2):
//         adam(r, var, m, v, b1p, b2p, r(0.01), b1, b2, r(1e-8), [r(0.25), r(-0.5), r(1.5)],
//              nesterov)
//         b1p, b2p = r(b1p * b1), r(b2p * b2)
//         print(r.__name__, nesterov, step + 1, fmt(r, var), '|', fmt(r, m), '|', fmt(r, v))
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/training/training_test_util.h"

namespace rill {
namespace {

using test::AsScalar;
using test::AsTensor;
using test::TrainingKernel;

// TwoSteps runs two Adam steps from var = [1, -2, 3.5], m = v = 0 with lr 0.01, beta1 0.9,
// beta2 0.999, epsilon 1e-8 and grad [0.25, -0.5, 1.5], the beta powers advancing as
// AdamOptimizer advances them.
template <typename T>
TrainingKernel TwoSteps(bool nesterov) {
  TrainingKernel apply("ResourceApplyAdam", DataTypeToEnum<T>::value, DT_INT64,
                       {{"use_nesterov", nesterov}});
  const Tensor var = apply.Set("var", AsTensor<T>({T(1.0), T(-2.0), T(3.5)}));
  const Tensor m = apply.Set("m", AsTensor<T>({0, 0, 0}));
  const Tensor v = apply.Set("v", AsTensor<T>({0, 0, 0}));
  const T beta1 = T(0.9);
  const T beta2 = T(0.999);
  T beta1_power = beta1;
  T beta2_power = beta2;
  for (int step = 0; step < 2; ++step) {
    RILL_CHECK_OK(apply.Run({var, m, v, AsScalar(beta1_power), AsScalar(beta2_power),
                             AsScalar(T(0.01)), AsScalar(beta1), AsScalar(beta2), AsScalar(T(1e-8)),
                             AsTensor<T>({T(0.25), T(-0.5), T(1.5)})}));
    beta1_power = beta1_power * beta1;
    beta2_power = beta2_power * beta2;
  }
  return apply;
}

TEST(ApplyAdamOpTest, Float) {
  TrainingKernel adam = TwoSteps<float>(false);
  test::ExpectTensorEqual<float>(adam.Value("var"),
                                 AsTensor<float>({0.980000079f, -1.98000002f, 3.48000002f}));
  test::ExpectTensorEqual<float>(adam.Value("m"),
                                 AsTensor<float>({0.0475000106f, -0.0950000212f, 0.285000056f}));
  test::ExpectTensorEqual<float>(
      adam.Value("v"), AsTensor<float>({0.00012493589f, 0.000499743561f, 0.00449769199f}));

  TrainingKernel nesterov = TwoSteps<float>(true);
  test::ExpectTensorEqual<float>(nesterov.Value("var"),
                                 AsTensor<float>({0.966736913f, -1.96673691f, 3.46673679f}));
}

TEST(ApplyAdamOpTest, Double) {
  TrainingKernel adam = TwoSteps<double>(false);
  test::ExpectTensorEqual<double>(
      adam.Value("var"),
      AsTensor<double>({0.98000002159559552, -1.9800000107978037, 3.4800000035992693}));
  test::ExpectTensorEqual<double>(
      adam.Value("m"),
      AsTensor<double>({0.047499999999999987, -0.094999999999999973, 0.28499999999999992}));
  test::ExpectTensorEqual<double>(
      adam.Value("v"),
      AsTensor<double>({0.0001249375000000001, 0.00049975000000000041, 0.0044977500000000035}));

  TrainingKernel nesterov = TwoSteps<double>(true);
  test::ExpectTensorEqual<double>(
      nesterov.Value("var"),
      AsTensor<double>({0.96673687889907844, -1.9667368605021813, 3.4667368482375718}));
}

TEST(ApplyAdamOpTest, LargeVariablesShard) {
  TrainingKernel apply("ResourceApplyAdam", DT_FLOAT);
  constexpr int64_t kSize = 1 << 18;
  const Tensor var = apply.Set("var", AsTensor<float>(std::vector<float>(kSize, 1.f)));
  const Tensor m = apply.Set("m", AsTensor<float>(std::vector<float>(kSize, 0.f)));
  const Tensor v = apply.Set("v", AsTensor<float>(std::vector<float>(kSize, 0.f)));
  RILL_CHECK_OK(apply.Run({var, m, v, AsScalar(0.9f), AsScalar(0.999f), AsScalar(0.01f),
                           AsScalar(0.9f), AsScalar(0.999f), AsScalar(1e-8f),
                           AsTensor<float>(std::vector<float>(kSize, 0.25f))}));
  // The first element of the float case above, everywhere.
  const Tensor result = apply.Value("var");
  for (int64_t i : {int64_t{0}, kSize / 3, kSize - 1}) {
    EXPECT_EQ(result.flat<float>()(i), 0.99000001f) << i;
  }
}

TEST(ApplyAdamOpTest, Errors) {
  TrainingKernel apply("ResourceApplyAdam", DT_FLOAT);
  const Tensor var = apply.Set("var", AsTensor<float>({1, 2}));
  const Tensor m = apply.Set("m", AsTensor<float>({0, 0}));
  const Tensor v = apply.Set("v", AsTensor<float>({0, 0, 0}));
  const Tensor one = AsScalar(0.5f);
  absl::Status status = apply.Run({var, m, v, one, one, one, one, one, one, AsTensor<float>({1, 1})});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "var and v do not have the same shape")) << status;
  status = apply.Run({var, m, m, one, one, one, one, AsTensor<float>({1}), one,
                      AsTensor<float>({1, 1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "beta2 is not a scalar: [1]")) << status;
  status = apply.Run({var, m, m, one, one, one, one, one, one, AsTensor<float>({1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and grad do not have the same shape"))
      << status;
  test::ExpectTensorEqual<float>(apply.Value("var"), AsTensor<float>({1, 2}));
}

}  // namespace
}  // namespace rill
