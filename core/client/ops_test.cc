// Tests of Output (names, shapes, TensorFlow-Python printing, hashing), Operation, and
// Input's conversions: constants become Const nodes with the right values and shapes.
#include "core/client/ops.h"

#include <sstream>
#include <string>
#include <unordered_map>

#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/node_def_util.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/control/control_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

std::string Print(const Output& output) {
  std::ostringstream stream;
  stream << output;
  return stream.str();
}

// ConstValue is the `value` attr of Const node `name`, parsed, after checking `dtype`.
Tensor ConstValue(const Scope& scope, const std::string& name) {
  const Node* node = scope.graph()->FindNode(name);
  EXPECT_NE(node, nullptr) << name;
  if (node == nullptr) return Tensor();
  EXPECT_EQ(node->type_string(), "Const");
  Tensor value;
  EXPECT_TRUE(GetNodeAttr(node->def(), "value", &value).ok());
  DataType dtype = DT_INVALID;
  EXPECT_TRUE(GetNodeAttr(node->def(), "dtype", &dtype).ok());
  EXPECT_EQ(dtype, value.dtype());
  return value;
}

TEST(OutputTest, AddOfTwoIntsPrintsAsSymbolicTensor) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 3, 5);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(Print(a), "Tensor(\"Add:0\", shape=(), dtype=int32)");
  const Output z = a;
  EXPECT_EQ(z.name(), "Add:0");
  EXPECT_EQ(z.index(), 0);
  EXPECT_EQ(z.type(), DT_INT32);
  EXPECT_EQ(z.op().name(), "Add");
}

TEST(OutputTest, PrintsShapesAndDtypesAsPython) {
  Scope root = Scope::NewRootScope();
  auto vector = ops::Placeholder(root, DT_FLOAT, ops::Placeholder::Shape({3}));
  auto matrix = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2, 3}));
  auto partial = ops::Placeholder(root, DT_INT64, ops::Placeholder::Shape({-1, 3}));
  auto unknown = ops::Placeholder(root, DT_BOOL);
  auto strings = ops::Const(root.WithOpName("words"), {"a", "b"});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(Print(vector), "Tensor(\"Placeholder:0\", shape=(3,), dtype=float32)");
  EXPECT_EQ(Print(matrix), "Tensor(\"Placeholder_1:0\", shape=(2, 3), dtype=float64)");
  EXPECT_EQ(Print(partial), "Tensor(\"Placeholder_2:0\", shape=(?, 3), dtype=int64)");
  EXPECT_EQ(Print(unknown), "Tensor(\"Placeholder_3:0\", shape=<unknown>, dtype=bool)");
  EXPECT_EQ(Print(strings), "Tensor(\"words:0\", shape=(2,), dtype=string)");
  EXPECT_EQ(Print(Output()), "Tensor(<no node>)");
}

TEST(OutputTest, AddOfPlaceholderAndListHasPlaceholderShape) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT, ops::Placeholder::Shape({3}));
  auto c = ops::Add(root, a, {5.f, 5.f, 5.f});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(Print(c), "Tensor(\"Add:0\", shape=(3,), dtype=float32)");
  const PartialTensorShape shape = Output(c).shape();
  EXPECT_TRUE(shape.IsIdenticalTo(PartialTensorShape({3}))) << shape.DebugString();
}

TEST(OutputTest, HashesAsUnorderedMapKey) {
  Scope root = Scope::NewRootScope();
  const Output x = ops::Const(root, 1.f);
  const Output y = ops::Const(root, 2.f);
  std::unordered_map<Output, int, OutputHash> map;
  map[x] = 1;
  map[y] = 2;
  map[Output(x.node(), 0)] = 3;
  EXPECT_EQ(map.size(), 2u);
  EXPECT_EQ(map[x], 3);
  EXPECT_EQ(map[y], 2);
  EXPECT_NE(Output(x.node(), 0), Output(x.node(), 1));
}

