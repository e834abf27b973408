// Tests of the dataset op definitions: every op is registered without a gradient, datasets
// are scalar variants, reader and transformation arguments must be scalars (filenames a
// scalar or vector), and IteratorGetNext takes its shapes from `output_shapes`.
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor_shape.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(DatasetOpsTest, EveryOpIsRegisteredWithoutAGradient) {
  for (const char* name :
       {"TensorDataset",        "TensorSliceDataset", "RangeDataset",
        "CppGeneratorDataset",  "TextLineDataset",    "FixedLengthRecordDatasetV2",
        "TFRecordDataset",      "MapDataset",         "ParallelMapDataset",
        "FilterDataset",        "FlatMapDataset",     "InterleaveDataset",
        "ShuffleDataset",       "RepeatDataset",      "BatchDatasetV2",
        "PaddedBatchDatasetV2", "TakeDataset",        "SkipDataset",
        "ZipDataset",           "ConcatenateDataset", "PrefetchDataset",
        "CacheDataset",         "IteratorV2",         "MakeIterator",
        "OneShotIterator",      "IteratorGetNext"}) {
    SCOPED_TRACE(name);
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient);
  }
}

TEST(DatasetOpsTest, SourceDatasetsAreStatefulLikeTensorFlows) {
  for (const char* name : {"TensorDataset", "TensorSliceDataset", "RangeDataset", "TextLineDataset",
                           "TFRecordDataset", "OneShotIterator"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE((*OpRegistry::Global()->LookUpOpDef(name))->is_stateful());
  }
  EXPECT_FALSE((*OpRegistry::Global()->LookUpOpDef("MapDataset"))->is_stateful());
  EXPECT_FALSE((*OpRegistry::Global()->LookUpOpDef("IteratorGetNext"))->is_stateful());
}

TEST(DatasetOpsTest, ReadersTakeAScalarOrVectorOfFilenamesAndScalarOptions) {
  ShapeInferenceTestOp op("TFRecordDataset");
  INFER_OK(op, "[];[];[]", "[]");
  INFER_OK(op, "[3];[];[]", "[]");
  INFER_OK(op, "?;?;?", "[]");
  INFER_ERROR("must be at most rank 1", op, "[2,2];[];[]");
  INFER_ERROR("must be rank 0", op, "[];[1];[]");

  ShapeInferenceTestOp fixed("FixedLengthRecordDatasetV2");
  INFER_OK(fixed, "[2];[];[];[];[];[]", "[]");
  INFER_ERROR("must be rank 0", fixed, "[2];[];[4];[];[];[]");
}

TEST(DatasetOpsTest, TransformationArgumentsAreScalars) {
  ShapeInferenceTestOp shuffle("ShuffleDataset");
  INFER_OK(shuffle, "[];[];[];[]", "[]");
  INFER_ERROR("must be rank 0", shuffle, "[];[2];[];[]");

  ShapeInferenceTestOp batch("BatchDatasetV2");
  INFER_OK(batch, "[];[];[]", "[]");
  INFER_ERROR("must be rank 0", batch, "[];[];[1]");

  ShapeInferenceTestOp range("RangeDataset");
  INFER_OK(range, "[];[];[]", "[]");
  INFER_ERROR("must be rank 0", range, "[];[3];[]");
}

TEST(DatasetOpsTest, PaddedBatchChecksShapesAndPaddingValues) {
  ShapeInferenceTestOp op("PaddedBatchDatasetV2");
  ASSERT_TRUE(
      NodeDefBuilder("padded", "PaddedBatchDatasetV2")
          .Input("input", 0, DT_VARIANT)
          .Input("batch_size", 0, DT_INT64)
          .Input(std::vector<NodeDefBuilder::NodeOut>{{"s0", 0, DT_INT64}, {"s1", 0, DT_INT64}})
          .Input(std::vector<NodeDefBuilder::NodeOut>{{"p0", 0, DT_FLOAT}, {"p1", 0, DT_INT32}})
          .Input("drop", 0, DT_BOOL)
          .Attr("output_shapes", std::vector<PartialTensorShape>{{-1, -1}, {-1}})
          .Finalize(&op.node_def)
          .ok());
  INFER_OK(op, "[];[];[1];[2];[];[];[]", "[]");
  INFER_ERROR("must be rank 1", op, "[];[];[];[2];[];[];[]");
  INFER_ERROR("must be rank 0", op, "[];[];[1];[2];[1];[];[]");
}

TEST(DatasetOpsTest, IteratorGetNextHasTheDeclaredShapes) {
  ShapeInferenceTestOp op("IteratorGetNext");
  ASSERT_TRUE(NodeDefBuilder("next", "IteratorGetNext")
                  .Input("iterator", 0, DT_RESOURCE)
                  .Attr("output_types", DataTypeVector{DT_FLOAT, DT_INT64})
                  .Attr("output_shapes", std::vector<PartialTensorShape>{TensorShape(), {-1, 3}})
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[]", "[];[?,3]");
  INFER_ERROR("must be rank 0", op, "[2]");
}

}  // namespace
}  // namespace rill
