// Tests of the CPU momentum kernels against values computed independently by this Python
// script (float arithmetic emulated by rounding every operation to float32):
//
//   import struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def dense(r, var, accum, lr, g, mu, nesterov):
//     for i in range(len(var)):
//       accum[i] = r(r(accum[i] * mu) + g[i])
//       step = r(r(g[i] * lr) + r(r(accum[i] * mu) * lr)) if nesterov else r(accum[i] * lr)
//       var[i] = r(var[i] - step)
//   def sparse(r, var, accum, lr, g, idx, mu, nesterov, width):
//     for i, row in enumerate(idx):
//       for k in range(width):
//         j, gk = row * width + k, g[i * width + k]
//         accum[j] = r(r(accum[j] * mu) + gk)
//         step = r(r(lr * gk) + r(r(lr * mu) * accum[j])) if nesterov else r(lr * accum[j])
//         var[j] = r(var[j] - step)
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   for r in (f32, dbl):
//     for nesterov in (False, True):
//       var, accum = [r(1.0), r(-2.0), r(3.5)], [r(0.1), r(0.0), r(-0.3)]
//       for step in range(2):
//         dense(r, var, accum, r(0.5), [r(0.25), r(-0.5), r(1.5)], r(0.9), nesterov)
//         print(r.__name__, nesterov, step + 1, fmt(r, var), '|', fmt(r, accum))
//     var = [r(x) for x in (1, 2, 3, 4, 5, 6, 7, 8)]
//     accum = [r(0.5)] * 8
//     sparse(r, var, accum, r(0.1), [r(x) for x in (0.1, -0.2, 0.3, 0.4, -0.5, 0.6)],
//            [3, 0, 3], r(0.9), False, 2)
//     print('sparse', r.__name__, fmt(r, var), '|', fmt(r, accum))
#include <string>

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

TEST(ApplyMomentumOpTest, FloatTwoSteps) {
  for (bool nesterov : {false, true}) {
    TrainingKernel apply("ResourceApplyMomentum", DT_FLOAT, DT_INT64, {{"use_nesterov", nesterov}});
    const Tensor var = apply.Set("var", AsTensor<float>({1.0f, -2.0f, 3.5f}));
    const Tensor accum = apply.Set("accum", AsTensor<float>({0.1f, 0.0f, -0.3f}));
    for (int step = 0; step < 2; ++step) {
      RILL_CHECK_OK(apply.Run({var, accum, AsScalar<float>(0.5f),
                               AsTensor<float>({0.25f, -0.5f, 1.5f}), AsScalar<float>(0.9f)}));
    }
    test::ExpectTensorEqual<float>(apply.Value("accum"),
                                   AsTensor<float>({0.555999994f, -0.949999988f, 2.60699987f}));
    if (nesterov) {
      test::ExpectTensorEqual<float>(apply.Value("var"),
                                     AsTensor<float>({0.346799999f, -0.847499967f, 0.27335012f}));
    } else {
      test::ExpectTensorEqual<float>(apply.Value("var"),
                                     AsTensor<float>({0.551999986f, -1.27499998f, 1.58150005f}));
    }
  }
}

TEST(ApplyMomentumOpTest, DoubleTwoSteps) {
  for (bool nesterov : {false, true}) {
    TrainingKernel apply("ResourceApplyMomentum", DT_DOUBLE, DT_INT64,
                         {{"use_nesterov", nesterov}});
    const Tensor var = apply.Set("var", AsTensor<double>({1.0, -2.0, 3.5}));
    const Tensor accum = apply.Set("accum", AsTensor<double>({0.1, 0.0, -0.3}));
    RILL_CHECK_OK(apply.Run({var, accum, AsScalar<double>(0.5), AsTensor<double>({0.25, -0.5, 1.5}),
                             AsScalar<double>(0.9)}));
    if (nesterov) {
      test::ExpectTensorEqual<double>(
          apply.Value("var"),
          AsTensor<double>({0.72199999999999998, -1.5249999999999999, 2.1964999999999999}));
    } else {
      test::ExpectTensorEqual<double>(
          apply.Value("var"),
          AsTensor<double>({0.82999999999999996, -1.75, 2.8849999999999998}));
    }
    RILL_CHECK_OK(apply.Run({var, accum, AsScalar<double>(0.5), AsTensor<double>({0.25, -0.5, 1.5}),
                             AsScalar<double>(0.9)}));
    test::ExpectTensorEqual<double>(
        apply.Value("accum"),
        AsTensor<double>({0.55600000000000005, -0.94999999999999996, 2.6070000000000002}));
    if (nesterov) {
      test::ExpectTensorEqual<double>(
          apply.Value("var"),
          AsTensor<double>({0.34679999999999994, -0.84749999999999992, 0.27334999999999976}));
    } else {
      test::ExpectTensorEqual<double>(
          apply.Value("var"),
          AsTensor<double>({0.55199999999999994, -1.2749999999999999, 1.5814999999999997}));
    }
  }
}

