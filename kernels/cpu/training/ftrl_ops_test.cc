// Tests of the CPU FTRL kernels against values computed independently by this Python script
// (float arithmetic emulated by rounding every operation to float32):
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def sign(x): return (x > 0) - (x < 0)
//   def ftrl(r, var, accum, linear, g, lr, l1, l2, l2_shrinkage, lr_power):
//     power = (lambda a: r(math.sqrt(a))) if lr_power == -0.5 else (lambda a: r(a ** -lr_power))
//     for i in range(len(var)):
//       grad = r(g[i] + r(r(2 * l2_shrinkage) * var[i]))
//       new_accum = r(accum[i] + r(grad * grad))
//       linear[i] = r(linear[i] + r(grad - r(r(r(power(new_accum) - power(accum[i])) / lr)
//                                            * var[i])))
//       x = r(r(l1 * sign(linear[i])) - linear[i])
//       y = r(r(power(new_accum) / lr) + r(2 * l2))
//       var[i] = r(x / y) if abs(linear[i]) > l1 else 0.0
//       accum[i] = new_accum
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   for r in (f32, dbl):
//     for shrinkage, power in ((0.0, -0.5), (0.0, -0.25), (0.2, -0.5)):
//       var, accum, linear = [r(0.0), r(-1.0), r(2.0)], [r(0.1)] * 3, [r(0.0)] * 3
//       for step in range(2):
//         ftrl(r, var, accum, linear, [r(0.01), r(-0.5), r(1.5)], r(0.5), r(0.05), r(0.1),
//              r(shrinkage), r(power))
//       print(r.__name__, shrinkage, power, fmt(r, var), '|', fmt(r, accum), '|', fmt(r, linear))
//
// The powers other than -0.5 go through pow, whose last bit may differ from Python's.
#include <string>
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

// Hyperparameters of every case: lr 0.5, l1 0.05, l2 0.1, then (V2) l2_shrinkage, then
// lr_power.
template <typename T>
std::vector<Tensor> Hyperparameters(bool v2, T shrinkage, T lr_power) {
  std::vector<Tensor> inputs = {AsScalar(T(0.5)), AsScalar(T(0.05)), AsScalar(T(0.1))};
  if (v2) inputs.push_back(AsScalar(shrinkage));
  inputs.push_back(AsScalar(lr_power));
  return inputs;
}

// Train applies two dense steps of grad [0.01, -0.5, 1.5] to var [0, -1, 2] (accum 0.1,
// linear 0), or, when `sparse`, one sparse step that names each row twice, which is the
// same thing.
template <typename T>
TrainingKernel Train(bool sparse, bool v2, T shrinkage, T lr_power) {
  const std::string op = std::string(sparse ? "ResourceSparseApplyFtrl" : "ResourceApplyFtrl") +
                         (v2 ? "V2" : "");
  TrainingKernel apply(op, DataTypeToEnum<T>::value);
  const Tensor var = apply.Set("var", AsTensor<T>({T(0), T(-1), T(2)}));
  const Tensor accum = apply.Set("accum", AsTensor<T>({T(0.1), T(0.1), T(0.1)}));
  const Tensor linear = apply.Set("linear", AsTensor<T>({T(0), T(0), T(0)}));
  const std::vector<Tensor> hyper = Hyperparameters<T>(v2, shrinkage, lr_power);
  if (sparse) {
    std::vector<Tensor> inputs = {var, accum, linear,
                                  AsTensor<T>({T(1.5), T(-0.5), T(0.01), T(-0.5), T(1.5), T(0.01)}),
                                  AsTensor<int64_t>({2, 1, 0, 1, 2, 0})};
    inputs.insert(inputs.end(), hyper.begin(), hyper.end());
    RILL_CHECK_OK(apply.Run(inputs));
  } else {
    for (int step = 0; step < 2; ++step) {
      std::vector<Tensor> inputs = {var, accum, linear, AsTensor<T>({T(0.01), T(-0.5), T(1.5)})};
      inputs.insert(inputs.end(), hyper.begin(), hyper.end());
      RILL_CHECK_OK(apply.Run(inputs));
    }
  }
  return apply;
}

TEST(ApplyFtrlOpTest, FloatDenseAndSparse) {
  for (bool sparse : {false, true}) {
    TrainingKernel ftrl = Train<float>(sparse, false, 0, -0.5f);
    test::ExpectTensorEqual<float>(ftrl.Value("var"),
                                   AsTensor<float>({0, 0.228127047f, 0.681513846f}));
    test::ExpectTensorEqual<float>(ftrl.Value("accum"),
                                   AsTensor<float>({0.100200005f, 0.600000024f, 4.5999999f}));
    test::ExpectTensorEqual<float>(ftrl.Value("linear"),
                                   AsTensor<float>({0.0199999996f, -0.449038357f, -3.10967135f}));

    TrainingKernel power = Train<float>(sparse, false, 0, -0.25f);
    test::ExpectTensorNear<float>(power.Value("var"),
                                  AsTensor<float>({0, 0.275990546f, -0.016541956f}), 1e-6);
    test::ExpectTensorNear<float>(power.Value("linear"),
                                  AsTensor<float>({0.0199999996f, -0.59100318f, 0.101759791f}),
                                  1e-6);

    TrainingKernel shrinkage = Train<float>(sparse, true, 0.2f, -0.5f);
    test::ExpectTensorEqual<float>(shrinkage.Value("var"),
                                   AsTensor<float>({0, 0.0368890055f, 0.85796994f}));
    test::ExpectTensorEqual<float>(shrinkage.Value("accum"),
                                   AsTensor<float>({0.100200005f, 1.2255671f, 9.26465225f}));
  }
}

