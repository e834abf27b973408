// Tests for TensorShape, PartialTensorShape, their protos and BroadcastShapes.
#include "core/framework/tensor_shape.h"

#include <limits>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(TensorShapeTest, ScalarAndBasicAccessors) {
  TensorShape scalar;
  EXPECT_EQ(scalar.dims(), 0);
  EXPECT_EQ(scalar.num_elements(), 1);
  EXPECT_EQ(scalar.DebugString(), "[]");

  TensorShape shape({2, 3, 4});
  EXPECT_EQ(shape.dims(), 3);
  EXPECT_EQ(shape.dim_size(1), 3);
  EXPECT_EQ(shape.num_elements(), 24);
  EXPECT_EQ(shape.DebugString(), "[2,3,4]");
  EXPECT_EQ(std::vector<int64_t>(shape.dim_sizes().begin(), shape.dim_sizes().end()),
            std::vector<int64_t>({2, 3, 4}));

  EXPECT_EQ(TensorShape({5, 0, 7}).num_elements(), 0);
}

TEST(TensorShapeTest, Editing) {
  TensorShape shape({2, 3});
  shape.AddDim(4);
  EXPECT_EQ(shape.DebugString(), "[2,3,4]");
  EXPECT_EQ(shape.num_elements(), 24);
  shape.InsertDim(0, 5);
  EXPECT_EQ(shape.DebugString(), "[5,2,3,4]");
  shape.InsertDim(4, 1);
  EXPECT_EQ(shape.DebugString(), "[5,2,3,4,1]");
  shape.RemoveDim(1);
  EXPECT_EQ(shape.DebugString(), "[5,3,4,1]");
  EXPECT_EQ(shape.num_elements(), 60);
  shape.set_dim(0, 0);
  EXPECT_EQ(shape.num_elements(), 0);
  shape.RemoveLastDims(2);
  EXPECT_EQ(shape.DebugString(), "[0,3]");
  shape.AppendShape(TensorShape({7}));
  EXPECT_EQ(shape.DebugString(), "[0,3,7]");
  shape.Clear();
  EXPECT_EQ(shape, TensorShape());
  EXPECT_EQ(shape.num_elements(), 1);
}

// Ranks above TensorShape::kInlineRank live on the heap: copies are deep, moves leave a
// scalar behind, and edits cross the boundary both ways.
TEST(TensorShapeTest, HighRankShapesCopyMoveAndEdit) {
  TensorShape shape({1, 2, 3, 4});
  shape.AddDim(5);
  shape.AddDim(6);
  EXPECT_EQ(shape.DebugString(), "[1,2,3,4,5,6]");
  EXPECT_EQ(shape.num_elements(), 720);

  TensorShape copy = shape;
  copy.set_dim(0, 7);
  EXPECT_EQ(shape.DebugString(), "[1,2,3,4,5,6]");
  EXPECT_EQ(copy.DebugString(), "[7,2,3,4,5,6]");
  copy = shape;
  EXPECT_EQ(copy, shape);
  copy = TensorShape({9});
  EXPECT_EQ(copy.DebugString(), "[9]");
  copy = shape;
  const TensorShape& alias = copy;
  copy = alias;
  EXPECT_EQ(copy, shape);

  TensorShape moved = std::move(copy);
  EXPECT_EQ(moved, shape);
  EXPECT_EQ(copy, TensorShape());  // NOLINT(bugprone-use-after-move): moves leave a scalar.
  TensorShape small({3});
  moved = std::move(small);
  EXPECT_EQ(moved.DebugString(), "[3]");
  EXPECT_EQ(small, TensorShape());  // NOLINT(bugprone-use-after-move)

  shape.RemoveDim(0);
  shape.RemoveLastDims(2);
  EXPECT_EQ(shape.DebugString(), "[2,3,4]");
  shape.InsertDim(0, 8);
  shape.InsertDim(2, 9);
  EXPECT_EQ(shape.DebugString(), "[8,2,9,3,4]");
  shape.AppendShape(shape);
  EXPECT_EQ(shape.DebugString(), "[8,2,9,3,4,8,2,9,3,4]");
  EXPECT_NE(shape, TensorShape({8, 2, 9, 3, 4}));
  shape.Clear();
  EXPECT_EQ(shape, TensorShape());
  EXPECT_EQ(TensorShape(std::vector<int64_t>(40, 1)).dims(), 40);
}

