// Tests of FtrlOptimizer: two steps of hand-made dense and sparse (repeated rows)
// gradients, without and with L2 shrinkage, against values computed independently by this
// Python script (float arithmetic emulated by rounding every operation to float32), its
// slots, and its argument checks.
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def sign(x): return (x > 0) - (x < 0)
//   def ftrl(r, var, accum, linear, g, idx, lr, l1, l2, l2_shrinkage, lr_power):
//     for i, j in enumerate(idx):
//       grad = r(g[i] + r(r(2 * l2_shrinkage) * var[j]))
//       new_accum = r(accum[j] + r(grad * grad))
//       linear[j] = r(linear[j] + r(grad - r(r(r(r(math.sqrt(new_accum)) - r(math.sqrt(accum[j])))
//                                                  / lr) * var[j])))
//       x = r(r(l1 * sign(linear[j])) - linear[j])
//       y = r(r(r(math.sqrt(new_accum)) / lr) + r(2 * l2))
//       var[j] = r(x / y) if abs(linear[j]) > l1 else 0.0
//       accum[j] = new_accum
//   def dedup(r, values, indices):
//     unique, sums = [], []
//     for i, index in enumerate(indices):
//       if index not in unique: unique.append(index); sums.append(0.0)
//       sums[unique.index(index)] = r(sums[unique.index(index)] + values[i])
//     return sums, unique
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   # Float32 hyperparameters cast to the variable's dtype; the accumulator starts at 0.1.
//   lr, l1, l2 = f32(0.5), f32(0.05), f32(0.1)
//   for r in (f32, dbl):
//     for shrinkage in (0.0, f32(0.2)):
//       for kind in ('dense', 'sparse'):
//         var, accum, linear = [r(0.0), r(-1.0), r(2.0)], [r(0.1)] * 3, [0.0] * 3
//         for step in range(2):
//           if kind == 'dense':
//             g, idx = [r(0.01), r(-0.5), r(1.5)], [0, 1, 2]
//           else:
//             g, idx = dedup(r, [r(0.75), r(0.01), r(0.75)], [2, 0, 2])
//           ftrl(r, var, accum, linear, g, idx, lr, l1, l2, shrinkage, -0.5)
//         print(r.__name__, shrinkage, kind, fmt(r, var), '|', fmt(r, accum), '|', fmt(r, linear))
#include "train/ftrl.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
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

bool GraphHasOp(const Scope& root, const std::string& type) {
  for (const Node* node : root.graph()->nodes()) {
    if (node->type_string() == type) return true;
  }
  return false;
}

// TwoSteps trains var = [0, -1, 2] (type T) for two steps with FtrlOptimizer(0.5f, -0.5f,
// 0.1, 0.05f, 0.1f, l2_shrinkage): a dense gradient [0.01, -0.5, 1.5], or sparse rows
// [0.75, 0.01, 0.75] at [2, 0, 2]. Returns var, accum and linear.
template <typename T>
std::vector<Tensor> TwoSteps(bool sparse, double l2_shrinkage) {
  Scope root = Scope::NewRootScope();
  ops::Variable var(root.WithOpName("var"), AsTensor<T>({T(0), T(-1), T(2)}));
  FtrlOptimizer optimizer(0.5f, -0.5f, 0.1, 0.05f, 0.1f, false, "Ftrl", l2_shrinkage);
  const Gradient gradient =
      sparse ? Gradient(Slices(root, AsTensor<T>({T(0.75), T(0.01), T(0.75)}),
                               AsTensor<int32_t>({2, 0, 2}), AsTensor<int32_t>({3})))
             : Gradient(ops::Const(root, AsTensor<T>({T(0.01), T(-0.5), T(1.5)})));
  const Operation step = Apply(optimizer, root, gradient, var);
  const std::string op = std::string(sparse ? "ResourceSparseApplyFtrl" : "ResourceApplyFtrl") +
                         (l2_shrinkage > 0 ? "V2" : "");
  EXPECT_TRUE(GraphHasOp(root, op)) << op;
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  return {Value(session, var), Value(session, *optimizer.GetSlot(var, "accum")),
          Value(session, *optimizer.GetSlot(var, "linear"))};
}

