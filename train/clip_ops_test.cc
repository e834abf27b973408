// Tests of the clipping functions: ClipByValue on tensors and IndexedSlices, its shape
// check, GlobalNorm, and ClipByGlobalNorm below and above the norm, with values computed
// independently by this Python script (float arithmetic emulated by rounding every
// operation to float32):
//
//   import math, struct
//   def f32(x): return struct.unpack('f', struct.pack('f', x))[0]
//   tensors = [[3.0, 4.0], [1.0, 2.0, 2.0, 4.0]]  # a dense gradient and an IndexedSlices' values
//   half = f32(sum(f32(f32(x * x) * 0.5) for t in tensors for x in t))  # exact: small integers
//   norm = f32(math.sqrt(f32(half * 2.0)))
//   for clip in (5.0, 10.0):
//     scale = f32(clip * min(f32(1.0 / norm), f32(1.0 / clip)))
//     print('norm %.9g clip %g scale %.9g' % (norm, clip, scale),
//           [['%.9g' % f32(x * scale) for x in t] for t in tensors])
#include "train/clip_ops.h"

#include <cmath>
#include <limits>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace train {
namespace {

using ::rill::test::AsScalar;
using ::rill::test::AsTensor;
using ::rill::test::ExpectTensorEqual;

std::vector<Tensor> Fetch(const Scope& root, const std::vector<Output>& fetches) {
  ClientSession session(root);
  std::vector<Tensor> out;
  RILL_CHECK_OK(session.Run(fetches, &out));
  return out;
}

TEST(ClipByValueTest, ClipsTensorsAndSlices) {
  Scope root = Scope::NewRootScope();
  const Output clipped = ClipByValue(root, {-3.f, -1.f, 0.5f, 2.f, 7.f}, -1.5f, 2.5f);
  const IndexedSlices slices{ops::Const(root, {{-4.0, 1.0}, {3.0, 0.0}}), ops::Const(root, {7, 2}),
                             ops::Const(root, {10, 2})};
  const IndexedSlices clipped_slices = ClipByValue(root, slices, 0.0, 2.0);
  // Bounds broadcast per column.
  const Output per_column = ClipByValue(root, {{-1.f, 5.f}, {3.f, -7.f}}, {0.f, -6.f}, {2.f, 4.f});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(clipped_slices.indices, slices.indices);
  EXPECT_EQ(clipped_slices.dense_shape, slices.dense_shape);
  const std::vector<Tensor> out = Fetch(root, {clipped, clipped_slices.values, per_column});
  ExpectTensorEqual<float>(out[0], AsTensor<float>({-1.5f, -1, 0.5f, 2, 2.5f}));
  ExpectTensorEqual<double>(out[1], AsTensor<double>({0, 1, 2, 0}, {2, 2}));
  ExpectTensorEqual<float>(out[2], AsTensor<float>({0, 4, 2, -6}, {2, 2}));
}

TEST(ClipByValueTest, BoundsMustNotGrowTheShape) {
  Scope root = Scope::NewRootScope();
  ClipByValue(root, {1.f}, 0.f, {1.f, 2.f, 3.f});
  EXPECT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(),
                                "the bounds would change the shape of t from [1] to [3]"))
      << root.status();
}

TEST(ClipByGlobalNormTest, ScalesEveryTensorTogether) {
  Scope root = Scope::NewRootScope();
  const std::vector<Gradient> grads = {
      ops::Const(root, {3.f, 4.f}), Gradient(),
      IndexedSlices{ops::Const(root, {{1.f, 2.f}, {2.f, 4.f}}), ops::Const(root, {0, 5}),
                    ops::Const(root, {6, 2})}};
  const Output norm = GlobalNorm(root, grads);
  const ClippedGradients small = ClipByGlobalNorm(root, grads, 5.f);
  const ClippedGradients large = ClipByGlobalNorm(root, grads, 10.f);
  ASSERT_TRUE(root.ok()) << root.status();
  ASSERT_EQ(small.list_clipped.size(), 3u);
  EXPECT_TRUE(small.list_clipped[1].is_none());
  ASSERT_TRUE(small.list_clipped[2].is_sparse());
  EXPECT_EQ(small.list_clipped[2].sparse().indices, grads[2].sparse().indices);
  const std::vector<Tensor> out =
      Fetch(root, {norm, small.global_norm, small.list_clipped[0].dense(),
                 small.list_clipped[2].sparse().values, large.list_clipped[0].dense(),
                 large.list_clipped[2].sparse().values});
  ExpectTensorEqual<float>(out[0], AsScalar(7.07106781f));
  ExpectTensorEqual<float>(out[1], AsScalar(7.07106781f));
  ExpectTensorEqual<float>(out[2], AsTensor<float>({2.12132049f, 2.82842731f}));
  ExpectTensorEqual<float>(
      out[3], AsTensor<float>({0.707106829f, 1.41421366f, 1.41421366f, 2.82842731f}, {2, 2}));
  // Under the clip norm nothing changes.
  ExpectTensorEqual<float>(out[4], AsTensor<float>({3, 4}));
  ExpectTensorEqual<float>(out[5], AsTensor<float>({1, 2, 2, 4}, {2, 2}));
}

TEST(ClipByGlobalNormTest, GivenNormAndNonFiniteNorm) {
  Scope root = Scope::NewRootScope();
  const std::vector<Gradient> grads = {ops::Const(root, {3.0, 4.0})};
  const ClippedGradients given = ClipByGlobalNorm(root, grads, 1.0, ops::Const(root, 2.0));
  const ClippedGradients infinite = ClipByGlobalNorm(
      root, {ops::Const(root, {std::numeric_limits<double>::infinity(), 1.0})}, 1.0);
  ASSERT_TRUE(root.ok()) << root.status();
  const std::vector<Tensor> out =
      Fetch(root, {given.list_clipped[0].dense(), infinite.list_clipped[0].dense()});
  ExpectTensorEqual<double>(out[0], AsTensor<double>({1.5, 2.0}));
  EXPECT_TRUE(std::isnan(out[1].flat<double>()(0)));
  EXPECT_TRUE(std::isnan(out[1].flat<double>()(1)));
}

TEST(ClipByGlobalNormTest, NoGradientAtAllIsAnError) {
  Scope root = Scope::NewRootScope();
  ClipByGlobalNorm(root, {Gradient()}, 1.f);
  EXPECT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(), "global_norm of no tensors"))
      << root.status();
}

}  // namespace
}  // namespace train
}  // namespace rill
