// Tests of the state gradient functions on real variables: a read gives the handle a dense
// gradient, a gather gives an IndexedSlices (checked as run and densified, duplicate ids
// included), both together sum to a dense gradient, and gathers with batch dims refuse.
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/gradients/gradients.h"
#include "ops/nn/nn_ops.h"
#include "ops/state/state_ops.h"
#include "ops/state/variables.h"

namespace rill {
namespace {

// RunAfter runs `fetches` in a new session on `scope`'s graph after running `init`.
std::vector<Tensor> RunAfter(const Scope& scope, const std::vector<Operation>& init,
                             const std::vector<Output>& fetches) {
  ClientSession session(scope);
  EXPECT_TRUE(session.Run({}, {}, init, nullptr).ok());
  std::vector<Tensor> out;
  const absl::Status status = session.Run(fetches, &out);
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

// A 4x3 table whose element [i, j] is 10 * i + j.
ops::Variable Table(const Scope& scope) {
  return ops::Variable(
      scope.WithOpName("table"),
      {{0.f, 1.f, 2.f}, {10.f, 11.f, 12.f}, {20.f, 21.f, 22.f}, {30.f, 31.f, 32.f}});
}

TEST(StateGradientsTest, ReadPassesItsGradientToTheHandle) {
  Scope root = Scope::NewRootScope();
  ops::Variable W(root.WithOpName("W"), {{-1.f, 2.f}, {3.f, -4.f}});
  const Output dy = ops::Const(root, {{5.f, 6.f}, {7.f, 8.f}});
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {W.value()}, {W.handle()}, {dy}, &grads).ok());
  ASSERT_EQ(grads.size(), 1u);
  ASSERT_FALSE(grads[0].is_sparse());
  // Forwarded as it is: no node in between.
  EXPECT_EQ(grads[0].dense(), dy);
}

TEST(StateGradientsTest, LossThroughAReadIsDense) {
  Scope root = Scope::NewRootScope();
  ops::Variable W(root.WithOpName("W"), {{-1.f, 2.f}, {3.f, -4.f}});
  const Output y = ops::Relu(root, W);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {W.handle()},
                                   {ops::Const(root, {{10.f, 20.f}, {30.f, 40.f}})}, &grads)
                  .ok());
  ASSERT_FALSE(grads[0].is_sparse());
  const std::vector<Tensor> out = RunAfter(root, {W.initializer()}, {grads[0].dense()});
  // Relu passes the gradient where W > 0.
  test::ExpectTensorEqual<float>(out[0],
                                 test::AsTensor<float>({0, 20, 30, 0}, TensorShape({2, 2})));
}

TEST(StateGradientsTest, GatherGivesIndexedSlicesOfTheRowsRead) {
  Scope root = Scope::NewRootScope();
  ops::Variable table = Table(root);
  const Output rows = ops::ResourceGather(root, table.handle(), {3, 0, 3}, DT_FLOAT);
  const Output dy = ops::Const(root, {{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}, {7.f, 8.f, 9.f}});
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {rows}, {table.handle()}, {dy}, &grads).ok());
  ASSERT_EQ(grads.size(), 1u);
  ASSERT_TRUE(grads[0].is_sparse());
  const IndexedSlices& slices = grads[0].sparse();
  // The table's declared shape is known: the dense shape is a constant.
  EXPECT_EQ(slices.dense_shape.node()->type_string(), "Const");
  const Output dense = Densify(root, grads[0]);

  const std::vector<Tensor> out = RunAfter(
      root, {table.initializer()}, {slices.values, slices.indices, slices.dense_shape, dense});
  ASSERT_EQ(out.size(), 4u);
  test::ExpectTensorEqual<float>(
      out[0], test::AsTensor<float>({1, 2, 3, 4, 5, 6, 7, 8, 9}, TensorShape({3, 3})));
  test::ExpectTensorEqual<int32_t>(out[1], test::AsTensor<int32_t>({3, 0, 3}));
  test::ExpectTensorEqual<int32_t>(out[2], test::AsTensor<int32_t>({4, 3}));
  // Row 3 was read twice: its two gradients add up.
  test::ExpectTensorEqual<float>(
      out[3], test::AsTensor<float>({4, 5, 6, 0, 0, 0, 0, 0, 0, 8, 10, 12}, TensorShape({4, 3})));
}

