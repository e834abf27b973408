// Numeric checks of the gradients of ConcatV2 (ConcatOffset and, above 16 inputs, SplitV),
// Split, SplitV, Slice, StridedSlice (strides, negative indices, every mask),
// StridedSliceGrad, Tile, Pad, Pack, Unpack and ReverseV2, with negative axes, int64
// indices, and shapes unknown while building.
#include <cstdint>
#include <vector>

#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/array/gradient_test_util.h"

namespace rill {
namespace {

using test::DoubleValues;
using test::ExpectGradientMatches;
using test::ExpectGradientsMatch;

Output DoubleInput(const Scope& root, const PartialTensorShape& shape) {
  return ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape(shape));
}

TEST(SlicingGradientsTest, ConcatV2) {
  Scope root = Scope::NewRootScope();
  Output a = DoubleInput(root, PartialTensorShape({2, 1}));
  Output b = DoubleInput(root, PartialTensorShape({2, 3}));
  Output c = DoubleInput(root, PartialTensorShape({2, 2}));
  const std::vector<Tensor> values = {DoubleValues(TensorShape({2, 1})),
                                      DoubleValues(TensorShape({2, 3})),
                                      DoubleValues(TensorShape({2, 2}))};
  ExpectGradientsMatch(root, {a, b, c}, values, {ops::ConcatV2(root, {a, b, c}, -1)});

  // An int64 axis and shapes unknown while building (ShapeN, FloorMod in the graph).
  root = Scope::NewRootScope();
  a = ops::Placeholder(root, DT_DOUBLE);
  b = ops::Placeholder(root, DT_DOUBLE);
  c = ops::Placeholder(root, DT_DOUBLE);
  const Output axis = ops::PlaceholderWithDefault(root, int64_t{-1}, PartialTensorShape({}));
  ExpectGradientsMatch(root, {a, b, c}, values, {ops::ConcatV2(root, {a, b, c}, axis)});
}

TEST(SlicingGradientsTest, ConcatV2OfManyInputsSplits) {
  Scope root = Scope::NewRootScope();
  std::vector<Output> xs;
  std::vector<Tensor> values;
  for (int i = 0; i < 17; ++i) {
    const int64_t rows = 1 + i % 3;
    xs.push_back(DoubleInput(root, PartialTensorShape({rows, 2})));
    values.push_back(DoubleValues(TensorShape({rows, 2})));
  }
  ExpectGradientsMatch(root, xs, values, {ops::ConcatV2(root, xs, 0)});
}

TEST(SlicingGradientsTest, SplitAndSplitV) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({4, 6}));
  ops::Split split(root, -1, x, 3);
  ExpectGradientsMatch(root, {x}, {DoubleValues(TensorShape({4, 6}))}, split.output);

  // Only one output used: the others' gradients are zeros.
  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({4, 6}));
  split = ops::Split(root, 0, x, 2);
  ExpectGradientMatches(root, x, TensorShape({4, 6}), split.output[1]);

  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({4, 6}));
  ExpectGradientMatches(root, x, TensorShape({4, 6}), ops::Split(root, 1, x, 1).output[0]);

  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({3, 6}));
  const ops::SplitV split_v(root, x, {1, -1, 2}, -1, 3);
  ExpectGradientsMatch(root, {x}, {DoubleValues(TensorShape({3, 6}))}, split_v.output);
}

TEST(SlicingGradientsTest, Slice) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({3, 4, 5}));
  ExpectGradientMatches(root, x, TensorShape({3, 4, 5}),
                        ops::Slice(root, x, {1, 0, 2}, {2, -1, 2}));

  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(
      root, x, TensorShape({3, 4}),
      ops::Slice(root, x, {int64_t{2}, int64_t{1}}, {int64_t{1}, int64_t{2}}));
}

// StridedSliceCase: x[spec] of a [4, 5, 6] x, with StridedSlice's operands and masks.
struct StridedSliceCase {
  std::vector<int32_t> begin, end, strides;
  ops::StridedSlice::Attrs attrs;
};