TEST(TensorShapeTest, Equality) {
  EXPECT_EQ(TensorShape({2, 3}), TensorShape({2, 3}));
  EXPECT_NE(TensorShape({2, 3}), TensorShape({3, 2}));
  EXPECT_NE(TensorShape({6}), TensorShape({6, 1}));
  EXPECT_TRUE(TensorShape({1}).IsSameSize(TensorShape({1})));
}

TEST(TensorShapeTest, BuildValidates) {
  absl::StatusOr<TensorShape> ok = TensorShape::Build({3, 0, 2});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->DebugString(), "[3,0,2]");

  absl::StatusOr<TensorShape> negative = TensorShape::Build({3, -1});
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(negative.status().message(),
            "Dimension 1 of shape [3,-1] is -1; dimensions must be >= 0");

  const int64_t big = int64_t{1} << 32;
  absl::StatusOr<TensorShape> overflow = TensorShape::Build({big, big});
  EXPECT_EQ(overflow.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(overflow.status().message(),
            "Shape [4294967296,4294967296] has too many elements (more than 2^63 - 1)");

  // A zero anywhere makes the product 0, so no overflow even with huge sizes.
  EXPECT_TRUE(TensorShape::Build({0, big, big}).ok());
  EXPECT_TRUE(TensorShape::Build({std::numeric_limits<int64_t>::max()}).ok());
}

TEST(TensorShapeTest, ProtoRoundTrip) {
  const TensorShape shape({2, 0, 5});
  const tensorflow::TensorShapeProto proto = shape.AsProto();
  ASSERT_EQ(proto.dim_size(), 3);
  EXPECT_EQ(proto.dim(0).size(), 2);
  EXPECT_EQ(proto.dim(1).size(), 0);
  EXPECT_EQ(proto.dim(2).size(), 5);
  EXPECT_FALSE(proto.unknown_rank());
  absl::StatusOr<TensorShape> parsed = TensorShape::FromProto(proto);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, shape);

  EXPECT_EQ(TensorShape().AsProto().dim_size(), 0);
}

