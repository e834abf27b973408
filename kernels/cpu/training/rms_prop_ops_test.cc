// Tests of the CPU RMSProp kernels against values computed independently by this Python
// script (float arithmetic emulated by rounding every operation to float32):
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def dense(r, var, mg, ms, mom, lr, rho, momentum, eps, g, centered):
//     for i in range(len(var)):
//       ms[i] = r(ms[i] + r(r(r(g[i] * g[i]) - ms[i]) * r(1 - rho)))
//       if centered:
//         mg[i] = r(mg[i] + r(r(g[i] - mg[i]) * r(1 - rho)))
//         denominator = r(math.sqrt(r(r(ms[i] - r(mg[i] * mg[i])) + eps)))
//       else:
//         denominator = r(math.sqrt(r(ms[i] + eps)))
//       mom[i] = r(r(mom[i] * momentum) + r(r(g[i] * lr) / denominator))
//       var[i] = r(var[i] - mom[i])
//   def sparse(r, var, mg, ms, mom, lr, rho, momentum, eps, g, idx, centered):
//     for i, j in enumerate(idx):
//       ms[j] = r(r(ms[j] * rho) + r(r(g[i] * g[i]) * r(1 - rho)))
//       if centered:
//         mg[j] = r(r(mg[j] * rho) + r(g[i] * r(1 - rho)))
//         denominator = r(r(ms[j] + eps) - r(mg[j] * mg[j]))
//       else:
//         denominator = r(ms[j] + eps)
//       mom[j] = r(r(mom[j] * momentum) + r(r(r(1 / r(math.sqrt(denominator))) * lr) * g[i]))
//       var[j] = r(var[j] - mom[j])
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   for r in (f32, dbl):
//     for centered in (False, True):
//       for kind in ('dense', 'sparse'):
//         var, mg, ms, mom = [r(1.0), r(-2.0), r(3.5)], [r(0.0)] * 3, [r(1.0)] * 3, [r(0.0)] * 3
//         for step in range(2):
//           if kind == 'dense':
//             dense(r, var, mg, ms, mom, r(0.01), r(0.9), r(0.5), r(1e-10),
//                   [r(0.25), r(-0.5), r(1.5)], centered)
//           else:
//             sparse(r, var, mg, ms, mom, r(0.01), r(0.9), r(0.5), r(1e-10),
//                    [r(1.5), r(0.25)], [2, 0], centered)
//         print(r.__name__, centered, kind, fmt(r, var), '|', fmt(r, mg), '|', fmt(r, ms), '|',
//               fmt(r, mom))
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

// TwoSteps runs two steps from var [1, -2, 3.5], mg 0, ms 1, mom 0 with lr 0.01, rho 0.9,
// momentum 0.5, epsilon 1e-10: dense with grad [0.25, -0.5, 1.5], or sparse with rows
// [2, 0] and grad [1.5, 0.25] (so row 1 stays).
template <typename T>
TrainingKernel TwoSteps(bool centered, bool sparse) {
  const std::string op = std::string(sparse ? "ResourceSparseApply" : "ResourceApply") +
                         (centered ? "CenteredRMSProp" : "RMSProp");
  TrainingKernel apply(op, DataTypeToEnum<T>::value);
  std::vector<Tensor> inputs = {apply.Set("var", AsTensor<T>({T(1.0), T(-2.0), T(3.5)}))};
  if (centered) inputs.push_back(apply.Set("mg", AsTensor<T>({0, 0, 0})));
  inputs.push_back(apply.Set("ms", AsTensor<T>({1, 1, 1})));
  inputs.push_back(apply.Set("mom", AsTensor<T>({0, 0, 0})));
  for (T scalar : {T(0.01), T(0.9), T(0.5), T(1e-10)}) inputs.push_back(AsScalar(scalar));
  if (sparse) {
    inputs.push_back(AsTensor<T>({T(1.5), T(0.25)}));
    inputs.push_back(AsTensor<int64_t>({2, 0}));
  } else {
    inputs.push_back(AsTensor<T>({T(0.25), T(-0.5), T(1.5)}));
  }
  RILL_CHECK_OK(apply.Run(inputs));
  RILL_CHECK_OK(apply.Run(inputs));
  return apply;
}

