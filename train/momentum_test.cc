// Tests of MomentumOptimizer: two steps of hand-made dense and sparse (repeated rows)
// gradients against values computed independently by this Python script (float arithmetic
// emulated by rounding every operation to float32; the hyperparameters are float32
// constants cast to the variable's dtype, as in TensorFlow), and its slots.
//
//   import struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def dense(r, var, accum, lr, g, mu, nesterov):
//     for i in range(len(var)):
//       accum[i] = r(r(accum[i] * mu) + g[i])
//       step = r(r(g[i] * lr) + r(r(accum[i] * mu) * lr)) if nesterov else r(accum[i] * lr)
//       var[i] = r(var[i] - step)
//   def dedup(r, values, indices, width):
//     unique, sums = [], []
//     for i, index in enumerate(indices):
//       if index not in unique: unique.append(index); sums.append([0.0] * width)
//       row = sums[unique.index(index)]
//       for k in range(width): row[k] = r(row[k] + values[i * width + k])
//     return [x for row in sums for x in row], unique
//   def sparse(r, var, accum, lr, g, idx, mu, width):
//     for i, row in enumerate(idx):
//       for k in range(width):
//         j, gk = row * width + k, g[i * width + k]
//         accum[j] = r(r(accum[j] * mu) + gk)
//         var[j] = r(var[j] - r(lr * accum[j]))
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   lr, mu = f32(0.5), f32(0.9)
//   for r in (f32, dbl):
//     for nesterov in (False, True):
//       var, accum = [r(1.0), r(-2.0), r(3.5)], [0.0] * 3
//       for step in range(2):
//         dense(r, var, accum, lr, [r(0.25), r(-0.5), r(1.5)], mu, nesterov)
//       print(r.__name__, nesterov, fmt(r, var), '|', fmt(r, accum))
//     var, accum = [r(x) for x in (1, 2, 3, 4, 5, 6, 7, 8)], [0.0] * 8
//     for step in range(2):
//       values, indices = dedup(r, [r(x) for x in (0.1, -0.2, 0.3, 0.4, -0.5, 0.6)],
//                               [3, 0, 3], 2)
//       sparse(r, var, accum, lr, values, indices, mu, 2)
//     print('sparse', r.__name__, fmt(r, var), '|', fmt(r, accum))
#include "train/momentum.h"

#include <string>
#include <thread>
#include <vector>

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

// DenseSteps trains w = [1, -2, 3.5] of type T for two steps of gradient [0.25, -0.5, 1.5]
// and returns w and its accumulator.
template <typename T>
std::vector<Tensor> DenseSteps(bool nesterov) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), AsTensor<T>({T(1.0), T(-2.0), T(3.5)}));
  MomentumOptimizer optimizer(0.5f, 0.9f, /*use_locking=*/false, "Momentum", nesterov);
  const Operation step =
      Apply(optimizer, root, ops::Const(root, AsTensor<T>({T(0.25), T(-0.5), T(1.5)})), w);
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  return {Value(session, w), Value(session, *optimizer.GetSlot(w, "momentum"))};
}

TEST(MomentumOptimizerTest, DenseFloat) {
  std::vector<Tensor> plain = DenseSteps<float>(false);
  ExpectTensorEqual<float>(plain[0], AsTensor<float>({0.637499988f, -1.27499998f, 1.32500005f}));
  ExpectTensorEqual<float>(plain[1], AsTensor<float>({0.474999994f, -0.949999988f, 2.8499999f}));
  std::vector<Tensor> nesterov = DenseSteps<float>(true);
  ExpectTensorEqual<float>(nesterov[0],
                           AsTensor<float>({0.423749983f, -0.847499967f, 0.0425002575f}));
}

TEST(MomentumOptimizerTest, DenseDoubleUsesFloatHyperparametersCast) {
  std::vector<Tensor> plain = DenseSteps<double>(false);
  ExpectTensorEqual<double>(
      plain[0], AsTensor<double>({0.63750000298023224, -1.2750000059604645, 1.3250000178813934}));
  ExpectTensorEqual<double>(
      plain[1], AsTensor<double>({0.47499999403953552, -0.94999998807907104, 2.8499999642372131}));
  std::vector<Tensor> nesterov = DenseSteps<double>(true);
  ExpectTensorEqual<double>(
      nesterov[0],
      AsTensor<double>({0.42375001132488244, -0.84750002264976487, 0.042500067949294618}));
}

// SparseSteps applies two steps of rows [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]] at indices
// [3, 0, 3] (row 3 twice: summed first) to a 4x2 table of T.
template <typename T>
std::vector<Tensor> SparseSteps() {
  Scope root = Scope::NewRootScope();
  ops::Variable table(root.WithOpName("table"), AsTensor<T>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}));
  MomentumOptimizer optimizer(0.5f, 0.9f);
  const Operation step = Apply(
      optimizer, root,
      Slices(root, AsTensor<T>({T(0.1), T(-0.2), T(0.3), T(0.4), T(-0.5), T(0.6)}, {3, 2}),
             AsTensor<int64_t>({3, 0, 3}), AsTensor<int64_t>({4, 2})),
      table);
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  return {Value(session, table), Value(session, *optimizer.GetSlot(table, "momentum"))};
}

