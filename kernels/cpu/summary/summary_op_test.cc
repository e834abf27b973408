// Tests of the CPU ScalarSummary, HistogramSummary and MergeSummary kernels: the Summary
// each outputs, TensorFlow's bucket encoding, and the errors naming the node, tag and value.
#include <cfloat>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "core/protos/summary.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

// Run runs the one-output summary node `def` on `inputs` and parses its scalar output.
absl::StatusOr<tensorflow::Summary> RunSummary(const tensorflow::NodeDef& def,
                                        std::vector<Tensor> inputs) {
  absl::StatusOr<std::vector<Tensor>> out = test::RunKernel(def, std::move(inputs));
  if (!out.ok()) return out.status();
  EXPECT_EQ((*out)[0].dtype(), DT_STRING);
  EXPECT_EQ((*out)[0].dims(), 0);
  tensorflow::Summary summary;
  EXPECT_TRUE(summary.ParseFromString((*out)[0].scalar<std::string>()()));
  return summary;
}

tensorflow::NodeDef SummaryNode(const std::string& op, DataType values_type) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("summary", op)
                  .Input("tags", 0, DT_STRING)
                  .Input("values", 0, values_type)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(ScalarSummaryOpTest, OneValuePerTag) {
  const auto summary = RunSummary(SummaryNode("ScalarSummary", DT_FLOAT),
                           {test::AsTensor<std::string>({"loss", "accuracy"}),
                            test::AsTensor<float>({1.5f, 0.75f})});
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->value_size(), 2);
  EXPECT_EQ(summary->value(0).tag(), "loss");
  EXPECT_EQ(summary->value(0).simple_value(), 1.5f);
  EXPECT_EQ(summary->value(1).tag(), "accuracy");
  EXPECT_EQ(summary->value(1).simple_value(), 0.75f);
}

TEST(ScalarSummaryOpTest, IntegerAndDoubleValuesBecomeFloats) {
  auto summary = RunSummary(SummaryNode("ScalarSummary", DT_INT64),
                     {test::AsScalar<std::string>("step"), test::AsScalar<int64_t>(-7)});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->value(0).simple_value(), -7.0f);
  summary = RunSummary(SummaryNode("ScalarSummary", DT_DOUBLE),
                {test::AsTensor<std::string>({"a", "b", "c", "d"}, TensorShape({2, 2})),
                 test::AsTensor<double>({0.1, 2.0, -3.0, 1e40}, TensorShape({2, 2}))});
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->value_size(), 4);
  EXPECT_EQ(summary->value(0).simple_value(), 0.1f);
  EXPECT_EQ(summary->value(3).tag(), "d");
  EXPECT_EQ(summary->value(3).simple_value(), std::numeric_limits<float>::infinity());
}

TEST(ScalarSummaryOpTest, TagsAndValuesMustShareAShape) {
  auto summary = RunSummary(SummaryNode("ScalarSummary", DT_FLOAT),
                     {test::AsScalar<std::string>("loss"), test::AsTensor<float>({1.f, 2.f})});
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(summary.status().message(),
              HasSubstr("tags and values are not the same shape: [] != [2] (tag 'loss')"));
  summary = RunSummary(SummaryNode("ScalarSummary", DT_FLOAT),
                {test::AsTensor<std::string>({"a", "b"}), test::AsTensor<float>({1.f})});
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("tags and values are not the same shape: [2] != [1]"));
}

// Bucket limits from kernels/cpu/summary/histogram_test.cc's Python script.
TEST(HistogramSummaryOpTest, TensorFlowsDefaultBuckets) {
  const auto summary =
      RunSummary(SummaryNode("HistogramSummary", DT_FLOAT),
          {test::AsScalar<std::string>("weights"),
           test::AsTensor<float>({-1.f, 0.f, 0.5f, 0.5f, 3.f}, TensorShape({5, 1}))});
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_EQ(summary->value_size(), 1);
  EXPECT_EQ(summary->value(0).tag(), "weights");
  const tensorflow::HistogramProto& histo = summary->value(0).histo();
  EXPECT_EQ(histo.min(), -1.0);
  EXPECT_EQ(histo.max(), 3.0);
  EXPECT_EQ(histo.num(), 5.0);
  EXPECT_EQ(histo.sum(), 3.0);
  EXPECT_EQ(histo.sum_squares(), 10.5);
  EXPECT_EQ(std::vector<double>(histo.bucket_limit().begin(), histo.bucket_limit().end()),
            (std::vector<double>{-1.0089710279437536, -0.917246389039776, 0.0, 1e-12,
                                 0.47069243095356195, 0.5177616740489182,
                                 2.8787120958073054, 3.1665833053880363, DBL_MAX}));
  EXPECT_EQ(std::vector<double>(histo.bucket().begin(), histo.bucket().end()),
            (std::vector<double>{0, 1, 0, 1, 0, 2, 0, 1, 0}));
}

