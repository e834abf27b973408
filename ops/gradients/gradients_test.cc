// Tests of the gradient driver: sums over paths, grad_ys, unconnected xs (none or zeros),
// StopGradient and integer tensors, sparse aggregation, name scopes, and the errors for a
// missing gradient function (naming the path) and a failing one. Values worked by hand.
#include "ops/gradients/gradients.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/gradient_registry.h"
#include "core/client/scope.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"

namespace rill {

// An op that claims a gradient nobody registered, and one whose gradient function fails.
REGISTER_OP("GradientsTestMissing")
    .Differentiable()
    .Input("x: float")
    .Output("y: float")
    .SetShapeFn(UnchangedShape);
REGISTER_OP("GradientsTestFailing")
    .Differentiable()
    .Input("x: float")
    .Output("y: float")
    .SetShapeFn(UnchangedShape);

namespace {

absl::Status FailingGradient(const Scope& scope, const Operation& op,
                             const std::vector<Output>& grad_inputs,
                             std::vector<Gradient>* grad_outputs) {
  return errors::InvalidArgument("this gradient always fails");
}
REGISTER_GRADIENT("GradientsTestFailing", FailingGradient);

// CustomOp adds a node of a test op on `x`.
Output CustomOp(const Scope& scope, const std::string& op, const Output& x) {
  tensorflow::NodeDef def;
  def.set_name(scope.GetUniqueNameForOp(op));
  def.set_op(op);
  def.add_input(x.name());
  absl::StatusOr<Node*> node = scope.graph()->AddNode(def);
  EXPECT_TRUE(node.ok()) << node.status();
  return Output(*node, 0);
}

Tensor Evaluate(const Scope& root, const Output& fetch, const ClientSession::FeedType& feeds) {
  ClientSession session(root);
  std::vector<Tensor> out;
  const absl::Status status = session.Run(feeds, {fetch}, &out);
  EXPECT_TRUE(status.ok()) << status;
  return status.ok() ? out[0] : Tensor();
}

TEST(GradientsTest, SumsOverEveryPath) {
  // y = x * x + x: dy/dx = 2x + 1.
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto y = ops::Add(root, ops::Mul(root, x, x), x);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, &grads).ok()) << root.status();
  ASSERT_EQ(grads.size(), 1u);
  ASSERT_FALSE(grads[0].is_sparse());
  test::ExpectTensorEqual<float>(Evaluate(root, grads[0].dense(), {{x, {3.f, -1.f}}}),
                                 test::AsTensor<float>({7, -1}));
}

TEST(GradientsTest, GradYsWeightTheYs) {
  // d(2 * (a*b)) / da = 2b with grad_y = 2; two ys add up.
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root.WithOpName("a"), DT_DOUBLE);
  auto b = ops::Placeholder(root.WithOpName("b"), DT_DOUBLE);
  auto y1 = ops::Mul(root, a, b);
  auto y2 = ops::Neg(root, a);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y1, y2}, {a, b},
                                   {ops::Const(root, 2.0), ops::Const(root, 5.0)}, &grads)
                  .ok());
  const ClientSession::FeedType feeds = {{a, 3.0}, {b, 4.0}};
  test::ExpectTensorEqual<double>(Evaluate(root, grads[0].dense(), feeds),
                                  test::AsScalar<double>(2 * 4 - 5));
  test::ExpectTensorEqual<double>(Evaluate(root, grads[1].dense(), feeds),
                                  test::AsScalar<double>(2 * 3));
}

TEST(GradientsTest, UnconnectedXsGetNoneOrZeros) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto unrelated = ops::Placeholder(root.WithOpName("unrelated"), DT_FLOAT,
                                    ops::Placeholder::Shape({2}));
  auto y = ops::Square(root, x);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x, unrelated}, &grads).ok());
  EXPECT_FALSE(grads[0].is_none());
  EXPECT_TRUE(grads[1].is_none());

  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x, unrelated}, &grads,
                                   {UnconnectedGradients::kZero})
                  .ok());
  test::ExpectTensorEqual<float>(
      Evaluate(root, grads[1].dense(), {{x, 1.f}, {unrelated, {5.f, 6.f}}}),
      test::AsTensor<float>({0, 0}));
}

