// Shape-function tests of ConcatV2, ConcatOffset, Split, SplitV, Slice, StridedSlice,
// StridedSliceGrad, Tile, Pad, Pack, Unpack and ReverseV2 in TensorFlow's string notation,
// with unknown dims, unknown ranks and constant inputs.
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

std::vector<NodeDefBuilder::NodeOut> FloatInputs(int n) {
  return std::vector<NodeDefBuilder::NodeOut>(n, {"x", 0, DT_FLOAT});
}

ShapeInferenceTestOp ConcatV2Op(int n) {
  ShapeInferenceTestOp op("ConcatV2");
  EXPECT_TRUE(NodeDefBuilder("c", "ConcatV2")
                  .Input(FloatInputs(n))
                  .Input("axis", 0, DT_INT32)
                  .Finalize(&op.node_def)
                  .ok());
  return op;
}

TEST(SlicingOpsTest, ConcatV2WithUnknownAxis) {
  ShapeInferenceTestOp op = ConcatV2Op(3);
  INFER_OK(op, "?;?;?;[]", "?");
  INFER_OK(op, "[2,3];?;[2,?];[]", "[?,?]");
  INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[2,3];[2];?;[]");
  INFER_ERROR("Can't concatenate scalars", op, "[];?;?;[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "?;?;?;[1]");
}

TEST(SlicingOpsTest, ConcatV2WithConstantAxis) {
  ShapeInferenceTestOp op = ConcatV2Op(3);
  Tensor axis = test::AsScalar<int32_t>(1);
  op.input_tensors = {nullptr, nullptr, nullptr, &axis};
  INFER_OK(op, "[2,3];[2,4];[?,5];[]", "[d0_0,12]");
  INFER_OK(op, "[2,3];[2,?];[2,5];[]", "[d0_0,?]");
  INFER_OK(op, "?;?;?;[]", "?");
  INFER_ERROR("must be equal", op, "[2,3];[3,4];[2,5];[]");
  INFER_ERROR("Shape must be at least rank 2 but is rank 1", op, "[2];[2,4];[2,5];[]");

  axis = test::AsScalar<int64_t>(-2);
  INFER_OK(op, "[2,3];[4,3];[1,3];[]", "[7,d0_1]");
  INFER_OK(op, "?;[2,3];?;[]", "[?,d1_1]");

  axis = test::AsScalar<int32_t>(0);
  INFER_OK(op, "[2,3];[4,?];[1,?];[]", "[7,d0_1]");
  INFER_ERROR("must be equal", op, "[2,3];[4,2];[1,3];[]");
}

TEST(SlicingOpsTest, ConcatOffset) {
  ShapeInferenceTestOp op("ConcatOffset");
  const std::vector<NodeDefBuilder::NodeOut> shapes(3, {"s", 0, DT_INT32});
  ASSERT_TRUE(NodeDefBuilder("c", "ConcatOffset")
                  .Input("concat_dim", 0, DT_INT32)
                  .Input(shapes)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "?;?;?;?", "in1;in2;in3");
  INFER_OK(op, "[];[3];[3];[?]", "in1;in2;in3");
}

ShapeInferenceTestOp SplitOp(int num_split) {
  ShapeInferenceTestOp op("Split");
  EXPECT_TRUE(NodeDefBuilder("s", "Split")
                  .Input("axis", 0, DT_INT32)
                  .Input("value", 0, DT_FLOAT)
                  .Attr("num_split", num_split)
                  .Finalize(&op.node_def)
                  .ok());
  return op;
}

TEST(SlicingOpsTest, Split) {
  ShapeInferenceTestOp op = SplitOp(2);
  INFER_OK(op, "[];[4,6]", "[?,?];[?,?]");
  INFER_OK(op, "[];?", "?;?");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[1];[4,6]");
  Tensor axis = test::AsScalar<int32_t>(1);
  op.input_tensors = {&axis, nullptr};
  INFER_OK(op, "[];[4,6]", "[d1_0,3];[d1_0,3]");
  INFER_OK(op, "[];[4,?]", "[d1_0,?];[d1_0,?]");
  INFER_OK(op, "[];?", "?;?");
  INFER_ERROR("Number of ways to split should evenly divide the split dimension", op,
              "[];[4,5]");
  INFER_ERROR("axis 1 is not in [-1, 1) for a tensor of rank 1", op, "[];[4]");
  axis = test::AsScalar<int32_t>(-2);
  INFER_OK(op, "[];[4,6]", "[2,d1_1];[2,d1_1]");
  INFER_OK(op, "[];?", "?;?");
}

ShapeInferenceTestOp SplitVOp(int num_split) {
  ShapeInferenceTestOp op("SplitV");
  EXPECT_TRUE(NodeDefBuilder("s", "SplitV")
                  .Input("value", 0, DT_FLOAT)
                  .Input("size_splits", 0, DT_INT64)
                  .Input("axis", 0, DT_INT32)
                  .Attr("num_split", num_split)
                  .Finalize(&op.node_def)
                  .ok());
  return op;
}

TEST(SlicingOpsTest, SplitV) {
  ShapeInferenceTestOp op = SplitVOp(3);
  INFER_OK(op, "[4,6];[3];[]", "[?,?];[?,?];[?,?]");
  INFER_OK(op, "?;[3];[]", "?;?;?");
  INFER_ERROR("Can't split scalars", op, "[];[3];[]");
  INFER_ERROR("Shape must be rank 1 but is rank 0", op, "[4,6];[];[]");

  Tensor axis = test::AsScalar<int32_t>(1);
  op.input_tensors = {nullptr, nullptr, &axis};
  INFER_OK(op, "[4,6];[3];[]", "[d0_0,?];[d0_0,?];[d0_0,?]");

  Tensor sizes = test::AsTensor<int64_t>({1, -1, 2});
  op.input_tensors = {nullptr, &sizes, &axis};
  INFER_OK(op, "[4,6];[3];[]", "[d0_0,1];[d0_0,3];[d0_0,2]");
  INFER_OK(op, "[4,?];[3];[]", "[d0_0,1];[d0_0,?];[d0_0,2]");
  INFER_ERROR("can't split axis of size 2 into pieces of size [1,-1,2]", op, "[4,2];[3];[]");
  sizes = test::AsTensor<int64_t>({1, 2, 2});
  INFER_ERROR("can't split axis of size 6 into pieces of size [1,2,2]", op, "[4,6];[3];[]");
  sizes = test::AsTensor<int64_t>({1, -1, -1});
  INFER_ERROR("size_splits can only have one -1", op, "[4,6];[3];[]");
  sizes = test::AsTensor<int64_t>({1, -3, 1});
  INFER_ERROR("size_splits[1] = -3 must be non-negative or -1", op, "[4,6];[3];[]");
  sizes = test::AsTensor<int64_t>({1, 5});
  INFER_ERROR("size_splits has 2 entries, but num_split is 3", op, "[4,6];[2];[]");
}

TEST(SlicingOpsTest, SliceWithUnknownValues) {
  ShapeInferenceTestOp op("Slice");
  INFER_OK(op, "[2,3,4];[3];[3]", "[?,?,?]");
  INFER_OK(op, "?;[3];[3]", "[?,?,?]");
  INFER_OK(op, "?;?;?", "?");
  INFER_ERROR("Shape must be rank 3 but is rank 2", op, "[2,3];[3];[3]");
  INFER_ERROR("must be equal, but are 2 and 3", op, "[2,3];[2];[3]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[2,3];[2,1];[2]");
}

TEST(SlicingOpsTest, SliceWithConstantValues) {
  ShapeInferenceTestOp op("Slice");
  Tensor begin = test::AsTensor<int32_t>({1, 0});
  Tensor size = test::AsTensor<int32_t>({1, -1});
  op.input_tensors = {nullptr, &begin, nullptr};
  INFER_OK(op, "[2,3];[2];[2]", "[?,?]");
  op.input_tensors = {nullptr, nullptr, &size};
  INFER_OK(op, "[2,3];[2];[2]", "[1,?]");
  op.input_tensors = {nullptr, &begin, &size};
  INFER_OK(op, "[2,3];[2];[2]", "[1,d0_1]");
  INFER_OK(op, "[?,?];[2];[2]", "[1,d0_1]");
  INFER_OK(op, "?;[2];[2]", "[1,?]");
  begin = test::AsTensor<int32_t>({1, 1});
  INFER_OK(op, "[2,3];[2];[2]", "[1,2]");

  begin = test::AsTensor<int32_t>({3, 0});
  INFER_ERROR("Expected begin[0] in [0, 2], but got 3", op, "[2,3];[2];[2]");
  begin = test::AsTensor<int32_t>({1, 0});
  size = test::AsTensor<int32_t>({2, 1});
  INFER_ERROR("Expected size[0] in [0, 1], but got 2", op, "[2,3];[2];[2]");
  size = test::AsTensor<int32_t>({-2, 1});
  INFER_ERROR("Expected size[0] to be -1 or non-negative, but got -2", op, "[2,3];[2];[2]");
}

ShapeInferenceTestOp StridedSliceOp(const std::vector<int64_t>& masks) {
  ShapeInferenceTestOp op("StridedSlice");
  EXPECT_TRUE(NodeDefBuilder("s", "StridedSlice")
                  .Input("input", 0, DT_FLOAT)
                  .Input("begin", 0, DT_INT32)
                  .Input("end", 0, DT_INT32)
                  .Input("strides", 0, DT_INT32)
                  .Attr("begin_mask", masks[0])
                  .Attr("end_mask", masks[1])
                  .Attr("ellipsis_mask", masks[2])
                  .Attr("new_axis_mask", masks[3])
                  .Attr("shrink_axis_mask", masks[4])
                  .Finalize(&op.node_def)
                  .ok());
  return op;
}

// StridedSliceCase sets the three index tensors of `op` (NumPy's x[...] in the comments,
// with x of shape [5,6]).
struct StridedSliceCase {
  Tensor begin, end, strides;
  StridedSliceCase(std::vector<int32_t> b, std::vector<int32_t> e, std::vector<int32_t> s)
      : begin(test::AsTensor<int32_t>(b)),
        end(test::AsTensor<int32_t>(e)),
        strides(test::AsTensor<int32_t>(s)) {}
  void Use(ShapeInferenceTestOp* op) { op->input_tensors = {nullptr, &begin, &end, &strides}; }
};

TEST(SlicingOpsTest, StridedSliceNeedsStridesAndRank) {
  ShapeInferenceTestOp op = StridedSliceOp({0, 0, 0, 0, 0});
  INFER_OK(op, "[5,6];[2];[2];[2]", "?");
  StridedSliceCase x({1, 0}, {3, 6}, {1, 1});
  x.Use(&op);
  INFER_OK(op, "?;[2];[2];[2]", "?");
  INFER_OK(op, "[5,6];[2];[2];[2]", "[2,6]");
  INFER_ERROR("must be equal, but are 2 and 3", op, "[5,6];[2];[3];[2]");
}

TEST(SlicingOpsTest, StridedSliceMasks) {
  // x[1:3, ::2] -> [2,3]
  ShapeInferenceTestOp op = StridedSliceOp({2, 2, 0, 0, 0});
  StridedSliceCase a({1, 0}, {3, 0}, {1, 2});
  a.Use(&op);
  INFER_OK(op, "[5,6];[2];[2];[2]", "[2,3]");
  INFER_OK(op, "[?,6];[2];[2];[2]", "[?,3]");

  // x[-1] -> [6]
  op = StridedSliceOp({0, 0, 0, 0, 1});
  StridedSliceCase b({-1}, {0}, {1});
  b.Use(&op);
  INFER_OK(op, "[5,6];[1];[1];[1]", "[6]");
  // x[7]: out of bounds.
  StridedSliceCase b2({7}, {8}, {1});
  b2.Use(&op);
  INFER_ERROR("slice index 7 of dimension 0 out of bounds.", op, "[5,6];[1];[1];[1]");

  // x[::-1, 2:] -> [5,4]; x[4:1:-2] -> [2,6]
  op = StridedSliceOp({1, 3, 0, 0, 0});
  StridedSliceCase c({0, 2}, {0, 0}, {-1, 1});
  c.Use(&op);
  INFER_OK(op, "[5,6];[2];[2];[2]", "[5,4]");
  op = StridedSliceOp({0, 0, 0, 0, 0});
  StridedSliceCase c2({4}, {1}, {-2});
  c2.Use(&op);
  INFER_OK(op, "[5,6];[1];[1];[1]", "[2,6]");

  // x[..., None] -> [5,6,1]; x[None, 1] -> [1,6]
  op = StridedSliceOp({0, 0, 1, 2, 0});
  StridedSliceCase d({0, 0}, {0, 0}, {1, 1});
  d.Use(&op);
  INFER_OK(op, "[5,6];[2];[2];[2]", "[5,6,1]");
  op = StridedSliceOp({0, 0, 0, 1, 2});
  StridedSliceCase e({0, 1}, {0, 2}, {1, 1});
  e.Use(&op);
  INFER_OK(op, "[5,6];[2];[2];[2]", "[1,6]");

  // x[:, 2] with begin and end unknown: masked and shrunk dims are still known.
  op = StridedSliceOp({1, 1, 0, 0, 2});
  Tensor strides = test::AsTensor<int32_t>({1, 1});
  op.input_tensors = {nullptr, nullptr, nullptr, &strides};
  INFER_OK(op, "[5,6];[2];[2];[2]", "[5]");
}

TEST(SlicingOpsTest, StridedSliceErrors) {
  ShapeInferenceTestOp op = StridedSliceOp({0, 0, 0, 0, 0});
  StridedSliceCase zero({0}, {1}, {0});
  zero.Use(&op);
  INFER_ERROR("strides[0] must be non-zero", op, "[5,6];[1];[1];[1]");
  StridedSliceCase too_many({0, 0, 0}, {1, 1, 1}, {1, 1, 1});
  too_many.Use(&op);
  INFER_ERROR("Index out of range using input dim 2; input has only 2 dims", op,
              "[5,6];[3];[3];[3]");
  op = StridedSliceOp({0, 0, 3, 0, 0});
  StridedSliceCase two({0, 0}, {1, 1}, {1, 1});
  two.Use(&op);
  INFER_ERROR("Multiple ellipses in slice spec not allowed", op, "[5,6];[2];[2];[2]");
}

TEST(SlicingOpsTest, StridedSliceGrad) {
  ShapeInferenceTestOp op("StridedSliceGrad");
  ASSERT_TRUE(NodeDefBuilder("g", "StridedSliceGrad")
                  .Input("shape", 0, DT_INT32)
                  .Input("begin", 0, DT_INT32)
                  .Input("end", 0, DT_INT32)
                  .Input("strides", 0, DT_INT32)
                  .Input("dy", 0, DT_FLOAT)
                  .Finalize(&op.node_def)
                  .ok());
  // The output has the shape the `shape` input holds.
  INFER_OK(op, "[3];?;?;?;?", "[?,?,?]");
  INFER_OK(op, "?;?;?;?;?", "?");
  Tensor shape = test::AsTensor<int32_t>({4, 2, 5});
  op.input_tensors = {&shape, nullptr, nullptr, nullptr, nullptr};
  INFER_OK(op, "[3];[1];[1];[1];[?,2]", "[4,2,5]");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", op, "[3,1];?;?;?;?");
}

TEST(SlicingOpsTest, TileWithUnknownMultiples) {
  ShapeInferenceTestOp op("Tile");
  INFER_OK(op, "[2,3];[2]", "[?,?]");
  INFER_OK(op, "?;[2]", "[?,?]");
  INFER_OK(op, "[2,3];?", "[?,?]");
  INFER_OK(op, "?;?", "?");
  INFER_ERROR("Shape must be rank 2 but is rank 3", op, "[2,3];[3]");
}

TEST(SlicingOpsTest, TileWithConstantMultiples) {
  ShapeInferenceTestOp op("Tile");
  Tensor multiples = test::AsTensor<int32_t>({2, 1});
  op.input_tensors = {nullptr, &multiples};
  INFER_OK(op, "[2,3];[2]", "[4,d0_1]");
  INFER_OK(op, "[?,3];[2]", "[?,d0_1]");
  INFER_OK(op, "?;[2]", "[?,?]");
  multiples = test::AsTensor<int64_t>({0, 2});
  INFER_OK(op, "[2,3];[2]", "[0,6]");
  multiples = test::AsTensor<int64_t>({-2, 2});
  INFER_ERROR("Invalid value in tensor used for shape: -2", op, "[2,3];[2]");
}

TEST(SlicingOpsTest, Pad) {
  ShapeInferenceTestOp op("Pad");
  INFER_OK(op, "[2,3];[2,2]", "[?,?]");
  INFER_OK(op, "?;[2,2]", "[?,?]");
  INFER_OK(op, "[2,3];[?,2]", "[?,?]");
  INFER_OK(op, "?;?", "?");
  INFER_ERROR("Shape must be rank 3 but is rank 2", op, "[2,3];[3,2]");
  INFER_ERROR("Dimension must be 2 but is 3", op, "[2,3];[2,3]");
  Tensor paddings = test::AsTensor<int32_t>({1, 2, 0, 0}, TensorShape({2, 2}));
  op.input_tensors = {nullptr, &paddings};
  INFER_OK(op, "[2,3];[2,2]", "[5,d0_1]");
  INFER_OK(op, "[?,3];[2,2]", "[?,d0_1]");
  INFER_OK(op, "?;[2,2]", "[?,?]");
  paddings = test::AsTensor<int64_t>({-1, 0, 0, 0}, TensorShape({2, 2}));
  INFER_ERROR("Paddings must be non-negative, but paddings[0] = [-1, 0]", op, "[2,3];[2,2]");
}

ShapeInferenceTestOp PackOp(int n, int64_t axis) {
  ShapeInferenceTestOp op("Pack");
  EXPECT_TRUE(NodeDefBuilder("p", "Pack")
                  .Input(FloatInputs(n))
                  .Attr("axis", axis)
                  .Finalize(&op.node_def)
                  .ok());
  return op;
}

TEST(SlicingOpsTest, Pack) {
  ShapeInferenceTestOp op = PackOp(3, 0);
  INFER_OK(op, "?;?;?", "?");
  INFER_OK(op, "[2,3];[2,3];[2,3]", "[3,d0_0,d0_1]");
  INFER_OK(op, "[?,3];[2,?];?", "[3,d1_0,d0_1]");
  INFER_OK(op, "[];[];[]", "[3]");
  INFER_ERROR("must be equal", op, "[2,3];[2,4];[2,3]");
  op = PackOp(3, -1);
  INFER_OK(op, "[2,3];[2,3];[2,3]", "[d0_0,d0_1,3]");
  op = PackOp(3, 1);
  INFER_OK(op, "[2,3];[2,3];[2,3]", "[d0_0,3,d0_1]");
  op = PackOp(3, 3);
  INFER_ERROR("Invalid axis: 3; must be in [-3,3)", op, "[2,3];[2,3];[2,3]");
}

ShapeInferenceTestOp UnpackOp(int num, int64_t axis) {
  ShapeInferenceTestOp op("Unpack");
  EXPECT_TRUE(NodeDefBuilder("u", "Unpack")
                  .Input("value", 0, DT_FLOAT)
                  .Attr("num", num)
                  .Attr("axis", axis)
                  .Finalize(&op.node_def)
                  .ok());
  return op;
}

TEST(SlicingOpsTest, Unpack) {
  ShapeInferenceTestOp op = UnpackOp(3, 0);
  INFER_OK(op, "?", "?;?;?");
  INFER_OK(op, "[3,2]", "[d0_1];[d0_1];[d0_1]");
  INFER_OK(op, "[?,2]", "[d0_1];[d0_1];[d0_1]");
  INFER_OK(op, "[3]", "[];[];[]");
  INFER_ERROR("Dimension must be 3 but is 4", op, "[4,2]");
  op = UnpackOp(3, -1);
  INFER_OK(op, "[2,3]", "[d0_0];[d0_0];[d0_0]");
  op = UnpackOp(3, 2);
  INFER_ERROR("Invalid axis: 2; must be in [-2,2)", op, "[3,3]");
}

TEST(SlicingOpsTest, ReverseV2) {
  ShapeInferenceTestOp op("ReverseV2");
  INFER_OK(op, "[2,3];[1]", "in0");
  INFER_OK(op, "?;[2]", "in0");
  INFER_ERROR("Shape must be rank 1 but is rank 0", op, "[2,3];[]");
  Tensor axis = test::AsTensor<int32_t>({0, -1});
  op.input_tensors = {nullptr, &axis};
  INFER_OK(op, "[2,3];[2]", "in0");
  INFER_OK(op, "?;[2]", "in0");
  axis = test::AsTensor<int32_t>({0, -2});
  INFER_ERROR("axis 0 specified more than once.", op, "[2,3];[2]");
  axis = test::AsTensor<int64_t>({2});
  INFER_ERROR("'axis'[0] = 2 is out of valid range [-2, 2)", op, "[2,3];[1]");
}

}  // namespace
}  // namespace rill
