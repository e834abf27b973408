// Shape-function and definition tests of the comparison, logical and Select ops: NumPy
// broadcasting, Equal's incompatible_shape_error, Select's three condition forms and
// SelectV2's three-way broadcast, with known, unknown and mismatched dims and ranks.
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

class BroadcastComparisonTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BroadcastComparisonTest, ShapesBroadcastAsInNumPy) {
  ShapeInferenceTestOp op(GetParam());
  INFER_OK(op, "[2,3];[2,3]", "[d0_0|d1_0,d0_1|d1_1]");
  INFER_OK(op, "[];[]", "[]");
  INFER_OK(op, "[];[2,3]", "[d1_0,d1_1]");
  INFER_OK(op, "[2,1];[1,3]", "[d0_0,d1_1]");
  INFER_OK(op, "[5,2,3];[2,3]", "[d0_0,d0_1|d1_0,d0_2|d1_1]");
  INFER_OK(op, "[0,3];[1,3]", "[d0_0,d0_1|d1_1]");
  INFER_OK(op, "[?,3];[1,3]", "[d0_0,d0_1|d1_1]");
  INFER_OK(op, "[?];[5]", "[d1_0]");
  INFER_OK(op, "?;[2,3]", "?");
  INFER_OK(op, "?;?", "?");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3]");
  INFER_ERROR("Dimensions must be equal, but are 4 and 5", op, "[3,4];[2,1,5]");
}

INSTANTIATE_TEST_SUITE_P(ComparisonAndLogicalOps, BroadcastComparisonTest,
                         ::testing::Values("Less", "LessEqual", "Greater", "GreaterEqual", "Equal",
                                           "NotEqual", "LogicalAnd", "LogicalOr"));

TEST(LogicalOpsTest, EqualityWithoutShapeErrorsGivesAScalarForIncompatibleShapes) {
  for (const char* name : {"Equal", "NotEqual"}) {
    ShapeInferenceTestOp op(name);
    ASSERT_TRUE(NodeDefBuilder("eq", name)
                    .Input("x", 0, DT_FLOAT)
                    .Input("y", 0, DT_FLOAT)
                    .Attr("incompatible_shape_error", false)
                    .Finalize(&op.node_def)
                    .ok());
    // Compatible shapes broadcast as usual.
    INFER_OK(op, "[2,3];[2,3]", "[d0_0|d1_0,d0_1|d1_1]");
    INFER_OK(op, "[2,1];[3]", "[d0_0,d1_0]");
    INFER_OK(op, "[?,3];[1,3]", "[d0_0,d0_1|d1_1]");
    // Known to be incompatible: a scalar, even beside unknown dims.
    INFER_OK(op, "[2];[3]", "[]");
    INFER_OK(op, "[?,4];[2,1,5]", "[]");
    // Maybe incompatible (an unknown dim against one other than 1): unknown.
    INFER_OK(op, "[?];[5]", "?");
    INFER_OK(op, "[?];[?]", "?");
    INFER_OK(op, "[2,?];[2,3]", "?");
    INFER_OK(op, "?;[2]", "?");
  }
}

TEST(LogicalOpsTest, LogicalNotKeepsTheShape) {
  ShapeInferenceTestOp op("LogicalNot");
  INFER_OK(op, "?", "in0");
  INFER_OK(op, "[2,?]", "in0");
  INFER_OK(op, "[]", "in0");
}

