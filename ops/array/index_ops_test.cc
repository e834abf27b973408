// Shape-function tests of Where, Unique, InvertPermutation and OneHot in TensorFlow's
// string notation, unknown dims and ranks included, and their gradient declarations.
#include <cstdint>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(WhereShapeTest, OneRowPerTrueElementOneColumnPerDim) {
  ShapeInferenceTestOp op("Where");
  ASSERT_TRUE(NodeDefBuilder("w", "Where").Input("input", 0, DT_BOOL).Finalize(&op.node_def).ok());
  INFER_OK(op, "[2,3]", "[?,2]");
  INFER_OK(op, "[?,?,?]", "[?,3]");
  INFER_OK(op, "[]", "[?,0]");
  INFER_OK(op, "?", "[?,?]");
}

TEST(UniqueShapeTest, UnknownLengthAndTheInputShape) {
  ShapeInferenceTestOp op("Unique");
  ASSERT_TRUE(NodeDefBuilder("u", "Unique").Input("x", 0, DT_INT64).Finalize(&op.node_def).ok());
  INFER_OK(op, "[5]", "[?];in0");
  INFER_OK(op, "[?]", "[?];in0");
  INFER_OK(op, "?", "[?];[?]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[2,2]");
  INFER_ERROR("Shape must be rank 1 but is rank 0", op, "[]");
}

TEST(InvertPermutationShapeTest, TheInputVectorShape) {
  ShapeInferenceTestOp op("InvertPermutation");
  INFER_OK(op, "[5]", "in0");
  INFER_OK(op, "?", "[?]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[2,2]");
}

ShapeInferenceTestOp OneHotOp(int64_t axis) {
  ShapeInferenceTestOp op("OneHot");
  EXPECT_TRUE(NodeDefBuilder("o", "OneHot")
                  .Input("indices", 0, DT_INT32)
                  .Input("depth", 0, DT_INT32)
                  .Input("on_value", 0, DT_FLOAT)
                  .Input("off_value", 0, DT_FLOAT)
                  .Attr("axis", axis)
                  .Finalize(&op.node_def)
                  .ok());
  op.input_tensors.resize(4);
  return op;
}

TEST(OneHotShapeTest, DepthInsertedAtAxis) {
  Tensor depth = test::AsScalar<int32_t>(4);
  ShapeInferenceTestOp op = OneHotOp(-1);
  INFER_OK(op, "[2,3];[];[];[]", "[d0_0,d0_1,?]");
  op.input_tensors[1] = &depth;
  INFER_OK(op, "[2,3];[];[];[]", "[d0_0,d0_1,4]");
  INFER_OK(op, "[];[];[];[]", "[4]");
  INFER_OK(op, "?;[];[];[]", "?");

  op = OneHotOp(0);
  op.input_tensors[1] = &depth;
  INFER_OK(op, "[2,3];[];[];[]", "[4,d0_0,d0_1]");
  op = OneHotOp(1);
  op.input_tensors[1] = &depth;
  INFER_OK(op, "[2,?];[];[];[]", "[d0_0,4,d0_1]");
  op = OneHotOp(2);
  op.input_tensors[1] = &depth;
  INFER_OK(op, "[2,3];[];[];[]", "[d0_0,d0_1,4]");
  op = OneHotOp(3);
  INFER_ERROR("Expected axis to be -1 or between [0, 3), but received: 3", op, "[2,3];[];[];[]");
  op = OneHotOp(-2);
  INFER_ERROR("axis must be >= -1", op, "[2,3];[];[];[]");
}

TEST(OneHotShapeTest, ScalarArguments) {
  ShapeInferenceTestOp op = OneHotOp(-1);
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2];[1];[];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2];[];[1];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2];[];[];[1]");
  Tensor depth = test::AsScalar<int32_t>(-1);
  op.input_tensors[1] = &depth;
  INFER_ERROR("must be non-negative but is -1", op, "[2];[];[];[]");
}

TEST(IndexOpsTest, NoneHasAGradient) {
  for (const char* name : {"Where", "Unique", "InvertPermutation", "OneHot"}) {
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient) << name;
  }
}

}  // namespace
}  // namespace rill
