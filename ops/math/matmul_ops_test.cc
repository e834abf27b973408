// Shape-function and definition tests of MatMul and BatchMatMulV2: transposes and adjoints,
// broadcast batch dimensions, unknown dims and ranks, and the errors of mismatched shapes.
#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/status_macros.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

// Op returns a test op of `op_name` (inputs of float) with its two bool attrs set.
ShapeInferenceTestOp Op(const char* op_name, const char* attr_a, bool a, const char* attr_b,
                        bool b) {
  ShapeInferenceTestOp op(op_name);
  RILL_CHECK_OK(NodeDefBuilder("test", op_name)
                    .Input("a", 0, DT_FLOAT)
                    .Input("b", 0, DT_FLOAT)
                    .Attr(attr_a, a)
                    .Attr(attr_b, b)
                    .Finalize(&op.node_def));
  return op;
}

TEST(MatMulOpsTest, MatMulShapes) {
  ShapeInferenceTestOp op = Op("MatMul", "transpose_a", false, "transpose_b", false);
  INFER_OK(op, "?;?", "[?,?]");
  INFER_OK(op, "[2,?];?", "[d0_0,?]");
  INFER_OK(op, "[2,3];[3,4]", "[d0_0,d1_1]");
  INFER_OK(op, "[2,?];[?,4]", "[d0_0,d1_1]");
  INFER_OK(op, "[0,3];[3,0]", "[d0_0,d1_1]");
  INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[2];[2,3]");
  INFER_ERROR("Shape must be rank 2 but is rank 3", op, "[2,3];[3,4,5]");
  // The example: the node and both shapes are named.
  INFER_ERROR(
      "Dimensions must be equal, but are 3 and 4 for 'test' (op: 'MatMul') with input "
      "shapes: [2,3], [4,5].",
      op, "[2,3];[4,5]");

  op = Op("MatMul", "transpose_a", true, "transpose_b", false);
  INFER_OK(op, "[3,2];[3,4]", "[d0_1,d1_1]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2,3];[3,4]");
  op = Op("MatMul", "transpose_a", false, "transpose_b", true);
  INFER_OK(op, "[2,3];[4,3]", "[d0_0,d1_0]");
  op = Op("MatMul", "transpose_a", true, "transpose_b", true);
  INFER_OK(op, "[3,2];[4,3]", "[d0_1,d1_0]");
}

TEST(MatMulOpsTest, BatchMatMulV2Shapes) {
  ShapeInferenceTestOp op = Op("BatchMatMulV2", "adj_x", false, "adj_y", false);
  INFER_OK(op, "?;?", "?");
  INFER_OK(op, "?;[5,3,4]", "?");
  // Plain matrices: no batch dims.
  INFER_OK(op, "[2,3];[3,4]", "[d0_0,d1_1]");
  // Equal batch dims merge; a missing or size-1 batch dim broadcasts.
  INFER_OK(op, "[5,2,3];[5,3,4]", "[d0_0|d1_0,d0_1,d1_2]");
  INFER_OK(op, "[5,2,3];[3,4]", "[d0_0,d0_1,d1_1]");
  INFER_OK(op, "[2,3];[7,5,3,4]", "[d1_0,d1_1,d0_0,d1_3]");
  INFER_OK(op, "[1,2,3];[5,3,4]", "[d1_0,d0_1,d1_2]");
  INFER_OK(op, "[6,1,2,3];[5,3,4]", "[d0_0,d1_0,d0_2,d1_2]");
  // Unknown batch dims take a known one > 1 from the other side.
  INFER_OK(op, "[?,2,3];[5,3,4]", "[d1_0,d0_1,d1_2]");
  INFER_OK(op, "[?,2,?];[?,?,4]", "[?,d0_1,d1_2]");
  INFER_OK(op, "[0,2,3];[1,3,4]", "[d0_0,d0_1,d1_2]");

  INFER_ERROR("Shape must be at least rank 2 but is rank 1", op, "[3];[3,4]");
  INFER_ERROR("Shape must be at least rank 2 but is rank 0", op, "[2,3];[]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", op, "[5,2,3];[5,4,5]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 5", op, "[2,2,3];[5,3,4]");

  op = Op("BatchMatMulV2", "adj_x", true, "adj_y", false);
  INFER_OK(op, "[5,3,2];[5,3,4]", "[d0_0|d1_0,d0_2,d1_2]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[5,2,3];[5,3,4]");
  op = Op("BatchMatMulV2", "adj_x", false, "adj_y", true);
  INFER_OK(op, "[5,2,3];[4,3]", "[d0_0,d0_1,d1_0]");
  op = Op("BatchMatMulV2", "adj_x", true, "adj_y", true);
  INFER_OK(op, "[3,2];[1,4,3]", "[d1_0,d0_1,d1_1]");
}

TEST(MatMulOpsTest, DefinitionsFollowTensorFlow) {
  const auto matmul = OpRegistry::Global()->LookUpOpDef("MatMul");
  ASSERT_TRUE(matmul.ok()) << matmul.status();
  ASSERT_EQ((*matmul)->input_arg_size(), 2);
  EXPECT_EQ((*matmul)->input_arg(0).name(), "a");
  EXPECT_EQ((*matmul)->input_arg(1).name(), "b");
  EXPECT_EQ((*matmul)->output_arg(0).name(), "product");
  EXPECT_FALSE((*matmul)->summary().empty());

  const auto batch = OpRegistry::Global()->LookUpOpDef("BatchMatMulV2");
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ((*batch)->input_arg(0).name(), "x");
  EXPECT_EQ((*batch)->input_arg(1).name(), "y");
  EXPECT_EQ((*batch)->output_arg(0).name(), "output");
  EXPECT_FALSE((*batch)->summary().empty());
  for (const auto& attr : (*batch)->attr()) {
    if (attr.name() == "adj_x" || attr.name() == "adj_y") {
      EXPECT_FALSE(attr.default_value().b()) << attr.name();
    }
  }
}

}  // namespace
}  // namespace rill
