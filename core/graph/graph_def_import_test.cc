// Tests for ImportGraphDef (order, validation, cycles, rollback, versions, library) and the
// GraphDef text format, including export -> import round trips.
#include "core/graph/graph_def_import.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph_test_util.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

// ConstText is a float scalar Const node in text format, written as TensorFlow writes it.
std::string ConstText(const std::string& name, float value) {
  return absl::StrCat("node { name: '", name, "' op: 'Const' ",
                      "attr { key: 'dtype' value { type: DT_FLOAT } } ",
                      "attr { key: 'value' value { tensor { dtype: DT_FLOAT tensor_shape { } ",
                      "float_val: ", value, " } } } }\n");
}

// AddText is a GraphTestAdd node in text format (T given, as TensorFlow writes it).
std::string AddText(const std::string& name, const std::string& x, const std::string& y) {
  return absl::StrCat("node { name: '", name, "' op: 'GraphTestAdd' input: '", x,
                      "' input: '", y, "' attr { key: 'T' value { type: DT_FLOAT } } }\n");
}

tensorflow::GraphDef Parse(const std::string& text) {
  absl::StatusOr<tensorflow::GraphDef> graph_def = ParseGraphDefText(text);
  EXPECT_TRUE(graph_def.ok()) << graph_def.status();
  return graph_def.ok() ? *graph_def : tensorflow::GraphDef();
}

std::string ImportError(const std::string& text) {
  Graph graph;
  const absl::Status status = ImportGraphDef(Parse(text), &graph);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(graph.num_nodes(), 0);
  return std::string(status.message());
}

TEST(ImportGraphDefTest, ImportsNodesInAnyOrder) {
  const tensorflow::GraphDef graph_def =
      Parse(AddText("sum", "x", "y:0") + ConstText("y", 3) + ConstText("x", 2));
  Graph graph;
  ASSERT_TRUE(ImportGraphDef(graph_def, &graph).ok());
  ASSERT_EQ(graph.num_nodes(), 3);
  EXPECT_EQ(graph.nodes()[0]->name(), "y");
  EXPECT_EQ(graph.nodes()[1]->name(), "x");
  EXPECT_EQ(graph.nodes()[2]->name(), "sum");
  const Node* sum = graph.FindNode("sum");
  EXPECT_EQ(sum->output_shape(0), PartialTensorShape(TensorShape({})));
  const Edge* edge;
  ASSERT_TRUE(sum->input_edge(1, &edge).ok());
  EXPECT_EQ(edge->src->name(), "y");
  EXPECT_FLOAT_EQ(graph.FindNode("y")->constant_value()->scalar<float>()(), 3.0f);
}

