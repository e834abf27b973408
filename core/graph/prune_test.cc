// Tests for PruneGraph: needed nodes from fetches and targets, cuts at fed tensors (per
// output), control edges, topological order and errors.
#include "core/graph/prune.h"

#include <string>
#include <vector>

#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/graph/graph_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::rill::test::AddConst;
using ::rill::test::AddNode;
using ::rill::test::Names;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Strings = std::vector<std::string>;

// The lecture's subgraph example: pow = Pow(add, mul) never needs `useless`.
class PruneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddConst(&graph_, "x", Tensor(2.0f));
    AddConst(&graph_, "y", Tensor(3.0f));
    ASSERT_TRUE(AddNode(&graph_, "add", "GraphTestAdd", {"x", "y"}).ok());
    ASSERT_TRUE(AddNode(&graph_, "mul", "GraphTestAdd", {"x", "y"}).ok());
    ASSERT_TRUE(AddNode(&graph_, "useless", "GraphTestAdd", {"x", "add"}).ok());
    ASSERT_TRUE(AddNode(&graph_, "pow", "GraphTestAdd", {"add", "mul"}).ok());
  }

  Strings Prune(const Strings& feeds, const Strings& fetches, const Strings& targets) {
    absl::StatusOr<std::vector<const Node*>> nodes =
        PruneGraph(graph_, feeds, fetches, targets);
    EXPECT_TRUE(nodes.ok()) << nodes.status();
    return nodes.ok() ? Names(*nodes) : Strings{"<error>"};
  }

  Graph graph_;
};

TEST_F(PruneTest, FetchNeedsOnlyItsAncestors) {
  EXPECT_THAT(Prune({}, {"pow:0"}, {}), ElementsAre("x", "y", "add", "mul", "pow"));
  EXPECT_THAT(Prune({}, {"add"}, {}), ElementsAre("x", "y", "add"));
  EXPECT_THAT(Prune({}, {"add", "mul:0"}, {}), ElementsAre("x", "y", "add", "mul"));
}

TEST_F(PruneTest, TargetsAreNeeded) {
  EXPECT_THAT(Prune({}, {}, {"useless"}), ElementsAre("x", "y", "add", "useless"));
  EXPECT_THAT(Prune({}, {"mul"}, {"add"}), ElementsAre("x", "y", "add", "mul"));
}

TEST_F(PruneTest, FeedCutsUpstream) {
  absl::StatusOr<PrunedGraph> pruned = PruneGraphForStep(graph_, {"add:0"}, {"pow"}, {});
  ASSERT_TRUE(pruned.ok());
  EXPECT_THAT(Names(pruned->nodes), ElementsAre("x", "y", "mul", "pow"));
  EXPECT_THAT(pruned->feed_used, ElementsAre(true));

  // Feeding both inputs of add cuts its constants too.
  EXPECT_THAT(Prune({"x", "y:0"}, {"add"}, {}), ElementsAre("add"));
}

TEST_F(PruneTest, FetchingAFedTensorNeedsNothing) {
  absl::StatusOr<PrunedGraph> pruned = PruneGraphForStep(graph_, {"pow"}, {"pow:0"}, {});
  ASSERT_TRUE(pruned.ok());
  EXPECT_TRUE(pruned->nodes.empty());
  EXPECT_THAT(pruned->feed_used, ElementsAre(true));
}

TEST_F(PruneTest, ReportsUnusedFeeds) {
  absl::StatusOr<PrunedGraph> pruned =
      PruneGraphForStep(graph_, {"useless:0", "x:0"}, {"mul"}, {});
  ASSERT_TRUE(pruned.ok());
  EXPECT_THAT(Names(pruned->nodes), ElementsAre("y", "mul"));
  EXPECT_THAT(pruned->feed_used, ElementsAre(false, true));
}

TEST_F(PruneTest, ControlEdgesAreFollowedEvenThroughFedNodes) {
  ASSERT_TRUE(AddNode(&graph_, "init", "GraphTestNoOp", {"^add"}).ok());
  EXPECT_THAT(Prune({}, {}, {"init"}), ElementsAre("x", "y", "add", "init"));
  // Feeding add:0 does not replace running add for the control edge.
  EXPECT_THAT(Prune({"add:0"}, {}, {"init"}), ElementsAre("x", "y", "add", "init"));
}

