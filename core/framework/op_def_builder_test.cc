// Tests for OpDefBuilder: every spec form of inputs, outputs and attrs, defaults, flags,
// doc parsing, and errors that name the op and the offending fragment.
#include "core/framework/op_def_builder.h"

#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/types.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using tensorflow::OpDef;

OpDef ParseOpDef(const std::string& text) {
  OpDef op_def;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &op_def)) << text;
  return op_def;
}

// ExpectOpDef finalizes `builder` and compares with the OpDef written as a text proto.
void ExpectOpDef(const OpDefBuilder& builder, const std::string& expected_text) {
  OpRegistrationData data;
  const absl::Status status = builder.Finalize(&data);
  ASSERT_TRUE(status.ok()) << status;
  const OpDef expected = ParseOpDef(expected_text);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(data.op_def, expected))
      << "got:\n" << data.op_def.DebugString() << "expected:\n" << expected.DebugString();
}

void ExpectError(const OpDefBuilder& builder, const std::string& fragment) {
  OpRegistrationData data;
  const absl::Status status = builder.Finalize(&data);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), fragment))
      << "'" << fragment << "' not in: " << status.message();
}

TEST(OpDefBuilderTest, ConcreteInputAndOutputTypes) {
  ExpectOpDef(OpDefBuilder("Cast2").Input("a: float").Input("h: resource").Output("b: int64"),
              "name: 'Cast2' input_arg { name: 'a' type: DT_FLOAT } "
              "input_arg { name: 'h' type: DT_RESOURCE } output_arg { name: 'b' type: DT_INT64 }");
}

TEST(OpDefBuilderTest, TypeAttrWithAllowedSet) {
  ExpectOpDef(OpDefBuilder("Add2").Input("x: T").Input("y: T").Output("z: T")
                  .Attr("T: {float, int32}"),
              "name: 'Add2' input_arg { name: 'x' type_attr: 'T' } "
              "input_arg { name: 'y' type_attr: 'T' } output_arg { name: 'z' type_attr: 'T' } "
              "attr { name: 'T' type: 'type' "
              "  allowed_values { list { type: [DT_FLOAT, DT_INT32] } } }");
}

TEST(OpDefBuilderTest, InputsMayNameAttrsDeclaredLater) {
  ExpectOpDef(OpDefBuilder("Late").Input("x: T").Attr("T: type"),
              "name: 'Late' input_arg { name: 'x' type_attr: 'T' } "
              "attr { name: 'T' type: 'type' }");
}

TEST(OpDefBuilderTest, NumberTimesTypeAttr) {
  ExpectOpDef(OpDefBuilder("Pack2").Input("values: N * T").Output("out: T")
                  .Attr("N: int >= 1").Attr("T: type"),
              "name: 'Pack2' input_arg { name: 'values' number_attr: 'N' type_attr: 'T' } "
              "output_arg { name: 'out' type_attr: 'T' } "
              "attr { name: 'N' type: 'int' has_minimum: true minimum: 1 } "
              "attr { name: 'T' type: 'type' }");
}

TEST(OpDefBuilderTest, NumberTimesConcreteType) {
  ExpectOpDef(OpDefBuilder("Concat2").Input("axis: int32").Input("values: N * float")
                  .Attr("N: int >= 2"),
              "name: 'Concat2' input_arg { name: 'axis' type: DT_INT32 } "
              "input_arg { name: 'values' number_attr: 'N' type: DT_FLOAT } "
              "attr { name: 'N' type: 'int' has_minimum: true minimum: 2 }");
}

TEST(OpDefBuilderTest, TypeListAttr) {
  ExpectOpDef(OpDefBuilder("Group2").Input("in: Tlist").Output("out: Tlist")
                  .Attr("Tlist: list(type) >= 0"),
              "name: 'Group2' input_arg { name: 'in' type_list_attr: 'Tlist' } "
              "output_arg { name: 'out' type_list_attr: 'Tlist' } "
              "attr { name: 'Tlist' type: 'list(type)' has_minimum: true minimum: 0 }");
}

TEST(OpDefBuilderTest, RefArgs) {
  ExpectOpDef(OpDefBuilder("Assign2").Input("ref: Ref(T)").Input("value: T")
                  .Output("output_ref: Ref(T)").Attr("T: type"),
              "name: 'Assign2' input_arg { name: 'ref' type_attr: 'T' is_ref: true } "
              "input_arg { name: 'value' type_attr: 'T' } "
              "output_arg { name: 'output_ref' type_attr: 'T' is_ref: true } "
              "attr { name: 'T' type: 'type' }");
  ExpectOpDef(OpDefBuilder("RefList").Input("refs: Ref(N * float)").Attr("N: int >= 1"),
              "name: 'RefList' input_arg { name: 'refs' number_attr: 'N' type: DT_FLOAT "
              "is_ref: true } attr { name: 'N' type: 'int' has_minimum: true minimum: 1 }");
}

