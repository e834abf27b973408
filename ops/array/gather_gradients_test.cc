// Tests of the gradients of GatherV2, GatherNd and ScatterNd: the IndexedSlices of a gather
// along axis 0 (its values, indices and dense shape when run, and its dense form), numeric
// checks along other and negative axes, with batch dims, repeated and int64 indices.
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
using test::ExpectGradientsMatch;

Output DoubleInput(const Scope& root, const PartialTensorShape& shape) {
  return ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape(shape));
}

TEST(GatherGradientsTest, GatherAlongAxis0IsIndexedSlices) {
  // params [5, 2]; indices [[0, 2], [2, 4]] read row 2 twice.
  Scope root = Scope::NewRootScope();
  const Output params = DoubleInput(root, PartialTensorShape({5, 2}));
  const Output y = ops::GatherV2(root, params, {{0, 2}, {2, 4}}, 0);
  const Output dy = ops::Const(root, {{{1.0, 2.0}, {3.0, 4.0}}, {{5.0, 6.0}, {7.0, 8.0}}});
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {params}, {dy}, &grads).ok());
  ASSERT_TRUE(grads[0].is_sparse());
  const IndexedSlices& slices = grads[0].sparse();
  const Output dense = Densify(root, grads[0]);

  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session
                  .Run({{params, test::DoubleValues(TensorShape({5, 2}))}},
                       {slices.values, slices.indices, slices.dense_shape, dense}, &out)
                  .ok());
  test::ExpectTensorEqual<double>(
      out[0], test::AsTensor<double>({1, 2, 3, 4, 5, 6, 7, 8}, TensorShape({4, 2})));
  test::ExpectTensorEqual<int32_t>(out[1], test::AsTensor<int32_t>({0, 2, 2, 4}));
  test::ExpectTensorEqual<int32_t>(out[2], test::AsTensor<int32_t>({5, 2}));
  // Row 2 gets both of its rows of dy: [3 4] + [5 6].
  test::ExpectTensorEqual<double>(
      out[3], test::AsTensor<double>({1, 2, 0, 0, 8, 10, 0, 0, 7, 8}, TensorShape({5, 2})));
}

TEST(GatherGradientsTest, GatherAlongAxis0MatchesNumbers) {
  Scope root = Scope::NewRootScope();
  Output params = DoubleInput(root, PartialTensorShape({5, 2, 3}));
  ExpectGradientMatches(root, params, TensorShape({5, 2, 3}),
                        ops::GatherV2(root, params, {{0, 2}, {2, 4}}, 0));

  // int64 indices, a scalar index, params' shape unknown while building.
  root = Scope::NewRootScope();
  params = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(root, params, TensorShape({4, 3}),
                        ops::GatherV2(root, params, int64_t{3}, int64_t{0}));
}

TEST(GatherGradientsTest, GatherAlongOtherAxesIsDense) {
  // Axis 1 of [3, 4, 2] with a repeated index, axis -1, and axis 1 of an unknown shape.
  Scope root = Scope::NewRootScope();
  Output params = DoubleInput(root, PartialTensorShape({3, 4, 2}));
  const Output y = ops::GatherV2(root, params, {{3, 0, 3}}, 1);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {params}, &grads).ok());
  EXPECT_FALSE(grads[0].is_sparse());
  ExpectGradientMatches(root, params, TensorShape({3, 4, 2}), y);

  root = Scope::NewRootScope();
  params = DoubleInput(root, PartialTensorShape({3, 4, 2}));
  ExpectGradientMatches(root, params, TensorShape({3, 4, 2}),
                        ops::GatherV2(root, params, {1, 1, 0}, -1));

  root = Scope::NewRootScope();
  params = ops::Placeholder(root, DT_DOUBLE);
  const Output axis = ops::PlaceholderWithDefault(root, int64_t{1}, PartialTensorShape({}));
  ExpectGradientMatches(root, params, TensorShape({2, 3, 2}),
                        ops::GatherV2(root, params, {int64_t{2}, int64_t{0}}, axis));
}

TEST(GatherGradientsTest, GatherWithBatchDims) {
  // params [2, 3, 4, 2] gathered along axis 2 per batch of dim 0: indices [2, 3].
  Scope root = Scope::NewRootScope();
  Output params = DoubleInput(root, PartialTensorShape({2, 3, 4, 2}));
  ExpectGradientMatches(
      root, params, TensorShape({2, 3, 4, 2}),
      ops::GatherV2(root, params, {{0, 3, 3}, {2, 1, 0}}, 2, ops::GatherV2::BatchDims(1)));

  // batch_dims -1 of rank-2 indices is 1; axis 1 right after the batch dims.
  root = Scope::NewRootScope();
  params = DoubleInput(root, PartialTensorShape({2, 3}));
  ExpectGradientMatches(
      root, params, TensorShape({2, 3}),
      ops::GatherV2(root, params, {{2, 2}, {0, 1}}, 1, ops::GatherV2::BatchDims(-1)));
}

TEST(GatherGradientsTest, GatherNd) {
  // [N, 1] indices take whole rows: an IndexedSlices.
  Scope root = Scope::NewRootScope();
  Output params = DoubleInput(root, PartialTensorShape({4, 3}));
  Output y = ops::GatherNd(root, params, {{3}, {1}, {3}});
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {y}, {params}, &grads).ok());
  EXPECT_TRUE(grads[0].is_sparse());
  ExpectGradientMatches(root, params, TensorShape({4, 3}), y);

  root = Scope::NewRootScope();
  params = DoubleInput(root, PartialTensorShape({4, 3}));
  y = ops::GatherNd(root, params, {{0, 1}, {2, 0}, {0, 1}});
  ExpectGradientMatches(root, params, TensorShape({4, 3}), y);

  root = Scope::NewRootScope();
  params = DoubleInput(root, PartialTensorShape({2, 3, 2}));
  ExpectGradientMatches(root, params, TensorShape({2, 3, 2}),
                        ops::GatherNd(root, params, {{{int64_t{1}, int64_t{2}}}}));
}

TEST(GatherGradientsTest, ScatterNd) {
  Scope root = Scope::NewRootScope();
  const Output updates = DoubleInput(root, PartialTensorShape({3, 2}));
  ExpectGradientMatches(root, updates, TensorShape({3, 2}),
                        ops::ScatterNd(root, {{1}, {3}, {1}}, updates, {4, 2}));
}

}  // namespace
}  // namespace rill
