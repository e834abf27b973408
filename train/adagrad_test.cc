// Tests of AdagradOptimizer: two steps of hand-made dense and sparse (repeated rows)
// gradients against values computed independently by this Python script (float arithmetic
// emulated by rounding every operation to float32), its slot, and its argument check.
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   def dbl(x): return x
//   def rsqrt(r, a): return r(1 / r(math.sqrt(a)))
//   def dense(r, var, accum, lr, g):
//     for i in range(len(var)):
//       accum[i] = r(accum[i] + r(g[i] * g[i]))
//       var[i] = r(var[i] - r(r(g[i] * lr) * rsqrt(r, accum[i])))
//   def dedup(r, values, indices, width):
//     unique, sums = [], []
//     for i, index in enumerate(indices):
//       if index not in unique: unique.append(index); sums.append([0.0] * width)
//       row = sums[unique.index(index)]
//       for k in range(width): row[k] = r(row[k] + values[i * width + k])
//     return [x for row in sums for x in row], unique
//   def sparse(r, var, accum, lr, g, idx, width):
//     for i, row in enumerate(idx):
//       for k in range(width):
//         j, gk = row * width + k, g[i * width + k]
//         accum[j] = r(accum[j] + r(gk * gk))
//         var[j] = r(var[j] - r(r(lr * gk) * rsqrt(r, accum[j])))
//   fmt = lambda r, xs: ', '.join(('%.9g' if r is f32 else '%.17g') % x for x in xs)
//   lr = f32(0.5)  # a float32 constant cast to the variable's dtype
//   for r in (f32, dbl):
//     var, accum = [r(1.0), r(-2.0), r(3.5)], [r(0.1)] * 3  # initial_accumulator_value 0.1
//     for step in range(2):
//       dense(r, var, accum, lr, [r(0.25), r(-0.5), r(1.5)])
//     print(r.__name__, fmt(r, var), '|', fmt(r, accum))
//     var, accum = [r(x) for x in (1, 2, 3, 4, 5, 6, 7, 8)], [r(0.1)] * 8
//     for step in range(2):
//       values, indices = dedup(r, [r(x) for x in (0.1, -0.2, 0.3, 0.4, -0.5, 0.6)], [3, 0, 3], 2)
//       sparse(r, var, accum, lr, values, indices, 2)
//     print('sparse', r.__name__, fmt(r, var), '|', fmt(r, accum))
#include "train/adagrad.h"

#include <vector>

#include "absl/strings/match.h"
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

// DenseSteps trains w = [1, -2, 3.5] of type T for two steps of gradient [0.25, -0.5, 1.5]
// and returns w and its accumulator.
template <typename T>
std::vector<Tensor> DenseSteps() {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), AsTensor<T>({T(1.0), T(-2.0), T(3.5)}));
  AdagradOptimizer optimizer(0.5f);
  const Operation step =
      Apply(optimizer, root, ops::Const(root, AsTensor<T>({T(0.25), T(-0.5), T(1.5)})), w);
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  return {Value(session, w), Value(session, *optimizer.GetSlot(w, "accumulator"))};
}

TEST(AdagradOptimizerTest, Dense) {
  std::vector<Tensor> f = DenseSteps<float>();
  ExpectTensorEqual<float>(f[0], AsTensor<float>({0.426389992f, -1.2546742f, 2.66106462f}));
  ExpectTensorEqual<float>(f[1], AsTensor<float>({0.224999994f, 0.600000024f, 4.5999999f}));
  std::vector<Tensor> d = DenseSteps<double>();
  ExpectTensorEqual<double>(
      d[0], AsTensor<double>({0.42639002517961389, -1.2546742604517904, 2.661064642119801}));
  // The accumulator starts at exactly 0.1 in double, as TensorFlow's constant initializer of
  // a Python float makes it.
  ExpectTensorEqual<double>(
      d[1], AsTensor<double>({0.22500000000000001, 0.59999999999999998, 4.5999999999999996}));
}

// SparseSteps applies two steps of rows [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]] at indices
// [3, 0, 3] (row 3 twice: summed first) to a 4x2 table of T.
template <typename T>
std::vector<Tensor> SparseSteps() {
  Scope root = Scope::NewRootScope();
  ops::Variable table(root.WithOpName("table"), AsTensor<T>({1, 2, 3, 4, 5, 6, 7, 8}, {4, 2}));
  AdagradOptimizer optimizer(0.5f);
  const Operation step = Apply(
      optimizer, root,
      Slices(root, AsTensor<T>({T(0.1), T(-0.2), T(0.3), T(0.4), T(-0.5), T(0.6)}, {3, 2}),
             AsTensor<int32_t>({3, 0, 3}), AsTensor<int32_t>({4, 2})),
      table);
  ClientSession session(root);
  Initialize(session, root);
  RunSteps(session, step, 2);
  return {Value(session, table), Value(session, *optimizer.GetSlot(table, "accumulator"))};
}

TEST(AdagradOptimizerTest, SparseSumsRepeatedRowsFirst) {
  std::vector<Tensor> f = SparseSteps<float>();
  ExpectTensorEqual<float>(
      f[0], AsTensor<float>({0.372403026f, 1.29916108f, 3, 4, 5, 6, 7.70083904f, 7.29916096f},
                            {4, 2}));
  ExpectTensorEqual<float>(f[1], AsTensor<float>({0.280000001f, 0.420000017f, 0.1f, 0.1f, 0.1f,
                                                  0.1f, 0.420000017f, 0.420000046f},
                                                 {4, 2}));
  std::vector<Tensor> d = SparseSteps<double>();
  ExpectTensorEqual<double>(
      d[0], AsTensor<double>({0.37240304443723693, 1.299161029799448, 3, 4, 5, 6,
                              7.700838970200552, 7.299161029799448},
                             {4, 2}));
}

TEST(AdagradOptimizerTest, SlotAndArgumentCheck) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("w"), {1.f, 2.f});
  AdagradOptimizer optimizer(0.1f, 0.25);
  Apply(optimizer, root, ops::Const(root, {1.f, 1.f}), w);
  const ops::Variable slot = *optimizer.GetSlot(w, "accumulator");
  EXPECT_EQ(slot.name(), "w/Adagrad");
  EXPECT_FALSE(slot.trainable());
  ClientSession session(root);
  Initialize(session, root);
  ExpectTensorEqual<float>(Value(session, slot), AsTensor<float>({0.25f, 0.25f}));

  AdagradOptimizer bad(0.1f, 0.0);
  absl::StatusOr<Operation> step = bad.ApplyGradients(root, {{ops::Const(root, {1.f, 1.f}), w}});
  ASSERT_FALSE(step.ok());
  EXPECT_TRUE(absl::StrContains(step.status().message(),
                                "initial_accumulator_value must be positive: 0"))
      << step.status();
}

}  // namespace
}  // namespace train
}  // namespace rill