TEST(TensorShapeTest, FromProtoRejectsPartialShapes) {
  tensorflow::TensorShapeProto unknown_rank;
  unknown_rank.set_unknown_rank(true);
  EXPECT_EQ(TensorShape::IsValidShape(unknown_rank).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(TensorShape::FromProto(unknown_rank).ok());

  tensorflow::TensorShapeProto unknown_dim;
  unknown_dim.add_dim()->set_size(4);
  unknown_dim.add_dim()->set_size(-1);
  EXPECT_EQ(TensorShape::IsValidShape(unknown_dim).message(),
            "Dimension 1 of shape [4,-1] is -1; dimensions must be >= 0");

  tensorflow::TensorShapeProto valid;
  valid.add_dim()->set_size(4);
  EXPECT_TRUE(TensorShape::IsValidShape(valid).ok());
}

TEST(TensorShapeUtilsTest, RankPredicates) {
  EXPECT_TRUE(TensorShapeUtils::IsScalar(TensorShape()));
  EXPECT_FALSE(TensorShapeUtils::IsScalar(TensorShape({1})));
  EXPECT_TRUE(TensorShapeUtils::IsVector(TensorShape({0})));
  EXPECT_TRUE(TensorShapeUtils::IsVectorOrHigher(TensorShape({2, 2})));
  EXPECT_FALSE(TensorShapeUtils::IsVectorOrHigher(TensorShape()));
  EXPECT_TRUE(TensorShapeUtils::IsMatrix(TensorShape({2, 3})));
  EXPECT_TRUE(TensorShapeUtils::IsSquareMatrix(TensorShape({3, 3})));
  EXPECT_FALSE(TensorShapeUtils::IsSquareMatrix(TensorShape({2, 3})));
  EXPECT_TRUE(TensorShapeUtils::IsMatrixOrHigher(TensorShape({1, 2, 3})));
}

TEST(PartialTensorShapeTest, UnknownRank) {
  PartialTensorShape shape;
  EXPECT_TRUE(shape.unknown_rank());
  EXPECT_EQ(shape.dims(), -1);
  EXPECT_FALSE(shape.IsFullyDefined());
  EXPECT_EQ(shape.num_elements(), -1);
  EXPECT_EQ(shape.DebugString(), "<unknown>");
  EXPECT_EQ(shape.AsTensorShape().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PartialTensorShapeTest, UnknownDims) {
  PartialTensorShape shape({-1, 3});
  EXPECT_FALSE(shape.unknown_rank());
  EXPECT_EQ(shape.dims(), 2);
  EXPECT_EQ(shape.dim_size(0), -1);
  EXPECT_EQ(shape.dim_size(1), 3);
  EXPECT_FALSE(shape.IsFullyDefined());
  EXPECT_EQ(shape.num_elements(), -1);
  EXPECT_EQ(shape.DebugString(), "[?,3]");
  EXPECT_EQ(shape.AsTensorShape().status().message(), "Shape [?,3] is not fully defined");

  PartialTensorShape scalar({});
  EXPECT_EQ(scalar.dims(), 0);
  EXPECT_TRUE(scalar.IsFullyDefined());
  EXPECT_EQ(scalar.DebugString(), "[]");
}

TEST(PartialTensorShapeTest, FullyDefinedConvertsBothWays) {
  PartialTensorShape partial = TensorShape({2, 5});
  EXPECT_TRUE(partial.IsFullyDefined());
  EXPECT_EQ(partial.num_elements(), 10);
  absl::StatusOr<TensorShape> full = partial.AsTensorShape();
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(*full, TensorShape({2, 5}));
}

TEST(PartialTensorShapeTest, BuildValidates) {
  EXPECT_TRUE(PartialTensorShape::Build({-1, 0, 4}).ok());
  absl::StatusOr<PartialTensorShape> bad = PartialTensorShape::Build({2, -2});
  EXPECT_EQ(bad.status().message(),
            "Dimension 1 of shape [2,-2] is -2; dimensions must be >= -1");
}

TEST(PartialTensorShapeTest, Compatibility) {
  const PartialTensorShape unknown;
  const PartialTensorShape a({-1, 3});
  const PartialTensorShape b({2, -1});
  const PartialTensorShape c({2, 4});
  const PartialTensorShape d({2, 3, 1});
  EXPECT_TRUE(unknown.IsCompatibleWith(d));
  EXPECT_TRUE(a.IsCompatibleWith(b));
  EXPECT_TRUE(b.IsCompatibleWith(c));
  EXPECT_FALSE(a.IsCompatibleWith(c));
  EXPECT_FALSE(a.IsCompatibleWith(d));
  // Against fully defined shapes (the overload that takes a TensorShape).
  EXPECT_TRUE(unknown.IsCompatibleWith(TensorShape({7})));
  EXPECT_TRUE(a.IsCompatibleWith(TensorShape({5, 3})));
  EXPECT_FALSE(a.IsCompatibleWith(TensorShape({5, 4})));
  EXPECT_FALSE(a.IsCompatibleWith(TensorShape({3})));
  EXPECT_TRUE(c.IsCompatibleWith(TensorShape({2, 4})));
  EXPECT_TRUE(PartialTensorShape({}).IsCompatibleWith(TensorShape()));
  EXPECT_FALSE(PartialTensorShape({}).IsCompatibleWith(TensorShape({1})));

  EXPECT_TRUE(a.IsIdenticalTo(PartialTensorShape({-1, 3})));
  EXPECT_FALSE(a.IsIdenticalTo(PartialTensorShape({2, 3})));
  EXPECT_FALSE(unknown.IsIdenticalTo(PartialTensorShape({})));
  EXPECT_EQ(unknown, PartialTensorShape());
}

TEST(PartialTensorShapeTest, MergeWith) {
  absl::StatusOr<PartialTensorShape> merged =
      PartialTensorShape({-1, 3, -1}).MergeWith(PartialTensorShape({2, -1, -1}));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->DebugString(), "[2,3,?]");

  merged = PartialTensorShape().MergeWith(PartialTensorShape({-1, 7}));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->DebugString(), "[?,7]");

  merged = PartialTensorShape({5}).MergeWith(PartialTensorShape());
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->DebugString(), "[5]");

  absl::StatusOr<PartialTensorShape> clash =
      PartialTensorShape({-1, 3}).MergeWith(PartialTensorShape({2, 4}));
  EXPECT_EQ(clash.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(clash.status().message(), "Incompatible shapes during merge: [?,3] vs. [2,4]");

  EXPECT_FALSE(PartialTensorShape({1}).MergeWith(PartialTensorShape({1, 1})).ok());
}

