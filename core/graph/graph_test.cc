// Tests for Graph: unique naming, AddNode's checks (types, arity, shapes, inputs), control
// edges and cycles, and export to a GraphDef.
#include "core/graph/graph.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::rill::test::AddConst;
using ::rill::test::AddNode;
using ::rill::test::AddPlaceholder;
using ::rill::test::MakeNodeDef;
using ::testing::HasSubstr;

std::vector<std::string> Inputs(const Node& node) {
  return std::vector<std::string>(node.def().input().begin(), node.def().input().end());
}

TEST(GraphNamingTest, RepeatedPrefixGetsSuffixes) {
  Graph graph;
  EXPECT_EQ(graph.NewName("Add"), "Add");
  EXPECT_EQ(graph.NewName("Add"), "Add_1");
  EXPECT_EQ(graph.NewName("Add"), "Add_2");
  EXPECT_EQ(graph.NewName("Mul"), "Mul");
}

TEST(GraphNamingTest, ScopedNamesAreTheirOwnPrefixes) {
  Graph graph;
  EXPECT_EQ(graph.NewName("loss/Add"), "loss/Add");
  EXPECT_EQ(graph.NewName("loss/Add"), "loss/Add_1");
  EXPECT_EQ(graph.NewName("Add"), "Add");
  EXPECT_EQ(graph.NewName("loss"), "loss");
}

TEST(GraphNamingTest, ExplicitNamesAreSkipped) {
  Graph graph;
  ASSERT_TRUE(AddNode(&graph, "Mul_1", "GraphTestNoOp").ok());
  ASSERT_TRUE(AddNode(&graph, "x", "GraphTestNoOp").ok());
  EXPECT_EQ(graph.NewName("Mul"), "Mul");
  EXPECT_EQ(graph.NewName("Mul"), "Mul_2");  // Mul_1 is taken.
  EXPECT_EQ(graph.NewName("x"), "x_1");
  EXPECT_EQ(graph.NewName("Mul_1"), "Mul_1_1");
}

TEST(GraphNamingTest, ReservedNameCanBeUsedForANode) {
  Graph graph;
  const std::string name = graph.NewName("Add");
  EXPECT_TRUE(AddNode(&graph, name, "GraphTestNoOp").ok());
  EXPECT_EQ(graph.NewName("Add"), "Add_1");
}

TEST(GraphTest, AddNodeInfersTypeAndShapeAndCreatesEdges) {
  Graph graph;
  Node* a = AddConst(&graph, "a", Tensor(2.0f));
  Node* b = AddConst(&graph, "b", test::AsTensor<float>({1, 2, 3}));
  absl::StatusOr<Node*> add = AddNode(&graph, "add", "GraphTestAdd", {"a:0", "b"});
  ASSERT_TRUE(add.ok()) << add.status();

  EXPECT_EQ((*add)->id(), 2);
  EXPECT_EQ((*add)->type_string(), "GraphTestAdd");
  EXPECT_EQ(Inputs(**add), (std::vector<std::string>{"a", "b"}));
  DataType t;
  ASSERT_TRUE(GetNodeAttr((*add)->def(), "T", &t).ok());
  EXPECT_EQ(t, DT_FLOAT);
  EXPECT_EQ((*add)->num_inputs(), 2);
  EXPECT_EQ((*add)->num_outputs(), 1);
  EXPECT_EQ((*add)->input_type(1), DT_FLOAT);
  EXPECT_EQ((*add)->output_type(0), DT_FLOAT);
  EXPECT_EQ((*add)->output_shape(0), PartialTensorShape({3}));
  EXPECT_EQ(a->output_shape(0), PartialTensorShape(TensorShape({})));

  const Edge* edge = nullptr;
  ASSERT_TRUE((*add)->input_edge(1, &edge).ok());
  EXPECT_EQ(edge->src, b);
  EXPECT_EQ(edge->src_output, 0);
  EXPECT_EQ(edge->dst, *add);
  EXPECT_EQ(edge->dst_input, 1);
  EXPECT_FALSE(edge->IsControlEdge());
  ASSERT_EQ(a->out_edges().size(), 1u);
  EXPECT_EQ(a->out_edges()[0]->dst, *add);
  EXPECT_EQ((*add)->in_edges().size(), 2u);
  EXPECT_EQ(graph.num_edges(), 2);

  const absl::Status no_input = (*add)->input_edge(2, &edge);
  EXPECT_TRUE(errors::IsInvalidArgument(no_input));
  EXPECT_THAT(std::string(no_input.message()), HasSubstr("'add'"));

  EXPECT_EQ(graph.FindNode("b"), b);
  EXPECT_EQ(graph.FindNode("c"), nullptr);
  EXPECT_EQ(graph.FindNodeId(2), *add);
  EXPECT_EQ(graph.FindNodeId(3), nullptr);
  EXPECT_EQ(graph.num_nodes(), 3);
  EXPECT_EQ((*add)->DebugString(), "add (GraphTestAdd)");
}

