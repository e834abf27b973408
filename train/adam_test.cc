// Tests of AdamOptimizer: two steps of hand-made dense and sparse (repeated rows) gradients
// against values computed independently by this Python script (float arithmetic emulated by
// rounding every operation to float32; the sparse step is TensorFlow 1.x's
// _apply_sparse_shared), the beta powers, and the slots.
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def dense(r, var, m, v, b1p, b2p, lr, b1, b2, eps, g):  # ResourceApplyAdam
//     alpha = r(r(lr * r(math.sqrt(r(1 - b2p)))) / r(1 - b1p))
//     for i in range(len(var)):
//       m[i] = r(m[i] + r(r(g[i] - m[i]) * r(1 - b1)))
//       v[i] = r(v[i] + r(r(r(g[i] * g[i]) - v[i]) * r(1 - b2)))
//       var[i] = r(var[i] - r(r(m[i] * alpha) / r(r(math.sqrt(v[i])) + eps)))
//   def dedup(r, values, indices, width):
//     unique, sums = [], []
//     for i, index in enumerate(indices):
//       if index not in unique: unique.append(index); sums.append([0.0] * width)
//       row = sums[unique.index(index)]
//       for k in range(width): row[k] = r(row[k] + values[i * width + k])
//     return [x for row in sums for x in row], unique
//   def sparse(r, var, m, v, b1p, b2p, lr, b1, b2, eps, g, idx, width):  # _apply_sparse_shared
//     lr_t = r(r(lr * r(math.sqrt(r(1 - b2p)))) / r(1 - b1p))
//     m[:] = [r(x * b1) for x in m]
//     v[:] = [r(x * b2) for x in v]
//     for i, row in enumerate(idx):
//       for k in range(width):
//         j, gk = row * width + k, g[i * width + k]
//         m[j] = r(m[j] + r(gk * r(1 - b1)))
//         v[j] = r(v[j] + r(r(gk * gk) * r(1 - b2)))
//     var[:] = [r(x - r(r(lr_t * mj) / r(r(math.sqrt(vj)) + eps))) for x, mj, vj in zip(var, m, v)]
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   # Float32 hyperparameters and beta powers (float variables), cast to the variable's dtype.
//   lr, b1, b2, eps = f32(0.01), f32(0.9), f32(0.999), f32(1e-8)
//   for r in (f32, dbl):
//     for kind in ('dense', 'sparse'):
//       b1p, b2p = b1, b2
//       if kind == 'dense':
//         var, m, v = [r(1.0), r(-2.0), r(3.5)], [0.0] * 3, [0.0] * 3
//       else:
//         var, m, v = [r(x) for x in (1, 2, 3, 4, 5, 6, 7, 8)], [0.0] * 8, [0.0] * 8
//       for step in range(2):
//         if kind == 'dense':
//           dense(r, var, m, v, b1p, b2p, lr, b1, b2, eps, [r(0.25), r(-0.5), r(1.5)])
//         else:
//           values, indices = dedup(r, [r(x) for x in (0.1, -0.2, 0.3, 0.4, -0.5, 0.6)], [3, 0, 3], 2)
//           sparse(r, var, m, v, b1p, b2p, lr, b1, b2, eps, values, indices, 2)
//         b1p, b2p = f32(b1p * b1), f32(b2p * b2)
//       print(r.__name__, kind, fmt(r, var), '|', fmt(r, m), '|', fmt(r, v), '|', fmt(f32, [b1p, b2p]))
#include "train/adam.h"

#include <functional>
#include <string>
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

using ::rill::test::AsScalar;
using ::rill::test::AsTensor;
using ::rill::test::ExpectTensorEqual;
using test::Apply;
using test::Initialize;
using test::RunSteps;
using test::Slices;
using test::Value;

// Trained is what two Adam steps leave: the variable, m, v and the two powers.
struct Trained {
  Tensor var, m, v, beta1_power, beta2_power;
};

// TwoSteps trains `initial` (type T) for two steps of `gradient` with AdamOptimizer(0.01f).
template <typename T>
Trained TwoSteps(const Tensor& initial, const std::function<Gradient(const Scope&)>& gradient) {
  Scope root = Scope::NewRootScope();
  ops::Variable var(root.WithOpName("var"), initial);
  AdamOptimizer optimizer(0.01f);
  const Operation step = Apply(optimizer, root, gradient(root), var);
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  std::vector<Tensor> powers;
  for (const ops::Variable& v : ops::GlobalVariables(root)) {
    if (v.name() == "beta1_power" || v.name() == "beta2_power") powers.push_back(Value(session, v));
  }
  EXPECT_EQ(powers.size(), 2u);
  return {Value(session, var), Value(session, *optimizer.GetSlot(var, "m")),
          Value(session, *optimizer.GetSlot(var, "v")), powers[0], powers[1]};
}

template <typename T>
Trained Dense() {
  return TwoSteps<T>(AsTensor<T>({T(1.0), T(-2.0), T(3.5)}), [](const Scope& scope) {
    return Gradient(ops::Const(scope, AsTensor<T>({T(0.25), T(-0.5), T(1.5)})));
  });
}

// Sparse: rows [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]] at indices [3, 0, 3] of a 4x2 table.
template <typename T>
Trained Sparse() {
  return TwoSteps<T>(AsTensor<T>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}), [](const Scope& scope) {
    return Gradient(
        Slices(scope, AsTensor<T>({T(0.1), T(-0.2), T(0.3), T(0.4), T(-0.5), T(0.6)}, {3, 2}),
               AsTensor<int64_t>({3, 0, 3}), AsTensor<int64_t>({4, 2})));
  });
}