TEST(ApplyRMSPropOpTest, Float) {
  TrainingKernel dense = TwoSteps<float>(false, false);
  test::ExpectTensorEqual<float>(dense.Value("var"),
                                 AsTensor<float>({0.99330318f, -1.98680246f, 3.46530294f}));
  test::ExpectTensorEqual<float>(dense.Value("ms"),
                                 AsTensor<float>({0.821874976f, 0.857499957f, 1.23750007f}));
  test::ExpectTensorEqual<float>(dense.Value("mom"),
                                 AsTensor<float>({0.00407070154f, -0.00799886882f, 0.0205550641f}));

  TrainingKernel sparse = TwoSteps<float>(false, true);
  test::ExpectTensorEqual<float>(sparse.Value("var"), AsTensor<float>({0.99330318f, -2, 3.46530294f}));
  test::ExpectTensorEqual<float>(sparse.Value("ms"), AsTensor<float>({0.821874976f, 1, 1.23749995f}));
  test::ExpectTensorEqual<float>(sparse.Value("mom"),
                                 AsTensor<float>({0.00407070108f, 0, 0.0205550641f}));

  TrainingKernel centered = TwoSteps<float>(true, false);
  test::ExpectTensorEqual<float>(centered.Value("var"),
                                 AsTensor<float>({0.993298054f, -1.98676324f, 3.46462178f}));
  test::ExpectTensorEqual<float>(centered.Value("mg"),
                                 AsTensor<float>({0.0475000106f, -0.0950000212f, 0.285000056f}));

  TrainingKernel centered_sparse = TwoSteps<float>(true, true);
  test::ExpectTensorEqual<float>(centered_sparse.Value("var"),
                                 AsTensor<float>({0.993298054f, -2, 3.46462178f}));
  test::ExpectTensorEqual<float>(centered_sparse.Value("mg"),
                                 AsTensor<float>({0.0475000106f, 0, 0.285000086f}));
}

TEST(ApplyRMSPropOpTest, Double) {
  TrainingKernel dense = TwoSteps<double>(false, false);
  test::ExpectTensorEqual<double>(
      dense.Value("var"),
      AsTensor<double>({0.99330316984889477, -1.9868023788555256, 3.4653027993166261}));
  TrainingKernel sparse = TwoSteps<double>(false, true);
  test::ExpectTensorEqual<double>(sparse.Value("var"),
                                  AsTensor<double>({0.99330316984889477, -2, 3.4653027993166261}));
  test::ExpectTensorEqual<double>(sparse.Value("ms"),
                                  AsTensor<double>({0.82187500000000002, 1, 1.2374999999999998}));
  TrainingKernel centered = TwoSteps<double>(true, false);
  test::ExpectTensorEqual<double>(
      centered.Value("var"),
      AsTensor<double>({0.99329801779435956, -1.9867631789202458, 3.4646218627290475}));
  test::ExpectTensorEqual<double>(
      centered.Value("mom"),
      AsTensor<double>({0.004074947518321782, -0.0080310290170828302, 0.02109242298588623}));
  TrainingKernel centered_sparse = TwoSteps<double>(true, true);
  test::ExpectTensorEqual<double>(
      centered_sparse.Value("mom"),
      AsTensor<double>({0.0040749475183217811, 0, 0.021092422985886233}));
}

TEST(ApplyRMSPropOpTest, Errors) {
  TrainingKernel apply("ResourceApplyCenteredRMSProp", DT_FLOAT);
  const Tensor var = apply.Set("var", AsTensor<float>({1, 2}));
  const Tensor slot = apply.Set("slot", AsTensor<float>({0, 0}));
  const Tensor one = AsScalar(0.5f);
  absl::Status status = apply.Run({var, apply.Set("short", AsTensor<float>({0})), slot, slot, one,
                                   one, one, one, AsTensor<float>({1, 1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "var and mg do not have the same shape"))
      << status;
  status = apply.Run({var, slot, slot, slot, one, one, one, AsTensor<float>({1, 2}),
                      AsTensor<float>({1, 1})});
  EXPECT_TRUE(absl::StrContains(status.message(), "epsilon is not a scalar: [2]")) << status;

  TrainingKernel sparse("ResourceSparseApplyRMSProp", DT_FLOAT, DT_INT32);
  const Tensor table = sparse.Set("table", AsTensor<float>({1, 2, 3, 4}, {2, 2}));
  const Tensor ms = sparse.Set("ms", AsTensor<float>({1, 1, 1, 1}, {2, 2}));
  const Tensor mom = sparse.Set("mom", AsTensor<float>({0, 0, 0, 0}, {2, 2}));
  status = sparse.Run({table, ms, mom, one, one, one, one, AsTensor<float>({1, 1, 1, 1}, {2, 2}),
                       AsTensor<int32_t>({0, 5})});
  EXPECT_TRUE(absl::StrContains(status.message(), "indices[1] = 5 is not in [0, 2)")) << status;
  status = sparse.Run({table, ms, sparse.Handle("none", DT_FLOAT), one, one, one, one,
                       AsTensor<float>({1, 1}, {1, 2}), AsTensor<int32_t>({0})});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  test::ExpectTensorEqual<float>(sparse.Value("table"), AsTensor<float>({1, 2, 3, 4}, {2, 2}));
}

}  // namespace
}  // namespace rill
