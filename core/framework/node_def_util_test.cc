// Tests for NodeDef utilities: GetNodeAttr and its errors, defaults, validation against
// an OpDef, input/output types, name ranges and summaries.
#include "core/framework/node_def_util.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/op_def_builder.h"
#include "core/framework/tensor_testutil.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using tensorflow::NodeDef;
using tensorflow::OpDef;

OpDef MakeOpDef(const OpDefBuilder& builder) {
  OpRegistrationData data;
  const absl::Status status = builder.Finalize(&data);
  EXPECT_TRUE(status.ok()) << status;
  return data.op_def;
}

NodeDef ParseNodeDef(const std::string& text) {
  NodeDef node_def;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &node_def)) << text;
  return node_def;
}

void ExpectInvalid(const absl::Status& status, const std::string& fragment) {
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), fragment))
      << "'" << fragment << "' not in: " << status.message();
}

TEST(NodeDefUtilTest, GetNodeAttrReadsEveryType) {
  NodeDef node_def = ParseNodeDef("name: 'n' op: 'Op'");
  AddNodeAttr("i", int64_t{5000000000}, &node_def);
  AddNodeAttr("small", 7, &node_def);
  AddNodeAttr("f", 2.5f, &node_def);
  AddNodeAttr("b", true, &node_def);
  AddNodeAttr("s", "VALID", &node_def);
  AddNodeAttr("t", DT_INT64, &node_def);
  AddNodeAttr("shape", TensorShape({2, 3}), &node_def);
  AddNodeAttr("partial", PartialTensorShape({-1, 3}), &node_def);
  AddNodeAttr("tensor", test::AsTensor<float>({1.5f, 2.5f}), &node_def);
  AddNodeAttr("ints", std::vector<int64_t>{1, -2}, &node_def);
  AddNodeAttr("floats", std::vector<float>{0.5f}, &node_def);
  AddNodeAttr("bools", std::vector<bool>{false, true}, &node_def);
  AddNodeAttr("strings", std::vector<std::string>{"a", "b"}, &node_def);
  AddNodeAttr("types", DataTypeVector{DT_FLOAT, DT_BOOL}, &node_def);
  AddNodeAttr("shapes", std::vector<TensorShape>{TensorShape({4}), TensorShape({})}, &node_def);
  AddNodeAttr("partials", std::vector<PartialTensorShape>{PartialTensorShape()}, &node_def);
  tensorflow::NameAttrList func;
  func.set_name("f");
  AddNodeAttr("func", func, &node_def);
  const AttrSlice attrs(node_def);

  int64_t i;
  ASSERT_TRUE(GetNodeAttr(attrs, "i", &i).ok());
  EXPECT_EQ(i, 5000000000);
  int32_t small;
  ASSERT_TRUE(GetNodeAttr(attrs, "small", &small).ok());
  EXPECT_EQ(small, 7);
  float f;
  ASSERT_TRUE(GetNodeAttr(attrs, "f", &f).ok());
  EXPECT_EQ(f, 2.5f);
  bool b;
  ASSERT_TRUE(GetNodeAttr(attrs, "b", &b).ok());
  EXPECT_TRUE(b);
  std::string s;
  ASSERT_TRUE(GetNodeAttr(attrs, "s", &s).ok());
  EXPECT_EQ(s, "VALID");
  DataType t;
  ASSERT_TRUE(GetNodeAttr(attrs, "t", &t).ok());
  EXPECT_EQ(t, DT_INT64);
  TensorShape shape;
  ASSERT_TRUE(GetNodeAttr(attrs, "shape", &shape).ok());
  EXPECT_EQ(shape, TensorShape({2, 3}));
  PartialTensorShape partial;
  ASSERT_TRUE(GetNodeAttr(attrs, "partial", &partial).ok());
  EXPECT_EQ(partial.DebugString(), "[?,3]");
  Tensor tensor;
  ASSERT_TRUE(GetNodeAttr(attrs, "tensor", &tensor).ok());
  test::ExpectTensorEqual<float>(tensor, test::AsTensor<float>({1.5f, 2.5f}));
  tensorflow::TensorProto tensor_proto;
  ASSERT_TRUE(GetNodeAttr(attrs, "tensor", &tensor_proto).ok());
  EXPECT_EQ(tensor_proto.dtype(), DT_FLOAT);
  std::vector<int64_t> ints;
  ASSERT_TRUE(GetNodeAttr(attrs, "ints", &ints).ok());
  EXPECT_EQ(ints, (std::vector<int64_t>{1, -2}));
  std::vector<int32_t> ints32;
  ASSERT_TRUE(GetNodeAttr(attrs, "ints", &ints32).ok());
  EXPECT_EQ(ints32, (std::vector<int32_t>{1, -2}));
  std::vector<float> floats;
  ASSERT_TRUE(GetNodeAttr(attrs, "floats", &floats).ok());
  EXPECT_EQ(floats, (std::vector<float>{0.5f}));
  std::vector<bool> bools;
  ASSERT_TRUE(GetNodeAttr(attrs, "bools", &bools).ok());
  EXPECT_EQ(bools, (std::vector<bool>{false, true}));
  std::vector<std::string> strings;
  ASSERT_TRUE(GetNodeAttr(attrs, "strings", &strings).ok());
  EXPECT_EQ(strings, (std::vector<std::string>{"a", "b"}));
  DataTypeVector types;
  ASSERT_TRUE(GetNodeAttr(attrs, "types", &types).ok());
  EXPECT_EQ(types, (DataTypeVector{DT_FLOAT, DT_BOOL}));
  std::vector<TensorShape> shapes;
  ASSERT_TRUE(GetNodeAttr(attrs, "shapes", &shapes).ok());
  ASSERT_EQ(shapes.size(), 2u);
  EXPECT_EQ(shapes[0], TensorShape({4}));
  EXPECT_EQ(shapes[1], TensorShape({}));
  std::vector<PartialTensorShape> partials;
  ASSERT_TRUE(GetNodeAttr(attrs, "partials", &partials).ok());
  ASSERT_EQ(partials.size(), 1u);
  EXPECT_TRUE(partials[0].unknown_rank());
  tensorflow::NameAttrList read_func;
  ASSERT_TRUE(GetNodeAttr(attrs, "func", &read_func).ok());
  EXPECT_EQ(read_func.name(), "f");

  EXPECT_TRUE(HasNodeAttr(node_def, "f"));
  EXPECT_FALSE(HasNodeAttr(node_def, "g"));
  EXPECT_NE(attrs.Find("f"), nullptr);
  EXPECT_EQ(attrs.Find("g"), nullptr);
}