TEST(AdamOptimizerTest, DenseFloat) {
  const Trained t = Dense<float>();
  ExpectTensorEqual<float>(t.var, AsTensor<float>({0.980000079f, -1.98000002f, 3.48000002f}));
  ExpectTensorEqual<float>(t.m, AsTensor<float>({0.0475000106f, -0.0950000212f, 0.285000056f}));
  ExpectTensorEqual<float>(t.v,
                           AsTensor<float>({0.00012493589f, 0.000499743561f, 0.00449769199f}));
  ExpectTensorEqual<float>(t.beta1_power, AsScalar(0.728999913f));
  ExpectTensorEqual<float>(t.beta2_power, AsScalar(0.997003078f));
}

TEST(AdamOptimizerTest, DenseDoubleUsesFloatHyperparametersAndPowers) {
  const Trained t = Dense<double>();
  ExpectTensorEqual<double>(
      t.var, AsTensor<double>({0.98000005607453389, -1.9800000452766884, 3.4800000380781175}));
  ExpectTensorEqual<double>(
      t.v, AsTensor<double>({0.00012493589228390611, 0.00049974356913562445,
                             0.0044976921222206201}));
  // The powers are float variables whatever the variables' dtype, as in TensorFlow.
  ExpectTensorEqual<float>(t.beta1_power, AsScalar(0.728999913f));
}

TEST(AdamOptimizerTest, SparseDecaysEverywhereAndAddsTheSummedRows) {
  const Trained f = Sparse<float>();
  ExpectTensorEqual<float>(
      f.var, AsTensor<float>({0.980000079f, 1.98000002f, 3, 4, 5, 6, 7.01999998f, 7.98000002f},
                             {4, 2}));
  ExpectTensorEqual<float>(
      f.m, AsTensor<float>({0.0570000149f, 0.0760000199f, 0, 0, 0, 0, -0.0760000199f,
                            0.0760000274f},
                           {4, 2}));
  ExpectTensorEqual<float>(
      f.v, AsTensor<float>({0.000179907685f, 0.000319835905f, 0, 0, 0, 0, 0.000319835905f,
                            0.000319835963f},
                           {4, 2}));
  const Trained d = Sparse<double>();
  ExpectTensorEqual<double>(
      d.var, AsTensor<double>({0.98000005247525335, 1.9800000479761508, 3, 4, 5, 6,
                               7.0199999520238494, 7.9800000479761506},
                              {4, 2}));
  ExpectTensorEqual<float>(d.beta2_power, AsScalar(0.997003078f));
}

TEST(AdamOptimizerTest, SlotsAndPowers) {
  Scope root = Scope::NewRootScope();
  ops::Variable b(root.WithOpName("b").WithDevice("/cpu:0"), {1.f});
  ops::Variable a(root.WithOpName("a"), {1.f, 2.f});
  AdamOptimizer optimizer;
  absl::StatusOr<Operation> step = optimizer.ApplyGradients(
      root, {{ops::Const(root, {1.f}), b}, {ops::Const(root, {1.f, 1.f}), a}});
  ASSERT_TRUE(step.ok()) << step.status();
  EXPECT_EQ(optimizer.GetSlot(a, "m")->name(), "a/Adam");
  EXPECT_EQ(optimizer.GetSlot(a, "v")->name(), "a/Adam_1");
  EXPECT_EQ(optimizer.GetSlot(b, "m")->name(), "b/Adam");
  EXPECT_EQ(optimizer.GetSlotNames(), (std::vector<std::string>{"m", "v"}));
  std::vector<std::string> names;
  for (const ops::Variable& v : ops::GlobalVariables(root)) {
    names.push_back(v.name());
    if (v.name() != "a" && v.name() != "b") {
      EXPECT_FALSE(v.trainable()) << v.name();
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"b", "a", "beta1_power", "beta2_power", "b/Adam",
                                             "b/Adam_1", "a/Adam", "a/Adam_1"}));
  // The powers go with the first variable by name, a, which has no device.
  const ops::Variable beta1_power = ops::GlobalVariables(root)[2];
  EXPECT_EQ(beta1_power.handle().node()->requested_device(), "");
  EXPECT_EQ(optimizer.GetSlot(b, "v")->handle().node()->requested_device(), "/cpu:0");

  // A second training op shares the powers; a second optimizer makes its own.
  ASSERT_TRUE(optimizer.ApplyGradients(root, {{ops::Const(root, {1.f}), b}}).ok());
  AdamOptimizer other;
  ASSERT_TRUE(other.ApplyGradients(root, {{ops::Const(root, {1.f}), b}}).ok());
  names.clear();
  for (const ops::Variable& v : ops::GlobalVariables(root)) names.push_back(v.name());
  EXPECT_EQ(names.size(), 12u);
  EXPECT_EQ(names[8], "beta1_power_1");
  EXPECT_EQ(names[10], "b/Adam_2");

  ClientSession session(root);
  Initialize(session, root);
  ExpectTensorEqual<float>(Value(session, beta1_power), AsScalar(0.9f));
  RunSteps(session, *step, 1);
  ExpectTensorEqual<float>(Value(session, beta1_power), AsScalar(0.9f * 0.9f));
}

}  // namespace
}  // namespace train
}  // namespace rill
