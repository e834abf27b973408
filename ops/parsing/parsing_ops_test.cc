// Tests of the parsing op definitions: no gradients, and shape functions giving sparse
// triples and dense values shaped by `serialized` and dense_shapes, and DecodeRaw's extra
// dimension.
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor_shape.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(ParsingOpsTest, NoOpHasAGradient) {
  for (const char* name : {"ParseExample", "ParseSingleExample", "DecodeRaw"}) {
    SCOPED_TRACE(name);
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient);
  }
}

TEST(ParsingOpsTest, ParseExampleShapes) {
  ShapeInferenceTestOp op("ParseExample");
  ASSERT_TRUE(NodeDefBuilder("parse", "ParseExample")
                  .Input("serialized", 0, DT_STRING)
                  .Input("names", 0, DT_STRING)
                  .Input(std::vector<NodeDefBuilder::NodeOut>{{"sparse_key", 0, DT_STRING}})
                  .Input(std::vector<NodeDefBuilder::NodeOut>{{"dense_key", 0, DT_STRING}})
                  .Input(std::vector<NodeDefBuilder::NodeOut>{{"default", 0, DT_FLOAT}})
                  .Attr("sparse_types", DataTypeVector{DT_INT64})
                  .Attr("dense_shapes", std::vector<PartialTensorShape>{{2, 3}})
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[4];[4];[];[];[2,3]", "[?,2];[?];[2];[d0_0,2,3]");
  INFER_OK(op, "?;?;?;?;?", "[?,2];[?];[2];[?,2,3]");
  INFER_ERROR("must be rank 1", op, "[];[];[];[];[]");
}

TEST(ParsingOpsTest, ParseSingleExampleShapes) {
  ShapeInferenceTestOp op("ParseSingleExample");
  ASSERT_TRUE(
      NodeDefBuilder("parse", "ParseSingleExample")
          .Input("serialized", 0, DT_STRING)
          .Input(std::vector<NodeDefBuilder::NodeOut>{{"a", 0, DT_INT64}, {"b", 0, DT_STRING}})
          .Attr("num_sparse", 1)
          .Attr("sparse_keys", std::vector<std::string>{"ids"})
          .Attr("dense_keys", std::vector<std::string>{"label", "name"})
          .Attr("sparse_types", DataTypeVector{DT_FLOAT})
          .Attr("dense_shapes", std::vector<PartialTensorShape>{TensorShape(), {2}})
          .Finalize(&op.node_def)
          .ok());
  INFER_OK(op, "[];[];[2]", "[?,1];[?];[1];[];[2]");
  INFER_ERROR("must be rank 0", op, "[3];[];[2]");
}

TEST(ParsingOpsTest, DecodeRawAddsADimension) {
  ShapeInferenceTestOp op("DecodeRaw");
  ASSERT_TRUE(NodeDefBuilder("decode", "DecodeRaw")
                  .Input("bytes", 0, DT_STRING)
                  .Attr("out_type", DT_FLOAT)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[2,3]", "[d0_0,d0_1,?]");
  INFER_OK(op, "?", "?");
}

}  // namespace
}  // namespace rill