TEST(ImportGraphDefTest, FillsMissingDefaultsAndTypes) {
  // As TensorFlow might write it: no T (inferred) and no transpose attrs (defaults).
  const tensorflow::GraphDef graph_def = Parse(
      ConstText("a", 1) + "node { name: 'mm' op: 'GraphTestMatMul' input: 'a' input: 'a' }");
  Graph graph;
  const absl::Status status = ImportGraphDef(graph_def, &graph);
  // A scalar is not a matrix: the shape function reports it, naming the node.
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'mm'"));

  const tensorflow::GraphDef matrices = Parse(
      "node { name: 'm' op: 'GraphTestPlaceholder' attr { key: 'dtype' value { type: DT_FLOAT } }"
      " attr { key: 'shape' value { shape { dim { size: 2 } dim { size: 3 } } } } }\n"
      "node { name: 'mm' op: 'GraphTestMatMul' input: 'm' input: 'm' "
      "attr { key: 'transpose_b' value { b: true } } }");
  Graph good;
  ASSERT_TRUE(ImportGraphDef(matrices, &good).ok());
  const tensorflow::NodeDef& mm = good.FindNode("mm")->def();
  EXPECT_EQ(mm.attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_FALSE(mm.attr().at("transpose_a").b());
  EXPECT_EQ(good.FindNode("mm")->output_shape(0), PartialTensorShape({2, 2}));
}

TEST(ImportGraphDefTest, CycleIsInvalidArgumentNamingItsNodes) {
  const std::string message = ImportError(ConstText("c", 1) + AddText("a", "c", "b") +
                                          AddText("b", "a", "c") + AddText("d", "b", "c"));
  EXPECT_THAT(message, HasSubstr("cycle"));
  EXPECT_THAT(message, HasSubstr("a -> b -> a"));
}

TEST(ImportGraphDefTest, SelfLoopIsACycle) {
  const std::string message = ImportError(
      ConstText("c", 1) + "node { name: 'n' op: 'GraphTestNoOp' input: '^n' }");
  EXPECT_THAT(message, HasSubstr("'n'"));
  EXPECT_THAT(message, HasSubstr("n -> n"));
}

TEST(ImportGraphDefTest, BadInputReferenceIsInvalidArgument) {
  std::string message = ImportError(ConstText("c", 1) + AddText("sum", "c", "nowhere"));
  EXPECT_THAT(message, HasSubstr("'sum'"));
  EXPECT_THAT(message, HasSubstr("'nowhere'"));

  message = ImportError(ConstText("c", 1) + AddText("sum", "c", "c:2"));
  EXPECT_THAT(message, HasSubstr("'sum'"));
  EXPECT_THAT(message, HasSubstr("'c:2'"));

  message = ImportError(ConstText("c", 1) + AddText("sum", "c", "c:x"));
  EXPECT_THAT(message, HasSubstr("'sum'"));
  EXPECT_THAT(message, HasSubstr("'c:x'"));
}

TEST(ImportGraphDefTest, WrongArityIsInvalidArgument) {
  const std::string message = ImportError(
      ConstText("c", 1) +
      "node { name: 'sum' op: 'GraphTestAdd' input: 'c' input: 'c' input: 'c' "
      "attr { key: 'T' value { type: DT_FLOAT } } }");
  EXPECT_THAT(message, HasSubstr("'sum'"));
  EXPECT_THAT(message, HasSubstr("expects 2 inputs"));
}

TEST(ImportGraphDefTest, AttrTypeMismatchIsInvalidArgument) {
  const std::string message = ImportError(
      ConstText("c", 1) +
      "node { name: 'sum' op: 'GraphTestAdd' input: 'c' input: 'c' "
      "attr { key: 'T' value { s: 'float' } } }");
  EXPECT_THAT(message, HasSubstr("'sum'"));
  EXPECT_THAT(message, HasSubstr("'T'"));
}

TEST(ImportGraphDefTest, UnknownOpIsInvalidArgumentNamingNodeAndOp) {
  const std::string message =
      ImportError("node { name: 'zero' op: 'ZeroOut' input: 'c' }" + ConstText("c", 1));
  EXPECT_THAT(message, HasSubstr("'zero'"));
  EXPECT_THAT(message, HasSubstr("ZeroOut"));
}

TEST(ImportGraphDefTest, RepeatedNameIsInvalidArgument) {
  const std::string message = ImportError(ConstText("c", 1) + ConstText("c", 2));
  EXPECT_THAT(message, HasSubstr("'c'"));
  EXPECT_THAT(message, HasSubstr("more than once"));
}

TEST(ImportGraphDefTest, ImportIntoNonEmptyGraph) {
  Graph graph;
  test::AddConst(&graph, "x", Tensor(2.0f));

  // Names must not collide.
  const absl::Status collision = ImportGraphDef(Parse(ConstText("x", 5)), &graph);
  ASSERT_TRUE(errors::IsInvalidArgument(collision));
  EXPECT_THAT(std::string(collision.message()), HasSubstr("'x'"));
  EXPECT_THAT(std::string(collision.message()), HasSubstr("already in the graph"));

  // New nodes may consume existing ones.
  ASSERT_TRUE(ImportGraphDef(Parse(ConstText("y", 3) + AddText("sum", "x", "y")), &graph).ok());
  ASSERT_EQ(graph.num_nodes(), 3);
  EXPECT_EQ(graph.FindNode("x")->out_edges().size(), 1u);
  EXPECT_EQ(graph.NewName("sum"), "sum_1");
}

TEST(ImportGraphDefTest, FailedImportLeavesGraphUnchanged) {
  Graph graph;
  Node* x = test::AddConst(&graph, "x", Tensor(2.0f));
  const tensorflow::GraphDef before = graph.ToGraphDef();
  tensorflow::GraphDef bad = Parse(ConstText("y", 3) + AddText("sum", "x", "y") +
                                   "node { name: 'oops' op: 'NoSuchOp' input: 'sum' }\n" +
                                   "library { function { signature { name: 'f' } } }\n" +
                                   "versions { producer: 12 }");
  ASSERT_TRUE(errors::IsInvalidArgument(ImportGraphDef(bad, &graph)));
  EXPECT_EQ(graph.num_nodes(), 1);
  EXPECT_EQ(graph.num_edges(), 0);
  EXPECT_TRUE(x->out_edges().empty());
  EXPECT_EQ(graph.FindNode("y"), nullptr);
  EXPECT_EQ(graph.NewName("y"), "y");
  EXPECT_EQ(graph.NewName("sum"), "sum");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(graph.ToGraphDef(), before));
}

