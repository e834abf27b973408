// Shape-function tests of the array ops (Const, Placeholder, PlaceholderWithDefault,
// Identity) in TensorFlow's string notation, unknown dims and ranks included.
#include <cstdint>

#include "core/framework/node_def_builder.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(ArrayOpsTest, ConstShapeIsTheValueShape) {
  ShapeInferenceTestOp op("Const");
  const auto set_value = [&op](const TensorShape& shape) {
    Tensor value(DT_FLOAT, shape);
    for (int64_t i = 0; i < value.NumElements(); ++i) value.flat<float>()(i) = 1.f;
    ASSERT_TRUE(NodeDefBuilder("c", "Const")
                    .Attr("value", value)
                    .Attr("dtype", DT_FLOAT)
                    .Finalize(&op.node_def)
                    .ok());
  };
  set_value(TensorShape({2, 3}));
  INFER_OK(op, "", "[2,3]");
  set_value(TensorShape({}));
  INFER_OK(op, "", "[]");
  set_value(TensorShape({0, 4}));
  INFER_OK(op, "", "[0,4]");
}

TEST(ArrayOpsTest, PlaceholderShapeIsTheShapeAttr) {
  ShapeInferenceTestOp op("Placeholder");
  ASSERT_TRUE(NodeDefBuilder("p", "Placeholder")
                  .Attr("dtype", DT_FLOAT)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "", "?");  // The default shape attr has unknown rank.

  const auto set_shape = [&op](const PartialTensorShape& shape) {
    ASSERT_TRUE(NodeDefBuilder("p", "Placeholder")
                    .Attr("dtype", DT_INT32)
                    .Attr("shape", shape)
                    .Finalize(&op.node_def)
                    .ok());
  };
  set_shape(PartialTensorShape({3}));
  INFER_OK(op, "", "[3]");
  set_shape(PartialTensorShape({-1, 2}));
  INFER_OK(op, "", "[?,2]");
  set_shape(PartialTensorShape({}));
  INFER_OK(op, "", "[]");
}

TEST(ArrayOpsTest, PlaceholderWithDefaultKeepsTheAttrShapeCheckedAgainstTheInput) {
  ShapeInferenceTestOp op("PlaceholderWithDefault");
  const auto set_shape = [&op](const PartialTensorShape& shape) {
    ASSERT_TRUE(NodeDefBuilder("p", "PlaceholderWithDefault")
                    .Input("default", 0, DT_FLOAT)
                    .Attr("dtype", DT_FLOAT)
                    .Attr("shape", shape)
                    .Finalize(&op.node_def)
                    .ok());
  };
  set_shape(PartialTensorShape({-1, 2}));
  // The attr is deliberately less precise than the default: it wins.
  INFER_OK(op, "[3,2]", "[?,2]");
  INFER_OK(op, "?", "[?,2]");
  INFER_OK(op, "[?,?]", "[?,2]");
  INFER_ERROR("Dimension 1 in both shapes must be equal, but are 3 and 2", op, "[4,3]");
  INFER_ERROR("Shapes must be equal rank, but are 1 and 2", op, "[2]");

  set_shape(PartialTensorShape());
  INFER_OK(op, "[5]", "?");
}

TEST(ArrayOpsTest, IdentityPassesTheInputShapeThrough) {
  ShapeInferenceTestOp op("Identity");
  INFER_OK(op, "[1,?,3]", "in0");
  INFER_OK(op, "[]", "in0");
  INFER_OK(op, "?", "in0");
}

}  // namespace
}  // namespace rill