TEST(MomentumOptimizerTest, SparseSumsRepeatedRowsFirst) {
  std::vector<Tensor> f = SparseSteps<float>();
  ExpectTensorEqual<float>(
      f[0], AsTensor<float>({0.564999998f, 1.41999996f, 3, 4, 5, 6, 7.57999992f, 7.42000008f},
                            {4, 2}));
  ExpectTensorEqual<float>(
      f[1], AsTensor<float>({0.570000052f, 0.75999999f, 0, 0, 0, 0, -0.75999999f, 0.76000005f},
                            {4, 2}));
  std::vector<Tensor> d = SparseSteps<double>();
  ExpectTensorEqual<double>(
      d[0], AsTensor<double>({0.56500000357627866, 1.4200000047683716, 3, 4, 5, 6,
                              7.5799999952316286, 7.4200000047683714},
                             {4, 2}));
}

TEST(MomentumOptimizerTest, ConcurrentStepsWithUseLockingAreAtomic) {
  // With momentum 0 every step subtracts exactly 1 from each row the gradient names; with
  // use_locking no step of four threads running the sparse and the dense update at once is
  // lost.
  Scope root = Scope::NewRootScope();
  ops::Variable table(root.WithOpName("table"), AsTensor<float>({0, 0, 0, 0}, {2, 2}));
  MomentumOptimizer optimizer(1.0f, 0.0f, /*use_locking=*/true);
  const Operation sparse =
      Apply(optimizer, root,
            Slices(root, AsTensor<float>({1, 1}, {1, 2}), AsTensor<int32_t>({1}),
                   AsTensor<int32_t>({2, 2})),
            table);
  const Operation dense =
      Apply(optimizer, root, ops::Const(root, AsTensor<float>({1, 1, 1, 1}, {2, 2})), table);
  ClientSession session(root);
  Initialize(session, root);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&session, &sparse, &dense, t] {
      RunSteps(session, t % 2 == 0 ? sparse : dense, 200);
    });
  }
  for (std::thread& thread : threads) thread.join();
  // Row 0: 400 dense steps; row 1: 400 dense and 400 sparse steps.
  ExpectTensorEqual<float>(Value(session, table), AsTensor<float>({-400, -400, -800, -800}, {2, 2}));
}

TEST(MomentumOptimizerTest, SlotsAreNamedNonTrainableGlobalAndOnTheVariablesDevice) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w").WithDevice("/cpu:0"), {1.f, 2.f});
  ops::Variable b(root.WithOpName("b"), 0.5f);
  MomentumOptimizer optimizer(0.1f, 0.9f);
  const Output grad = ops::Const(root, {1.f, 1.f});
  absl::StatusOr<Operation> step =
      optimizer.ApplyGradients(root, {{grad, w}, {ops::Const(root, 1.f), b}});
  ASSERT_TRUE(step.ok()) << step.status();
  const std::optional<ops::Variable> slot = optimizer.GetSlot(w, "momentum");
  ASSERT_TRUE(slot.has_value());
  EXPECT_EQ(slot->name(), "w/Momentum");
  EXPECT_EQ(optimizer.GetSlot(b, "momentum")->name(), "b/Momentum");
  EXPECT_FALSE(slot->trainable());
  EXPECT_EQ(slot->dtype(), DT_FLOAT);
  EXPECT_EQ(slot->handle().node()->requested_device(), "/cpu:0");
  EXPECT_EQ(optimizer.GetSlotNames(), std::vector<std::string>{"momentum"});
  EXPECT_FALSE(optimizer.GetSlot(w, "m").has_value());
  std::vector<std::string> global;
  for (const ops::Variable& v : ops::GlobalVariables(root)) global.push_back(v.name());
  EXPECT_EQ(global, (std::vector<std::string>{"w", "b", "w/Momentum", "b/Momentum"}));
  EXPECT_EQ(ops::TrainableVariables(root).size(), 2u);
  EXPECT_NE(root.graph()->FindNode("Momentum/update_w/ResourceApplyMomentum"), nullptr);
  EXPECT_NE(root.graph()->FindNode("Momentum/learning_rate"), nullptr);
  EXPECT_NE(root.graph()->FindNode("Momentum/momentum"), nullptr);

  // A second step built by the same optimizer shares the slot; another optimizer makes its
  // own, named as TensorFlow names it.
  ASSERT_TRUE(optimizer.ApplyGradients(root, {{grad, w}}).ok());
  EXPECT_EQ(*optimizer.GetSlot(w, "momentum"), *slot);
  MomentumOptimizer other(0.1f, 0.9f);
  ASSERT_TRUE(other.ApplyGradients(root, {{grad, w}}).ok());
  EXPECT_EQ(other.GetSlot(w, "momentum")->name(), "w/Momentum_1");

  ClientSession session(root);
  Initialize(session, root);
  ExpectTensorEqual<float>(Value(session, *slot), AsTensor<float>({0, 0}));
}

}  // namespace
}  // namespace train
}  // namespace rill