TEST(NodeDefUtilTest, GetNodeAttrErrors) {
  NodeDef node_def = ParseNodeDef("name: 'my_node' op: 'MyOp' input: 'a'");
  AddNodeAttr("k", int64_t{5000000000}, &node_def);
  AddNodeAttr("p", PartialTensorShape({-1}), &node_def);
  const AttrSlice attrs(node_def);

  float f;
  const absl::Status missing = GetNodeAttr(attrs, "x", &f);
  EXPECT_TRUE(errors::IsNotFound(missing));
  EXPECT_EQ(missing.message(), "No attr named 'x' in NodeDef: my_node = MyOp[k=5000000000, "
                               "p=[?]](a)");

  ExpectInvalid(GetNodeAttr(attrs, "k", &f),
                "AttrValue had value with type 'int' when 'float' expected for attr 'k' of "
                "node 'my_node' (op: 'MyOp')");
  int32_t small;
  ExpectInvalid(GetNodeAttr(attrs, "k", &small),
                "Attr 'k' of node 'my_node' (op: 'MyOp') has value 5000000000 out of range "
                "for an int32");
  TensorShape shape;
  ExpectInvalid(GetNodeAttr(attrs, "p", &shape), "Attr 'p' of node 'my_node'");

  const AttrSlice empty;
  EXPECT_TRUE(errors::IsNotFound(GetNodeAttr(empty, "x", &f)));
}

TEST(NodeDefUtilTest, AddDefaultsToNodeDef) {
  const OpDef op_def =
      MakeOpDef(OpDefBuilder("WithDefaults").Attr("a: int = 3").Attr("b: bool = true")
                    .Attr("c: float"));
  NodeDef node_def = ParseNodeDef("name: 'n' op: 'WithDefaults' attr { key: 'a' value { i: 9 } }");
  AddDefaultsToNodeDef(op_def, &node_def);
  EXPECT_EQ(node_def.attr().at("a").i(), 9);
  EXPECT_TRUE(node_def.attr().at("b").b());
  EXPECT_FALSE(node_def.attr().contains("c"));
}