TEST(ApplyMomentumOpTest, HalfUpdates) {
  TrainingKernel apply("ResourceApplyMomentum", DT_HALF);
  const Tensor var = apply.Set("var", AsTensor<Eigen::half>({Eigen::half(1.0f)}));
  const Tensor accum = apply.Set("accum", AsTensor<Eigen::half>({Eigen::half(0.5f)}));
  RILL_CHECK_OK(apply.Run({var, accum, AsScalar<Eigen::half>(Eigen::half(0.5f)),
                           AsTensor<Eigen::half>({Eigen::half(0.25f)}),
                           AsScalar<Eigen::half>(Eigen::half(0.5f))}));
  // accum = 0.5 * 0.5 + 0.25 = 0.5; var = 1 - 0.5 * 0.5 = 0.75, exact in half.
  test::ExpectTensorEqual<Eigen::half>(apply.Value("var"),
                                       AsTensor<Eigen::half>({Eigen::half(0.75f)}));
}

TEST(SparseApplyMomentumOpTest, RepeatedRowsUpdateInOrder) {
  TrainingKernel apply("ResourceSparseApplyMomentum", DT_FLOAT, DT_INT32);
  const Tensor var = apply.Set("var", AsTensor<float>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}));
  const Tensor accum = apply.Set("accum", AsTensor<float>(std::vector<float>(8, 0.5f), {4, 2}));
  RILL_CHECK_OK(apply.Run({var, accum, AsScalar<float>(0.1f),
                           AsTensor<float>({0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f}, {3, 2}),
                           AsTensor<int32_t>({3, 0, 3}), AsScalar<float>(0.9f)}));
  test::ExpectTensorEqual<float>(
      apply.Value("var"),
      AsTensor<float>({0.925000012f, 1.91499996f, 3, 4, 5, 6, 6.94550037f, 7.89249992f}, {4, 2}));
  test::ExpectTensorEqual<float>(
      apply.Value("accum"),
      AsTensor<float>({0.75f, 0.850000024f, 0.5f, 0.5f, 0.5f, 0.5f, -0.00499999523f, 0.824999988f},
                      {4, 2}));

  TrainingKernel apply_double("ResourceSparseApplyMomentum", DT_DOUBLE, DT_INT64);
  const Tensor var_d = apply_double.Set("var", AsTensor<double>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}));
  const Tensor accum_d =
      apply_double.Set("accum", AsTensor<double>(std::vector<double>(8, 0.5), {4, 2}));
  RILL_CHECK_OK(apply_double.Run({var_d, accum_d, AsScalar<double>(0.1),
                                  AsTensor<double>({0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, {3, 2}),
                                  AsTensor<int64_t>({3, 0, 3}), AsScalar<double>(0.9)}));
  test::ExpectTensorEqual<double>(
      apply_double.Value("var"),
      AsTensor<double>({0.92500000000000004, 1.915, 3, 4, 5, 6, 6.9455, 7.8925000000000001},
                       {4, 2}));
}

