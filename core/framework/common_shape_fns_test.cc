// Tests for the shared shape functions, in TensorFlow's INFER_OK / INFER_ERROR notation,
// on test-only ops registered here.
#include "core/framework/common_shape_fns.h"

#include <functional>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

REGISTER_OP("TestMatMul")
    .Input("a: T")
    .Input("b: T")
    .Output("product: T")
    .Attr("transpose_a: bool = false")
    .Attr("transpose_b: bool = false")
    .Attr("T: {float, double}")
    .SetShapeFn(MatMulShape);
REGISTER_OP("TestBroadcastAdd").Input("x: T").Input("y: T").Output("z: T").Attr("T: type")
    .SetShapeFn(BroadcastBinaryOpShapeFn);
REGISTER_OP("TestSum")
    .Input("input: T")
    .Input("reduction_indices: Tidx")
    .Output("output: T")
    .Attr("keep_dims: bool = false")
    .Attr("T: numbertype")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(ReductionShape);
REGISTER_OP("TestIdentity").Input("x: float").Output("y: float").SetShapeFn(UnchangedShape);
REGISTER_OP("TestScalarOut").Output("y: float").SetShapeFn(ScalarShape);
REGISTER_OP("TestTwoUnknown").Input("x: float").Output("y: float").Output("z: float")
    .SetShapeFn(UnknownShape);
REGISTER_OP("TestSink").Input("x: float").SetShapeFn(NoOutputs);
REGISTER_OP("TestMatrixOnly").Input("x: float").Output("y: float")
    .SetShapeFn([](InferenceContext* c) { return UnchangedShapeWithRank(c, 2); });
REGISTER_OP("TestAtLeast1").Input("x: float").Output("y: float")
    .SetShapeFn([](InferenceContext* c) { return UnchangedShapeWithRankAtLeast(c, 1); });
REGISTER_OP("TestAtMost1").Input("x: float").Output("y: float")
    .SetShapeFn([](InferenceContext* c) { return UnchangedShapeWithRankAtMost(c, 1); });

TEST(CommonShapeFnsTest, MatMul) {
  ShapeInferenceTestOp op("TestMatMul");
  INFER_OK(op, "?;?", "[?,?]");
  INFER_OK(op, "?;[?,?]", "[?,d1_1]");
  INFER_OK(op, "[?,?];?", "[d0_0,?]");
  INFER_OK(op, "[1,?];[?,2]", "[d0_0,d1_1]");
  INFER_OK(op, "[1,2];[2,3]", "[d0_0,d1_1]");
  INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[1];?");
  INFER_ERROR("Shape must be rank 2 but is rank 3", op, "?;[1,2,3]");
  INFER_ERROR(
      "Dimensions must be equal, but are 3 and 4 for 'test' (op: 'TestMatMul') with input "
      "shapes: [2,3], [4,5].",
      op, "[2,3];[4,5]");

  RILL_CHECK_OK(NodeDefBuilder("test", "TestMatMul")
                    .Input("a", 0, DT_FLOAT)
                    .Input("b", 0, DT_FLOAT)
                    .Attr("transpose_a", true)
                    .Finalize(&op.node_def));
  INFER_OK(op, "[3,2];[3,4]", "[d0_1,d1_1]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2,3];[3,4]");

  RILL_CHECK_OK(NodeDefBuilder("test", "TestMatMul")
                    .Input("a", 0, DT_FLOAT)
                    .Input("b", 0, DT_FLOAT)
                    .Attr("transpose_b", true)
                    .Finalize(&op.node_def));
  INFER_OK(op, "[2,3];[4,3]", "[d0_0,d1_0]");
  INFER_OK(op, "[2,?];[4,?]", "[d0_0,d1_0]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", op, "[2,3];[3,4]");

  RILL_CHECK_OK(NodeDefBuilder("test", "TestMatMul")
                    .Input("a", 0, DT_FLOAT)
                    .Input("b", 0, DT_FLOAT)
                    .Attr("transpose_a", true)
                    .Attr("transpose_b", true)
                    .Finalize(&op.node_def));
  INFER_OK(op, "[3,2];[4,3]", "[d0_1,d1_0]");
}