class ValidateNodeDefTest : public ::testing::Test {
 protected:
  const OpDef op_def_ = MakeOpDef(OpDefBuilder("Mix")
                                      .Input("a: T")
                                      .Input("b: N * int32")
                                      .Output("out: T")
                                      .Attr("T: {float, double}")
                                      .Attr("N: int >= 1")
                                      .Attr("pad: {'SAME', 'VALID'} = 'SAME'"));

  NodeDef Valid() {
    return ParseNodeDef(
        "name: 'mix' op: 'Mix' input: ['x', 'y:1', 'z', '^ctrl'] "
        "attr { key: 'T' value { type: DT_FLOAT } } attr { key: 'N' value { i: 2 } } "
        "attr { key: 'pad' value { s: 'VALID' } } attr { key: '_internal' value { i: 1 } }");
  }
};

TEST_F(ValidateNodeDefTest, AcceptsAValidNode) {
  EXPECT_TRUE(ValidateNodeDef(Valid(), op_def_).ok()) << ValidateNodeDef(Valid(), op_def_);
}

TEST_F(ValidateNodeDefTest, RejectsEachKindOfMistake) {
  NodeDef wrong_op = Valid();
  wrong_op.set_op("Other");
  ExpectInvalid(ValidateNodeDef(wrong_op, op_def_), "NodeDef 'mix' has op 'Other', not 'Mix'");

  NodeDef missing = Valid();
  missing.mutable_attr()->erase("T");
  missing.mutable_attr()->erase("pad");
  ExpectInvalid(ValidateNodeDef(missing, op_def_), "NodeDef 'mix' is missing attrs 'T', 'pad'");

  NodeDef unknown = Valid();
  AddNodeAttr("bogus", 1, &unknown);
  ExpectInvalid(ValidateNodeDef(unknown, op_def_),
                "NodeDef 'mix' mentions attr 'bogus' not in Op<name=Mix>");

  NodeDef not_allowed = Valid();
  AddNodeAttr("T", DT_INT32, &not_allowed);
  ExpectInvalid(ValidateNodeDef(not_allowed, op_def_),
                "Value for attr 'T' of int32 is not in the list of allowed values: float, "
                "double of node 'mix'");

  NodeDef bad_string = Valid();
  AddNodeAttr("pad", "FULL", &bad_string);
  ExpectInvalid(ValidateNodeDef(bad_string, op_def_), "Value for attr 'pad' of \"FULL\"");

  NodeDef below_minimum = Valid();
  AddNodeAttr("N", 0, &below_minimum);
  ExpectInvalid(ValidateNodeDef(below_minimum, op_def_),
                "Value for attr 'N' of 0 must be at least minimum 1");

  NodeDef wrong_type = Valid();
  AddNodeAttr("N", "two", &wrong_type);
  ExpectInvalid(ValidateNodeDef(wrong_type, op_def_),
                "AttrValue had value with type 'string' when 'int' expected for attr 'N'");

  NodeDef too_few = Valid();
  AddNodeAttr("N", 3, &too_few);
  ExpectInvalid(ValidateNodeDef(too_few, op_def_),
                "NodeDef 'mix' expects 4 inputs (float, int32, int32, int32) but has 3");

  NodeDef control_first = ParseNodeDef("name: 'mix' op: 'Mix' input: ['^ctrl', 'x']");
  *control_first.mutable_attr() = Valid().attr();
  ExpectInvalid(ValidateNodeDef(control_first, op_def_),
                "Non-control input 'x' after control input in node 'mix'");
}