TEST(ImportGraphDefTest, Versions) {
  Graph graph;
  ASSERT_TRUE(ImportGraphDef(Parse("versions { producer: 27 min_consumer: 12 }"), &graph).ok());
  EXPECT_EQ(graph.versions().producer(), 27);
  EXPECT_EQ(graph.versions().min_consumer(), 12);

  // A graph with nodes keeps what both readers need.
  test::AddConst(&graph, "c", Tensor(1.0f));
  ASSERT_TRUE(ImportGraphDef(Parse("versions { producer: 40 min_consumer: 3 }"), &graph).ok());
  EXPECT_EQ(graph.versions().producer(), 27);
  EXPECT_EQ(graph.versions().min_consumer(), 12);

  Graph newer;
  const absl::Status too_new = ImportGraphDef(
      Parse(absl::StrCat("versions { producer: 5000 min_consumer: ",
                         kGraphDefProducerVersion + 1, " }")),
      &newer);
  ASSERT_TRUE(errors::IsInvalidArgument(too_new));
  EXPECT_THAT(std::string(too_new.message()), HasSubstr("min consumer"));
  const absl::Status banned = ImportGraphDef(
      Parse(absl::StrCat("versions { producer: 5000 bad_consumers: ",
                         kGraphDefProducerVersion, " }")),
      &newer);
  EXPECT_TRUE(errors::IsInvalidArgument(banned));
}

TEST(ImportGraphDefTest, LibraryIsMerged) {
  Graph graph;
  const std::string library = "library { function { signature { name: 'f' } } }";
  ASSERT_TRUE(ImportGraphDef(Parse(library), &graph).ok());
  ASSERT_TRUE(ImportGraphDef(Parse(library), &graph).ok());
  ASSERT_EQ(graph.library().function_size(), 1);
  EXPECT_EQ(graph.library().function(0).signature().name(), "f");
  const absl::Status conflict = ImportGraphDef(
      Parse("library { function { signature { name: 'f' description: 'other' } } }"), &graph);
  ASSERT_TRUE(errors::IsInvalidArgument(conflict));
  EXPECT_THAT(std::string(conflict.message()), HasSubstr("'f'"));
}

TEST(ImportGraphDefTest, ExportImportRoundTripIsExact) {
  Graph graph;
  test::AddConst(&graph, "a", test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
  test::AddPlaceholder(&graph, "p", PartialTensorShape({2, -1}));
  ASSERT_TRUE(graph.AddNode(test::MakeNodeDef("mm", "GraphTestMatMul", {"a", "p"}, "/cpu:0"))
                  .ok());
  ASSERT_TRUE(test::AddNode(&graph, "done", "GraphTestNoOp", {"^mm", "^p"}).ok());
  ASSERT_TRUE(graph.AddControlEdge(graph.FindNode("a"), graph.FindNode("p")).ok());
  const tensorflow::GraphDef exported = graph.ToGraphDef();

  // Binary form.
  tensorflow::GraphDef from_binary;
  ASSERT_TRUE(from_binary.ParseFromString(exported.SerializeAsString()));
  Graph imported;
  ASSERT_TRUE(ImportGraphDef(from_binary, &imported).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(imported.ToGraphDef(),
                                                                 exported));
  EXPECT_EQ(imported.FindNode("mm")->output_shape(0), PartialTensorShape({2, -1}));
  test::ExpectTensorEqual<float>(
      *imported.FindNode("a")->constant_value(),
      test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));

  // Text form.
  const tensorflow::GraphDef from_text = Parse(GraphDefToText(exported));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_text, exported));
}

TEST(GraphDefTextTest, ShowsConstantValues) {
  Graph graph;
  test::AddConst(&graph, "five", Tensor(5.0f));
  ASSERT_TRUE(ImportGraphDef(Parse(ConstText("two_and_a_half", 2.5)), &graph).ok());
  const std::string text = GraphDefToText(graph.ToGraphDef());
  // 5.0f is 0x40a00000: little-endian bytes 00 00 a0 40, C-escaped.
  EXPECT_THAT(text, HasSubstr("tensor_content: \"\\000\\000\\240@\""));
  EXPECT_THAT(text, HasSubstr("float_val: 2.5"));
  EXPECT_THAT(text, HasSubstr("name: \"five\""));
  EXPECT_THAT(text, HasSubstr("producer: 1087"));
}

TEST(GraphDefTextTest, ParseErrorNamesLineAndColumn) {
  const absl::StatusOr<tensorflow::GraphDef> graph_def =
      ParseGraphDefText("node { name: 'a' }\nnode { nmae: 'b' }");
  ASSERT_TRUE(errors::IsInvalidArgument(graph_def.status()));
  EXPECT_THAT(std::string(graph_def.status().message()), HasSubstr("line 2, column "));
  EXPECT_THAT(std::string(graph_def.status().message()), HasSubstr("nmae"));
}

}  // namespace
}  // namespace rill