TEST(GraphTest, ConstNodesKnowTheirValue) {
  Graph graph;
  Node* a = AddConst(&graph, "a", Tensor(5));
  ASSERT_NE(a->constant_value(), nullptr);
  EXPECT_EQ(a->constant_value()->scalar<int32_t>()(), 5);
  Node* p = AddPlaceholder(&graph, "p", PartialTensorShape({2}));
  EXPECT_EQ(p->constant_value(), nullptr);
}

TEST(GraphTest, ShapeFunctionReadsConstantInputs) {
  Graph graph;
  AddPlaceholder(&graph, "t", PartialTensorShape({6}));
  AddConst(&graph, "shape", test::AsTensor<int32_t>({2, 3}));
  absl::StatusOr<Node*> reshaped = AddNode(&graph, "r", "GraphTestReshape", {"t", "shape"});
  ASSERT_TRUE(reshaped.ok()) << reshaped.status();
  EXPECT_EQ((*reshaped)->output_shape(0), PartialTensorShape({2, 3}));

  // A shape that is not a constant is known only by its length.
  tensorflow::NodeDef shape_placeholder = MakeNodeDef("dynamic_shape", "GraphTestPlaceholder");
  AddNodeAttr("dtype", DT_INT32, &shape_placeholder);
  AddNodeAttr("shape", PartialTensorShape({2}), &shape_placeholder);
  ASSERT_TRUE(graph.AddNode(shape_placeholder).ok());
  absl::StatusOr<Node*> dynamic =
      AddNode(&graph, "r2", "GraphTestReshape", {"t", "dynamic_shape"});
  ASSERT_TRUE(dynamic.ok()) << dynamic.status();
  EXPECT_EQ((*dynamic)->output_shape(0), PartialTensorShape({-1, -1}));
}

TEST(GraphTest, UnknownShapesPropagate) {
  Graph graph;
  AddPlaceholder(&graph, "p", PartialTensorShape());
  AddPlaceholder(&graph, "q", PartialTensorShape({-1, 3}));
  AddConst(&graph, "c", test::AsTensor<float>({1, 2, 3}));
  absl::StatusOr<Node*> unknown = AddNode(&graph, "u", "GraphTestAdd", {"p", "c"});
  ASSERT_TRUE(unknown.ok());
  EXPECT_TRUE((*unknown)->output_shape(0).unknown_rank());
  absl::StatusOr<Node*> partial = AddNode(&graph, "v", "GraphTestAdd", {"q", "c"});
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ((*partial)->output_shape(0), PartialTensorShape({-1, 3}));
  // An op without a shape function has outputs of unknown rank.
  absl::StatusOr<Node*> concat = AddNode(&graph, "cat", "GraphTestConcat", {"c"});
  ASSERT_TRUE(concat.ok());
  EXPECT_TRUE((*concat)->output_shape(0).unknown_rank());
}