TEST(OpDefBuilderTest, ScalarAttrTypesWithDefaults) {
  ExpectOpDef(OpDefBuilder("Defaults")
                  .Attr("b: bool = false")
                  .Attr("i: int = -1")
                  .Attr("f: float = 0.5")
                  .Attr("s: string = 'SAME'")
                  .Attr("t: type = DT_FLOAT")
                  .Attr("t2: type = int64")
                  .Attr("func_attr: func"),
              "name: 'Defaults' "
              "attr { name: 'b' type: 'bool' default_value { b: false } } "
              "attr { name: 'i' type: 'int' default_value { i: -1 } } "
              "attr { name: 'f' type: 'float' default_value { f: 0.5 } } "
              "attr { name: 's' type: 'string' default_value { s: 'SAME' } } "
              "attr { name: 't' type: 'type' default_value { type: DT_FLOAT } } "
              "attr { name: 't2' type: 'type' default_value { type: DT_INT64 } } "
              "attr { name: 'func_attr' type: 'func' }");
}

TEST(OpDefBuilderTest, ShapeAndTensorDefaults) {
  ExpectOpDef(OpDefBuilder("Shapes")
                  .Attr("a: shape = { unknown_rank: true }")
                  .Attr("b: shape = []")
                  .Attr("c: shape = [2, ?]")
                  .Attr("d: shape = { dim { size: 3 } }")
                  .Attr("e: tensor = { dtype: DT_INT32 int_val: 7 }"),
              "name: 'Shapes' "
              "attr { name: 'a' type: 'shape' default_value { shape { unknown_rank: true } } } "
              "attr { name: 'b' type: 'shape' default_value { shape { } } } "
              "attr { name: 'c' type: 'shape' "
              "  default_value { shape { dim { size: 2 } dim { size: -1 } } } } "
              "attr { name: 'd' type: 'shape' default_value { shape { dim { size: 3 } } } } "
              "attr { name: 'e' type: 'tensor' "
              "  default_value { tensor { dtype: DT_INT32 int_val: 7 } } }");
}

TEST(OpDefBuilderTest, ListAttrsWithDefaults) {
  ExpectOpDef(OpDefBuilder("Lists")
                  .Attr("ksize: list(int) = [1, 2]")
                  .Attr("empty: list(int) = []")
                  .Attr("names: list(string) = ['a', \"b,c\"]")
                  .Attr("types: list(type) = [DT_FLOAT, int32]")
                  .Attr("fs: list(float) >= 1 = [0.25]")
                  .Attr("shapes: list(shape) = [[1], [?, 2]]"),
              "name: 'Lists' "
              "attr { name: 'ksize' type: 'list(int)' default_value { list { i: [1, 2] } } } "
              "attr { name: 'empty' type: 'list(int)' default_value { list { } } } "
              "attr { name: 'names' type: 'list(string)' "
              "  default_value { list { s: ['a', 'b,c'] } } } "
              "attr { name: 'types' type: 'list(type)' "
              "  default_value { list { type: [DT_FLOAT, DT_INT32] } } } "
              "attr { name: 'fs' type: 'list(float)' has_minimum: true minimum: 1 "
              "  default_value { list { f: 0.25 } } } "
              "attr { name: 'shapes' type: 'list(shape)' default_value { list { "
              "  shape { dim { size: 1 } } shape { dim { size: -1 } dim { size: 2 } } } } }");
}

TEST(OpDefBuilderTest, AllowedStringsAndListSets) {
  ExpectOpDef(OpDefBuilder("Conv")
                  .Attr("padding: {'SAME', 'VALID'} = 'VALID'")
                  .Attr("Tlist: list({float, int64})"),
              "name: 'Conv' "
              "attr { name: 'padding' type: 'string' default_value { s: 'VALID' } "
              "  allowed_values { list { s: ['SAME', 'VALID'] } } } "
              "attr { name: 'Tlist' type: 'list(type)' "
              "  allowed_values { list { type: [DT_FLOAT, DT_INT64] } } }");
}

TEST(OpDefBuilderTest, TypeGroups) {
  ExpectOpDef(OpDefBuilder("Groups").Attr("T: realnumbertype").Attr("Q: quantizedtype"),
              "name: 'Groups' "
              "attr { name: 'T' type: 'type' allowed_values { list { type: [DT_FLOAT, "
              "  DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, "
              "  DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64] } } } "
              "attr { name: 'Q' type: 'type' allowed_values { list { type: [DT_QINT8, "
              "  DT_QUINT8, DT_QINT32, DT_QINT16, DT_QUINT16] } } }");

  OpRegistrationData data;
  ASSERT_TRUE(OpDefBuilder("Numbers").Attr("T: numbertype = DT_FLOAT").Finalize(&data).ok());
  const auto& allowed = data.op_def.attr(0).allowed_values().list().type();
  EXPECT_EQ(allowed.size(), 19);
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), DT_COMPLEX64), allowed.end());
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), DT_QINT8), allowed.end());
  EXPECT_EQ(std::find(allowed.begin(), allowed.end(), DT_STRING), allowed.end());
  EXPECT_EQ(std::find(allowed.begin(), allowed.end(), DT_BOOL), allowed.end());
}

