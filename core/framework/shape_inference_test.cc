// Tests for InferenceContext: handles and their identity, rank and value checks, Merge,
// slicing and concatenation, shapes from tensors, dimension arithmetic, and Run's errors.
#include "core/framework/shape_inference.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using tensorflow::NodeDef;
using tensorflow::OpDef;

OpDef MakeOpDef(const OpDefBuilder& builder) {
  OpRegistrationData data;
  RILL_CHECK_OK(builder.Finalize(&data));
  return data.op_def;
}

// A two-input, one-output op with no attrs, enough for most combinator tests.
class InferenceContextTest : public ::testing::Test {
 protected:
  InferenceContextTest() {
    op_def_ = MakeOpDef(OpDefBuilder("TestBinary").Input("a: float").Input("b: float")
                            .Output("c: float").Attr("flag: bool = true"));
    node_def_.set_name("node");
    node_def_.set_op("TestBinary");
    AddNodeAttr("flag", true, &node_def_);
  }

  // Context makes a context for inputs [2,?] and unknown rank unless told otherwise.
  std::unique_ptr<InferenceContext> Context(
      std::vector<PartialTensorShape> shapes = {PartialTensorShape({2, -1}),
                                                PartialTensorShape()},
      std::vector<const Tensor*> tensors = {}) {
    return std::make_unique<InferenceContext>(node_def_, op_def_, shapes, tensors);
  }

  OpDef op_def_;
  NodeDef node_def_;
};

TEST_F(InferenceContextTest, InputsAndInspection) {
  auto c = Context();
  EXPECT_EQ(c->num_inputs(), 2);
  EXPECT_EQ(c->num_outputs(), 1);
  const ShapeHandle a = c->input(0);
  const ShapeHandle b = c->input(1);
  EXPECT_EQ(c->DebugString(a), "[2,?]");
  EXPECT_EQ(c->DebugString(b), "?");
  EXPECT_EQ(c->Rank(a), 2);
  EXPECT_EQ(c->Rank(b), InferenceContext::kUnknownRank);
  EXPECT_FALSE(c->RankKnown(b));
  EXPECT_EQ(c->Value(c->Dim(a, 0)), 2);
  EXPECT_TRUE(c->Dim(a, -1).SameHandle(c->Dim(a, 1)));
  EXPECT_FALSE(c->ValueKnown(c->Dim(a, 1)));
  EXPECT_FALSE(c->ValueKnown(c->Dim(b, 5)));
  EXPECT_FALSE(c->Dim(b, 0).SameHandle(c->Dim(b, 0)));  // Each a new unknown dim.
  EXPECT_FALSE(c->FullyDefined(a));
  EXPECT_TRUE(c->FullyDefined(c->MakeShape({2, 3})));
  EXPECT_FALSE(c->FullyDefined(b));
  bool flag = false;
  ASSERT_TRUE(c->GetAttr("flag", &flag).ok());
  EXPECT_TRUE(flag);
  int64_t missing;
  EXPECT_TRUE(errors::IsNotFound(c->GetAttr("nope", &missing)));
}