TEST(SlicingGradientsTest, StridedSlice) {
  const std::vector<StridedSliceCase> cases = {
      // x[1:3, ::-2, 4]
      {{1, 0, 4}, {3, 0, 5}, {1, -2, 1},
       ops::StridedSlice::BeginMask(2).EndMask(2).ShrinkAxisMask(4)},
      // x[..., None, 1:5:2]
      {{0, 0, 1}, {0, 0, 5}, {1, 1, 2},
       ops::StridedSlice::EllipsisMask(1).NewAxisMask(2)},
      // x[-1, -4:-1, :]
      {{-1, -4, 0}, {0, -1, 0}, {1, 1, 1},
       ops::StridedSlice::ShrinkAxisMask(1).BeginMask(4).EndMask(4)},
      // x[3:0:-1, 1, ::3]
      {{3, 1, 0}, {0, 2, 0}, {-1, 1, 3},
       ops::StridedSlice::ShrinkAxisMask(2).BeginMask(4).EndMask(4)},
      // x[:, :, :]: the whole of x.
      {{0, 0, 0}, {0, 0, 0}, {1, 1, 1}, ops::StridedSlice::BeginMask(7).EndMask(7)},
  };
  for (const StridedSliceCase& c : cases) {
    Scope root = Scope::NewRootScope();
    const Output x = DoubleInput(root, PartialTensorShape({4, 5, 6}));
    ExpectGradientMatches(
        root, x, TensorShape({4, 5, 6}),
        ops::StridedSlice(root, x, Input::Initializer(c.begin), Input::Initializer(c.end),
                          Input::Initializer(c.strides), c.attrs));
  }

  // int64 indices, x's shape unknown while building.
  Scope root = Scope::NewRootScope();
  const Output x = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(root, x, TensorShape({5, 3}),
                        ops::StridedSlice(root, x, {int64_t{4}, int64_t{1}},
                                          {int64_t{0}, int64_t{3}}, {int64_t{-2}, int64_t{1}}));
}

TEST(SlicingGradientsTest, StridedSliceGrad) {
  // The gradient of StridedSliceGrad with respect to dy: x[1:3, ::-2, 4] of a [4, 5, 6] x,
  // whose dy is [2, 3].
  Scope root = Scope::NewRootScope();
  const Output dy = DoubleInput(root, PartialTensorShape({2, 3}));
  const Output y = ops::StridedSliceGrad(
      root, {4, 5, 6}, {1, 0, 4}, {3, 0, 5}, {1, -2, 1}, dy,
      ops::StridedSliceGrad::BeginMask(2).EndMask(2).ShrinkAxisMask(4));
  ExpectGradientMatches(root, dy, TensorShape({2, 3}), y);
}

TEST(SlicingGradientsTest, Tile) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({2, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 3}), ops::Tile(root, x, {2, 3}));

  root = Scope::NewRootScope();
  x = DoubleInput(root, PartialTensorShape({2, 1, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 1, 3}),
                        ops::Tile(root, x, {int64_t{1}, int64_t{4}, int64_t{2}}));

  // Unknown shape: the split shape and the axes are computed in the graph.
  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(root, x, TensorShape({3, 2}), ops::Tile(root, x, {3, 2}));
}

TEST(SlicingGradientsTest, Pad) {
  Scope root = Scope::NewRootScope();
  Output x = DoubleInput(root, PartialTensorShape({2, 3}));
  ExpectGradientMatches(root, x, TensorShape({2, 3}), ops::Pad(root, x, {{1, 2}, {0, 3}}));

  root = Scope::NewRootScope();
  x = ops::Placeholder(root, DT_DOUBLE);
  ExpectGradientMatches(
      root, x, TensorShape({3, 1, 2}),
      ops::Pad(root, x,
               {{int64_t{0}, int64_t{1}}, {int64_t{2}, int64_t{2}}, {int64_t{1}, int64_t{0}}}));
}

TEST(SlicingGradientsTest, PackAndUnpack) {
  for (const int64_t axis : {0, 1, -1}) {
    Scope root = Scope::NewRootScope();
    const Output a = DoubleInput(root, PartialTensorShape({2, 3}));
    const Output b = DoubleInput(root, PartialTensorShape({2, 3}));
    ExpectGradientsMatch(root, {a, b},
                         {DoubleValues(TensorShape({2, 3})), DoubleValues(TensorShape({2, 3}))},
                         {ops::Pack(root, {a, b}, ops::Pack::Axis(axis))});
  }
  for (const int64_t axis : {1, -1}) {
    Scope root = Scope::NewRootScope();
    const Output x = DoubleInput(root, PartialTensorShape({2, 3, 3}));
    const ops::Unpack pieces(root, x, 3, ops::Unpack::Axis(axis));
    ExpectGradientsMatch(root, {x}, {DoubleValues(TensorShape({2, 3, 3}))}, pieces.output);
  }
}

TEST(SlicingGradientsTest, ReverseV2) {
  Scope root = Scope::NewRootScope();
  const Output x = DoubleInput(root, PartialTensorShape({2, 3, 4}));
  ExpectGradientMatches(root, x, TensorShape({2, 3, 4}), ops::ReverseV2(root, x, {0, -1}));
}

}  // namespace
}  // namespace rill
