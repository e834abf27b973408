// Tests of the summary op definitions: TensorFlow's attrs and defaults, no gradients, and
// shape functions that output a scalar string after checking the tag and image shapes.
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(SummaryOpsTest, EveryOpOutputsOneStringAndHasNoGradient) {
  for (const char* name : {"ScalarSummary", "HistogramSummary", "ImageSummary", "MergeSummary"}) {
    SCOPED_TRACE(name);
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient);
    ASSERT_EQ((*data)->op_def.output_arg_size(), 1);
    EXPECT_EQ((*data)->op_def.output_arg(0).name(), "summary");
    EXPECT_EQ((*data)->op_def.output_arg(0).type(), tensorflow::DT_STRING);
  }
}

TEST(SummaryOpsTest, ImageSummaryAttrsAndDefaults) {
  const auto op_def = OpRegistry::Global()->LookUpOpDef("ImageSummary");
  ASSERT_TRUE(op_def.ok()) << op_def.status();
  ASSERT_EQ((*op_def)->attr_size(), 3);
  const tensorflow::OpDef::AttrDef& max_images = (*op_def)->attr(0);
  EXPECT_EQ(max_images.name(), "max_images");
  EXPECT_EQ(max_images.default_value().i(), 3);
  EXPECT_TRUE(max_images.has_minimum());
  EXPECT_EQ(max_images.minimum(), 1);
  const tensorflow::OpDef::AttrDef& type = (*op_def)->attr(1);
  EXPECT_EQ(type.name(), "T");
  EXPECT_EQ(type.default_value().type(), tensorflow::DT_FLOAT);
  ASSERT_EQ(type.allowed_values().list().type_size(), 4);
  const tensorflow::OpDef::AttrDef& bad_color = (*op_def)->attr(2);
  EXPECT_EQ(bad_color.name(), "bad_color");
  const tensorflow::TensorProto& color = bad_color.default_value().tensor();
  EXPECT_EQ(color.dtype(), tensorflow::DT_UINT8);
  ASSERT_EQ(color.tensor_shape().dim_size(), 1);
  EXPECT_EQ(color.tensor_shape().dim(0).size(), 4);
  EXPECT_EQ(std::vector<int>(color.int_val().begin(), color.int_val().end()),
            (std::vector<int>{255, 0, 0, 255}));
}

TEST(SummaryOpsTest, HistogramSummaryDefaultsToFloat) {
  const auto op_def = OpRegistry::Global()->LookUpOpDef("HistogramSummary");
  ASSERT_TRUE(op_def.ok()) << op_def.status();
  ASSERT_EQ((*op_def)->attr_size(), 1);
  EXPECT_EQ((*op_def)->attr(0).default_value().type(), tensorflow::DT_FLOAT);
}

TEST(SummaryOpsTest, ScalarSummaryTagsAndValuesShareAShape) {
  ShapeInferenceTestOp op("ScalarSummary");
  INFER_OK(op, "[];[]", "[]");
  INFER_OK(op, "[2];[2]", "[]");
  INFER_OK(op, "?;[3,1]", "[]");
  INFER_ERROR("Dimension 0 in both shapes must be equal, but are 2 and 3", op, "[2];[3]");
  INFER_ERROR("Shapes must be equal rank, but are 0 and 1", op, "[];[1]");
}

TEST(SummaryOpsTest, HistogramSummaryWantsAScalarTag) {
  ShapeInferenceTestOp op("HistogramSummary");
  INFER_OK(op, "[];[2,3]", "[]");
  INFER_OK(op, "?;?", "[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[1];[2]");
}

TEST(SummaryOpsTest, ImageSummaryWantsNhwcWithOneThreeOrFourChannels) {
  ShapeInferenceTestOp op("ImageSummary");
  INFER_OK(op, "[];[2,8,8,1]", "[]");
  INFER_OK(op, "[];[?,?,?,3]", "[]");
  INFER_OK(op, "[];[1,2,2,4]", "[]");
  INFER_OK(op, "[];[1,2,2,?]", "[]");
  INFER_OK(op, "[];?", "[]");
  INFER_ERROR("Tensor must be 4-D with last dim 1, 3, or 4, not [1,2,2,2]", op, "[];[1,2,2,2]");
  INFER_ERROR("Shape must be rank 4 but is rank 3", op, "[];[2,2,3]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2];[1,2,2,3]");
}

TEST(SummaryOpsTest, MergeSummaryTakesAnyShapes) {
  ShapeInferenceTestOp op("MergeSummary");
  const std::vector<NodeDefBuilder::NodeOut> inputs = {
      {"a", 0, DT_STRING}, {"b", 0, DT_STRING}, {"c", 0, DT_STRING}};
  ASSERT_TRUE(NodeDefBuilder("merge", "MergeSummary").Input(inputs).Finalize(&op.node_def).ok());
  INFER_OK(op, "[];[2];?", "[]");
}

}  // namespace
}  // namespace rill
