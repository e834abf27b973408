// Tests of the slicing helpers: reading index tensors of every integer dtype, and the
// canonical StridedSlice plan (begin/end/strides per dimension, shapes, fast-path flags).
#include "ops/array/slicing.h"

#include <cstdint>

#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(IndexValuesTest, ReadsEveryIntegerDtype) {
  const DimVector expected = {3, -1, 7};
  EXPECT_EQ(*IndexValues(test::AsTensor<int8_t>({3, -1, 7}), "x"), expected);
  EXPECT_EQ(*IndexValues(test::AsTensor<int16_t>({3, -1, 7}), "x"), expected);
  EXPECT_EQ(*IndexValues(test::AsTensor<int32_t>({3, -1, 7}), "x"), expected);
  EXPECT_EQ(*IndexValues(test::AsTensor<int64_t>({3, -1, 7}), "x"), expected);
  EXPECT_EQ(*IndexValues(test::AsScalar<int32_t>(5), "x"), DimVector({5}));
  EXPECT_TRUE(IndexValues(Tensor(DT_INT64, TensorShape({0})), "x")->empty());
}

TEST(IndexValuesTest, RejectsOtherDtypes) {
  const auto values = IndexValues(test::AsTensor<float>({1.f}), "perm");
  ASSERT_FALSE(values.ok());
  EXPECT_EQ(values.status().message(), "perm must be an integer tensor, but is float");
}

StridedSlicePlan Plan(const DimVector& begin, const DimVector& end, const DimVector& strides,
                      const DimVector& dims, const StridedSliceMasks& masks) {
  StridedSlicePlan plan;
  const absl::Status status = ValidateStridedSlice(&begin, &end, strides, dims, masks, &plan);
  EXPECT_TRUE(status.ok()) << status;
  return plan;
}

TEST(StridedSlicePlanTest, ClampsAndResolvesNegativeIndices) {
  // x[-4:100] on 10 elements: begin 6, end clamped to 10.
  const StridedSlicePlan plan = Plan({-4}, {100}, {1}, {10}, {});
  EXPECT_EQ(plan.begin, DimVector({6}));
  EXPECT_EQ(plan.end, DimVector({10}));
  EXPECT_EQ(plan.processing_shape, DimVector({4}));
  EXPECT_EQ(plan.final_shape, DimVector({4}));
  EXPECT_FALSE(plan.is_identity);
  EXPECT_TRUE(plan.slice_dim0);
  EXPECT_TRUE(plan.is_simple_slice);
}

TEST(StridedSlicePlanTest, NegativeStrides) {
  // x[::-1] on 5 elements: 4, 3, 2, 1, 0.
  StridedSliceMasks masks;
  masks.begin = 1;
  masks.end = 1;
  StridedSlicePlan plan = Plan({0}, {0}, {-1}, {5}, masks);
  EXPECT_EQ(plan.begin, DimVector({4}));
  EXPECT_EQ(plan.end, DimVector({-1}));
  EXPECT_EQ(plan.final_shape, DimVector({5}));
  EXPECT_FALSE(plan.is_simple_slice);
  // x[7:-9:-3] on 10 elements: 7, 4 (end -9 is index 1, excluded).
  plan = Plan({7}, {-9}, {-3}, {10}, {});
  EXPECT_EQ(plan.begin, DimVector({7}));
  EXPECT_EQ(plan.end, DimVector({1}));
  EXPECT_EQ(plan.final_shape, DimVector({2}));
  // x[2:5:-1] is empty.
  plan = Plan({2}, {5}, {-1}, {10}, {});
  EXPECT_EQ(plan.final_shape, DimVector({0}));
}

TEST(StridedSlicePlanTest, EllipsisNewAxisAndShrink) {
  // x[1, ..., None, ::2] on [3,4,5,6]: shrink dim 0, keep 1 and 2, new axis, stride dim 3.
  StridedSliceMasks masks;
  masks.ellipsis = 2;
  masks.new_axis = 4;
  masks.shrink_axis = 1;
  masks.begin = 8;
  masks.end = 8;
  const StridedSlicePlan plan = Plan({1, 0, 0, 0}, {2, 0, 0, 0}, {1, 1, 1, 2}, {3, 4, 5, 6}, masks);
  EXPECT_EQ(plan.begin, DimVector({1, 0, 0, 0}));
  EXPECT_EQ(plan.end, DimVector({2, 4, 5, 6}));
  EXPECT_EQ(plan.strides, DimVector({1, 1, 1, 2}));
  EXPECT_EQ(plan.processing_shape, DimVector({1, 4, 5, 3}));
  EXPECT_EQ(plan.final_shape, DimVector({4, 5, 1, 3}));
}

TEST(StridedSlicePlanTest, IdentityAndRowRangeFlags) {
  StridedSliceMasks masks;
  masks.begin = 3;
  masks.end = 3;
  StridedSlicePlan plan = Plan({0, 0}, {0, 0}, {1, 1}, {4, 5}, masks);
  EXPECT_TRUE(plan.is_identity);
  plan = Plan({1, 0}, {3, 5}, {1, 1}, {4, 5}, {});
  EXPECT_FALSE(plan.is_identity);
  EXPECT_TRUE(plan.slice_dim0);
  plan = Plan({0, 1}, {4, 5}, {1, 1}, {4, 5}, {});
  EXPECT_FALSE(plan.slice_dim0);
}

TEST(StridedSlicePlanTest, UnknownDimsAndValues) {
  StridedSlicePlan plan;
  const DimVector strides = {1, -1};
  StridedSliceMasks masks;
  masks.begin = 2;
  masks.end = 2;
  ASSERT_TRUE(ValidateStridedSlice(nullptr, nullptr, strides, {-1, 7}, masks, &plan).ok());
  EXPECT_EQ(plan.final_shape, DimVector({-1, 7}));
}

TEST(StridedSlicePlanTest, Errors) {
  StridedSlicePlan plan;
  const DimVector begin = {0};
  const DimVector end = {1};
  EXPECT_EQ(ValidateStridedSlice(&begin, &end, DimVector({0}), {3}, {}, &plan).message(),
            "strides[0] must be non-zero");
  StridedSliceMasks shrink;
  shrink.shrink_axis = 1;
  EXPECT_EQ(ValidateStridedSlice(&begin, &end, DimVector({-1}), {3}, shrink, &plan).message(),
            "only stride 1 allowed on non-range indexing.");
  const DimVector far = {-4};
  EXPECT_EQ(ValidateStridedSlice(&far, &end, DimVector({1}), {3}, shrink, &plan).message(),
            "slice index -4 of dimension 0 out of bounds.");
  StridedSliceMasks ellipses;
  ellipses.ellipsis = 5;
  EXPECT_EQ(ValidateStridedSlice(nullptr, nullptr, DimVector({1, 1, 1}), {3}, ellipses, &plan)
                .message(),
            "Multiple ellipses in slice spec not allowed");
}

}  // namespace
}  // namespace rill
