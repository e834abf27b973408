// Tests of the BiasAdd and BiasAddGrad op definitions: TensorFlow's shape functions for
// NHWC and NCHW, in its notation.
#include <string>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

ShapeInferenceTestOp BiasOp(const std::string& name, const std::string& data_format) {
  ShapeInferenceTestOp op(name);
  NodeDefBuilder builder("n", name);
  builder.Input("value", 0, DT_FLOAT);
  if (name == "BiasAdd") builder.Input("bias", 0, DT_FLOAT);
  EXPECT_TRUE(builder.Attr("data_format", data_format).Finalize(&op.node_def).ok());
  return op;
}

TEST(BiasAddOpsTest, NhwcMergesTheLastDimension) {
  const ShapeInferenceTestOp op = BiasOp("BiasAdd", "NHWC");
  INFER_OK(op, "?;?", "?");
  INFER_OK(op, "[2,3];[3]", "[d0_0,d0_1|d1_0]");
  INFER_OK(op, "[2,?];[3]", "[d0_0,d1_0]");
  INFER_OK(op, "[4,5,?];[7]", "[d0_0,d0_1,d1_0]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", op, "[2,3];[4]");
  INFER_ERROR("Shape must be at least rank 2 but is rank 1", op, "[3];[3]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[2,3];[1,3]");
}

TEST(BiasAddOpsTest, NchwMergesDimensionOne) {
  const ShapeInferenceTestOp op = BiasOp("BiasAdd", "NCHW");
  INFER_OK(op, "[2,?,4,5];[3]", "[d0_0,d1_0,d0_2,d0_3]");
  INFER_ERROR("Shape must be at least rank 3 but is rank 2", op, "[2,3];[3]");
}

TEST(BiasAddOpsTest, GradIsAVectorOfTheChannelDimension) {
  INFER_OK(BiasOp("BiasAddGrad", "NHWC"), "[2,3,4]", "[d0_2]");
  INFER_OK(BiasOp("BiasAddGrad", "NHWC"), "?", "[?]");
  INFER_OK(BiasOp("BiasAddGrad", "NCHW"), "[2,3,4]", "[d0_1]");
  INFER_ERROR("Shape must be at least rank 2 but is rank 1", BiasOp("BiasAddGrad", "NHWC"), "[3]");
}

}  // namespace
}  // namespace rill