TEST(GraphTest, InfersNumberAndTypeListAttrs) {
  Graph graph;
  AddConst(&graph, "a", Tensor(1.0f));
  AddConst(&graph, "b", Tensor(2.0f));
  AddConst(&graph, "i", Tensor(3));
  absl::StatusOr<Node*> sum = AddNode(&graph, "sum", "GraphTestAddN", {"a", "b", "a"});
  ASSERT_TRUE(sum.ok()) << sum.status();
  int64_t n;
  ASSERT_TRUE(GetNodeAttr((*sum)->def(), "N", &n).ok());
  EXPECT_EQ(n, 3);
  EXPECT_EQ((*sum)->num_inputs(), 3);

  absl::StatusOr<Node*> concat = AddNode(&graph, "cat", "GraphTestConcat", {"a", "i"});
  ASSERT_TRUE(concat.ok()) << concat.status();
  DataTypeVector types;
  ASSERT_TRUE(GetNodeAttr((*concat)->def(), "Tlist", &types).ok());
  EXPECT_EQ(types, (DataTypeVector{DT_FLOAT, DT_INT32}));
}

TEST(GraphTest, FillsAttrDefaults) {
  Graph graph;
  AddConst(&graph, "a", test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
  absl::StatusOr<Node*> product = AddNode(&graph, "mm", "GraphTestMatMul", {"a", "a"});
  ASSERT_TRUE(product.ok()) << product.status();
  bool transpose_a = true;
  ASSERT_TRUE(GetNodeAttr((*product)->def(), "transpose_a", &transpose_a).ok());
  EXPECT_FALSE(transpose_a);
  EXPECT_EQ((*product)->output_shape(0), PartialTensorShape({2, 2}));
}

TEST(GraphTest, UnknownOpIsInvalidArgumentNamingNodeAndOp) {
  Graph graph;
  const absl::StatusOr<Node*> node = AddNode(&graph, "mystery", "NoSuchOp");
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'mystery'"));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("NoSuchOp"));
  EXPECT_EQ(graph.num_nodes(), 0);
}

TEST(GraphTest, MissingInputIsInvalidArgument) {
  Graph graph;
  AddConst(&graph, "a", Tensor(1.0f));
  const absl::StatusOr<Node*> node = AddNode(&graph, "add", "GraphTestAdd", {"a", "ghost"});
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'add'"));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'ghost'"));
  EXPECT_TRUE(graph.FindNode("a")->out_edges().empty());
}

TEST(GraphTest, MissingOutputIsInvalidArgument) {
  Graph graph;
  AddConst(&graph, "a", Tensor(1.0f));
  const absl::StatusOr<Node*> node = AddNode(&graph, "add", "GraphTestAdd", {"a", "a:1"});
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'a:1'"));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("has 1 outputs"));
}

TEST(GraphTest, WrongArityIsInvalidArgument) {
  Graph graph;
  AddConst(&graph, "a", Tensor(1.0f));
  const absl::StatusOr<Node*> node = AddNode(&graph, "add", "GraphTestAdd", {"a"});
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'add'"));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("expects 2 inputs"));
  EXPECT_EQ(graph.num_nodes(), 1);
}

TEST(GraphTest, DtypeMismatchIsInvalidArgument) {
  Graph graph;
  AddConst(&graph, "f", Tensor(1.0f));
  AddConst(&graph, "i", Tensor(1));
  const absl::StatusOr<Node*> node = AddNode(&graph, "add", "GraphTestAdd", {"f", "i"});
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_EQ(node.status().message(),
            "Input 1 of node 'add' (GraphTestAdd) was passed int32 from 'i' incompatible "
            "with expected float");
}

