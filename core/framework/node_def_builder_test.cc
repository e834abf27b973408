// Tests for NodeDefBuilder: inputs and their naming, attr inference from input types
// (T, N * T, list(type), refs), defaults, and the errors it collects.
#include "core/framework/node_def_builder.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using tensorflow::NodeDef;
using NodeOut = NodeDefBuilder::NodeOut;

REGISTER_OP("NdbTestAdd")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {float, int32}")
    .Attr("keep: bool = false");
REGISTER_OP("NdbTestPack").Input("values: N * T").Output("out: T").Attr("N: int >= 1")
    .Attr("T: type");
REGISTER_OP("NdbTestGroup").Input("in: Tlist").Output("out: Tlist").Attr("Tlist: list(type)");
REGISTER_OP("NdbTestAssign").Input("ref: Ref(T)").Input("value: T").Output("out: Ref(T)")
    .Attr("T: type");
REGISTER_OP("NdbTestFixed").Input("x: float").Attr("pool: list(int) = [1, 2]")
    .Attr("pad: {'SAME', 'VALID'}");

void ExpectNodeDef(const NodeDefBuilder& builder, const std::string& expected_text) {
  NodeDef node_def;
  const absl::Status status = builder.Finalize(&node_def);
  ASSERT_TRUE(status.ok()) << status;
  NodeDef expected;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(expected_text, &expected));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(node_def, expected))
      << "got:\n" << node_def.DebugString() << "expected:\n" << expected.DebugString();
}

void ExpectError(const NodeDefBuilder& builder, const std::string& fragment) {
  NodeDef node_def;
  const absl::Status status = builder.Finalize(&node_def);
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(absl::StrContains(status.message(), fragment))
      << "'" << fragment << "' not in: " << status.message();
}

TEST(NodeDefBuilderTest, InfersTypeAttrAndFillsDefaults) {
  ExpectNodeDef(NodeDefBuilder("my_add", "NdbTestAdd")
                    .Input("a", 0, DT_FLOAT)
                    .Input("b", 2, DT_FLOAT)
                    .ControlInput("init")
                    .Device("/cpu:0"),
                "name: 'my_add' op: 'NdbTestAdd' input: ['a', 'b:2', '^init'] "
                "device: '/cpu:0' attr { key: 'T' value { type: DT_FLOAT } } "
                "attr { key: 'keep' value { b: false } }");
}

TEST(NodeDefBuilderTest, ExplicitAttrsWin) {
  ExpectNodeDef(NodeDefBuilder("add", "NdbTestAdd")
                    .Input(NodeOut("a", 0, DT_INT32))
                    .Input("b", 0, DT_INT32)
                    .Attr("keep", true)
                    .Attr("T", DT_INT32),
                "name: 'add' op: 'NdbTestAdd' input: ['a', 'b'] "
                "attr { key: 'T' value { type: DT_INT32 } } attr { key: 'keep' value { b: true } }");
}

TEST(NodeDefBuilderTest, NumberTimesTypeInfersNAndT) {
  ExpectNodeDef(NodeDefBuilder("pack", "NdbTestPack")
                    .Input(std::vector<NodeOut>{{"a", 0, DT_INT64}, {"b", 1, DT_INT64},
                                                {"c", 0, DT_INT64}}),
                "name: 'pack' op: 'NdbTestPack' input: ['a', 'b:1', 'c'] "
                "attr { key: 'N' value { i: 3 } } attr { key: 'T' value { type: DT_INT64 } }");
  ExpectError(NodeDefBuilder("pack", "NdbTestPack")
                  .Input(std::vector<NodeOut>{{"a", 0, DT_INT64}, {"b", 0, DT_FLOAT}}),
              "Input 'values' passed float expected int64");
  ExpectError(NodeDefBuilder("pack", "NdbTestPack").Input(std::vector<NodeOut>{}),
              "Value for attr 'N' of 0 must be at least minimum 1");
}

TEST(NodeDefBuilderTest, TypeListInfersTheList) {
  ExpectNodeDef(NodeDefBuilder("group", "NdbTestGroup")
                    .Input(std::vector<NodeOut>{{"a", 0, DT_BOOL}, {"b", 0, DT_STRING}}),
                "name: 'group' op: 'NdbTestGroup' input: ['a', 'b'] "
                "attr { key: 'Tlist' value { list { type: [DT_BOOL, DT_STRING] } } }");
  ExpectNodeDef(NodeDefBuilder("empty", "NdbTestGroup").Input(std::vector<NodeOut>{}),
                "name: 'empty' op: 'NdbTestGroup' attr { key: 'Tlist' value { list { } } }");
}