TEST(FtrlOptimizerTest, Float) {
  std::vector<Tensor> dense = TwoSteps<float>(false, 0.0);
  ExpectTensorEqual<float>(dense[0], AsTensor<float>({0, 0.228127047f, 0.681513846f}));
  ExpectTensorEqual<float>(dense[1], AsTensor<float>({0.100200005f, 0.600000024f, 4.5999999f}));
  ExpectTensorEqual<float>(dense[2],
                           AsTensor<float>({0.0199999996f, -0.449038357f, -3.10967135f}));
  std::vector<Tensor> sparse = TwoSteps<float>(true, 0.0);
  ExpectTensorEqual<float>(sparse[0], AsTensor<float>({0, -1, 0.681513846f}));
  ExpectTensorEqual<float>(sparse[1], AsTensor<float>({0.100200005f, 0.1f, 4.5999999f}));

  std::vector<Tensor> shrunk = TwoSteps<float>(false, 0.2);
  ExpectTensorEqual<float>(shrunk[0], AsTensor<float>({0, 0.0368890055f, 0.85796994f}));
  ExpectTensorEqual<float>(shrunk[1], AsTensor<float>({0.100200005f, 1.2255671f, 9.26465225f}));
  std::vector<Tensor> shrunk_sparse = TwoSteps<float>(true, 0.2);
  ExpectTensorEqual<float>(shrunk_sparse[0], AsTensor<float>({0, -1, 0.85796994f}));
  ExpectTensorEqual<float>(shrunk_sparse[2], AsTensor<float>({0.0199999996f, 0, -5.44455338f}));
}

TEST(FtrlOptimizerTest, Double) {
  std::vector<Tensor> dense = TwoSteps<double>(false, 0.0);
  ExpectTensorEqual<double>(
      dense[0], AsTensor<double>({0, 0.22812708516242114, 0.68151387917060746}));
  ExpectTensorEqual<double>(
      dense[1], AsTensor<double>({0.10020000000000001, 0.59999999999999998, 4.5999999999999996}));
  std::vector<Tensor> sparse = TwoSteps<double>(true, 0.0);
  ExpectTensorEqual<double>(sparse[0], AsTensor<double>({0, -1, 0.68151387917060746}));
  std::vector<Tensor> shrunk = TwoSteps<double>(false, 0.2);
  ExpectTensorEqual<double>(
      shrunk[0], AsTensor<double>({0, 0.036888998222501725, 0.85796992623154944}));
  std::vector<Tensor> shrunk_sparse = TwoSteps<double>(true, 0.2);
  ExpectTensorEqual<double>(shrunk_sparse[2],
                            AsTensor<double>({0.02, 0, -5.444552943595081}));
}

TEST(FtrlOptimizerTest, SlotsAndArgumentChecks) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), {1.f, 2.f});
  FtrlOptimizer optimizer(0.1f, -0.5f, 0.5);
  Apply(optimizer, root, ops::Const(root, {1.f, 1.f}), w);
  EXPECT_EQ(optimizer.GetSlot(w, "accum")->name(), "w/Ftrl");
  EXPECT_EQ(optimizer.GetSlot(w, "linear")->name(), "w/Ftrl_1");
  ClientSession session(root);
  Initialize(session, root);
  ExpectTensorEqual<float>(Value(session, *optimizer.GetSlot(w, "accum")),
                           AsTensor<float>({0.5f, 0.5f}));

  const auto error = [](FtrlOptimizer& bad) {
    Scope scope = Scope::NewRootScope();
    ops::Variable v(scope.WithOpName("v"), {1.f});
    absl::StatusOr<Operation> step = bad.ApplyGradients(scope, {{ops::Const(scope, {1.f}), v}});
    EXPECT_FALSE(step.ok());
    return std::string(step.status().message());
  };
  FtrlOptimizer positive_power(0.1f, 0.5f);
  EXPECT_TRUE(absl::StrContains(error(positive_power),
                                "learning_rate_power 0.5 needs to be negative or zero"));
  FtrlOptimizer negative_l1(0.1f, -0.5f, 0.1, -1.0f);
  EXPECT_TRUE(absl::StrContains(error(negative_l1),
                                "l1_regularization_strength -1 needs to be positive or zero"));
  FtrlOptimizer negative_accumulator(0.1f, -0.5f, -0.1);
  EXPECT_TRUE(absl::StrContains(error(negative_accumulator),
                                "initial_accumulator_value -0.1 needs to be positive or zero"));
  FtrlOptimizer negative_shrinkage(0.1f, -0.5f, 0.1, 0.0f, 0.0f, false, "Ftrl", -2.0);
  EXPECT_TRUE(absl::StrContains(error(negative_shrinkage),
                                "l2_shrinkage_regularization_strength -2 needs to be"));
}

}  // namespace
}  // namespace train
}  // namespace rill