TEST(GradientsTest, StopGradientAndIntegerTensorsBlockGradients) {
  // y = x + StopGradient(x * x): only the first path counts, dy/dx = 1.
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto y = ops::Add(root, x, ops::StopGradient(root, ops::Mul(root, x, x)));
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, &grads).ok());
  test::ExpectTensorEqual<float>(Evaluate(root, grads[0].dense(), {{x, 4.f}}),
                                 test::AsScalar<float>(1));

  // Through an int32 round trip nothing flows: x is unconnected.
  auto z = ops::Cast(root, ops::Cast(root, x, DT_INT32), DT_FLOAT);
  ASSERT_TRUE(AddSymbolicGradients(root, {z}, {x}, &grads).ok());
  EXPECT_TRUE(grads[0].is_none());
}

TEST(GradientsTest, SparseGradientsConcatenateAndDensifyWithDense) {
  // Two gathers of one x: the gradient stays an IndexedSlices with both sets of rows.
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT, ops::Placeholder::Shape({3, 2}));
  auto first = ops::GatherV2(root, x, {0, 2}, 0);
  auto second = ops::GatherV2(root, x, {2}, 0);
  auto y = ops::Add(root, ops::Sum(root, first, {0, 1}), ops::Sum(root, second, {0, 1}));
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {x}, &grads).ok()) << root.status();
  ASSERT_TRUE(grads[0].is_sparse());
  const ClientSession::FeedType feeds = {{x, {{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}}}};
  EXPECT_EQ(Evaluate(root, grads[0].sparse().indices, feeds).NumElements(), 3);
  test::ExpectTensorEqual<float>(Evaluate(root, Densify(root, grads[0]), feeds),
                                 test::AsTensor<float>({1, 1, 0, 0, 2, 2}, TensorShape({3, 2})));

  // A dense path as well: everything is densified and added.
  auto with_dense = ops::Add(root, y, ops::Sum(root, x, {0, 1}));
  ASSERT_TRUE(AddSymbolicGradients(root, {with_dense}, {x}, &grads).ok());
  ASSERT_FALSE(grads[0].is_sparse());
  test::ExpectTensorEqual<float>(Evaluate(root, grads[0].dense(), feeds),
                                 test::AsTensor<float>({2, 2, 1, 1, 3, 3}, TensorShape({3, 2})));
}

TEST(GradientsTest, GradientNodesLiveUnderGradients) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto loss = ops::Square(root.NewSubScope("loss"), x);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {loss}, {x}, &grads).ok());
  EXPECT_TRUE(absl::StartsWith(grads[0].dense().node()->name(), "gradients/loss/Square_grad/"))
      << grads[0].dense().node()->name();
}

TEST(GradientsTest, MissingGradientFunctionNamesThePath) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto mystery = CustomOp(root.WithOpName("mystery"), "GradientsTestMissing", x);
  auto loss = ops::Square(root.WithOpName("loss"), ops::Neg(root.WithOpName("neg"), mystery));
  std::vector<Gradient> grads;
  const absl::Status status = AddSymbolicGradients(root, {loss}, {x}, &grads);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_TRUE(absl::StrContains(
      status.message(),
      "No gradient defined for op 'mystery' (GradientsTestMissing), on the path from "
      "loss (Square) <- neg (Neg) <- mystery (GradientsTestMissing)"))
      << status;
}

TEST(GradientsTest, GradientFunctionErrorsNameTheNode) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto y = CustomOp(root.WithOpName("failing"), "GradientsTestFailing", x);
  std::vector<Gradient> grads;
  const absl::Status status = AddSymbolicGradients(root, {y}, {x}, &grads);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StrContains(
      status.message(),
      "this gradient always fails (while building the gradient of failing (GradientsTestFailing))"))
      << status;
}

TEST(GradientsTest, BadArguments) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto y = ops::Square(root, x);
  std::vector<Gradient> grads;
  absl::Status status = AddSymbolicGradients(root, {y}, {x}, {}, &grads);
  EXPECT_TRUE(absl::StrContains(status.message(), "1 ys but 0 grad_ys")) << status;
  status = AddSymbolicGradients(root, {y}, {x}, {ops::Const(root, 1.0)}, &grads);
  EXPECT_TRUE(absl::StrContains(status.message(), "has dtype double but y Square:0 has float"))
      << status;
}

}  // namespace
}  // namespace rill
