// Tests of BCast: output shapes and the merged reshape/broadcast plans, worked out by hand
// for each pair of shapes.
#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kernels/cpu/math/bcast.h"

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

}  // namespace
}  // namespace rill