TEST(NodeDefUtilTest, InOutTypesResolveAttrsListsAndRefs) {
  const OpDef op_def = MakeOpDef(OpDefBuilder("Types")
                                     .Input("ref: Ref(T)")
                                     .Input("many: N * T")
                                     .Input("mixed: Tlist")
                                     .Input("fixed: string")
                                     .Output("out: N * int64")
                                     .Output("same: Tlist")
                                     .Attr("T: type")
                                     .Attr("N: int >= 0")
                                     .Attr("Tlist: list(type)"));
  NodeDef node_def = ParseNodeDef("name: 'types' op: 'Types'");
  AddNodeAttr("T", DT_DOUBLE, &node_def);
  AddNodeAttr("N", 2, &node_def);
  AddNodeAttr("Tlist", DataTypeVector{DT_BOOL, DT_INT32}, &node_def);
  DataTypeVector inputs, outputs;
  ASSERT_TRUE(InOutTypesForNode(node_def, op_def, &inputs, &outputs).ok());
  EXPECT_EQ(inputs, (DataTypeVector{DT_DOUBLE_REF, DT_DOUBLE, DT_DOUBLE, DT_BOOL, DT_INT32,
                                    DT_STRING}));
  EXPECT_EQ(outputs, (DataTypeVector{DT_INT64, DT_INT64, DT_BOOL, DT_INT32}));

  NameRangeMap input_ranges, output_ranges;
  ASSERT_TRUE(NameRangesForNode(node_def, op_def, &input_ranges, &output_ranges).ok());
  EXPECT_EQ(input_ranges.at("ref"), std::make_pair(0, 1));
  EXPECT_EQ(input_ranges.at("many"), std::make_pair(1, 3));
  EXPECT_EQ(input_ranges.at("mixed"), std::make_pair(3, 5));
  EXPECT_EQ(input_ranges.at("fixed"), std::make_pair(5, 6));
  EXPECT_EQ(output_ranges.at("out"), std::make_pair(0, 2));
  EXPECT_EQ(output_ranges.at("same"), std::make_pair(2, 4));

  NodeDef without_n = node_def;
  without_n.mutable_attr()->erase("N");
  EXPECT_TRUE(errors::IsNotFound(NameRangesForNode(without_n, op_def, &input_ranges, nullptr)));
  NodeDef negative_n = node_def;
  AddNodeAttr("N", -1, &negative_n);
  ExpectInvalid(NameRangesForNode(negative_n, op_def, &input_ranges, nullptr),
                "Attr 'N' of node 'types' (op: 'Types') is -1, but a count must be >= 0");
  NodeDef huge_n = node_def;
  AddNodeAttr("N", 2000000000, &huge_n);
  ExpectInvalid(InOutTypesForNode(huge_n, op_def, &inputs, &outputs),
                "Attr 'N' of node 'types' (op: 'Types') is 2000000000, more than the 16777216 "
                "values an arg may have");
}

TEST(NodeDefUtilTest, Summaries) {
  NodeDef node_def =
      ParseNodeDef("name: 'add' op: 'Add' input: ['a', 'b:1', '^c'] device: '/cpu:0'");
  AddNodeAttr("T", DT_FLOAT, &node_def);
  AddNodeAttr("alpha", 0.5f, &node_def);
  EXPECT_EQ(SummarizeNodeDef(node_def),
            "add = Add[T=DT_FLOAT, alpha=0.5, _device=\"/cpu:0\"](a, b:1, ^c)");
  EXPECT_EQ(FormatNodeForError("add"), "node add");
  EXPECT_EQ(FormatNodeDefForError(node_def), "node add");
  const absl::Status attached = AttachDef(errors::InvalidArgument("boom"), node_def);
  EXPECT_EQ(attached.message(),
            "boom\n\t [[node add = Add[T=DT_FLOAT, alpha=0.5, _device=\"/cpu:0\"](a, b:1, "
            "^c)]]");
  EXPECT_TRUE(AttachDef(absl::OkStatus(), node_def).ok());

  const OpDef op_def = MakeOpDef(
      OpDefBuilder("MatMulLike").Input("a: T").Input("b: T").Output("product: T")
          .Attr("T: {float}").Attr("transpose_a: bool = false").SetIsStateful());
  EXPECT_EQ(SummarizeOpDef(op_def),
            "Op<name=MatMulLike; signature=a:T, b:T -> product:T; "
            "attr=T:type,allowed=[DT_FLOAT]; attr=transpose_a:bool,default=false; "
            "is_stateful=true>");
}

}  // namespace
}  // namespace rill