TEST(GraphTest, TypeOutsideAllowedSetIsInvalidArgument) {
  Graph graph;
  AddConst(&graph, "i", Tensor(1));
  const absl::StatusOr<Node*> node = AddNode(&graph, "mm", "GraphTestMatMul", {"i", "i"});
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'mm'"));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("int32"));
}

TEST(GraphTest, AttrOfWrongTypeIsInvalidArgument) {
  Graph graph;
  AddConst(&graph, "a", test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
  tensorflow::NodeDef def = MakeNodeDef("mm", "GraphTestMatMul", {"a", "a"});
  AddNodeAttr("transpose_a", "yes", &def);
  const absl::StatusOr<Node*> node = graph.AddNode(def);
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("'mm'"));
  EXPECT_THAT(std::string(node.status().message()), HasSubstr("transpose_a"));
}

TEST(GraphTest, BadShapeNamesNodeAndBothShapes) {
  Graph graph;
  AddPlaceholder(&graph, "x", PartialTensorShape({2, 3}));
  AddPlaceholder(&graph, "w", PartialTensorShape({4, 5}));
  const absl::StatusOr<Node*> node = AddNode(&graph, "mm", "GraphTestMatMul", {"x", "w"});
  ASSERT_TRUE(errors::IsInvalidArgument(node.status()));
  const std::string message(node.status().message());
  EXPECT_THAT(message, HasSubstr("'mm'"));
  EXPECT_THAT(message, HasSubstr("[2,3]"));
  EXPECT_THAT(message, HasSubstr("[4,5]"));
  EXPECT_EQ(graph.num_nodes(), 2);
  EXPECT_TRUE(graph.FindNode("x")->out_edges().empty());
}

TEST(GraphTest, DuplicateAndInvalidNamesAreInvalidArgument) {
  Graph graph;
  AddConst(&graph, "a", Tensor(1.0f));
  const absl::StatusOr<Node*> duplicate = AddNode(&graph, "a", "GraphTestNoOp");
  ASSERT_TRUE(errors::IsInvalidArgument(duplicate.status()));
  EXPECT_THAT(std::string(duplicate.status().message()), HasSubstr("'a'"));
  EXPECT_THAT(std::string(duplicate.status().message()), HasSubstr("already in the graph"));

  for (const char* bad : {"", "has space", "_leading_underscore", "semi;colon", "a:0"}) {
    const absl::StatusOr<Node*> node = AddNode(&graph, bad, "GraphTestNoOp");
    EXPECT_TRUE(errors::IsInvalidArgument(node.status())) << bad;
  }
  EXPECT_TRUE(AddNode(&graph, "scope/sub-scope/op.1>x", "GraphTestNoOp").ok());
}

TEST(GraphTest, ControlInputsBecomeControlEdges) {
  Graph graph;
  Node* a = AddConst(&graph, "a", Tensor(1.0f));
  Node* b = AddConst(&graph, "b", Tensor(2.0f));
  absl::StatusOr<Node*> done = AddNode(&graph, "done", "GraphTestNoOp", {"^a", "^b", "^a"});
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(Inputs(**done), (std::vector<std::string>{"^a", "^b"}));
  ASSERT_EQ((*done)->in_edges().size(), 2u);
  EXPECT_TRUE((*done)->in_edges()[0]->IsControlEdge());
  EXPECT_EQ((*done)->in_edges()[0]->src, a);
  EXPECT_EQ((*done)->in_edges()[0]->src_output, Graph::kControlSlot);
  EXPECT_EQ((*done)->in_edges()[1]->src, b);
  EXPECT_EQ((*done)->num_inputs(), 0);

  const absl::StatusOr<Node*> misordered =
      AddNode(&graph, "add", "GraphTestAdd", {"^a", "a", "b"});
  ASSERT_TRUE(errors::IsInvalidArgument(misordered.status()));
  EXPECT_THAT(std::string(misordered.status().message()), HasSubstr("after a control input"));
}

