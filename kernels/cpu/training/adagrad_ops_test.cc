// Tests of the CPU Adagrad kernels against values computed independently by this Python
// script (float arithmetic emulated by rounding every operation to float32):
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def rsqrt(r, a): return r(1 / r(math.sqrt(a)))
//   def dense(r, var, accum, lr, g):
//     for i in range(len(var)):
//       accum[i] = r(accum[i] + r(g[i] * g[i]))
//       var[i] = r(var[i] - r(r(g[i] * lr) * rsqrt(r, accum[i])))
//   def sparse(r, var, accum, lr, g, idx, width):
//     for i, row in enumerate(idx):
//       for k in range(width):
//         j, gk = row * width + k, g[i * width + k]
//         accum[j] = r(accum[j] + r(gk * gk))
//         if width == 1: var[j] = r(var[j] - r(r(lr * gk) / r(math.sqrt(accum[j]))))
//         else: var[j] = r(var[j] - r(r(lr * gk) * rsqrt(r, accum[j])))
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   for r in (f32, dbl):
//     var, accum = [r(1.0), r(-2.0), r(3.5)], [r(0.1), r(0.1), r(0.1)]
//     for step in range(2):
//       dense(r, var, accum, r(0.5), [r(0.25), r(-0.5), r(1.5)])
//       print('dense', r.__name__, step + 1, fmt(r, var), '|', fmt(r, accum))
//     var, accum = [r(x) for x in (1, 2, 3, 4, 5, 6, 7, 8)], [r(0.1)] * 8
//     sparse(r, var, accum, r(0.1), [r(x) for x in (0.1, -0.2, 0.3, 0.4, -0.5, 0.6)],
//            [3, 0, 3], 2)
//     print('sparse', r.__name__, fmt(r, var), '|', fmt(r, accum))
//     var, accum = [r(x) for x in (1, 2, 3)], [r(0.1)] * 3
//     sparse(r, var, accum, r(0.1), [r(x) for x in (0.1, -0.2, 0.3)], [2, 0, 2], 1)
//     print('sparse1', r.__name__, fmt(r, var), '|', fmt(r, accum))
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

TEST(ApplyAdagradOpTest, FloatAndDoubleTwoSteps) {
  TrainingKernel apply("ResourceApplyAdagrad", DT_FLOAT);
  const Tensor var = apply.Set("var", AsTensor<float>({1.0f, -2.0f, 3.5f}));
  const Tensor accum = apply.Set("accum", AsTensor<float>({0.1f, 0.1f, 0.1f}));
  const Tensor grad = AsTensor<float>({0.25f, -0.5f, 1.5f});
  RILL_CHECK_OK(apply.Run({var, accum, AsScalar(0.5f), grad}));
  test::ExpectTensorEqual<float>(apply.Value("var"),
                                 AsTensor<float>({0.689913154f, -1.57742286f, 3.01075387f}));
  RILL_CHECK_OK(apply.Run({var, accum, AsScalar(0.5f), grad}));
  test::ExpectTensorEqual<float>(apply.Value("var"),
                                 AsTensor<float>({0.426389992f, -1.2546742f, 2.66106462f}));
  test::ExpectTensorEqual<float>(apply.Value("accum"),
                                 AsTensor<float>({0.224999994f, 0.600000024f, 4.5999999f}));

  TrainingKernel apply_double("ResourceApplyAdagrad", DT_DOUBLE);
  const Tensor var_d = apply_double.Set("var", AsTensor<double>({1.0, -2.0, 3.5}));
  const Tensor accum_d = apply_double.Set("accum", AsTensor<double>({0.1, 0.1, 0.1}));
  const Tensor grad_d = AsTensor<double>({0.25, -0.5, 1.5});
  RILL_CHECK_OK(apply_double.Run({var_d, accum_d, AsScalar(0.5), grad_d}));
  RILL_CHECK_OK(apply_double.Run({var_d, accum_d, AsScalar(0.5), grad_d}));
  test::ExpectTensorEqual<double>(
      apply_double.Value("var"),
      AsTensor<double>({0.42639002517961389, -1.2546742604517904, 2.661064642119801}));
  test::ExpectTensorEqual<double>(
      apply_double.Value("accum"),
      AsTensor<double>({0.22500000000000001, 0.59999999999999998, 4.5999999999999996}));
}

