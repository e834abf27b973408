// Tests of the summary helpers in real sessions: tags made from name scopes, node names,
// the per-graph summary collection, MergeAll, and errors at build and at run time.
#include "train/summary/summary.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "core/protos/summary.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "train/summary/summary_collection.h"

namespace rill {
namespace summary {
namespace {

using ::testing::HasSubstr;

tensorflow::Summary Parse(const Tensor& serialized) {
  tensorflow::Summary summary;
  EXPECT_TRUE(summary.ParseFromString(serialized.scalar<std::string>()()));
  return summary;
}

TEST(SummaryTest, TagsComeFromUniqueNameScopes) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  const Output loss = Scalar(root, "loss", x);
  const Output loss_again = Scalar(root, "loss", 4);
  const Output accuracy = Scalar(root.NewSubScope("train"), "accuracy", 0.5);
  ASSERT_TRUE(root.ok()) << root.status();

  Graph* graph = root.graph();
  EXPECT_NE(graph->FindNode("loss/tags"), nullptr);
  EXPECT_EQ(loss.node(), graph->FindNode("loss/ScalarSummary"));
  EXPECT_EQ(loss_again.node(), graph->FindNode("loss_1/ScalarSummary"));
  EXPECT_EQ(accuracy.node(), graph->FindNode("train/accuracy/ScalarSummary"));

  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({{x, 2.5f}}, {loss, loss_again, accuracy}, &out).ok());
  const tensorflow::Summary first = Parse(out[0]);
  ASSERT_EQ(first.value_size(), 1);
  EXPECT_EQ(first.value(0).tag(), "loss");
  EXPECT_EQ(first.value(0).simple_value(), 2.5f);
  EXPECT_EQ(Parse(out[1]).value(0).tag(), "loss_1");
  EXPECT_EQ(Parse(out[1]).value(0).simple_value(), 4.f);
  EXPECT_EQ(Parse(out[2]).value(0).tag(), "train/accuracy");
  EXPECT_EQ(Parse(out[2]).value(0).simple_value(), 0.5f);
}

TEST(SummaryTest, MergeAllRunsEverySummaryOfTheGraph) {
  Scope root = Scope::NewRootScope();
  auto w = ops::Placeholder(root.WithOpName("w"), DT_FLOAT);
  Scalar(root, "loss", 1.25f);
  Histogram(root, "weights", w);
  Image(root, "input", test::AsTensor<uint8_t>({0, 64, 128, 255}, TensorShape({1, 2, 2, 1})), 1);
  EXPECT_EQ(SummaryCollection(root).size(), 3u);
  const Output merged = MergeAll(root);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(merged.node(), root.graph()->FindNode("Merge/MergeSummary"));

  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({{w, {{1.f, 2.f}, {3.f, 4.f}}}}, {merged}, &out).ok());
  const tensorflow::Summary summary = Parse(out[0]);
  ASSERT_EQ(summary.value_size(), 3);
  EXPECT_EQ(summary.value(0).tag(), "loss");
  EXPECT_EQ(summary.value(0).simple_value(), 1.25f);
  EXPECT_EQ(summary.value(1).tag(), "weights");
  EXPECT_EQ(summary.value(1).histo().num(), 4.0);
  EXPECT_EQ(summary.value(1).histo().sum(), 10.0);
  EXPECT_EQ(summary.value(1).histo().sum_squares(), 30.0);
  EXPECT_EQ(summary.value(2).tag(), "input/image");
  EXPECT_EQ(summary.value(2).image().width(), 2);
  EXPECT_EQ(summary.value(2).image().height(), 2);
  EXPECT_EQ(summary.value(2).image().colorspace(), 1);
}

TEST(SummaryTest, MergeTakesChosenSummaries) {
  Scope root = Scope::NewRootScope();
  const Output a = Scalar(root, "a", 1);
  Scalar(root, "b", 2);
  const Output c = Scalar(root, "c", 3);
  const Output merged = Merge(root, {a, c});
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({merged}, &out).ok());
  const tensorflow::Summary summary = Parse(out[0]);
  ASSERT_EQ(summary.value_size(), 2);
  EXPECT_EQ(summary.value(0).tag(), "a");
  EXPECT_EQ(summary.value(1).tag(), "c");
}

TEST(SummaryTest, EachGraphHasItsOwnCollection) {
  Scope first = Scope::NewRootScope();
  Scalar(first, "loss", 1.f);
  {
    Scope gone = Scope::NewRootScope();
    Scalar(gone, "loss", 1.f);
    Scalar(gone, "loss", 2.f);
    EXPECT_EQ(SummaryCollection(gone).size(), 2u);
  }
  Scope second = Scope::NewRootScope();
  EXPECT_TRUE(SummaryCollection(second).empty());
  EXPECT_EQ(MergeAll(second).node(), nullptr);
  EXPECT_EQ(second.graph()->num_nodes(), 0);
  EXPECT_EQ(SummaryCollection(first).size(), 1u);
  // A sub-scope shares its root's graph and so its collection.
  Scalar(first.NewSubScope("eval"), "loss", 2.f);
  EXPECT_EQ(SummaryCollection(first).size(), 2u);
}

TEST(SummaryTest, BuildErrorsStayInTheScopeAndAreNotCollected) {
  Scope root = Scope::NewRootScope();
  const Output bad = Scalar(root, "bad", {1.f, 2.f});
  EXPECT_EQ(bad.node(), nullptr);
  EXPECT_FALSE(root.ok());
  EXPECT_THAT(root.status().message(), HasSubstr("Shapes must be equal rank, but are 0 and 1"));
  EXPECT_TRUE(SummaryCollection(root).empty());
}

TEST(SummaryTest, RunErrorsNameTheNodeAndTag) {
  Scope root = Scope::NewRootScope();
  auto w = ops::Placeholder(root.WithOpName("w"), DT_FLOAT);
  const Output histogram = Histogram(root, "weights", w);
  ClientSession session(root);
  std::vector<Tensor> out;
  const absl::Status status =
      session.Run({{w, {1.f, std::numeric_limits<float>::quiet_NaN()}}}, {histogram}, &out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("Nan in summary histogram for: weights/HistogramSummary "
                                          "(tag 'weights', values[1])"));
}

}  // namespace
}  // namespace summary
}  // namespace rill