TEST(ApplyFtrlOpTest, DoubleDenseAndSparse) {
  for (bool sparse : {false, true}) {
    TrainingKernel ftrl = Train<double>(sparse, false, 0, -0.5);
    test::ExpectTensorEqual<double>(
        ftrl.Value("var"), AsTensor<double>({0, 0.2281270858640963, 0.68151388010372427}));
    test::ExpectTensorEqual<double>(
        ftrl.Value("linear"),
        AsTensor<double>({0.02, -0.44903837892100901, -3.1096716383852288}));

    TrainingKernel power = Train<double>(sparse, false, 0, -0.25);
    test::ExpectTensorNear<double>(
        power.Value("var"), AsTensor<double>({0, 0.27599056364386942, -0.016541900010005536}),
        1e-15);

    TrainingKernel shrinkage = Train<double>(sparse, true, 0.2, -0.5);
    test::ExpectTensorEqual<double>(
        shrinkage.Value("var"),
        AsTensor<double>({0, 0.036889000500465931, 0.85796992516656145}));
    test::ExpectTensorEqual<double>(
        shrinkage.Value("accum"),
        AsTensor<double>({0.10020000000000001, 1.2255671436678772, 9.2646517743175281}));
  }
}

TEST(ApplyFtrlOpTest, HyperparametersAreChecked) {
  TrainingKernel apply("ResourceApplyFtrl", DT_FLOAT);
  const Tensor var = apply.Set("var", AsTensor<float>({1}));
  const Tensor accum = apply.Set("accum", AsTensor<float>({0.1f}));
  const Tensor linear = apply.Set("linear", AsTensor<float>({0}));
  const Tensor grad = AsTensor<float>({1});
  const auto run = [&](float lr, float l1, float l2, float lr_power) {
    return apply.Run({var, accum, linear, grad, AsScalar(lr), AsScalar(l1), AsScalar(l2),
                      AsScalar(lr_power)});
  };
  EXPECT_TRUE(absl::StrContains(run(0, 0, 0, -0.5f).message(), "lr is not a positive scalar: 0"));
  EXPECT_TRUE(absl::StrContains(run(1, -1, 0, -0.5f).message(),
                                "l1 regularization strength is not a non-negative scalar: -1"));
  EXPECT_TRUE(absl::StrContains(run(1, 0, -2, -0.5f).message(),
                                "l2 regularization strength is not a non-negative scalar"));
  EXPECT_TRUE(
      absl::StrContains(run(1, 0, 0, 0.5f).message(), "lr_power is not a non-positive scalar"));
  absl::Status status = apply.Run({var, accum, linear, grad, AsTensor<float>({1, 1}), AsScalar(0.f),
                                   AsScalar(0.f), AsScalar(-0.5f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "lr is not a positive scalar: shape [2]"))
      << status;
  status = apply.Run({var, accum, apply.Set("long", AsTensor<float>({0, 0})), grad, AsScalar(1.f),
                      AsScalar(0.f), AsScalar(0.f), AsScalar(-0.5f)});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and linear do not have the same shape"))
      << status;
  test::ExpectTensorEqual<float>(apply.Value("var"), AsTensor<float>({1}));

  TrainingKernel apply_v2("ResourceSparseApplyFtrlV2", DT_DOUBLE, DT_INT32);
  const Tensor var_d = apply_v2.Set("var", AsTensor<double>({1, 2}));
  const Tensor accum_d = apply_v2.Set("accum", AsTensor<double>({0.1, 0.1}));
  const Tensor linear_d = apply_v2.Set("linear", AsTensor<double>({0, 0}));
  status = apply_v2.Run({var_d, accum_d, linear_d, AsTensor<double>({1}), AsTensor<int32_t>({0}),
                         AsScalar(1.0), AsScalar(0.0), AsScalar(0.0), AsScalar(-0.1),
                         AsScalar(-0.5)});
  EXPECT_TRUE(absl::StrContains(status.message(),
                                "l2 shrinkage regularization strength is not a non-negative scalar"))
      << status;
  status = apply_v2.Run({var_d, accum_d, linear_d, AsTensor<double>({1}), AsTensor<int32_t>({2}),
                         AsScalar(1.0), AsScalar(0.0), AsScalar(0.0), AsScalar(0.0),
                         AsScalar(-0.5)});
  EXPECT_TRUE(absl::StrContains(status.message(), "indices[0] = 2 is not in [0, 2)")) << status;
}

}  // namespace
}  // namespace rill