TEST_F(InferenceContextTest, WithRankFamily) {
  auto c = Context();
  ShapeHandle out;
  ASSERT_TRUE(c->WithRank(c->input(0), 2, &out).ok());
  EXPECT_TRUE(out.SameHandle(c->input(0)));
  EXPECT_EQ(c->WithRank(c->input(0), 3, &out).message(), "Shape must be rank 3 but is rank 2");
  EXPECT_FALSE(out.IsSet());
  ASSERT_TRUE(c->WithRank(c->input(1), 3, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[?,?,?]");

  ASSERT_TRUE(c->WithRankAtLeast(c->input(0), 1, &out).ok());
  EXPECT_TRUE(out.SameHandle(c->input(0)));
  EXPECT_EQ(c->WithRankAtLeast(c->input(0), 3, &out).message(),
            "Shape must be at least rank 3 but is rank 2");
  ASSERT_TRUE(c->WithRankAtLeast(c->input(1), 3, &out).ok());
  EXPECT_TRUE(out.SameHandle(c->input(1)));

  ASSERT_TRUE(c->WithRankAtMost(c->input(0), 2, &out).ok());
  EXPECT_EQ(c->WithRankAtMost(c->input(0), 1, &out).message(),
            "Shape must be at most rank 1 but is rank 2");

  DimensionHandle d;
  ASSERT_TRUE(c->WithValue(c->Dim(c->input(0), 0), 2, &d).ok());
  EXPECT_TRUE(d.SameHandle(c->Dim(c->input(0), 0)));
  EXPECT_EQ(c->WithValue(c->Dim(c->input(0), 0), 3, &d).message(),
            "Dimension must be 3 but is 2");
  ASSERT_TRUE(c->WithValue(c->Dim(c->input(0), 1), 7, &d).ok());
  EXPECT_EQ(c->Value(d), 7);
}

TEST_F(InferenceContextTest, MergeDimensions) {
  auto c = Context();
  const DimensionHandle known2 = c->Dim(c->input(0), 0);
  const DimensionHandle unknown = c->Dim(c->input(0), 1);
  DimensionHandle out;
  ASSERT_TRUE(c->Merge(known2, unknown, &out).ok());
  EXPECT_TRUE(out.SameHandle(known2));
  ASSERT_TRUE(c->Merge(unknown, known2, &out).ok());
  EXPECT_TRUE(out.SameHandle(known2));
  const DimensionHandle other2 = c->MakeDim(2);
  ASSERT_TRUE(c->Merge(other2, known2, &out).ok());
  EXPECT_TRUE(out.SameHandle(other2));  // Equal values: the first wins.
  EXPECT_EQ(c->Merge(known2, c->MakeDim(3), &out).message(),
            "Dimensions must be equal, but are 2 and 3");
}

TEST_F(InferenceContextTest, MergeShapes) {
  auto c = Context({PartialTensorShape({2, -1}), PartialTensorShape({-1, 3}),
                    PartialTensorShape({2, 3}), PartialTensorShape()},
                   {});
  // Four inputs for a two-input op: Run would refuse, the combinators do not care.
  const ShapeHandle s_2u = c->input(0);
  const ShapeHandle s_u3 = c->input(1);
  const ShapeHandle s_23 = c->input(2);
  const ShapeHandle unknown = c->input(3);
  ShapeHandle out;
  ASSERT_TRUE(c->Merge(s_2u, unknown, &out).ok());
  EXPECT_TRUE(out.SameHandle(s_2u));
  ASSERT_TRUE(c->Merge(unknown, s_2u, &out).ok());
  EXPECT_TRUE(out.SameHandle(s_2u));
  ASSERT_TRUE(c->Merge(s_2u, s_23, &out).ok());
  EXPECT_TRUE(out.SameHandle(s_23));  // More specific everywhere.
  ASSERT_TRUE(c->Merge(s_23, s_2u, &out).ok());
  EXPECT_TRUE(out.SameHandle(s_23));
  ASSERT_TRUE(c->Merge(s_2u, s_u3, &out).ok());  // Neither wins: a new shape.
  EXPECT_EQ(c->DebugString(out), "[2,3]");
  EXPECT_TRUE(c->Dim(out, 0).SameHandle(c->Dim(s_2u, 0)));
  EXPECT_TRUE(c->Dim(out, 1).SameHandle(c->Dim(s_u3, 1)));
  EXPECT_EQ(c->Merge(s_23, c->MakeShape({2, 4}), &out).message(),
            "Dimension 1 in both shapes must be equal, but are 3 and 4. Shapes are [2,3] and "
            "[2,4].");
  EXPECT_EQ(c->Merge(s_23, c->Vector(2), &out).message(),
            "Shapes must be equal rank, but are 2 and 1");
}

TEST_F(InferenceContextTest, MergePrefix) {
  auto c = Context({PartialTensorShape({-1, 4, 5}), PartialTensorShape({3, -1})});
  ShapeHandle s_out, prefix_out;
  ASSERT_TRUE(c->MergePrefix(c->input(0), c->input(1), &s_out, &prefix_out).ok());
  EXPECT_EQ(c->DebugString(s_out), "[3,4,5]");
  EXPECT_EQ(c->DebugString(prefix_out), "[3,4]");
  EXPECT_TRUE(c->Dim(s_out, 0).SameHandle(c->Dim(c->input(1), 0)));
  EXPECT_TRUE(c->Dim(s_out, 2).SameHandle(c->Dim(c->input(0), 2)));
  EXPECT_FALSE(c->MergePrefix(c->input(1), c->input(0), &s_out, &prefix_out).ok());
}

TEST_F(InferenceContextTest, ConcatenateSubshapeReplaceDim) {
  auto c = Context({PartialTensorShape({1, 2, 3}), PartialTensorShape()});
  const ShapeHandle s = c->input(0);
  ShapeHandle out;
  ASSERT_TRUE(c->Concatenate(s, c->MakeShape({4}), &out).ok());
  EXPECT_EQ(c->DebugString(out), "[1,2,3,4]");
  EXPECT_TRUE(c->Dim(out, 2).SameHandle(c->Dim(s, 2)));
  ASSERT_TRUE(c->Concatenate(s, c->input(1), &out).ok());
  EXPECT_FALSE(c->RankKnown(out));

  ASSERT_TRUE(c->Subshape(s, 0, &out).ok());
  EXPECT_TRUE(out.SameHandle(s));
  ASSERT_TRUE(c->Subshape(s, 1, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[2,3]");
  ASSERT_TRUE(c->Subshape(s, -2, -1, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[2]");
  EXPECT_TRUE(c->Dim(out, 0).SameHandle(c->Dim(s, 1)));
  ASSERT_TRUE(c->Subshape(s, 1, 100, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[2,3]");
  ASSERT_TRUE(c->Subshape(s, 3, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[]");
  EXPECT_EQ(c->Subshape(s, -4, &out).message(),
            "Subshape start out of bounds: -4, for shape with rank 3");
  EXPECT_EQ(c->Subshape(s, 0, -4, &out).message(),
            "Subshape end out of bounds: -4, for shape with rank 3");
  EXPECT_EQ(c->Subshape(s, 2, 1, &out).message(),
            "Subshape must have computed start <= end, but is 2 and 1 (computed from start 2 "
            "and end 1 over shape with rank 3)");
  ASSERT_TRUE(c->Subshape(c->input(1), 1, &out).ok());
  EXPECT_FALSE(c->RankKnown(out));

  const DimensionHandle nine = c->MakeDim(9);
  ASSERT_TRUE(c->ReplaceDim(s, -1, nine, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[1,2,9]");
  EXPECT_TRUE(c->Dim(out, 2).SameHandle(nine));
  EXPECT_EQ(c->ReplaceDim(s, 3, nine, &out).message(),
            "Out of range dim_index 3 for shape with 3 dimensions");
  ASSERT_TRUE(c->ReplaceDim(c->input(1), 0, nine, &out).ok());
  EXPECT_FALSE(c->RankKnown(out));
}

TEST_F(InferenceContextTest, Makers) {
  auto c = Context();
  EXPECT_EQ(c->DebugString(c->Scalar()), "[]");
  EXPECT_EQ(c->DebugString(c->Vector(4)), "[4]");
  EXPECT_EQ(c->DebugString(c->Matrix(InferenceContext::kUnknownDim, 5)), "[?,5]");
  EXPECT_EQ(c->DebugString(c->UnknownShapeOfRank(2)), "[?,?]");
  EXPECT_EQ(c->DebugString(c->UnknownShape()), "?");
  EXPECT_EQ(c->DebugString(c->MakeShape({})), "[]");
  const DimensionHandle d = c->Dim(c->input(0), 0);
  const ShapeHandle v = c->Vector(d);
  EXPECT_TRUE(c->Dim(v, 0).SameHandle(d));
  EXPECT_TRUE(c->MakeDim(d).SameHandle(d));
  EXPECT_FALSE(c->MakeDim(2).SameHandle(c->MakeDim(2)));
  EXPECT_EQ(c->DebugString(c->MakeShape(std::vector<DimensionHandle>{d, c->UnknownDim()})),
            "[2,?]");
  EXPECT_EQ(c->DebugString(c->MakeShapeFromPartialTensorShape(PartialTensorShape({-1, 8}))),
            "[?,8]");
  tensorflow::TensorShapeProto proto;
  proto.add_dim()->set_size(6);
  ShapeHandle from_proto;
  ASSERT_TRUE(c->MakeShapeFromShapeProto(proto, &from_proto).ok());
  EXPECT_EQ(c->DebugString(from_proto), "[6]");
  proto.add_dim()->set_size(-5);
  EXPECT_FALSE(c->MakeShapeFromShapeProto(proto, &from_proto).ok());

  EXPECT_EQ(c->ShapeHandleToPartial(c->input(0)).DebugString(), "[2,?]");
  EXPECT_TRUE(c->ShapeHandleToPartial(c->input(1)).unknown_rank());
  tensorflow::TensorShapeProto out_proto;
  c->ShapeHandleToProto(c->input(0), &out_proto);
  EXPECT_EQ(out_proto.dim(1).size(), -1);

  EXPECT_EQ(c->DebugString(c->NumElements(c->MakeShape({2, 3, 4}))), "24");
  EXPECT_EQ(c->DebugString(c->NumElements(c->input(0))), "?");
  EXPECT_EQ(c->DebugString(c->NumElements(c->MakeShape({-1, 0}))), "0");
  EXPECT_EQ(c->DebugString(c->NumElements(c->Scalar())), "1");
}

TEST_F(InferenceContextTest, DimensionArithmetic) {
  auto c = Context();
  const DimensionHandle unknown = c->UnknownDim();
  const DimensionHandle six = c->MakeDim(6);
  DimensionHandle out;

  ASSERT_TRUE(c->Add(six, 4, &out).ok());
  EXPECT_EQ(c->Value(out), 10);
  ASSERT_TRUE(c->Add(unknown, 0, &out).ok());
  EXPECT_TRUE(out.SameHandle(unknown));
  ASSERT_TRUE(c->Add(unknown, 1, &out).ok());
  EXPECT_FALSE(c->ValueKnown(out));
  EXPECT_FALSE(c->Add(six, std::numeric_limits<int64_t>::max(), &out).ok());

  ASSERT_TRUE(c->Subtract(six, 2, &out).ok());
  EXPECT_EQ(c->Value(out), 4);
  EXPECT_EQ(c->Subtract(six, 7, &out).message(),
            "Negative dimension size caused by subtracting 7 from 6");
  ASSERT_TRUE(c->Subtract(unknown, 2, &out).ok());
  EXPECT_FALSE(c->ValueKnown(out));

  ASSERT_TRUE(c->Multiply(six, 3, &out).ok());
  EXPECT_EQ(c->Value(out), 18);
  ASSERT_TRUE(c->Multiply(six, 1, &out).ok());
  EXPECT_TRUE(out.SameHandle(six));
  ASSERT_TRUE(c->Multiply(unknown, 0, &out).ok());
  EXPECT_EQ(c->Value(out), 0);
  ASSERT_TRUE(c->Multiply(unknown, 2, &out).ok());
  EXPECT_FALSE(c->ValueKnown(out));

  ASSERT_TRUE(c->Divide(six, 3, true, &out).ok());
  EXPECT_EQ(c->Value(out), 2);
  ASSERT_TRUE(c->Divide(six, 4, false, &out).ok());
  EXPECT_EQ(c->Value(out), 1);
  EXPECT_EQ(c->Divide(six, 4, true, &out).message(),
            "Dimension size must be evenly divisible by 4 but is 6");
  EXPECT_EQ(c->Divide(six, 0, false, &out).message(), "Divisor must be positive but is 0");
  ASSERT_TRUE(c->Divide(unknown, 2, true, &out).ok());
  EXPECT_FALSE(c->ValueKnown(out));
  ASSERT_TRUE(c->Divide(unknown, 1, true, &out).ok());
  EXPECT_TRUE(out.SameHandle(unknown));

  ASSERT_TRUE(c->Min(six, 2, &out).ok());
  EXPECT_EQ(c->Value(out), 2);
  ASSERT_TRUE(c->Min(six, unknown, &out).ok());
  EXPECT_FALSE(c->ValueKnown(out));
  ASSERT_TRUE(c->Max(six, 2, &out).ok());
  EXPECT_TRUE(out.SameHandle(six));
  ASSERT_TRUE(c->Max(six, unknown, &out).ok());
  EXPECT_FALSE(c->ValueKnown(out));
}

TEST_F(InferenceContextTest, ShapeFromShapeTensor) {
  const Tensor shape_value = test::AsTensor<int32_t>({3, -1, 5});
  auto c = Context({PartialTensorShape({3}), PartialTensorShape({2})}, {&shape_value, nullptr});
  ShapeHandle out;
  ASSERT_TRUE(c->MakeShapeFromShapeTensor(0, &out).ok());
  EXPECT_EQ(c->DebugString(out), "[3,?,5]");
  EXPECT_TRUE(c->requested_input_tensor(0));
  EXPECT_FALSE(c->requested_input_tensor(1));
  ASSERT_TRUE(c->MakeShapeFromShapeTensor(1, &out).ok());  // Value unknown, length 2.
  EXPECT_EQ(c->DebugString(out), "[?,?]");
  EXPECT_TRUE(c->requested_input_tensor(1));

  const Tensor bad_value = test::AsTensor<int64_t>({2, -3});
  auto bad = Context({PartialTensorShape({2}), PartialTensorShape({-1})}, {&bad_value});
  EXPECT_EQ(bad->MakeShapeFromShapeTensor(0, &out).message(),
            "Invalid value in tensor used for shape: -3");
  ASSERT_TRUE(bad->MakeShapeFromShapeTensor(1, &out).ok());
  EXPECT_FALSE(bad->RankKnown(out));

  const Tensor floats = test::AsTensor<float>({1.0f});
  auto wrong_type = Context({PartialTensorShape({1}), PartialTensorShape()}, {&floats});
  EXPECT_EQ(wrong_type->MakeShapeFromShapeTensor(0, &out).message(),
            "Input tensor must be int32 or int64, but was float");
  auto wrong_rank = Context({PartialTensorShape({2, 2}), PartialTensorShape()});
  EXPECT_FALSE(wrong_rank->MakeShapeFromShapeTensor(0, &out).ok());
}

TEST_F(InferenceContextTest, DimForScalarInput) {
  const Tensor seven = test::AsScalar<int64_t>(7);
  const Tensor negative = test::AsScalar<int32_t>(-2);
  auto c = Context({PartialTensorShape({}), PartialTensorShape({})}, {&seven, &negative});
  DimensionHandle d;
  ASSERT_TRUE(c->MakeDimForScalarInput(0, &d).ok());
  EXPECT_EQ(c->Value(d), 7);
  EXPECT_EQ(c->MakeDimForScalarInput(1, &d).message(),
            "Dimension size, given by scalar input 1, must be non-negative but is -2");
  auto unknown = Context({PartialTensorShape({}), PartialTensorShape({})});
  ASSERT_TRUE(unknown->MakeDimForScalarInput(0, &d).ok());
  EXPECT_FALSE(unknown->ValueKnown(d));
}

TEST_F(InferenceContextTest, RunAppendsNodeAndInputShapes) {
  auto c = Context({PartialTensorShape({2, 3}), PartialTensorShape({4, 5})});
  const absl::Status status = c->Run([](InferenceContext* ic) -> absl::Status {
    DimensionHandle merged;
    RETURN_IF_ERROR(ic->Merge(ic->Dim(ic->input(0), 1), ic->Dim(ic->input(1), 0), &merged));
    ic->set_output(0, ic->input(0));
    return absl::OkStatus();
  });
  EXPECT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_EQ(status.message(),
            "Dimensions must be equal, but are 3 and 4 for 'node' (op: 'TestBinary') with "
            "input shapes: [2,3], [4,5].");

  const Tensor value = test::AsTensor<int32_t>({1, 2});
  auto with_tensor = Context({PartialTensorShape({2}), PartialTensorShape()}, {&value});
  const absl::Status tensor_status = with_tensor->Run([](InferenceContext* ic) {
    ic->input_tensor(0);
    return errors::InvalidArgument("bad value");
  });
  EXPECT_EQ(tensor_status.message(),
            "bad value for 'node' (op: 'TestBinary') with input shapes: [2], ? and with "
            "computed input tensors: input[0] = <[1 2]>.");
}

TEST_F(InferenceContextTest, RunChecksInputCountAndUnsetOutputs) {
  auto too_many = Context({PartialTensorShape(), PartialTensorShape(), PartialTensorShape()});
  const absl::Status count = too_many->Run([](InferenceContext*) { return absl::OkStatus(); });
  EXPECT_TRUE(absl::StrContains(count.message(),
                                "Wrong number of inputs passed: 3 while 2 expected"))
      << count;
  auto c = Context();
  const absl::Status unset = c->Run([](InferenceContext*) { return absl::OkStatus(); });
  EXPECT_TRUE(absl::StrContains(unset.message(), "Shape function did not set output 0"))
      << unset;
  auto ok = Context();
  EXPECT_TRUE(ok->Run([](InferenceContext* ic) {
                  ic->set_output(0, ic->input(0));
                  return absl::OkStatus();
                }).ok());
  EXPECT_TRUE(ok->output(0).SameHandle(ok->input(0)));
}

TEST(InferenceContextNamedArgsTest, InputAndOutputByName) {
  const OpDef op_def = MakeOpDef(OpDefBuilder("TestSplitN").Input("axis: int32")
                                     .Input("values: N * T").Output("out: N * T")
                                     .Attr("N: int >= 1").Attr("T: type"));
  NodeDef node_def;
  node_def.set_name("split");
  node_def.set_op("TestSplitN");
  AddNodeAttr("N", 2, &node_def);
  InferenceContext c(node_def, op_def,
                     {PartialTensorShape({}), PartialTensorShape({1}), PartialTensorShape({2})},
                     {});
  EXPECT_EQ(c.num_outputs(), 2);
  std::vector<ShapeHandle> values;
  ASSERT_TRUE(c.input("values", &values).ok());
  ASSERT_EQ(values.size(), 2u);
  EXPECT_TRUE(values[0].SameHandle(c.input(1)));
  EXPECT_TRUE(values[1].SameHandle(c.input(2)));
  EXPECT_FALSE(c.input("nope", &values).ok());
  ASSERT_TRUE(c.set_output("out", {c.input(2), c.input(1)}).ok());
  EXPECT_TRUE(c.output(0).SameHandle(c.input(2)));
  EXPECT_EQ(c.set_output("out", {c.input(0)}).message(),
            "Must have exactly 2 shapes for output 'out', got 1");
  EXPECT_TRUE(absl::StrContains(c.DebugString(), "inputs [[], [1], [2]], outputs [[2], [1]]"))
      << c.DebugString();
}

}  // namespace
}  // namespace rill
