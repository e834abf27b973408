// Shape-function tests of GatherV2, GatherNd and ScatterNd in TensorFlow's string
// notation, unknown dims and ranks included, and their gradient declarations.
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

ShapeInferenceTestOp GatherV2Op(int64_t batch_dims, DataType axis_type = DT_INT32) {
  ShapeInferenceTestOp op("GatherV2");
  EXPECT_TRUE(NodeDefBuilder("g", "GatherV2")
                  .Input("params", 0, DT_FLOAT)
                  .Input("indices", 0, DT_INT32)
                  .Input("axis", 0, axis_type)
                  .Attr("batch_dims", batch_dims)
                  .Finalize(&op.node_def)
                  .ok());
  op.input_tensors.resize(3);
  return op;
}

TEST(GatherV2ShapeTest, UnknownAxisGivesOnlyTheRank) {
  ShapeInferenceTestOp op = GatherV2Op(0);
  INFER_OK(op, "[5,6];[3];[]", "[?,?]");
  INFER_OK(op, "[5,6];[3,4];[]", "[?,?,?]");
  INFER_OK(op, "?;[3];[]", "?");
  INFER_OK(op, "[5,6];?;[]", "?");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[5,6];[3];[1]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", op, "[];[3];[]");
}

TEST(GatherV2ShapeTest, KnownAxisSplicesIndicesIntoParams) {
  ShapeInferenceTestOp op = GatherV2Op(0);
  Tensor axis = test::AsScalar<int32_t>(0);
  op.input_tensors[2] = &axis;
  INFER_OK(op, "[5,6];[3];[]", "[d1_0,d0_1]");
  INFER_OK(op, "[5,6];[2,3];[]", "[d1_0,d1_1,d0_1]");
  INFER_OK(op, "[5,6];[];[]", "[d0_1]");
  INFER_OK(op, "[?,6];[?];[]", "[d1_0,d0_1]");
  INFER_OK(op, "?;[3];[]", "?");

  axis = test::AsScalar<int32_t>(1);
  INFER_OK(op, "[5,6,7];[3];[]", "[d0_0,d1_0,d0_2]");
  axis = test::AsScalar<int32_t>(-1);
  INFER_OK(op, "[5,6,7];[3,2];[]", "[d0_0,d0_1,d1_0,d1_1]");
  axis = test::AsScalar<int32_t>(3);
  INFER_ERROR("Expected axis in the range [-3, 3), but got 3", op, "[5,6,7];[3];[]");
  axis = test::AsScalar<int32_t>(-4);
  INFER_ERROR("Expected axis in the range [-3, 3), but got -4", op, "[5,6,7];[3];[]");
}

TEST(GatherV2ShapeTest, Int64Axis) {
  ShapeInferenceTestOp op = GatherV2Op(0, DT_INT64);
  Tensor axis = test::AsScalar<int64_t>(1);
  op.input_tensors[2] = &axis;
  INFER_OK(op, "[5,6];[3];[]", "[d0_0,d1_0]");
}

TEST(GatherV2ShapeTest, BatchDims) {
  ShapeInferenceTestOp op = GatherV2Op(1);
  INFER_OK(op, "[4,5,6];[4,3];[]", "[?,?,?]");
  Tensor axis = test::AsScalar<int32_t>(1);
  op.input_tensors[2] = &axis;
  INFER_OK(op, "[4,5,6];[4,3];[]", "[d0_0|d1_0,d1_1,d0_2]");
  // The batch dimension is merged: whichever side knows it.
  INFER_OK(op, "[?,5,6];[4,3];[]", "[d1_0,d1_1,d0_2]");
  INFER_ERROR("params.shape[0]: 4 should be equal to indices.shape[0]: 3", op, "[4,5,6];[3,2];[]");
  axis = test::AsScalar<int32_t>(0);
  INFER_ERROR("batch_dims (1) must be less than or equal to axis (0).", op, "[4,5,6];[4,3];[]");
  INFER_ERROR("batch_dims (1) must be less than rank(params) (1).", op, "[4];[4,3];[]");

  op = GatherV2Op(-1);
  axis = test::AsScalar<int32_t>(2);
  op.input_tensors[2] = &axis;
  INFER_OK(op, "[4,5,6];[4,3];[]", "[d0_0|d1_0,d0_1,d1_1]");
  op = GatherV2Op(3);
  INFER_ERROR("Expected batch_dims in the range [-2, 2], but got 3", op, "[4,5,6];[4,3];[]");
}