TEST(OpDefBuilderTest, FlagsDeprecationAndShapeFn) {
  OpRegistrationData data;
  ASSERT_TRUE(OpDefBuilder("Flags")
                  .SetIsCommutative()
                  .SetIsAggregate()
                  .SetIsStateful()
                  .SetAllowsUninitializedInput()
                  .Deprecated(8, "Use Better instead")
                  .SetShapeFn([](InferenceContext*) { return absl::OkStatus(); })
                  .Finalize(&data)
                  .ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      data.op_def,
      ParseOpDef("name: 'Flags' is_commutative: true is_aggregate: true is_stateful: true "
                 "allows_uninitialized_input: true "
                 "deprecation { version: 8 explanation: 'Use Better instead' }")));
  EXPECT_TRUE(static_cast<bool>(data.shape_inference_fn));

  OpRegistrationData no_fn;
  ASSERT_TRUE(OpDefBuilder("NoFn").Finalize(&no_fn).ok());
  EXPECT_FALSE(static_cast<bool>(no_fn.shape_inference_fn));
}

TEST(OpDefBuilderTest, DocSummaryDescriptionAndArgs) {
  OpRegistrationData data;
  ASSERT_TRUE(OpDefBuilder("Documented")
                  .Input("x: T")
                  .Output("y: T")
                  .Attr("T: {float}")
                  .Doc(R"doc(
Computes something
useful.

Longer description
on two lines.

x: The input,
  continued.
y: The output.
T: The type.
)doc")
                  .Finalize(&data)
                  .ok());
  EXPECT_EQ(data.op_def.summary(), "Computes something useful.");
  EXPECT_EQ(data.op_def.description(), "Longer description\non two lines.");
  EXPECT_EQ(data.op_def.input_arg(0).description(), "The input, continued.");
  EXPECT_EQ(data.op_def.output_arg(0).description(), "The output.");
  EXPECT_EQ(data.op_def.attr(0).description(), "The type.");
}

TEST(OpDefBuilderTest, ErrorsNameTheOpAndFragment) {
  ExpectError(OpDefBuilder("BadType").Input("x: floatt"),
              "Bad Input(\"x: floatt\") for Op BadType: reference to unknown attr or type "
              "'floatt'");
  ExpectError(OpDefBuilder("NoColon").Input("x float"), "Bad Input(\"x float\") for Op NoColon");
  ExpectError(OpDefBuilder("UpperArg").Output("X: float"), "invalid arg name 'X'");
  ExpectError(OpDefBuilder("BadAttrType").Attr("a: integer"),
              "Bad Attr(\"a: integer\") for Op BadAttrType: unknown attr type 'integer'");
  ExpectError(OpDefBuilder("BadDefault").Attr("a: int = x"),
              "Bad Attr(\"a: int = x\") for Op BadDefault: bad default value 'x'");
  ExpectError(OpDefBuilder("UnquotedString").Attr("s: string = SAME"),
              "bad default value 'SAME'");
  ExpectError(OpDefBuilder("DefaultNotAllowed").Attr("T: {float, int32} = DT_STRING"),
              "Value for attr 'T' of string is not in the list of allowed values: float, int32");
  ExpectError(OpDefBuilder("DefaultTooShort").Attr("l: list(int) >= 2 = [1]"),
              "Length for attr 'l' of 1 must be at least minimum 2");
  ExpectError(OpDefBuilder("MinOnString").Attr("s: string >= 1"),
              "a minimum is only allowed for int and list attrs");
  ExpectError(OpDefBuilder("BadSet").Attr("T: {float, flaot}"), "unrecognized type 'flaot'");
  ExpectError(OpDefBuilder("Unclosed").Attr("T: list(int"), "missing ')'");
  ExpectError(OpDefBuilder("Trailing").Attr("T: type junk"), "unexpected 'junk'");
  ExpectError(OpDefBuilder("NotTypeAttr").Input("x: n").Attr("n: int"),
              "attr 'n' has type int, not type or list(type)");
  ExpectError(OpDefBuilder("NoNumberAttr").Input("x: N * float"),
              "reference to unknown attr 'N'");
  ExpectError(OpDefBuilder("NumberNoMin").Input("x: N * float").Attr("N: int"),
              "length attr 'N' needs a minimum >= 0");
  ExpectError(OpDefBuilder("ListTimes").Input("x: N * L").Attr("N: int >= 1")
                  .Attr("L: list(type)"),
              "attr 'L' has type list(type), not type");
  ExpectError(OpDefBuilder("RefUnclosed").Input("x: Ref(float"), "missing ')' of Ref(");
  ExpectError(OpDefBuilder("DupName").Input("x: float").Output("x: float"),
              "Duplicate name 'x' in Output(\"x: float\") for Op DupName");
  ExpectError(OpDefBuilder("DupAttr").Attr("T: type").Attr("T: int"), "Duplicate name 'T'");
  ExpectError(OpDefBuilder("lowercase"), "Invalid op name 'lowercase'");
}

}  // namespace
}  // namespace rill