TEST(NodeDefBuilderTest, RefInputs) {
  ExpectNodeDef(NodeDefBuilder("assign", "NdbTestAssign")
                    .Input("var", 0, DT_FLOAT_REF)
                    .Input("value", 0, DT_FLOAT),
                "name: 'assign' op: 'NdbTestAssign' input: ['var', 'value'] "
                "attr { key: 'T' value { type: DT_FLOAT } }");
  ExpectError(NodeDefBuilder("assign", "NdbTestAssign")
                  .Input("var", 0, DT_FLOAT)
                  .Input("value", 0, DT_FLOAT),
              "Input 'ref' passed float expected ref type");
  // A ref may be read where its base type is expected.
  ExpectNodeDef(NodeDefBuilder("add", "NdbTestAdd")
                    .Input("var", 0, DT_FLOAT_REF)
                    .Input("b", 0, DT_FLOAT),
                "name: 'add' op: 'NdbTestAdd' input: ['var', 'b'] "
                "attr { key: 'T' value { type: DT_FLOAT } } attr { key: 'keep' value { b: false } }");
}

TEST(NodeDefBuilderTest, ListAndStringAttrs) {
  ExpectNodeDef(NodeDefBuilder("fixed", "NdbTestFixed")
                    .Input("x", 0, DT_FLOAT)
                    .Attr("pool", {3, 4, 5})
                    .Attr("pad", "SAME"),
                "name: 'fixed' op: 'NdbTestFixed' input: 'x' "
                "attr { key: 'pool' value { list { i: [3, 4, 5] } } } "
                "attr { key: 'pad' value { s: 'SAME' } }");
  ExpectError(NodeDefBuilder("fixed", "NdbTestFixed").Input("x", 0, DT_FLOAT).Attr("pad", "X"),
              "Value for attr 'pad' of \"X\" is not in the list of allowed values");
  ExpectError(NodeDefBuilder("fixed", "NdbTestFixed").Input("x", 0, DT_FLOAT),
              "NodeDef 'fixed' is missing attr 'pad'");
}

TEST(NodeDefBuilderTest, CollectsErrors) {
  ExpectError(NodeDefBuilder("add", "NdbTestAdd").Input("a", 0, DT_FLOAT).Input("b", 0, DT_INT32),
              "Inconsistent values for attr 'T' DT_FLOAT vs. DT_INT32 while building NodeDef "
              "'add' using Op<name=NdbTestAdd;");
  ExpectError(NodeDefBuilder("add", "NdbTestAdd").Input("a", 0, DT_BOOL).Input("b", 0, DT_BOOL),
              "Value for attr 'T' of bool is not in the list of allowed values");
  ExpectError(NodeDefBuilder("add", "NdbTestAdd").Input("a", 0, DT_FLOAT),
              "1 inputs specified of 2 inputs in Op while building NodeDef 'add'");
  ExpectError(NodeDefBuilder("add", "NdbTestAdd")
                  .Input("a", 0, DT_FLOAT)
                  .Input("b", 0, DT_FLOAT)
                  .Input("c", 0, DT_FLOAT),
              "More Input() calls than the 2 input_args");
  ExpectError(NodeDefBuilder("fixed", "NdbTestFixed").Input("x", 0, DT_INT32).Input("", 0, DT_FLOAT),
              "2 errors while building NodeDef 'fixed'");
  ExpectError(NodeDefBuilder("add", "NdbTestAdd")
                  .Input(std::vector<NodeOut>{{"a", 0, DT_FLOAT}})
                  .Input("b", 0, DT_FLOAT),
              "List provided to input 'x' when single Tensor expected");
  ExpectError(NodeDefBuilder("pack", "NdbTestPack").Input("a", 0, DT_FLOAT),
              "Single tensor passed to 'values', expected list");
  ExpectError(NodeDefBuilder("add", "NdbTestAdd").Input("a", -1, DT_FLOAT).Input("b", 0, DT_FLOAT),
              "Negative output index -1 of input 'a'");

  NodeDef node_def;
  const absl::Status unknown = NodeDefBuilder("n", "NoSuchOp").Finalize(&node_def);
  EXPECT_TRUE(errors::IsNotFound(unknown));
  EXPECT_TRUE(absl::StrContains(unknown.message(), "Op type not registered 'NoSuchOp'"));
  EXPECT_TRUE(absl::StrContains(unknown.message(), "while building NodeDef 'n'"));
}

TEST(NodeDefBuilderTest, BuildsFromAnOpDefPointer) {
  OpRegistrationData data;
  ASSERT_TRUE(OpDefBuilder("Unregistered").Input("x: T").Attr("T: type").Finalize(&data).ok());
  ExpectNodeDef(NodeDefBuilder("u", &data.op_def).Input("a", 0, DT_HALF),
                "name: 'u' op: 'Unregistered' input: 'a' "
                "attr { key: 'T' value { type: DT_HALF } }");
}

}  // namespace
}  // namespace rill
