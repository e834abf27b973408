// Tests of the checkpoint op definitions: TensorFlow's signatures, no gradients, and shape
// functions that check the prefix and name vectors and read RestoreV2's slice specs.
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(IoOpsTest, SignaturesFollowTensorFlowAndNoneHasAGradient) {
  for (const char* name : {"SaveV2", "RestoreV2"}) {
    SCOPED_TRACE(name);
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    const tensorflow::OpDef& op = (*data)->op_def;
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient);
    EXPECT_TRUE(op.is_stateful());
    ASSERT_GE(op.input_arg_size(), 3);
    EXPECT_EQ(op.input_arg(0).name(), "prefix");
    EXPECT_EQ(op.input_arg(1).name(), "tensor_names");
    EXPECT_EQ(op.input_arg(2).name(), "shape_and_slices");
    ASSERT_EQ(op.attr_size(), 1);
    EXPECT_EQ(op.attr(0).name(), "dtypes");
    EXPECT_EQ(op.attr(0).type(), "list(type)");
  }
  const auto save = OpRegistry::Global()->LookUpOpDef("SaveV2");
  ASSERT_TRUE(save.ok());
  EXPECT_EQ((*save)->input_arg(3).name(), "tensors");
  EXPECT_EQ((*save)->input_arg(3).type_list_attr(), "dtypes");
  EXPECT_EQ((*save)->output_arg_size(), 0);
  const auto restore = OpRegistry::Global()->LookUpOpDef("RestoreV2");
  ASSERT_TRUE(restore.ok());
  ASSERT_EQ((*restore)->output_arg_size(), 1);
  EXPECT_EQ((*restore)->output_arg(0).name(), "tensors");
}

TEST(IoOpsTest, SaveV2WantsAScalarPrefixAndOneNameAndSlicePerTensor) {
  ShapeInferenceTestOp op("SaveV2");
  ASSERT_TRUE(NodeDefBuilder("save", "SaveV2")
                  .Input("prefix", 0, DT_STRING)
                  .Input("names", 0, DT_STRING)
                  .Input("slices", 0, DT_STRING)
                  .Input(std::vector<NodeDefBuilder::NodeOut>{{"a", 0, DT_FLOAT}, {"b", 0, DT_INT64}})
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[];[2];[2];[3,4];[]", "");
  INFER_OK(op, "?;[?];?;?;?", "");
  INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[1];[2];[2];?;?");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[];[2,1];[2];?;?");
  INFER_ERROR("Dimension must be 2 but is 3", op, "[];[3];[2];?;?");
  INFER_ERROR("Dimension must be 2 but is 1", op, "[];[2];[1];?;?");
}

TEST(IoOpsTest, RestoreV2ShapesComeFromItsSliceSpecsWhenConstant) {
  ShapeInferenceTestOp op("RestoreV2");
  ASSERT_TRUE(NodeDefBuilder("restore", "RestoreV2")
                  .Input("prefix", 0, DT_STRING)
                  .Input("names", 0, DT_STRING)
                  .Input("slices", 0, DT_STRING)
                  .Attr("dtypes", DataTypeVector{DT_FLOAT, DT_INT32, DT_DOUBLE})
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[];[3];[3]", "?;?;?");
  INFER_ERROR("Shape must be rank 1 but is rank 0", op, "[];[];[3]");
  INFER_ERROR("must be equal", op, "[];[3];[2]");

  const Tensor specs = test::AsTensor<std::string>({"", "4 5 -:1,3", "10 2,0"});
  op.input_tensors = {nullptr, nullptr, &specs};
  INFER_OK(op, "[];[3];[3]", "?;[4,3];[0]");
  const Tensor bad = test::AsTensor<std::string>({"", "4 5 -", "3 1,5"});
  op.input_tensors = {nullptr, nullptr, &bad};
  INFER_ERROR("Bad shape_and_slice '4 5 -': the slice spec must have one entry per dimension", op,
              "[];[3];[3]");
  const Tensor outside = test::AsTensor<std::string>({"", "", "3 1,5"});
  op.input_tensors = {nullptr, nullptr, &outside};
  INFER_ERROR("a slice is not 'start,length' within its dimension", op, "[];[3];[3]");
  const Tensor too_few = test::AsTensor<std::string>({"", ""});
  op.input_tensors = {nullptr, nullptr, &too_few};
  INFER_ERROR("doesn't match tensor outputs", op, "[];[3];[?]");
}

}  // namespace
}  // namespace rill