TEST(OperationTest, DescribesItsNode) {
  Scope root = Scope::NewRootScope();
  auto sum = ops::Add(root, 1.5, 2.5);
  const Operation op = sum.operation;
  EXPECT_EQ(op.name(), "Add");
  EXPECT_EQ(op.num_inputs(), 2);
  EXPECT_EQ(op.num_outputs(), 1);
  EXPECT_EQ(op.input_type(1), DT_DOUBLE);
  EXPECT_EQ(op.output_type(0), DT_DOUBLE);
  EXPECT_EQ(op.output(0), Output(sum));
  EXPECT_EQ(Operation().num_outputs(), 0);
  EXPECT_EQ(Operation().name(), "");
}

TEST(InputTest, ScalarsBecomeConstNodesInOrder) {
  Scope root = Scope::NewRootScope();
  ops::Add(root, 3, 5);
  ASSERT_TRUE(root.ok()) << root.status();
  // The constants are named before the op, as in TensorFlow.
  ASSERT_EQ(root.graph()->num_nodes(), 3);
  EXPECT_EQ(root.graph()->nodes()[0]->name(), "Const");
  EXPECT_EQ(root.graph()->nodes()[1]->name(), "Const_1");
  EXPECT_EQ(root.graph()->nodes()[2]->name(), "Add");
  test::ExpectTensorEqual<int32_t>(ConstValue(root, "Const"), test::AsScalar<int32_t>(3));
  test::ExpectTensorEqual<int32_t>(ConstValue(root, "Const_1"), test::AsScalar<int32_t>(5));
}

TEST(InputTest, ScalarTypesMapToDtypes) {
  Scope root = Scope::NewRootScope();
  ops::Const(root, 2.5f);
  ops::Const(root, 2.5);
  ops::Const(root, int64_t{1} << 40);
  ops::Const(root, 7LL);
  ops::Const(root, true);
  ops::Const(root, "text");
  ops::Const(root, std::string("more"));
  ops::Const(root, uint8_t{200});
  ASSERT_TRUE(root.ok()) << root.status();
  test::ExpectTensorEqual<float>(ConstValue(root, "Const"), test::AsScalar<float>(2.5f));
  test::ExpectTensorEqual<double>(ConstValue(root, "Const_1"), test::AsScalar<double>(2.5));
  test::ExpectTensorEqual<int64_t>(ConstValue(root, "Const_2"),
                                   test::AsScalar<int64_t>(1099511627776));
  test::ExpectTensorEqual<int64_t>(ConstValue(root, "Const_3"), test::AsScalar<int64_t>(7));
  test::ExpectTensorEqual<bool>(ConstValue(root, "Const_4"), test::AsScalar<bool>(true));
  test::ExpectTensorEqual<std::string>(ConstValue(root, "Const_5"),
                                       test::AsScalar<std::string>("text"));
  test::ExpectTensorEqual<std::string>(ConstValue(root, "Const_6"),
                                       test::AsScalar<std::string>("more"));
  test::ExpectTensorEqual<uint8_t>(ConstValue(root, "Const_7"), test::AsScalar<uint8_t>(200));
}

TEST(InputTest, NestedListsStackIntoMatrices) {
  Scope root = Scope::NewRootScope();
  ops::Add(root, {{1, 2}, {3, 4}}, {{{1.f}, {2.f}}, {{3.f}, {4.f}}});
  // The int and float constants do not match: Add fails, but both Consts exist.
  EXPECT_FALSE(root.ok());
  test::ExpectTensorEqual<int32_t>(ConstValue(root, "Const"),
                                   test::AsTensor<int32_t>({1, 2, 3, 4}, TensorShape({2, 2})));
  test::ExpectTensorEqual<float>(
      ConstValue(root, "Const_1"),
      test::AsTensor<float>({1.f, 2.f, 3.f, 4.f}, TensorShape({2, 2, 1})));
}

