// Shape-function tests of Shape, ShapeN, Size, Rank, Reshape, Squeeze, ExpandDims, Transpose
// and BroadcastTo in TensorFlow's string notation, with unknown dims, unknown ranks and
// constant inputs.
#include <cstdint>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(ShapeOpsTest, ShapeIsAVectorOfTheRank) {
  ShapeInferenceTestOp op("Shape");
  INFER_OK(op, "?", "[?]");
  INFER_OK(op, "[]", "[0]");
  INFER_OK(op, "[1,?,3,4]", "[4]");
}

TEST(ShapeOpsTest, ShapeNGivesOneVectorPerInput) {
  ShapeInferenceTestOp op("ShapeN");
  ASSERT_TRUE(NodeDefBuilder("s", "ShapeN")
                  .Input({{"a", 0, DT_FLOAT}, {"b", 0, DT_FLOAT}, {"c", 0, DT_FLOAT}})
                  .Attr("out_type", DT_INT64)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "?;[1];[2,?]", "[?];[1];[2]");
}

TEST(ShapeOpsTest, SizeAndRankAreScalars) {
  ShapeInferenceTestOp size("Size");
  INFER_OK(size, "?", "[]");
  INFER_OK(size, "[2,?]", "[]");
  ShapeInferenceTestOp rank("Rank");
  INFER_OK(rank, "?", "[]");
  INFER_OK(rank, "[2,3]", "[]");
}

TEST(ShapeOpsTest, ReshapeWithUnknownShapeValue) {
  ShapeInferenceTestOp op("Reshape");
  INFER_OK(op, "[2,3];[2]", "[?,?]");
  INFER_OK(op, "[2,3];?", "?");
  INFER_OK(op, "?;[3]", "[?,?,?]");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", op, "[2];[1,2]");
}

TEST(ShapeOpsTest, ReshapeInfersTheMinusOneDimension) {
  ShapeInferenceTestOp op("Reshape");
  Tensor shape = test::AsTensor<int32_t>({3, 2});
  op.input_tensors = {nullptr, &shape};
  INFER_OK(op, "[2,3];[2]", "[3,2]");
  INFER_OK(op, "?;[2]", "[3,2]");
  INFER_OK(op, "[?,3];[2]", "[3,2]");
  INFER_ERROR("Cannot reshape a tensor with 4 elements to shape [3,2] (6 elements)", op,
              "[2,2];[2]");

  shape = test::AsTensor<int32_t>({-1, 2});
  INFER_OK(op, "[2,3];[2]", "[3,2]");
  INFER_OK(op, "?;[2]", "[?,2]");
  INFER_OK(op, "[?,3];[2]", "[?,2]");
  INFER_ERROR("not a multiple of 2", op, "[3,3];[2]");

  // Output fully known, one unknown input dim: the input dim must divide evenly.
  shape = test::AsTensor<int64_t>({6});
  INFER_OK(op, "[?,3];[1]", "[6]");
  INFER_ERROR("Dimension size must be evenly divisible by 4 but is 6", op, "[?,4];[1]");

  // One unknown on each side with equal known parts: the unknown dim passes through.
  shape = test::AsTensor<int32_t>({3, -1});
  INFER_OK(op, "[?,3];[2]", "[3,d0_0]");

  // An empty shape: nothing to infer the -1 from.
  shape = test::AsTensor<int32_t>({0, -1});
  INFER_OK(op, "[0,3];[2]", "[0,?]");

  shape = test::AsTensor<int32_t>({-2, 3});
  INFER_ERROR("Invalid value in tensor used for shape: -2", op, "[2,3];[2]");
}

TEST(ShapeOpsTest, SqueezeAllOnes) {
  ShapeInferenceTestOp op("Squeeze");
  INFER_OK(op, "?", "?");
  INFER_OK(op, "[1,2,1,3]", "[d0_1,d0_3]");
  INFER_OK(op, "[1,1]", "[]");
  INFER_OK(op, "[2,?]", "?");  // The unknown dim may be 1.
}

