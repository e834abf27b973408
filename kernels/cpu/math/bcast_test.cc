// Tests of BCast and BCastList: output shapes, the merged reshape/broadcast/stride plans
// and the run-by-run walk of ForEachInnerRun, worked out by hand for each set of shapes.
#include "kernels/cpu/math/bcast.h"

#include <array>
#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(BCastTest, EqualShapesMergeIntoOneDimension) {
  const BCast b({2, 3}, {2, 3});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(6));
  EXPECT_THAT(b.x_bcast(), ElementsAre(1));
  EXPECT_THAT(b.y_reshape(), ElementsAre(6));
  EXPECT_THAT(b.y_bcast(), ElementsAre(1));
  EXPECT_THAT(b.result_shape(), ElementsAre(6));
  EXPECT_THAT(b.output_shape(), ElementsAre(2, 3));
}

TEST(BCastTest, TwoScalarsGiveOneElement) {
  const BCast b({}, {});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(1));
  EXPECT_THAT(b.y_bcast(), ElementsAre(1));
  EXPECT_THAT(b.result_shape(), ElementsAre(1));
  EXPECT_THAT(b.output_shape(), IsEmpty());
}

TEST(BCastTest, ColumnAgainstRow) {
  const BCast b({2, 1}, {1, 3});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(2, 1));
  EXPECT_THAT(b.x_bcast(), ElementsAre(1, 3));
  EXPECT_THAT(b.y_reshape(), ElementsAre(1, 3));
  EXPECT_THAT(b.y_bcast(), ElementsAre(2, 1));
  EXPECT_THAT(b.result_shape(), ElementsAre(2, 3));
  EXPECT_THAT(b.output_shape(), ElementsAre(2, 3));
}

TEST(BCastTest, AlternatingDimensionsStaySeparate) {
  const BCast b({2, 3, 4}, {3, 1});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(2, 3, 4));
  EXPECT_THAT(b.x_bcast(), ElementsAre(1, 1, 1));
  EXPECT_THAT(b.y_reshape(), ElementsAre(1, 3, 1));
  EXPECT_THAT(b.y_bcast(), ElementsAre(2, 1, 4));
  EXPECT_THAT(b.result_shape(), ElementsAre(2, 3, 4));
  EXPECT_THAT(b.output_shape(), ElementsAre(2, 3, 4));
}

TEST(BCastTest, MissingLeadingDimensionsMergeWithEqualOnes) {
  const BCast b({5, 2, 3}, {2, 3});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(5, 6));
  EXPECT_THAT(b.x_bcast(), ElementsAre(1, 1));
  EXPECT_THAT(b.y_reshape(), ElementsAre(1, 6));
  EXPECT_THAT(b.y_bcast(), ElementsAre(5, 1));
  EXPECT_THAT(b.result_shape(), ElementsAre(5, 6));
  EXPECT_THAT(b.output_shape(), ElementsAre(5, 2, 3));
}

TEST(BCastTest, RunsOfTheSameBroadcastMerge) {
  const BCast b({1, 1, 4}, {2, 3, 4});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(1, 4));
  EXPECT_THAT(b.x_bcast(), ElementsAre(6, 1));
  EXPECT_THAT(b.y_reshape(), ElementsAre(6, 4));
  EXPECT_THAT(b.y_bcast(), ElementsAre(1, 1));
  EXPECT_THAT(b.result_shape(), ElementsAre(6, 4));
  EXPECT_THAT(b.output_shape(), ElementsAre(2, 3, 4));
}

TEST(BCastTest, OnesOnBothSidesAreSkipped) {
  const BCast b({2, 1, 3}, {1, 1, 3});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(2, 3));
  EXPECT_THAT(b.x_bcast(), ElementsAre(1, 1));
  EXPECT_THAT(b.y_reshape(), ElementsAre(1, 3));
  EXPECT_THAT(b.y_bcast(), ElementsAre(2, 1));
  EXPECT_THAT(b.result_shape(), ElementsAre(2, 3));
  EXPECT_THAT(b.output_shape(), ElementsAre(2, 1, 3));
}

TEST(BCastTest, ZeroSizedDimensionsBroadcastAgainstOne) {
  const BCast b({0, 3}, {1, 3});
  ASSERT_TRUE(b.IsValid());
  EXPECT_THAT(b.x_reshape(), ElementsAre(0, 3));
  EXPECT_THAT(b.x_bcast(), ElementsAre(1, 1));
  EXPECT_THAT(b.y_reshape(), ElementsAre(1, 3));
  EXPECT_THAT(b.y_bcast(), ElementsAre(0, 1));
  EXPECT_THAT(b.result_shape(), ElementsAre(0, 3));
  EXPECT_THAT(b.output_shape(), ElementsAre(0, 3));
}

TEST(BCastTest, MismatchedDimensionsAreInvalid) {
  for (const auto& [x, y] : std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>>{
           {{2}, {3}}, {{2, 3}, {2}}, {{0}, {2}}, {{4, 2, 5}, {3, 5}}}) {
    const BCast b(x, y);
    EXPECT_FALSE(b.IsValid());
    EXPECT_THAT(b.output_shape(), IsEmpty());
    EXPECT_THAT(b.result_shape(), IsEmpty());
  }
}

