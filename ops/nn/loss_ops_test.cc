// Tests of the softmax-family and loss op definitions: TensorFlow's shape functions in its
// notation, and their gradient declarations.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(LossOpsTest, SoftmaxKeepsShapesOfRankAtLeastOne) {
  for (const char* name : {"Softmax", "LogSoftmax"}) {
    ShapeInferenceTestOp op(name);
    INFER_OK(op, "?", "in0");
    INFER_OK(op, "[3]", "in0");
    INFER_OK(op, "[2,?,5]", "in0");
    INFER_ERROR("Shape must be at least rank 1 but is rank 0", op, "[]");
  }
}

TEST(LossOpsTest, SoftmaxCrossEntropyMergesOrBroadcasts) {
  ShapeInferenceTestOp op("SoftmaxCrossEntropyWithLogits");
  INFER_OK(op, "?;?", "[?];[?,?]");
  INFER_OK(op, "[1,?];[?,2]", "[d0_0];[d0_0,d0_1|d1_1]");
  INFER_OK(op, "[3,4];[1,4]", "[d0_0];[d0_0,d0_1|d1_1]");
  INFER_OK(op, "[4];[3,4]", "[d1_0];[d1_0,d0_0|d1_1]");
  INFER_ERROR("Dimensions must be equal", op, "[3,4];[3,5]");
  INFER_ERROR("Shape must be broadcasted with rank 2, but is rank 3", op, "[1,3,4];[3,4]");
}

TEST(LossOpsTest, SparseSoftmaxCrossEntropyMergesTheBatch) {
  ShapeInferenceTestOp op("SparseSoftmaxCrossEntropyWithLogits");
  INFER_OK(op, "?;?", "[?];[?,?]");
  INFER_OK(op, "[?,5];[3]", "[d1_0];[d1_0,d0_1]");
  INFER_OK(op, "[3,5];[?]", "[d0_0];[d0_0,d0_1]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 2", op, "[3,5];[2]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[3,5];[3,1]");
  INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[3];[3]");
}

TEST(LossOpsTest, L2LossIsAScalar) {
  ShapeInferenceTestOp op("L2Loss");
  INFER_OK(op, "?", "[]");
  INFER_OK(op, "[2,3]", "[]");
}

TEST(LossOpsTest, AllAreDifferentiable) {
  for (const char* name : {"Softmax", "LogSoftmax", "SoftmaxCrossEntropyWithLogits",
                           "SparseSoftmaxCrossEntropyWithLogits", "L2Loss"}) {
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << name;
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kDifferentiable) << name;
  }
}

}  // namespace
}  // namespace rill
