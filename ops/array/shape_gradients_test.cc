// Numeric checks of the gradients of Reshape, Squeeze, ExpandDims, Transpose, BroadcastTo
// and Fill, with shapes known while building (constant shapes) and unknown (computed in the
// graph), plus Fill's gradient value worked by hand.
#include <cstdint>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/array/gradient_test_util.h"
#include "ops/gradients/gradients.h"

namespace rill {
namespace {

using test::ExpectGradientMatches;

Output DoubleInput(const Scope& root, const PartialTensorShape& shape) {
  return ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape(shape));
}

TEST(ShapeGradientsTest, Reshape) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({2, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 3}), ops::Reshape(root, x, {3, 2}));

  // Unknown input shape: the gradient reshapes to Shape(x) computed in the graph.
  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(root, x, TensorShape({4, 3}), ops::Reshape(root, x, {2, -1}));
}

TEST(ShapeGradientsTest, SqueezeAndExpandDims) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({2, 1, 3, 1}));
  ExpectGradientMatches(root, x, TensorShape({2, 1, 3, 1}), ops::Squeeze(root, x));

  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({2, 1, 3, 1}));
  ExpectGradientMatches(root, x, TensorShape({2, 1, 3, 1}),
                        ops::Squeeze(root, x, ops::Squeeze::SqueezeDims({-3})));

  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({2, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 3}), ops::ExpandDims(root, x, -1));

  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(root, x, TensorShape({2, 3}), ops::ExpandDims(root, x, int64_t{1}));
}

TEST(ShapeGradientsTest, Transpose) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({2, 3, 4}));
  ExpectGradientMatches(root, x, TensorShape({2, 3, 4}), ops::Transpose(root, x, {2, 0, 1}));

  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({2, 3, 4}));
  ExpectGradientMatches(root, x, TensorShape({2, 3, 4}),
                        ops::Transpose(root, x, {int64_t{1}, int64_t{2}, int64_t{0}}));
}

TEST(ShapeGradientsTest, BroadcastTo) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({3, 1}));
  ExpectGradientMatches(root, x, TensorShape({3, 1}), ops::BroadcastTo(root, x, {2, 3, 4}));

  // Unknown shapes: reduced with BroadcastGradientArgs in the graph.
  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE);
  const Output shape =
      ops::PlaceholderWithDefault(root, Input::Initializer({2, 1, 3}), PartialTensorShape({-1}));
  ExpectGradientMatches(root, x, TensorShape({3}), ops::BroadcastTo(root, x, shape));
}

TEST(ShapeGradientsTest, Fill) {
  Scope root = Scope::NewRootScope();
  Output value = DoubleInput(root, PartialTensorShape({}));
  ExpectGradientMatches(root, value, TensorShape({}), ops::Fill(root, {2, 3}, value));

  // dims unknown while building: the gradient sums over Range(0, Rank(grad)).
  root = Scope::NewRootScope();
  value = DoubleInput(root, PartialTensorShape({}));
  const Output dims =
      ops::PlaceholderWithDefault(root, Input::Initializer({2, 2, 2}), PartialTensorShape());
  ExpectGradientMatches(root, value, TensorShape({}), ops::Fill(root, dims, value));
}

TEST(ShapeGradientsTest, FillGradientIsTheSumOfTheOutputGradient) {
  Scope root = Scope::NewRootScope();
  const Output value = DoubleInput(root, PartialTensorShape({}));
  const Output y = ops::Fill(root, {2, 3}, value);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {value}, &grads).ok());
  ASSERT_FALSE(grads[0].is_sparse());
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({{value, test::AsScalar<double>(0.5)}}, {grads[0].dense()}, &out).ok());
  test::ExpectTensorEqual<double>(out[0], test::AsScalar<double>(6));
}

}  // namespace
}  // namespace rill