TEST(LogicalOpsTest, SelectShapes) {
  ShapeInferenceTestOp op("Select");
  INFER_OK(op, "?;?;?", "in1|in2");
  // A scalar condition: t and e have any (one) shape.
  INFER_OK(op, "[];[1];?", "in1");
  INFER_OK(op, "[];?;?", "in1|in2");
  INFER_OK(op, "[];[2,3];[2,3]", "in1|in2");
  // A vector condition against unknown data says nothing more.
  INFER_OK(op, "[1];?;?", "in1|in2");
  INFER_OK(op, "?;[];?", "in1");
  INFER_OK(op, "?;?;[1,2]", "in2");
  // A vector condition picks rows: it is as long as dim 0.
  INFER_OK(op, "[2];[?];[?]", "in1|in2");
  INFER_OK(op, "[2];[2,3];[2,3]", "in1|in2");
  INFER_OK(op, "[?];[?,?,3];[1,2,?]", "[d2_0,d2_1,d1_2]");
  INFER_OK(op, "[2];[?,?,3];[?,2,?]", "[d1_0|d2_0,d2_1,d1_2]");
  INFER_ERROR("Dimension 0 in both shapes must be equal, but are 1 and 2", op,
              "[1];[2,?,3];[?,2,?]");
  // Otherwise the condition has the data's shape.
  INFER_OK(op, "[2,?,?];[?,?,3];[?,2,?]", "[d0_0,d2_1,d1_2]");
  INFER_ERROR("Shapes must be equal rank, but are 0 and 1", op, "[1];[];?");
  INFER_ERROR("Shapes must be equal rank, but are 1 and 2", op, "[];[1];[1,2]");
  INFER_ERROR("Shapes must be equal rank, but are 1 and 2", op, "[1,2];[1];?");
  INFER_ERROR("Shapes must be equal rank, but are 3 and 2", op, "[2,?];[?,?,3];[?,2,?]");
  INFER_ERROR("Dimension 2 in both shapes must be equal, but are 3 and 5", op,
              "[2,?,5];[?,?,3];[?,2,?]");
}

TEST(LogicalOpsTest, SelectV2BroadcastsAllThreeInputs) {
  ShapeInferenceTestOp op("SelectV2");
  INFER_OK(op, "?;?;?", "?");
  INFER_OK(op, "[1];?;?", "?");
  INFER_OK(op, "[];[];[]", "[]");
  INFER_OK(op, "[];[2,3];[2,3]", "[d1_0|d2_0,d1_1|d2_1]");
  INFER_OK(op, "[2,3];[];[]", "[d0_0,d0_1]");
  INFER_OK(op, "[2,1];[1,3];[3]", "[d0_0,d1_1|d2_0]");
  INFER_OK(op, "[?,1];[1,3];[4,1]", "[d2_0,d1_1]");
  INFER_OK(op, "[5,1,1];[?];[2,1]", "[d0_0,d2_0,d1_0]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3];[3]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[];[2];[3]");
}

TEST(LogicalOpsTest, DefinitionsFollowTensorFlow) {
  for (const char* name : {"Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual",
                           "LogicalAnd", "LogicalOr"}) {
    const tensorflow::OpDef& def = **OpRegistry::Global()->LookUpOpDef(name);
    ASSERT_EQ(def.input_arg_size(), 2) << name;
    EXPECT_EQ(def.input_arg(0).name(), "x");
    EXPECT_EQ(def.input_arg(1).name(), "y");
    ASSERT_EQ(def.output_arg_size(), 1);
    EXPECT_EQ(def.output_arg(0).name(), "z");
    EXPECT_EQ(def.output_arg(0).type(), DT_BOOL) << name;
    EXPECT_FALSE(def.summary().empty()) << name;
    EXPECT_EQ((*OpRegistry::Global()->LookUp(name))->gradient, GradientDeclaration::kNoGradient)
        << name;
  }
  for (const char* name : {"Equal", "NotEqual", "LogicalAnd", "LogicalOr"}) {
    EXPECT_TRUE((*OpRegistry::Global()->LookUpOpDef(name))->is_commutative()) << name;
  }
  EXPECT_FALSE((*OpRegistry::Global()->LookUpOpDef("Less"))->is_commutative());
  EXPECT_EQ((*OpRegistry::Global()->LookUpOpDef("LogicalAnd"))->input_arg(0).type(), DT_BOOL);
  EXPECT_EQ((*OpRegistry::Global()->LookUpOpDef("LogicalNot"))->output_arg(0).type(), DT_BOOL);

  for (const char* name : {"Select", "SelectV2"}) {
    const tensorflow::OpDef& def = **OpRegistry::Global()->LookUpOpDef(name);
    ASSERT_EQ(def.input_arg_size(), 3);
    EXPECT_EQ(def.input_arg(0).name(), "condition");
    EXPECT_EQ(def.input_arg(0).type(), DT_BOOL);
    EXPECT_EQ(def.input_arg(1).name(), "t");
    EXPECT_EQ(def.input_arg(2).name(), "e");
    EXPECT_EQ(def.output_arg(0).name(), "output");
    EXPECT_EQ((*OpRegistry::Global()->LookUp(name))->gradient,
              GradientDeclaration::kDifferentiable);
  }
}

}  // namespace
}  // namespace rill