TEST(CommonShapeFnsTest, BroadcastBinaryOp) {
  ShapeInferenceTestOp op("TestBroadcastAdd");
  INFER_OK(op, "?;?", "?");
  INFER_OK(op, "[1,2];?", "?");
  INFER_OK(op, "?;[1,2]", "?");
  INFER_OK(op, "[?];[1]", "[d0_0]");
  INFER_OK(op, "[1];[?]", "[d1_0]");
  INFER_OK(op, "[?];[2]", "[d1_0]");
  INFER_OK(op, "[2];[?]", "[d0_0]");
  INFER_OK(op, "[?];[?]", "[?]");
  INFER_OK(op, "[];[?]", "[d1_0]");
  INFER_OK(op, "[?];[]", "[d0_0]");
  INFER_OK(op, "[1];[1]", "[d0_0|d1_0]");
  INFER_OK(op, "[];[1]", "[d1_0]");
  INFER_OK(op, "[1];[]", "[d0_0]");
  INFER_OK(op, "[2];[2]", "[d0_0|d1_0]");
  INFER_OK(op, "[];[2]", "[d1_0]");
  INFER_OK(op, "[1];[2]", "[d1_0]");
  INFER_OK(op, "[2];[1]", "[d0_0]");
  INFER_OK(op, "[2];[]", "[d0_0]");
  INFER_OK(op, "[0];[0]", "[d0_0|d1_0]");
  INFER_OK(op, "[];[0]", "[d1_0]");
  INFER_OK(op, "[1];[0]", "[d1_0]");
  INFER_OK(op, "[0];[1]", "[d0_0]");
  INFER_OK(op, "[];[]", "[]");
  INFER_OK(op, "[2];[?,?]", "[d1_0,d0_0]");
  INFER_OK(op, "[2,2];[?,?,?]", "[d1_0,d0_0,d0_1]");
  INFER_OK(op, "[?,1,2,3,4,5];[3,1,?]", "[d0_0,d0_1,d0_2,d0_3|d1_0,d0_4,d0_5]");
  INFER_OK(op, "[3,1,?];[?,1,2,3,4,5]", "[d1_0,d1_1,d1_2,d1_3|d0_0,d1_4,d1_5]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3]");
  INFER_ERROR("Dimensions must be equal, but are 4 and 5", op, "[?,4];[2,5]");
}

TEST(CommonShapeFnsTest, Reduction) {
  ShapeInferenceTestOp op("TestSum");
  op.input_tensors.resize(2);
  INFER_OK(op, "?;?", "?");
  INFER_OK(op, "[2,4,5];?", "?");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", op, "?;[?,?]");

  Tensor indices = test::AsTensor<int32_t>({1, 2});
  op.input_tensors[1] = &indices;
  INFER_OK(op, "[2,4,5];[2]", "[d0_0]");
  INFER_OK(op, "?;[2]", "?");
  indices = test::AsScalar<int32_t>(-1);
  INFER_OK(op, "[2,4,5];[]", "[d0_0,d0_1]");
  indices = test::AsTensor<int32_t>({});
  INFER_OK(op, "[2,4,5];[0]", "[d0_0,d0_1,d0_2]");
  indices = test::AsTensor<int32_t>({-4});
  INFER_ERROR("Invalid reduction dimension -4 for input with 3 dimensions.", op, "[2,4,5];[1]");
  indices = test::AsTensor<int32_t>({3});
  INFER_ERROR("Invalid reduction dimension 3", op, "[2,4,5];[1]");

  RILL_CHECK_OK(NodeDefBuilder("test", "TestSum")
                    .Input("input", 0, DT_FLOAT)
                    .Input("reduction_indices", 0, DT_INT64)
                    .Attr("keep_dims", true)
                    .Finalize(&op.node_def));
  Tensor indices64 = test::AsTensor<int64_t>({0, -1});
  op.input_tensors[1] = &indices64;
  INFER_OK(op, "[2,4,5];[2]", "[1,d0_1,1]");
  op.input_tensors[1] = nullptr;
  INFER_OK(op, "[2,4,5];?", "[?,?,?]");
  INFER_OK(op, "?;?", "?");
}

TEST(CommonShapeFnsTest, SimpleShapeFns) {
  ShapeInferenceTestOp identity("TestIdentity");
  INFER_OK(identity, "?", "in0");
  INFER_OK(identity, "[1,?]", "in0");

  INFER_OK(ShapeInferenceTestOp("TestScalarOut"), "", "[]");
  INFER_OK(ShapeInferenceTestOp("TestTwoUnknown"), "[3]", "?;?");
  INFER_OK(ShapeInferenceTestOp("TestSink"), "[3]", "");

  ShapeInferenceTestOp matrix("TestMatrixOnly");
  INFER_OK(matrix, "[1,2]", "in0");
  INFER_OK(matrix, "?", "[?,?]");
  INFER_ERROR("Shape must be rank 2 but is rank 1", matrix, "[1]");

  ShapeInferenceTestOp at_least("TestAtLeast1");
  INFER_OK(at_least, "[1,2]", "in0");
  INFER_OK(at_least, "?", "in0");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", at_least, "[]");

  ShapeInferenceTestOp at_most("TestAtMost1");
  INFER_OK(at_most, "[]", "in0");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", at_most, "[1,2]");
}

}  // namespace
}  // namespace rill