TEST(PartialTensorShapeTest, Concatenate) {
  EXPECT_EQ(PartialTensorShape({2}).Concatenate(-1).DebugString(), "[2,?]");
  EXPECT_EQ(PartialTensorShape({2}).Concatenate(PartialTensorShape({-1, 4})).DebugString(),
            "[2,?,4]");
  EXPECT_TRUE(PartialTensorShape({2}).Concatenate(PartialTensorShape()).unknown_rank());
  EXPECT_TRUE(PartialTensorShape().Concatenate(3).unknown_rank());
}

TEST(PartialTensorShapeTest, ProtoRoundTrip) {
  const tensorflow::TensorShapeProto unknown_proto = PartialTensorShape().AsProto();
  EXPECT_TRUE(unknown_proto.unknown_rank());
  EXPECT_EQ(unknown_proto.dim_size(), 0);
  absl::StatusOr<PartialTensorShape> unknown = PartialTensorShape::FromProto(unknown_proto);
  ASSERT_TRUE(unknown.ok());
  EXPECT_TRUE(unknown->unknown_rank());

  const tensorflow::TensorShapeProto partial_proto = PartialTensorShape({-1, 3}).AsProto();
  EXPECT_FALSE(partial_proto.unknown_rank());
  ASSERT_EQ(partial_proto.dim_size(), 2);
  EXPECT_EQ(partial_proto.dim(0).size(), -1);
  EXPECT_EQ(partial_proto.dim(1).size(), 3);
  absl::StatusOr<PartialTensorShape> partial = PartialTensorShape::FromProto(partial_proto);
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(partial->DebugString(), "[?,3]");

  tensorflow::TensorShapeProto contradictory;
  contradictory.set_unknown_rank(true);
  contradictory.add_dim()->set_size(2);
  EXPECT_EQ(PartialTensorShape::FromProto(contradictory).status().code(),
            absl::StatusCode::kInvalidArgument);

  tensorflow::TensorShapeProto too_negative;
  too_negative.add_dim()->set_size(-5);
  EXPECT_FALSE(PartialTensorShape::FromProto(too_negative).ok());
}

std::string Broadcast(const TensorShape& a, const TensorShape& b) {
  absl::StatusOr<TensorShape> result = BroadcastShapes(a, b);
  return result.ok() ? result->DebugString() : std::string(result.status().message());
}

TEST(BroadcastShapesTest, NumPyRules) {
  EXPECT_EQ(Broadcast(TensorShape({2, 3}), TensorShape({2, 3})), "[2,3]");
  EXPECT_EQ(Broadcast(TensorShape({2, 3}), TensorShape()), "[2,3]");
  EXPECT_EQ(Broadcast(TensorShape(), TensorShape()), "[]");
  EXPECT_EQ(Broadcast(TensorShape({2, 3}), TensorShape({3})), "[2,3]");
  EXPECT_EQ(Broadcast(TensorShape({3}), TensorShape({2, 1})), "[2,3]");
  EXPECT_EQ(Broadcast(TensorShape({4, 1, 5}), TensorShape({3, 1})), "[4,3,5]");
  EXPECT_EQ(Broadcast(TensorShape({1}), TensorShape({2, 3, 4})), "[2,3,4]");
}

TEST(BroadcastShapesTest, EmptyDims) {
  EXPECT_EQ(Broadcast(TensorShape({0}), TensorShape({1})), "[0]");
  EXPECT_EQ(Broadcast(TensorShape({2, 0}), TensorShape({0})), "[2,0]");
  EXPECT_EQ(Broadcast(TensorShape({1, 3}), TensorShape({0, 1})), "[0,3]");
  EXPECT_EQ(Broadcast(TensorShape({0}), TensorShape()), "[0]");
  EXPECT_EQ(Broadcast(TensorShape({0}), TensorShape({2})), "Incompatible shapes: [0] vs. [2]");
}

TEST(BroadcastShapesTest, Incompatible) {
  absl::StatusOr<TensorShape> result = BroadcastShapes(TensorShape({2, 3}), TensorShape({4}));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "Incompatible shapes: [2,3] vs. [4]");
  EXPECT_EQ(Broadcast(TensorShape({2, 1}), TensorShape({3, 1})),
            "Incompatible shapes: [2,1] vs. [3,1]");
}

}  // namespace
}  // namespace rill