TEST(HistogramSummaryOpTest, IntegerValuesAndEmptyTensors) {
  auto summary = RunSummary(SummaryNode("HistogramSummary", DT_INT32),
                     {test::AsScalar<std::string>("ids"), test::AsTensor<int32_t>({3, -1, 3})});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->value(0).histo().num(), 3.0);
  EXPECT_EQ(summary->value(0).histo().sum(), 5.0);
  EXPECT_EQ(summary->value(0).histo().sum_squares(), 19.0);

  summary = RunSummary(SummaryNode("HistogramSummary", DT_FLOAT),
                {test::AsScalar<std::string>("none"), Tensor(DT_FLOAT, TensorShape({0}))});
  ASSERT_TRUE(summary.ok()) << summary.status();
  const tensorflow::HistogramProto& empty = summary->value(0).histo();
  EXPECT_EQ(empty.num(), 0.0);
  EXPECT_EQ(empty.min(), DBL_MAX);
  EXPECT_EQ(empty.max(), -DBL_MAX);
  ASSERT_EQ(empty.bucket_limit_size(), 1);
  EXPECT_EQ(empty.bucket_limit(0), DBL_MAX);
}

TEST(HistogramSummaryOpTest, NanAndInfinityAreErrors) {
  auto summary = RunSummary(SummaryNode("HistogramSummary", DT_FLOAT),
                     {test::AsScalar<std::string>("weights"),
                      test::AsTensor<float>({1.f, std::numeric_limits<float>::quiet_NaN()})});
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(summary.status().message(),
              HasSubstr("Nan in summary histogram for: summary (tag 'weights', values[1])"));
  summary = RunSummary(SummaryNode("HistogramSummary", DT_DOUBLE),
                {test::AsScalar<std::string>("weights"),
                 test::AsTensor<double>({-std::numeric_limits<double>::infinity()})});
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(),
              HasSubstr("Infinity in summary histogram for: summary (tag 'weights', "
                        "values[0] = -inf)"));
}

TEST(HistogramSummaryOpTest, TagMustBeAScalar) {
  const auto summary = RunSummary(SummaryNode("HistogramSummary", DT_FLOAT),
                           {test::AsTensor<std::string>({"a"}), test::AsTensor<float>({1.f})});
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().message(), HasSubstr("tags must be scalar, got shape [1]"));
}

tensorflow::NodeDef MergeNode(int n) {
  std::vector<NodeDefBuilder::NodeOut> inputs;
  for (int i = 0; i < n; ++i) inputs.emplace_back("in", i, DT_STRING);
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("merge", "MergeSummary").Input(inputs).Finalize(&def).ok());
  return def;
}

std::string ScalarSummaryBytes(const std::string& tag, float value) {
  tensorflow::Summary summary;
  summary.add_value()->set_tag(tag);
  summary.mutable_value(0)->set_simple_value(value);
  return summary.SerializeAsString();
}

TEST(MergeSummaryOpTest, ConcatenatesValuesInOrder) {
  const auto merged =
      RunSummary(MergeNode(2), {test::AsScalar<std::string>(ScalarSummaryBytes("a", 1.f)),
                         test::AsTensor<std::string>({ScalarSummaryBytes("b", 2.f),
                                                      ScalarSummaryBytes("c", 3.f)})});
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->value_size(), 3);
  EXPECT_EQ(merged->value(0).tag(), "a");
  EXPECT_EQ(merged->value(1).tag(), "b");
  EXPECT_EQ(merged->value(2).tag(), "c");
  EXPECT_EQ(merged->value(2).simple_value(), 3.f);
}

TEST(MergeSummaryOpTest, DuplicateTagsAreErrorsButEmptyTagsAreNot) {
  auto merged = RunSummary(MergeNode(2), {test::AsScalar<std::string>(ScalarSummaryBytes("a", 1.f)),
                                   test::AsScalar<std::string>(ScalarSummaryBytes("a", 2.f))});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(merged.status().message(), HasSubstr("Duplicate tag a found in summary inputs"));

  merged = RunSummary(MergeNode(2), {test::AsScalar<std::string>(ScalarSummaryBytes("", 1.f)),
                              test::AsScalar<std::string>(ScalarSummaryBytes("", 2.f))});
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->value_size(), 2);
}

TEST(MergeSummaryOpTest, BytesThatAreNotASummaryAreAnError) {
  const auto merged = RunSummary(MergeNode(1), {test::AsTensor<std::string>(
                                            {ScalarSummaryBytes("a", 1.f), "\xff\xff"})});
  ASSERT_FALSE(merged.ok());
  EXPECT_THAT(merged.status().message(),
              HasSubstr("Could not parse one of the summary inputs: inputs[0] element 1 "
                        "(2 bytes) is not a serialized Summary"));
}

}  // namespace
}  // namespace rill