TEST(ShapeOpsTest, SqueezeListedDims) {
  ShapeInferenceTestOp op("Squeeze");
  ASSERT_TRUE(NodeDefBuilder("s", "Squeeze")
                  .Input("x", 0, DT_FLOAT)
                  .Attr("squeeze_dims", std::vector<int64_t>{0, -1})
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[1,1,1]", "[d0_1]");
  INFER_OK(op, "[?,2,?]", "[d0_1]");
  INFER_OK(op, "?", "?");
  INFER_ERROR("Can not squeeze dim[0], expected a dimension of 1, got 2", op, "[2,1,1]");
  INFER_ERROR("squeeze_dims[0] = 0 is not in [0, 0)", op, "[]");
  ASSERT_TRUE(NodeDefBuilder("s", "Squeeze")
                  .Input("x", 0, DT_FLOAT)
                  .Attr("squeeze_dims", std::vector<int64_t>{2})
                  .Finalize(&op.node_def)
                  .ok());
  INFER_ERROR("squeeze_dims[0] = 2 is not in [-2, 2)", op, "[1,1]");
}

TEST(ShapeOpsTest, ExpandDims) {
  ShapeInferenceTestOp op("ExpandDims");
  INFER_OK(op, "[2,3];[]", "?");  // The dim is not a constant.
  Tensor dim = test::AsScalar<int32_t>(0);
  op.input_tensors = {nullptr, &dim};
  INFER_OK(op, "[2,3];[]", "[1,d0_0,d0_1]");
  INFER_OK(op, "[];[]", "[1]");
  INFER_OK(op, "?;[]", "?");
  dim = test::AsScalar<int32_t>(-1);
  INFER_OK(op, "[2,3];[]", "[d0_0,d0_1,1]");
  dim = test::AsScalar<int32_t>(2);
  INFER_OK(op, "[2,3];[]", "[d0_0,d0_1,1]");
  dim = test::AsScalar<int32_t>(-3);
  INFER_OK(op, "[2,?];[]", "[1,d0_0,d0_1]");
  dim = test::AsScalar<int32_t>(1);
  INFER_OK(op, "[2,?];[]", "[d0_0,1,d0_1]");
  dim = test::AsScalar<int32_t>(3);
  INFER_ERROR("dim 3 not in the interval [-3, 2].", op, "[2,3];[]");
  dim = test::AsScalar<int32_t>(-4);
  INFER_ERROR("dim -4 not in the interval [-3, 2].", op, "[2,3];[]");
  dim = test::AsTensor<int32_t>({0, 1});
  INFER_ERROR("'dim' input must be a tensor with a single value", op, "[2,3];[2]");
}

TEST(ShapeOpsTest, TransposeWithUnknownPerm) {
  ShapeInferenceTestOp op("Transpose");
  INFER_OK(op, "?;?", "?");
  INFER_OK(op, "[2,3];?", "[?,?]");
  INFER_OK(op, "?;[3]", "[?,?,?]");
  INFER_OK(op, "?;[1]", "in0");  // A vector (or scalar) comes back unchanged.
  INFER_ERROR("Dimension must be 3 but is 2", op, "[1,2,3];[2]");
}

TEST(ShapeOpsTest, TransposeWithConstantPerm) {
  ShapeInferenceTestOp op("Transpose");
  Tensor perm = test::AsTensor<int32_t>({2, 0, 1});
  op.input_tensors = {nullptr, &perm};
  INFER_OK(op, "[1,2,3];[3]", "[d0_2,d0_0,d0_1]");
  INFER_OK(op, "[?,2,?];[3]", "[d0_2,d0_0,d0_1]");
  INFER_OK(op, "?;[3]", "[?,?,?]");
  INFER_ERROR("Dimension must be 2 but is 3", op, "[1,2];[3]");
  perm = test::AsTensor<int64_t>({1, 1, 0});
  INFER_ERROR("perm {1,1,0} is not a permutation: 1 appears more than once", op,
              "[1,2,3];[3]");
  perm = test::AsTensor<int64_t>({0, 3, 1});
  INFER_ERROR("perm[1] = 3 is not in [0, 3)", op, "[1,2,3];[3]");
  perm = test::AsTensor<int64_t>({0, -1, 1});
  INFER_ERROR("perm[1] = -1 is not in [0, 3)", op, "[1,2,3];[3]");
}

TEST(ShapeOpsTest, BroadcastTo) {
  ShapeInferenceTestOp op("BroadcastTo");
  INFER_OK(op, "[2];[3]", "[?,?,d0_0]");
  INFER_OK(op, "[1];[3]", "[?,?,?]");
  INFER_OK(op, "[2];?", "?");
  INFER_ERROR("Shape must be rank 1 but is rank 0", op, "[2];[]");
  Tensor shape = test::AsTensor<int32_t>({3, 2});
  op.input_tensors = {nullptr, &shape};
  INFER_OK(op, "[2];[2]", "[3,d0_0]");
  INFER_OK(op, "[1];[2]", "[3,2]");
  INFER_OK(op, "[?];[2]", "[3,2]");
  INFER_OK(op, "[];[2]", "[3,2]");
  INFER_OK(op, "?;[2]", "[3,2]");
  INFER_OK(op, "[3,1];[2]", "[d0_0,2]");
  INFER_ERROR("Dimensions must be equal, but are 4 and 2", op, "[4];[2]");
  INFER_ERROR("Shape must be at most rank 2 but is rank 3", op, "[1,1,1];[2]");
  shape = test::AsTensor<int64_t>({3, 0});
  INFER_OK(op, "[0];[2]", "[3,0]");
  shape = test::AsTensor<int64_t>({3, 4});
  INFER_ERROR("Cannot broadcast a dimension of size 0 to size 4", op, "[0];[2]");
}

}  // namespace
}  // namespace rill