TEST(InputTest, StringListsAndTensorsBecomeConsts) {
  Scope root = Scope::NewRootScope();
  ops::Const(root, {{"a", "b"}, {"c", "d"}});
  ops::Const(root, test::AsTensor<int64_t>({5, 6, 7}));
  ops::Const(root, {1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, TensorShape({2, 3}));
  ops::Const(root, 9, TensorShape({2, 2}));
  ops::Const(root, Input::Initializer({1.5, 2.5}, TensorShape({2, 1})));
  ASSERT_TRUE(root.ok()) << root.status();
  test::ExpectTensorEqual<std::string>(
      ConstValue(root, "Const"),
      test::AsTensor<std::string>({"a", "b", "c", "d"}, TensorShape({2, 2})));
  test::ExpectTensorEqual<int64_t>(ConstValue(root, "Const_1"), test::AsTensor<int64_t>({5, 6, 7}));
  test::ExpectTensorEqual<float>(
      ConstValue(root, "Const_2"),
      test::AsTensor<float>({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, TensorShape({2, 3})));
  test::ExpectTensorEqual<int32_t>(ConstValue(root, "Const_3"),
                                   test::AsTensor<int32_t>({9, 9, 9, 9}, TensorShape({2, 2})));
  test::ExpectTensorEqual<double>(ConstValue(root, "Const_4"),
                                  test::AsTensor<double>({1.5, 2.5}, TensorShape({2, 1})));
}

TEST(InputTest, InitializerAsTensorProto) {
  const tensorflow::TensorProto proto = Input::Initializer({{1, 2, 3}}).AsTensorProto();
  EXPECT_EQ(proto.dtype(), DT_INT32);
  ASSERT_EQ(proto.tensor_shape().dim_size(), 2);
  EXPECT_EQ(proto.tensor_shape().dim(0).size(), 1);
  EXPECT_EQ(proto.tensor_shape().dim(1).size(), 3);
  ASSERT_EQ(proto.int_val_size(), 3);
  EXPECT_EQ(proto.int_val(2), 3);
}

TEST(InputTest, RaggedListIsAnErrorInTheScope) {
  Scope root = Scope::NewRootScope();
  auto sum = ops::Add(root, {{1, 2}, {3}}, 1);
  EXPECT_EQ(sum.node(), nullptr);
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(root.status().message().find("element 0 has shape [2] but element 1 has shape [1]"),
            absl::string_view::npos)
      << root.status();
  EXPECT_EQ(root.graph()->num_nodes(), 0);
}

TEST(InputTest, MixedDtypesInAListAreAnError) {
  const Input::Initializer mixed({{1, 2}, {3.f, 4.f}});
  EXPECT_EQ(mixed.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(mixed.status.message().find("element 0 is int32 but element 1 is float"),
            absl::string_view::npos)
      << mixed.status;
}

TEST(InputTest, ShapeThatDoesNotFitTheValuesIsAnError) {
  const Input::Initializer wrong({1, 2, 3}, TensorShape({2, 2}));
  EXPECT_EQ(wrong.status.code(), absl::StatusCode::kInvalidArgument);
  Scope root = Scope::NewRootScope();
  ops::Const(root, {1, 2, 3}, TensorShape({2, 2}));
  ASSERT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("needs 4 values (or 1 to repeat), but was given 3"),
            absl::string_view::npos)
      << root.status();
}

TEST(InputTest, OperationWithoutOutputsIsNotAnInput) {
  Scope root = Scope::NewRootScope();
  auto nothing = ops::NoOp(root);
  ASSERT_TRUE(root.ok()) << root.status();
  const Input input = Operation(nothing);
  EXPECT_EQ(input.status().code(), absl::StatusCode::kInvalidArgument);
  ops::Identity(root, Operation(nothing));
  ASSERT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("'NoOp' has 0 outputs"), absl::string_view::npos)
      << root.status();
}

TEST(InputTest, SingleOutputOperationIsAnInput) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Const(root, 4.f);
  auto y = ops::Identity(root, x.op());
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(y.node()->def().input(0), "Const");
}

TEST(InputTest, OutputOfAnotherGraphIsAnError) {
  Scope one = Scope::NewRootScope();
  Scope two = Scope::NewRootScope();
  auto x = ops::Const(one.WithOpName("x"), 1.f);
  ops::Const(two.WithOpName("x"), 1.f);
  ops::Identity(two, x);
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.status().message().find("'x:0', belongs to another graph"), absl::string_view::npos)
      << two.status();
}

}  // namespace
}  // namespace rill
