// Shape-function tests of Fill, ZerosLike and OnesLike in TensorFlow's string notation,
// unknown dims and ranks included, and their gradient declarations.
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

ShapeInferenceTestOp FillOp(DataType index_type) {
  ShapeInferenceTestOp op("Fill");
  EXPECT_TRUE(NodeDefBuilder("f", "Fill")
                  .Input("dims", 0, index_type)
                  .Input("value", 0, DT_FLOAT)
                  .Finalize(&op.node_def)
                  .ok());
  op.input_tensors.resize(2);
  return op;
}

TEST(FillShapeTest, ShapeComesFromDims) {
  ShapeInferenceTestOp op = FillOp(DT_INT32);
  INFER_OK(op, "[2];[]", "[?,?]");
  INFER_OK(op, "[?];[]", "?");
  INFER_OK(op, "?;[]", "?");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[2,2];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2];[1]");

  Tensor dims = test::AsTensor<int32_t>({2, 3});
  op.input_tensors[0] = &dims;
  INFER_OK(op, "[2];[]", "[2,3]");
  dims = test::AsTensor<int32_t>({0});
  INFER_OK(op, "[1];[]", "[0]");
  dims = test::AsTensor<int32_t>({});
  INFER_OK(op, "[0];[]", "[]");
  dims = test::AsTensor<int32_t>({2, -1});
  INFER_ERROR("Fill dimensions must be >= 0", op, "[2];[]");
}

TEST(FillShapeTest, Int64Dims) {
  ShapeInferenceTestOp op = FillOp(DT_INT64);
  Tensor dims = test::AsTensor<int64_t>({4, 1, 2});
  op.input_tensors[0] = &dims;
  INFER_OK(op, "[3];[]", "[4,1,2]");
  dims = test::AsTensor<int64_t>({-5});
  INFER_ERROR("Fill dimensions must be >= 0", op, "[1];[]");
}

TEST(ConstantLikeShapeTest, OutputIsTheInputShape) {
  for (const char* name : {"ZerosLike", "OnesLike"}) {
    ShapeInferenceTestOp op(name);
    ASSERT_TRUE(NodeDefBuilder("x", name).Input("x", 0, DT_INT32).Finalize(&op.node_def).ok());
    INFER_OK(op, "[2,?]", "in0");
    INFER_OK(op, "[]", "in0");
    INFER_OK(op, "?", "in0");
  }
}

TEST(GeneratorOpsTest, GradientDeclarations) {
  const auto declaration = [](const char* name) {
    return (*OpRegistry::Global()->LookUp(name))->gradient;
  };
  EXPECT_EQ(declaration("Fill"), GradientDeclaration::kDifferentiable);
  EXPECT_EQ(declaration("ZerosLike"), GradientDeclaration::kNoGradient);
  EXPECT_EQ(declaration("OnesLike"), GradientDeclaration::kNoGradient);
}

TEST(GeneratorOpsTest, OnesLikeRejectsStrings) {
  ShapeInferenceTestOp op("OnesLike");
  EXPECT_FALSE(
      NodeDefBuilder("x", "OnesLike").Input("x", 0, DT_STRING).Finalize(&op.node_def).ok());
  EXPECT_TRUE(
      NodeDefBuilder("x", "ZerosLike").Input("x", 0, DT_STRING).Finalize(&op.node_def).ok());
}

}  // namespace
}  // namespace rill