TEST(StateGradientsTest, GatherByAMatrixOfIdsFlattensThem) {
  Scope root = Scope::NewRootScope();
  ops::Variable table = Table(root);
  const Output ids = ops::Const(root, {{int64_t{1}, int64_t{2}}, {int64_t{0}, int64_t{1}}});
  const Output rows = ops::ResourceGather(root, table.handle(), ids, DT_FLOAT);
  const Output dy =
      ops::Const(root, {{{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}}, {{7.f, 8.f, 9.f}, {10.f, 11.f, 12.f}}});
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {rows}, {table.handle()}, {dy}, &grads).ok());
  ASSERT_TRUE(grads[0].is_sparse());
  const IndexedSlices& slices = grads[0].sparse();
  const std::vector<Tensor> out = RunAfter(
      root, {table.initializer()}, {slices.values, slices.indices, Densify(root, grads[0])});
  ASSERT_EQ(out.size(), 3u);
  test::ExpectTensorEqual<float>(
      out[0], test::AsTensor<float>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, TensorShape({4, 3})));
  test::ExpectTensorEqual<int64_t>(out[1], test::AsTensor<int64_t>({1, 2, 0, 1}));
  // Row 0 got dy[1][0], row 1 dy[0][0] + dy[1][1], row 2 dy[0][1].
  test::ExpectTensorEqual<float>(
      out[2], test::AsTensor<float>({7, 8, 9, 11, 13, 15, 4, 5, 6, 0, 0, 0}, TensorShape({4, 3})));
}

TEST(StateGradientsTest, GatherFromAVariableOfUnknownShapeReadsItsShape) {
  Scope root = Scope::NewRootScope();
  const Output handle =
      ops::VarHandleOp(root.WithOpName("v"), DT_FLOAT, PartialTensorShape({-1, 2}));
  const Operation assign =
      ops::AssignVariableOp(root, handle, {{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}}).operation;
  const Output rows = ops::ResourceGather(root, handle, {2, 2}, DT_FLOAT);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {rows}, {handle},
                                   {ops::Const(root, {{1.f, 2.f}, {3.f, 4.f}})}, &grads)
                  .ok());
  ASSERT_TRUE(grads[0].is_sparse());
  const IndexedSlices& slices = grads[0].sparse();
  EXPECT_EQ(slices.dense_shape.node()->type_string(), "VariableShape");
  const std::vector<Tensor> out =
      RunAfter(root, {assign}, {slices.dense_shape, Densify(root, grads[0])});
  ASSERT_EQ(out.size(), 2u);
  test::ExpectTensorEqual<int32_t>(out[0], test::AsTensor<int32_t>({3, 2}));
  test::ExpectTensorEqual<float>(out[1],
                                 test::AsTensor<float>({0, 0, 0, 0, 4, 6}, TensorShape({3, 2})));
}

TEST(StateGradientsTest, ReadAndGatherSumToADenseGradient) {
  Scope root = Scope::NewRootScope();
  ops::Variable W(root.WithOpName("W"), {{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}});
  const Output read = W.value();
  const Output rows = ops::ResourceGather(root, W.handle(), {1, 1}, DT_FLOAT);
  const Output read_dy = ops::Const(root, {{1.f, 1.f}, {1.f, 1.f}, {1.f, 1.f}});
  const Output rows_dy = ops::Const(root, {{10.f, 20.f}, {30.f, 40.f}});
  std::vector<Gradient> grads;
  ASSERT_TRUE(
      AddSymbolicGradients(root, {read, rows}, {W.handle()}, {read_dy, rows_dy}, &grads).ok());
  ASSERT_EQ(grads.size(), 1u);
  ASSERT_FALSE(grads[0].is_sparse());
  const std::vector<Tensor> out = RunAfter(root, {W.initializer()}, {grads[0].dense()});
  // Ones everywhere from the read, plus both gathered rows' gradients on row 1.
  test::ExpectTensorEqual<float>(out[0],
                                 test::AsTensor<float>({1, 1, 41, 61, 1, 1}, TensorShape({3, 2})));
}

TEST(StateGradientsTest, GatherWithBatchDimsHasNoGradient) {
  Scope root = Scope::NewRootScope();
  ops::Variable W(root.WithOpName("W"), {{1.f, 2.f}, {3.f, 4.f}});
  const Output rows = ops::ResourceGather(root.WithOpName("batched"), W.handle(), {{1}, {0}},
                                          DT_FLOAT, ops::ResourceGather::BatchDims(1));
  std::vector<Gradient> grads;
  const absl::Status status = AddSymbolicGradients(root, {rows}, {W.handle()}, &grads);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented) << status;
  EXPECT_TRUE(absl::StrContains(status.message(),
                                "The gradient of ResourceGather batched is only implemented "
                                "for batch_dims = 0, not batch_dims = 1"))
      << status;
}

}  // namespace
}  // namespace rill
