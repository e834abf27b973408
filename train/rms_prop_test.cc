// Tests of RMSPropOptimizer: two steps of hand-made dense and sparse (repeated rows)
// gradients, plain and centered, against values computed independently by this Python
// script (float arithmetic emulated by rounding every operation to float32), and its slots.
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
//   def dedup(r, values, indices):
//     unique, sums = [], []
//     for i, index in enumerate(indices):
//       if index not in unique: unique.append(index); sums.append(0.0)
//       sums[unique.index(index)] = r(sums[unique.index(index)] + values[i])
//     return sums, unique
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   # Float32 hyperparameters cast to the variable's dtype; rms starts at 1, the others at 0.
//   lr, rho, momentum, eps = f32(0.01), f32(0.9), f32(0.5), f32(1e-10)
//   for r in (f32, dbl):
//     for centered in (False, True):
//       for kind in ('dense', 'sparse'):
//         var, mg, ms, mom = [r(1.0), r(-2.0), r(3.5)], [0.0] * 3, [1.0] * 3, [0.0] * 3
//         for step in range(2):
//           if kind == 'dense':
//             dense(r, var, mg, ms, mom, lr, rho, momentum, eps, [r(0.25), r(-0.5), r(1.5)], centered)
//           else:
//             g, idx = dedup(r, [r(0.75), r(0.25), r(0.75)], [2, 0, 2])
//             sparse(r, var, mg, ms, mom, lr, rho, momentum, eps, g, idx, centered)
//         print(r.__name__, centered, kind, fmt(r, var), '|', fmt(r, mg), '|', fmt(r, ms), '|',
//               fmt(r, mom))
#include "train/rms_prop.h"

#include <string>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/state/variables.h"
#include "train/optimizer_test_util.h"

namespace rill {
namespace train {
namespace {

using ::rill::test::AsTensor;
using ::rill::test::ExpectTensorEqual;
using test::Apply;
using test::Initialize;
using test::RunSteps;
using test::Slices;
using test::Value;

// TwoSteps trains var = [1, -2, 3.5] (type T) for two steps with RMSPropOptimizer(0.01f,
// 0.9f, 0.5f, 1e-10f): a dense gradient [0.25, -0.5, 1.5], or sparse rows [0.75, 0.25,
// 0.75] at [2, 0, 2]. Returns var and the slots rms, momentum and (centered) mg.
template <typename T>
std::vector<Tensor> TwoSteps(bool centered, bool sparse) {
  Scope root = Scope::NewRootScope();
  ops::Variable var(root.WithOpName("var"), AsTensor<T>({T(1.0), T(-2.0), T(3.5)}));
  RMSPropOptimizer optimizer(0.01f, 0.9f, 0.5f, 1e-10f, false, centered);
  const Gradient gradient =
      sparse ? Gradient(Slices(root, AsTensor<T>({T(0.75), T(0.25), T(0.75)}),
                               AsTensor<int64_t>({2, 0, 2}), AsTensor<int64_t>({3})))
             : Gradient(ops::Const(root, AsTensor<T>({T(0.25), T(-0.5), T(1.5)})));
  const Operation step = Apply(optimizer, root, gradient, var);
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  std::vector<Tensor> result = {Value(session, var), Value(session, *optimizer.GetSlot(var, "rms")),
                                Value(session, *optimizer.GetSlot(var, "momentum"))};
  if (centered) result.push_back(Value(session, *optimizer.GetSlot(var, "mg")));
  return result;
}

TEST(RMSPropOptimizerTest, Float) {
  std::vector<Tensor> dense = TwoSteps<float>(false, false);
  ExpectTensorEqual<float>(dense[0], AsTensor<float>({0.99330318f, -1.98680246f, 3.46530294f}));
  ExpectTensorEqual<float>(dense[1], AsTensor<float>({0.821874976f, 0.857499957f, 1.23750007f}));
  ExpectTensorEqual<float>(dense[2],
                           AsTensor<float>({0.00407070154f, -0.00799886882f, 0.0205550641f}));
  std::vector<Tensor> sparse = TwoSteps<float>(false, true);
  ExpectTensorEqual<float>(sparse[0], AsTensor<float>({0.99330318f, -2, 3.46530294f}));
  ExpectTensorEqual<float>(sparse[1], AsTensor<float>({0.821874976f, 1, 1.23749995f}));

  std::vector<Tensor> centered = TwoSteps<float>(true, false);
  ExpectTensorEqual<float>(centered[0],
                           AsTensor<float>({0.993298054f, -1.98676324f, 3.46462178f}));
  ExpectTensorEqual<float>(centered[3],
                           AsTensor<float>({0.0475000106f, -0.0950000212f, 0.285000056f}));
  std::vector<Tensor> centered_sparse = TwoSteps<float>(true, true);
  ExpectTensorEqual<float>(centered_sparse[0], AsTensor<float>({0.993298054f, -2, 3.46462178f}));
  ExpectTensorEqual<float>(centered_sparse[3], AsTensor<float>({0.0475000106f, 0, 0.285000086f}));
}

TEST(RMSPropOptimizerTest, Double) {
  std::vector<Tensor> dense = TwoSteps<double>(false, false);
  ExpectTensorEqual<double>(
      dense[0], AsTensor<double>({0.99330316988250533, -1.9868023789738056, 3.4653028006654059}));
  std::vector<Tensor> sparse = TwoSteps<double>(false, true);
  ExpectTensorEqual<double>(sparse[2],
                            AsTensor<double>({0.0040707014867582374, 0, 0.020555064214912325}));
  std::vector<Tensor> centered = TwoSteps<double>(true, false);
  ExpectTensorEqual<double>(
      centered[2],
      AsTensor<double>({0.0040749475131582153, -0.0080310289804819725, 0.021092422350393648}));
  std::vector<Tensor> centered_sparse = TwoSteps<double>(true, true);
  ExpectTensorEqual<double>(centered_sparse[2],
                            AsTensor<double>({0.0040749475131582153, 0, 0.021092422350393644}));
}

TEST(RMSPropOptimizerTest, SlotsAreNamedAsTensorFlowNamesThem) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), {1.f, 2.f});
  ops::Variable c(root.WithOpName("c"), {1.f, 2.f});
  RMSPropOptimizer plain(0.1f);
  Apply(plain, root, ops::Const(root, {1.f, 1.f}), w);
  EXPECT_EQ(plain.GetSlot(w, "rms")->name(), "w/RMSProp");
  EXPECT_EQ(plain.GetSlot(w, "momentum")->name(), "w/RMSProp_1");
  EXPECT_FALSE(plain.GetSlot(w, "mg").has_value());
  RMSPropOptimizer centered(0.1f, 0.9f, 0.0f, 1e-10f, false, /*centered=*/true);
  Apply(centered, root, ops::Const(root, {1.f, 1.f}), c);
  EXPECT_EQ(centered.GetSlot(c, "rms")->name(), "c/RMSProp");
  EXPECT_EQ(centered.GetSlot(c, "mg")->name(), "c/RMSProp_1");
  EXPECT_EQ(centered.GetSlot(c, "momentum")->name(), "c/RMSProp_2");
  EXPECT_EQ(centered.GetSlotNames(), (std::vector<std::string>{"mg", "momentum", "rms"}));
  ClientSession session(root);
  Initialize(session, root);
  ExpectTensorEqual<float>(Value(session, *plain.GetSlot(w, "rms")), AsTensor<float>({1, 1}));
}

}  // namespace
}  // namespace train
}  // namespace rill