TEST(ApplyAdagradOpTest, WithoutUpdateSlotsTheAccumulatorStays) {
  TrainingKernel apply("ResourceApplyAdagrad", DT_FLOAT, DT_INT64, {{"update_slots", false}});
  const Tensor var = apply.Set("var", AsTensor<float>({1}));
  const Tensor accum = apply.Set("accum", AsTensor<float>({4}));
  RILL_CHECK_OK(apply.Run({var, accum, AsScalar(0.5f), AsTensor<float>({2})}));
  // 1 - 2 * 0.5 / sqrt(4)
  test::ExpectTensorEqual<float>(apply.Value("var"), AsTensor<float>({0.5f}));
  test::ExpectTensorEqual<float>(apply.Value("accum"), AsTensor<float>({4}));
}

TEST(SparseApplyAdagradOpTest, RepeatedRowsUpdateInOrder) {
  TrainingKernel apply("ResourceSparseApplyAdagrad", DT_FLOAT, DT_INT32);
  const Tensor var = apply.Set("var", AsTensor<float>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}));
  const Tensor accum = apply.Set("accum", AsTensor<float>(std::vector<float>(8, 0.1f), {4, 2}));
  RILL_CHECK_OK(apply.Run({var, accum, AsScalar(0.1f),
                           AsTensor<float>({0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f}, {3, 2}),
                           AsTensor<int32_t>({3, 0, 3})}));
  test::ExpectTensorEqual<float>(
      apply.Value("var"),
      AsTensor<float>({0.931175292f, 1.92155361f, 3, 4, 5, 6, 7.05318213f, 7.9685998f}, {4, 2}));
  test::ExpectTensorEqual<float>(
      apply.Value("accum"),
      AsTensor<float>({0.189999998f, 0.26000002f, 0.1f, 0.1f, 0.1f, 0.1f, 0.360000014f, 0.5f},
                      {4, 2}));

  // Rows of one element divide by the square root, as TensorFlow's kernel does.
  TrainingKernel apply_double("ResourceSparseApplyAdagrad", DT_DOUBLE, DT_INT64);
  const Tensor var_d = apply_double.Set("var", AsTensor<double>({1, 2, 3}));
  const Tensor accum_d = apply_double.Set("accum", AsTensor<double>({0.1, 0.1, 0.1}));
  RILL_CHECK_OK(apply_double.Run({var_d, accum_d, AsScalar(0.1), AsTensor<double>({0.1, -0.2, 0.3}),
                                  AsTensor<int64_t>({2, 0, 2})}));
  test::ExpectTensorEqual<double>(apply_double.Value("var"),
                                  AsTensor<double>({1.0534522483824849, 2, 2.9027668262172299}));
  const Tensor wide_var = apply_double.Set("wide", AsTensor<double>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}));
  const Tensor wide_accum =
      apply_double.Set("wide_accum", AsTensor<double>(std::vector<double>(8, 0.1), {4, 2}));
  RILL_CHECK_OK(apply_double.Run({wide_var, wide_accum, AsScalar(0.1),
                                  AsTensor<double>({0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, {3, 2}),
                                  AsTensor<int64_t>({3, 0, 3})}));
  test::ExpectTensorEqual<double>(
      apply_double.Value("wide"),
      AsTensor<double>({0.93117527983883142, 1.9215535459447264, 3, 4, 5, 6, 7.0531821988755565,
                        7.9685994346400983},
                       {4, 2}));
}

TEST(SparseApplyAdagradOpTest, Errors) {
  TrainingKernel apply("ResourceSparseApplyAdagrad", DT_FLOAT, DT_INT32);
  const Tensor var = apply.Set("var", AsTensor<float>(std::vector<float>(6, 1.f), {3, 2}));
  const Tensor accum = apply.Set("accum", AsTensor<float>(std::vector<float>(6, 1.f), {3, 2}));
  const Tensor rows = AsTensor<float>({1, 1, 1, 1}, {2, 2});
  absl::Status status = apply.Run({var, accum, AsScalar(1.f), rows, AsTensor<int32_t>({0, -1})});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "indices[1] = -1 is not in [0, 3)")) << status;
  status = apply.Run({var, accum, AsTensor<float>({1}), rows, AsTensor<int32_t>({0, 1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "lr is not a scalar")) << status;
  status = apply.Run({var, apply.Set("narrow", AsTensor<float>({1, 1, 1}, {3, 1})), AsScalar(1.f),
                      rows, AsTensor<int32_t>({0, 1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and accum do not have the same shape"))
      << status;
  status = apply.Run({var, accum, AsScalar(1.f), AsTensor<float>({1, 1}), AsTensor<int32_t>({0, 1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and grad must have the same rank")) << status;
  test::ExpectTensorEqual<float>(apply.Value("var"),
                                 AsTensor<float>(std::vector<float>(6, 1.f), {3, 2}));
}

}  // namespace
}  // namespace rill
