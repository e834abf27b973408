// Shape-function tests of the broadcasting binary math ops (Add, Mul, Pow): NumPy
// broadcasting with known, unknown and mismatched dims and ranks.
#include <string>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

class BroadcastBinaryOpTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BroadcastBinaryOpTest, ShapesBroadcastAsInNumPy) {
  ShapeInferenceTestOp op(GetParam());
  // Equal shapes: each output dim is the inputs' (merged) dim.
  INFER_OK(op, "[2,3];[2,3]", "[d0_0|d1_0,d0_1|d1_1]");
  INFER_OK(op, "[];[]", "[]");
  // A scalar against anything gives the other shape's dims.
  INFER_OK(op, "[];[2,3]", "[d1_0,d1_1]");
  INFER_OK(op, "[4];[]", "[d0_0]");
  // Dims of 1 stretch; missing leading dims count as 1.
  INFER_OK(op, "[2,1];[1,3]", "[d0_0,d1_1]");
  INFER_OK(op, "[5,2,3];[2,3]", "[d0_0,d0_1|d1_0,d0_2|d1_1]");
  INFER_OK(op, "[3];[4,1]", "[d1_0,d0_0]");
  // Zero-sized dims broadcast against 1 and stay 0.
  INFER_OK(op, "[0,3];[1,3]", "[d0_0,d0_1|d1_1]");
  // Unknown dims: against 1 they stay unknown, against a known dim > 1 take it.
  INFER_OK(op, "[?,3];[1,3]", "[d0_0,d0_1|d1_1]");
  INFER_OK(op, "[?];[5]", "[d1_0]");
  INFER_OK(op, "[?];[?]", "[?]");
  // Unknown rank on either side gives unknown rank.
  INFER_OK(op, "?;[2,3]", "?");
  INFER_OK(op, "[2];?", "?");
  INFER_OK(op, "?;?", "?");

  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3]");
  INFER_ERROR("Dimensions must be equal, but are 4 and 5", op, "[3,4];[2,1,5]");
}

INSTANTIATE_TEST_SUITE_P(AddMulPow, BroadcastBinaryOpTest,
                         ::testing::Values("Add", "Mul", "Pow"));

TEST(MathOpsTest, DefinitionsFollowTensorFlow) {
  for (const char* name : {"Add", "Mul", "Pow"}) {
    const auto op_def = OpRegistry::Global()->LookUpOpDef(name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    ASSERT_EQ((*op_def)->input_arg_size(), 2);
    EXPECT_EQ((*op_def)->input_arg(0).name(), "x");
    EXPECT_EQ((*op_def)->input_arg(1).name(), "y");
    ASSERT_EQ((*op_def)->output_arg_size(), 1);
    EXPECT_EQ((*op_def)->output_arg(0).name(), "z");
    EXPECT_FALSE((*op_def)->summary().empty());
  }
  EXPECT_TRUE((*OpRegistry::Global()->LookUpOpDef("Mul"))->is_commutative());
  EXPECT_FALSE((*OpRegistry::Global()->LookUpOpDef("Pow"))->is_commutative());
}

}  // namespace
}  // namespace rill