TEST(SparseApplyMomentumOpTest, AValueReadBeforeAnUpdateNeverChanges) {
  for (bool use_locking : {false, true}) {
    TrainingKernel apply("ResourceSparseApplyMomentum", DT_FLOAT, DT_INT64,
                         {{"use_locking", use_locking}});
    const Tensor var = apply.Set("var", AsTensor<float>({1, 2}, {2, 1}));
    const Tensor accum = apply.Set("accum", AsTensor<float>({0, 0}, {2, 1}));
    const Tensor before = apply.Value("var");  // Shares the variable's buffer.
    RILL_CHECK_OK(apply.Run({var, accum, AsScalar(1.f), AsTensor<float>({0.5f}, {1, 1}),
                             AsTensor<int64_t>({1}), AsScalar(0.f)}));
    test::ExpectTensorEqual<float>(before, AsTensor<float>({1, 2}, {2, 1}));
    test::ExpectTensorEqual<float>(apply.Value("var"), AsTensor<float>({1, 1.5f}, {2, 1}));
  }
}

TEST(ApplyMomentumOpTest, Errors) {
  TrainingKernel apply("ResourceApplyMomentum", DT_FLOAT);
  const Tensor var = apply.Set("var", AsTensor<float>({1, 2}));
  const Tensor accum = apply.Set("accum", AsTensor<float>({0, 0}));
  const Tensor grad = AsTensor<float>({1, 1});
  absl::Status status = apply.Run({var, accum, AsTensor<float>({1, 1}), grad, AsScalar(0.9f)});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "lr is not a scalar: [2]")) << status;
  status = apply.Run({var, accum, AsScalar(1.f), grad, AsTensor<float>({1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "momentum is not a scalar")) << status;
  status = apply.Run({var, accum, AsScalar(1.f), AsTensor<float>({1, 1, 1}), AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(),
                                "var and grad do not have the same shape: var var has shape [2], "
                                "grad has [3]"))
      << status;
  const Tensor wide = apply.Set("wide", AsTensor<float>({0, 0, 0}));
  status = apply.Run({var, wide, AsScalar(1.f), grad, AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and accum do not have the same shape"))
      << status;
  status = apply.Run({var, apply.Handle("missing", DT_FLOAT), AsScalar(1.f), grad, AsScalar(0.9f)});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "Attempting to use uninitialized value missing"))
      << status;
  const Tensor doubles = apply.Set("doubles", AsTensor<double>({0, 0}));
  status = apply.Run({var, doubles, AsScalar(1.f), grad, AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "Trying to read variable doubles with wrong dtype"))
      << status;
  // Nothing was written by the failed runs.
  test::ExpectTensorEqual<float>(apply.Value("var"), AsTensor<float>({1, 2}));
}

TEST(SparseApplyMomentumOpTest, Errors) {
  TrainingKernel apply("ResourceSparseApplyMomentum", DT_FLOAT, DT_INT64);
  const Tensor var = apply.Set("var", AsTensor<float>({1, 2, 3, 4}, {2, 2}));
  const Tensor accum = apply.Set("accum", AsTensor<float>({0, 0, 0, 0}, {2, 2}));
  const Tensor rows = AsTensor<float>({1, 1, 1, 1}, {2, 2});
  absl::Status status =
      apply.Run({var, accum, AsScalar(1.f), rows, AsTensor<int64_t>({1, 2}), AsScalar(0.9f)});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "indices[1] = 2 is not in [0, 2)")) << status;
  status = apply.Run({var, accum, AsScalar(1.f), rows, AsTensor<int64_t>({0}), AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(),
                                "grad must be the same size as indices in the first dimension"))
      << status;
  status = apply.Run({var, accum, AsScalar(1.f), AsTensor<float>({1, 1, 1}, {1, 3}),
                      AsTensor<int64_t>({0}), AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and grad must match in dimension 1"))
      << status;
  status = apply.Run({var, accum, AsScalar(1.f), rows, AsTensor<int64_t>({0, 1}, {1, 2}),
                      AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "indices must be one-dimensional")) << status;
  const Tensor scalar = apply.Set("scalar", AsScalar(1.f));
  status = apply.Run({scalar, apply.Set("scalar_accum", AsScalar(0.f)), AsScalar(1.f),
                      AsTensor<float>({1}), AsTensor<int64_t>({0}), AsScalar(0.9f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "var must be at least 1 dimensional")) << status;
  test::ExpectTensorEqual<float>(apply.Value("var"), AsTensor<float>({1, 2, 3, 4}, {2, 2}));
}

}  // namespace
}  // namespace rill