TEST(GatherNdShapeTest, IndexRowsAddressLeadingDims) {
  ShapeInferenceTestOp op("GatherNd");
  ASSERT_TRUE(NodeDefBuilder("g", "GatherNd")
                  .Input("params", 0, DT_FLOAT)
                  .Input("indices", 0, DT_INT64)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[4,5,6];[2,3,2]", "[d1_0,d1_1,d0_2]");
  INFER_OK(op, "[4,5];[3,2]", "[d1_0]");
  INFER_OK(op, "[4,5];[2]", "[]");
  INFER_OK(op, "[4,5];[3,1]", "[d1_0,d0_1]");
  INFER_OK(op, "[4,5];[3,0]", "[d1_0,d0_0,d0_1]");
  INFER_OK(op, "?;[3,2]", "?");
  INFER_OK(op, "[4,5];[3,?]", "?");
  INFER_OK(op, "[4,5];?", "?");
  INFER_ERROR(
      "indices.shape[-1] must be <= params.rank, but saw indices shape: [3,3] and params "
      "shape: [4,5]",
      op, "[4,5];[3,3]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", op, "[4,5];[]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", op, "[];[1]");
}

TEST(ScatterNdShapeTest, OutputIsTheShapeInput) {
  ShapeInferenceTestOp op("ScatterNd");
  ASSERT_TRUE(NodeDefBuilder("s", "ScatterNd")
                  .Input("indices", 0, DT_INT32)
                  .Input("updates", 0, DT_FLOAT)
                  .Input("shape", 0, DT_INT32)
                  .Finalize(&op.node_def)
                  .ok());
  op.input_tensors.resize(3);
  INFER_OK(op, "[2,1];[2,5];[2]", "[?,?]");
  INFER_OK(op, "[2,1];[2,5];?", "?");
  INFER_OK(op, "?;?;[3]", "[?,?,?]");

  Tensor shape = test::AsTensor<int32_t>({4, 5, 6});
  op.input_tensors[2] = &shape;
  INFER_OK(op, "[2,3,1];[2,3,5,6];[3]", "[4,5,6]");
  INFER_OK(op, "[2,2];[2,6];[3]", "[4,5,6]");
  INFER_OK(op, "[?,?,2];[?,?,6];[3]", "[4,5,6]");
  INFER_OK(op, "[2,?];[2,6];[3]", "[4,5,6]");
  INFER_OK(op, "?;[2,6];[3]", "[4,5,6]");
  INFER_ERROR(
      "Dimensions [0,2) of indices[shape=[2,3,1]] must match dimensions [0,2) of "
      "updates[shape=[2,4,5,6]]",
      op, "[2,3,1];[2,4,5,6];[3]");
  INFER_ERROR(
      "Dimensions [1,3) of output[shape=[4,5,6]] must match dimensions [1,3) of "
      "updates[shape=[2,5,7]]",
      op, "[2,1];[2,5,7];[3]");
  INFER_ERROR("indices.shape[-1] must be <= shape.rank, but saw indices shape: [2,4]", op,
              "[2,4];[2];[3]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", op, "[];[2];[3]");

  shape = test::AsTensor<int32_t>({0, 5});
  INFER_ERROR("Indices and updates specified for empty output shape", op, "[2,1];[2,5];[2]");
  INFER_OK(op, "[0,1];[0,5];[2]", "[0,5]");
  shape = test::AsTensor<int32_t>({-2, 5});
  INFER_ERROR("Invalid value in tensor used for shape: -2", op, "[2,1];[2,5];[2]");
}

TEST(GatherOpsTest, GradientDeclarations) {
  for (const char* name : {"GatherV2", "GatherNd", "ScatterNd"}) {
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kDifferentiable) << name;
  }
}

}  // namespace
}  // namespace rill