TEST(GraphTest, AddControlEdgeRejectsCycles) {
  Graph graph;
  Node* a = AddConst(&graph, "a", Tensor(1.0f));
  Node* b = *AddNode(&graph, "b", "GraphTestAdd", {"a", "a"});
  Node* c = *AddNode(&graph, "c", "GraphTestAdd", {"b", "b"});
  Node* d = *AddNode(&graph, "d", "GraphTestNoOp");

  const absl::Status cycle = graph.AddControlEdge(c, a);
  ASSERT_TRUE(errors::IsInvalidArgument(cycle));
  EXPECT_THAT(std::string(cycle.message()), HasSubstr("'c'"));
  EXPECT_THAT(std::string(cycle.message()), HasSubstr("'a'"));
  EXPECT_THAT(std::string(cycle.message()), HasSubstr("cycle"));
  EXPECT_TRUE(errors::IsInvalidArgument(graph.AddControlEdge(d, d)));

  ASSERT_TRUE(graph.AddControlEdge(c, d).ok());
  ASSERT_TRUE(graph.AddControlEdge(c, d).ok());  // Again: no second edge.
  EXPECT_EQ(d->in_edges().size(), 1u);
  EXPECT_EQ(Inputs(*d), (std::vector<std::string>{"^c"}));
  EXPECT_TRUE(errors::IsInvalidArgument(graph.AddControlEdge(d, b)));
  EXPECT_EQ(b->in_edges().size(), 2u);
}

TEST(GraphTest, NodeProperties) {
  Graph graph;
  tensorflow::NodeDef var_def = MakeNodeDef("var", "GraphTestVar", {}, "/gpu:0");
  AddNodeAttr("dtype", DT_FLOAT, &var_def);
  absl::StatusOr<Node*> var = graph.AddNode(var_def);
  ASSERT_TRUE(var.ok()) << var.status();
  EXPECT_TRUE((*var)->IsStateful());
  EXPECT_EQ((*var)->requested_device(), "/gpu:0");
  EXPECT_EQ((*var)->output_type(0), DT_RESOURCE);
  EXPECT_EQ((*var)->assigned_device_name(), "");
  (*var)->set_assigned_device_name("/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_EQ((*var)->assigned_device_name(), "/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_FALSE(AddConst(&graph, "c", Tensor(1.0f))->IsStateful());
}

TEST(GraphTest, ToGraphDefKeepsOrderDevicesAttrsAndVersions) {
  Graph graph;
  AddConst(&graph, "a", test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
  ASSERT_TRUE(graph.AddNode(MakeNodeDef("mm", "GraphTestMatMul", {"a", "a:0"}, "/cpu:0")).ok());
  ASSERT_TRUE(AddNode(&graph, "after", "GraphTestNoOp", {"^mm"}).ok());

  const tensorflow::GraphDef graph_def = graph.ToGraphDef();
  ASSERT_EQ(graph_def.node_size(), 3);
  EXPECT_EQ(graph_def.node(0).name(), "a");
  EXPECT_EQ(graph_def.node(1).name(), "mm");
  EXPECT_EQ(graph_def.node(2).name(), "after");
  EXPECT_EQ(graph_def.node(1).device(), "/cpu:0");
  EXPECT_EQ(graph_def.node(1).input(1), "a");
  EXPECT_EQ(graph_def.node(2).input(0), "^mm");
  EXPECT_TRUE(graph_def.node(1).attr().contains("transpose_b"));
  EXPECT_EQ(graph_def.node(1).attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(graph_def.versions().producer(), kGraphDefProducerVersion);
  EXPECT_EQ(graph_def.versions().min_consumer(), kGraphDefMinConsumerVersion);

  Tensor value;
  ASSERT_TRUE(GetNodeAttr(graph_def.node(0), "value", &value).ok());
  test::ExpectTensorEqual<float>(value,
                                 test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
}

}  // namespace
}  // namespace rill