TEST(BCastTest, StridesSkipBroadcastDimensions) {
  const BCast b({2, 3, 4}, {3, 1});
  EXPECT_THAT(b.strides(0), ElementsAre(12, 4, 1));
  EXPECT_THAT(b.strides(1), ElementsAre(0, 1, 0));
  // Two scalars: one element, stride 0 (it never advances).
  const BCast scalars({}, {});
  EXPECT_THAT(scalars.strides(0), ElementsAre(0));
}

TEST(BCastListTest, ThreeShapesMergeOnlyWhereTheSameOperandsBroadcast) {
  // Aligned: [2,1,3,4], [1,5,3,4], [4] (padded [1,1,1,4]). No two neighbouring dims
  // broadcast the same operands, so nothing merges: dim 3 broadcasts the third operand,
  // dim 5 the first and third, dim 2 the second and third, dim 4 none.
  const std::vector<int64_t> a = {2, 1, 3, 4}, b = {1, 5, 3, 4}, c = {4};
  const BCastList<3> bcast({a, b, c});
  ASSERT_TRUE(bcast.IsValid());
  EXPECT_THAT(bcast.output_shape(), ElementsAre(2, 5, 3, 4));
  EXPECT_THAT(bcast.result_shape(), ElementsAre(2, 5, 3, 4));
  EXPECT_THAT(bcast.reshape(0), ElementsAre(2, 1, 3, 4));
  EXPECT_THAT(bcast.reshape(2), ElementsAre(1, 1, 1, 4));
  EXPECT_THAT(bcast.bcast(2), ElementsAre(2, 5, 3, 1));
  EXPECT_THAT(bcast.strides(0), ElementsAre(12, 0, 4, 1));
  EXPECT_THAT(bcast.strides(1), ElementsAre(0, 12, 4, 1));
  EXPECT_THAT(bcast.strides(2), ElementsAre(0, 0, 0, 1));

  // [3,4], [3,4], [1,4]: the last dim broadcasts nobody, the first only the third operand.
  const std::vector<int64_t> d = {3, 4}, e = {1, 4};
  const BCastList<3> merged({d, d, e});
  EXPECT_THAT(merged.result_shape(), ElementsAre(3, 4));
  const BCastList<3> flat({d, d, d});
  EXPECT_THAT(flat.result_shape(), ElementsAre(12));
  EXPECT_THAT(flat.strides(2), ElementsAre(1));

  const std::vector<int64_t> f = {2}, g = {3};
  const BCastList<3> invalid({f, f, g});
  EXPECT_FALSE(invalid.IsValid());
  EXPECT_THAT(invalid.strides(0), IsEmpty());
}

// InnerRun is one call of ForEachInnerRun's callback.
struct InnerRun {
  int64_t out_offset;
  std::array<int64_t, 2> in_offsets;
  int64_t length;
  bool operator==(const InnerRun& other) const {
    return out_offset == other.out_offset && in_offsets == other.in_offsets &&
           length == other.length;
  }
};

std::vector<InnerRun> Runs(const BCast& bcast, int64_t begin, int64_t end) {
  std::vector<InnerRun> runs;
  bcast.ForEachInnerRun(
      begin, end,
      [&runs](int64_t out_offset, const std::array<int64_t, 2>& in_offsets, int64_t length) {
        runs.push_back({out_offset, in_offsets, length});
      });
  return runs;
}

TEST(BCastTest, ForEachInnerRunWalksRowsOfTheInnermostDimension) {
  // x [2,3,4] against y [3,1]: result [2,3,4], rows of 4; y's stride is [0,1,0], so each
  // row reads one element of y, fixed.
  const BCast b({2, 3, 4}, {3, 1});
  EXPECT_THAT(Runs(b, 0, 24), ElementsAre(InnerRun{0, {0, 0}, 4}, InnerRun{4, {4, 1}, 4},
                                          InnerRun{8, {8, 2}, 4}, InnerRun{12, {12, 0}, 4},
                                          InnerRun{16, {16, 1}, 4}, InnerRun{20, {20, 2}, 4}));
  // A range that starts and ends mid-row: [6, 15) is the end of row 1, row 2, and the
  // start of row 3 (which is row 0 of the second block, y's element 0 again).
  EXPECT_THAT(Runs(b, 6, 15), ElementsAre(InnerRun{6, {6, 1}, 2}, InnerRun{8, {8, 2}, 4},
                                          InnerRun{12, {12, 0}, 3}));
  EXPECT_THAT(Runs(b, 5, 5), IsEmpty());
  // A column against a row: x [3,1], y [1,2]: rows of 2 reading x fixed and y's row.
  const BCast outer({3, 1}, {1, 2});
  EXPECT_THAT(Runs(outer, 1, 6),
              ElementsAre(InnerRun{1, {0, 1}, 1}, InnerRun{2, {1, 0}, 2}, InnerRun{4, {2, 0}, 2}));
}

}  // namespace
}  // namespace rill