TEST(PruneControlTest, AFedPlaceholderSatisfiesItsControlEdges) {
  // `dy` is fed; `scaled` waits for it by a control edge (a gradient function's
  // control_dependencies([grad])): the feed stands in, the placeholder never runs.
  Graph graph;
  test::AddPlaceholder(&graph, "dy", PartialTensorShape({2}));
  test::AddPlaceholder(&graph, "x", PartialTensorShape({2}));
  ASSERT_TRUE(AddNode(&graph, "scaled", "GraphTestAdd", {"x", "x", "^dy"}).ok());
  absl::StatusOr<std::vector<const Node*>> nodes = PruneGraph(graph, {"dy", "x"}, {"scaled"}, {});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  EXPECT_THAT(Names(*nodes), ElementsAre("scaled"));
  // Unfed, it runs (and reports that it needs a feed).
  nodes = PruneGraph(graph, {"x"}, {"scaled"}, {});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  EXPECT_THAT(Names(*nodes), ElementsAre("dy", "scaled"));
}

TEST(PruneOutputsTest, FeedCutsOnlyTheFedOutput) {
  Graph graph;
  test::AddPlaceholder(&graph, "p", PartialTensorShape({2}));
  ASSERT_TRUE(AddNode(&graph, "split", "GraphTestSplit", {"p"}).ok());
  ASSERT_TRUE(AddNode(&graph, "first", "GraphTestAdd", {"split:0", "split:0"}).ok());
  ASSERT_TRUE(AddNode(&graph, "second", "GraphTestAdd", {"split:1", "split:1"}).ok());

  absl::StatusOr<std::vector<const Node*>> only_first =
      PruneGraph(graph, {"split:0"}, {"first"}, {});
  ASSERT_TRUE(only_first.ok());
  EXPECT_THAT(Names(*only_first), ElementsAre("first"));

  absl::StatusOr<std::vector<const Node*>> both =
      PruneGraph(graph, {"split:0"}, {"first", "second"}, {});
  ASSERT_TRUE(both.ok());
  EXPECT_THAT(Names(*both), ElementsAre("p", "split", "first", "second"));
}

TEST(PruneOrderTest, LateControlEdgeReordersNodes) {
  Graph graph;
  ASSERT_TRUE(AddNode(&graph, "early", "GraphTestNoOp").ok());
  ASSERT_TRUE(AddNode(&graph, "late", "GraphTestNoOp").ok());
  ASSERT_TRUE(AddNode(&graph, "other", "GraphTestNoOp").ok());
  ASSERT_TRUE(graph.AddControlEdge(graph.FindNode("late"), graph.FindNode("early")).ok());
  absl::StatusOr<std::vector<const Node*>> nodes =
      PruneGraph(graph, {}, {}, {"other", "early"});
  ASSERT_TRUE(nodes.ok());
  EXPECT_THAT(Names(*nodes), ElementsAre("late", "early", "other"));
}

TEST_F(PruneTest, UnknownNamesAreNotFound) {
  absl::StatusOr<PrunedGraph> pruned = PruneGraphForStep(graph_, {}, {"ghost:0"}, {});
  ASSERT_TRUE(errors::IsNotFound(pruned.status()));
  EXPECT_THAT(std::string(pruned.status().message()), HasSubstr("'ghost:0'"));

  pruned = PruneGraphForStep(graph_, {}, {"add:1"}, {});
  ASSERT_TRUE(errors::IsNotFound(pruned.status()));
  EXPECT_THAT(std::string(pruned.status().message()), HasSubstr("'add:1'"));
  EXPECT_THAT(std::string(pruned.status().message()), HasSubstr("has 1 outputs"));

  pruned = PruneGraphForStep(graph_, {"ghost"}, {"add"}, {});
  ASSERT_TRUE(errors::IsNotFound(pruned.status()));
  EXPECT_THAT(std::string(pruned.status().message()), HasSubstr("'ghost'"));

  pruned = PruneGraphForStep(graph_, {}, {}, {"ghost"});
  ASSERT_TRUE(errors::IsNotFound(pruned.status()));
  EXPECT_THAT(std::string(pruned.status().message()), HasSubstr("'ghost'"));
}

TEST_F(PruneTest, MalformedRequestsAreInvalidArgument) {
  EXPECT_TRUE(errors::IsInvalidArgument(PruneGraphForStep(graph_, {}, {"add:"}, {}).status()));
  EXPECT_TRUE(errors::IsInvalidArgument(PruneGraphForStep(graph_, {}, {"^add"}, {}).status()));
  EXPECT_TRUE(errors::IsInvalidArgument(PruneGraphForStep(graph_, {"^x"}, {"add"}, {}).status()));
  const absl::StatusOr<PrunedGraph> twice = PruneGraphForStep(graph_, {"x", "x:0"}, {"add"}, {});
  ASSERT_TRUE(errors::IsInvalidArgument(twice.status()));
  EXPECT_THAT(std::string(twice.status().message()), HasSubstr("fed more than once"));
}

}  // namespace
}  // namespace rill
