// Tests of the candidate-sampler and ComputeAccidentalHits op definitions: shape functions
// in TensorFlow's notation, TensorFlow's attrs and defaults, and no gradients.
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(CandidateSamplingOpsTest, SamplerShapes) {
  for (const char* name : {"UniformCandidateSampler", "LogUniformCandidateSampler",
                           "FixedUnigramCandidateSampler"}) {
    ShapeInferenceTestOp op(name);
    ASSERT_TRUE(NodeDefBuilder("s", name)
                    .Input("true_classes", 0, DT_INT64)
                    .Attr("num_true", 2)
                    .Attr("num_sampled", 64)
                    .Attr("unique", true)
                    .Attr("range_max", 1000)
                    .Finalize(&op.node_def)
                    .ok());
    INFER_OK(op, "[128,2]", "[64];[d0_0,2];[64]");
    INFER_OK(op, "?", "[64];[?,2];[64]");
    INFER_ERROR("Shape must be rank 2 but is rank 1", op, "[128]");
    EXPECT_EQ((*OpRegistry::Global()->LookUp(name))->gradient, GradientDeclaration::kNoGradient);
    EXPECT_TRUE((*OpRegistry::Global()->LookUp(name))->op_def.is_stateful()) << name;
  }
}

TEST(CandidateSamplingOpsTest, FixedUnigramAttrsFollowTensorFlow) {
  const auto data = OpRegistry::Global()->LookUp("FixedUnigramCandidateSampler");
  ASSERT_TRUE(data.ok());
  std::vector<std::string> names;
  for (const auto& attr : (*data)->op_def.attr()) names.push_back(attr.name());
  EXPECT_EQ(names, (std::vector<std::string>{"num_true", "num_sampled", "unique", "range_max",
                                             "vocab_file", "distortion", "num_reserved_ids",
                                             "num_shards", "shard", "unigrams", "seed", "seed2"}));
}

TEST(CandidateSamplingOpsTest, AccidentalHitsShapes) {
  ShapeInferenceTestOp op("ComputeAccidentalHits");
  ASSERT_TRUE(NodeDefBuilder("h", "ComputeAccidentalHits")
                  .Input("true_classes", 0, DT_INT64)
                  .Input("sampled_candidates", 0, DT_INT64)
                  .Attr("num_true", 3)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[5,3];[64]", "[?];[?];[?]");
  INFER_ERROR("Dimension must be 3 but is 2", op, "[5,2];[64]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[5,3];[1,64]");
  EXPECT_EQ((*OpRegistry::Global()->LookUp("ComputeAccidentalHits"))->gradient,
            GradientDeclaration::kNoGradient);
}

}  // namespace
}  // namespace rill
