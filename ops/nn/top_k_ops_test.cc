// Tests of the TopKV2 and InTopKV2 op definitions: TensorFlow's shape functions in its
// notation, with k constant or not.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(TopKOpsTest, LastDimensionBecomesK) {
  ShapeInferenceTestOp op("TopKV2");
  op.input_tensors.resize(2);
  INFER_OK(op, "[2,5];[]", "[d0_0,?];[d0_0,?]");
  const Tensor k = test::AsScalar<int32_t>(3);
  op.input_tensors[1] = &k;
  INFER_OK(op, "[2,5];[]", "[d0_0,3];[d0_0,3]");
  INFER_OK(op, "[?];[]", "[3];[3]");
  INFER_ERROR("input must have last dimension >= k = 3 but is 2", op, "[4,2];[]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", op, "[];[]");
}

TEST(TopKOpsTest, InTopKIsABatchVector) {
  ShapeInferenceTestOp op("InTopKV2");
  INFER_OK(op, "?;?;?", "[?]");
  INFER_OK(op, "[3,10];[?];[]", "[d0_0]");
  INFER_OK(op, "[?,10];[3];[]", "[d1_0]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", op, "[3,10];[4];[]");
  INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[3];[3];[]");
}

TEST(TopKOpsTest, GradientDeclarations) {
  EXPECT_EQ((*OpRegistry::Global()->LookUp("TopKV2"))->gradient,
            GradientDeclaration::kDifferentiable);
  EXPECT_EQ((*OpRegistry::Global()->LookUp("InTopKV2"))->gradient,
            GradientDeclaration::kNoGradient);
}

}  // namespace
}  // namespace rill
