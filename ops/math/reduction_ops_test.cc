// Shape-function and definition tests of the reduction ops: AddN, Sum/Mean/Prod/Max/Min/
// All/Any (constant and unknown axes, keep_dims), ArgMax/ArgMin, Cumsum and Cumprod, with
// unknown dims and ranks and the errors of bad axes.
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

ShapeInferenceTestOp AddN(int n) {
  ShapeInferenceTestOp op("AddN");
  const std::vector<NodeDefBuilder::NodeOut> inputs(n, {"x", 0, DT_FLOAT});
  RILL_CHECK_OK(NodeDefBuilder("test", "AddN").Input(inputs).Finalize(&op.node_def));
  return op;
}

TEST(ReductionOpsTest, AddNMergesEveryInputShape) {
  ShapeInferenceTestOp op = AddN(1);
  INFER_OK(op, "?", "in0");
  INFER_OK(op, "[2,3]", "in0");
  op = AddN(3);
  INFER_OK(op, "?;?;?", "in0|in1|in2");
  INFER_OK(op, "[2,3];[2,3];[2,3]", "in0|in1|in2");
  INFER_OK(op, "[?,3];?;[2,?]", "[d2_0,d0_1]");
  INFER_OK(op, "?;?;[2,?]", "in2");
  INFER_ERROR("Shapes must be equal rank, but are 2 and 1", op, "[2,3];?;[3]");
  INFER_ERROR("from merging shape 0 with other shapes", op, "[2,3];?;[3,3]");
}

// Reduction returns a test op of `op_name` with keep_dims and (when given) constant axes.
class ReductionShapeTest : public ::testing::TestWithParam<std::string> {
 protected:
  ShapeInferenceTestOp Op(bool keep_dims, const Tensor* axes) {
    const DataType dtype = GetParam() == "All" || GetParam() == "Any" ? DT_BOOL : DT_FLOAT;
    ShapeInferenceTestOp op(GetParam());
    RILL_CHECK_OK(NodeDefBuilder("test", GetParam())
                      .Input("input", 0, dtype)
                      .Input("reduction_indices", 0, axes ? axes->dtype() : DT_INT32)
                      .Attr("keep_dims", keep_dims)
                      .Finalize(&op.node_def));
    op.input_tensors = {nullptr, axes};
    return op;
  }
};

TEST_P(ReductionShapeTest, ConstantAxes) {
  const Tensor middle = test::AsTensor<int32_t>({1});
  INFER_OK(Op(false, &middle), "[2,3,4];[1]", "[d0_0,d0_2]");
  INFER_OK(Op(true, &middle), "[2,3,4];[1]", "[d0_0,1,d0_2]");
  INFER_OK(Op(false, &middle), "[?,?,?];[1]", "[d0_0,d0_2]");
  INFER_OK(Op(false, &middle), "?;[1]", "?");
  // Negative axes count from the end; int64 axes too; repeats reduce once.
  const Tensor last_two = test::AsTensor<int64_t>({-1, -2});
  INFER_OK(Op(false, &last_two), "[2,3,4];[2]", "[d0_0]");
  INFER_OK(Op(true, &last_two), "[2,3,4];[2]", "[d0_0,1,1]");
  const Tensor repeated = test::AsTensor<int32_t>({0, -3, 0});
  INFER_OK(Op(false, &repeated), "[2,3,4];[3]", "[d0_1,d0_2]");
  // A scalar axis, and no axes at all.
  const Tensor scalar = test::AsScalar<int32_t>(0);
  INFER_OK(Op(false, &scalar), "[2,3];[]", "[d0_1]");
  const Tensor none = test::AsTensor<int32_t>({});
  INFER_OK(Op(false, &none), "[2,3];[0]", "[d0_0,d0_1]");
  const Tensor all = test::AsTensor<int32_t>({0, 1});
  INFER_OK(Op(false, &all), "[2,3];[2]", "[]");

  const Tensor five = test::AsTensor<int32_t>({5});
  INFER_ERROR("Invalid reduction dimension 5 for input with 2 dimensions", Op(false, &five),
              "[2,3];[1]");
  const Tensor minus_three = test::AsTensor<int32_t>({-3});
  INFER_ERROR("Invalid reduction dimension -3 for input with 2 dimensions", Op(false, &minus_three),
              "[2,3];[1]");
}

TEST_P(ReductionShapeTest, UnknownAxes) {
  INFER_OK(Op(false, nullptr), "[2,3];[1]", "?");
  INFER_OK(Op(true, nullptr), "[2,3];[1]", "[?,?]");
  INFER_OK(Op(true, nullptr), "?;?", "?");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", Op(false, nullptr), "[2,3];[1,1]");
}

INSTANTIATE_TEST_SUITE_P(AllReductions, ReductionShapeTest,
                         ::testing::Values("Sum", "Mean", "Prod", "Max", "Min", "All", "Any"));

class ArgOpShapeTest : public ::testing::TestWithParam<std::string> {
 protected:
  ShapeInferenceTestOp Op(const Tensor* dimension) {
    ShapeInferenceTestOp op(GetParam());
    RILL_CHECK_OK(NodeDefBuilder("test", GetParam())
                      .Input("input", 0, DT_FLOAT)
                      .Input("dimension", 0, dimension ? dimension->dtype() : DT_INT32)
                      .Finalize(&op.node_def));
    op.input_tensors = {nullptr, dimension};
    return op;
  }
};

TEST_P(ArgOpShapeTest, DropsTheDimension) {
  INFER_OK(Op(nullptr), "?;[]", "?");
  INFER_OK(Op(nullptr), "?;?", "?");
  INFER_OK(Op(nullptr), "[5];[]", "[]");
  INFER_OK(Op(nullptr), "[2,3,4];[]", "[?,?]");
  const Tensor one = test::AsScalar<int32_t>(1);
  INFER_OK(Op(&one), "[2,3,4];[]", "[d0_0,d0_2]");
  INFER_OK(Op(&one), "[?,?];[]", "[d0_0]");
  const Tensor minus_one = test::AsScalar<int64_t>(-1);
  INFER_OK(Op(&minus_one), "[2,3,4];[]", "[d0_0,d0_1]");
  INFER_OK(Op(&minus_one), "[5];[]", "[]");

  INFER_ERROR("Shape must be rank 0 but is rank 1", Op(nullptr), "[2,3];[1]");
  const Tensor three = test::AsScalar<int32_t>(3);
  INFER_ERROR("Dimension (3) must be in the range [-3, 3)", Op(&three), "[2,3,4];[]");
  INFER_ERROR("Dimension (3) must be in the range [0, 0)", Op(&three), "[];[]");
  INFER_ERROR("Reduction axis 1 is empty in shape [2,0]", Op(&one), "[2,0];[]");
}

INSTANTIATE_TEST_SUITE_P(ArgMaxArgMin, ArgOpShapeTest, ::testing::Values("ArgMax", "ArgMin"));

TEST(ReductionOpsTest, ScansKeepTheShape) {
  for (const char* name : {"Cumsum", "Cumprod"}) {
    SCOPED_TRACE(name);
    ShapeInferenceTestOp op(name);
    RILL_CHECK_OK(NodeDefBuilder("test", name)
                      .Input("x", 0, DT_FLOAT)
                      .Input("axis", 0, DT_INT32)
                      .Finalize(&op.node_def));
    INFER_OK(op, "[2,3];[]", "in0");
    INFER_OK(op, "?;[]", "in0");
    INFER_OK(op, "[2,3];?", "in0");
    INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2,3];[1]");
    const Tensor axis = test::AsScalar<int32_t>(-2);
    op.input_tensors = {nullptr, &axis};
    INFER_OK(op, "[2,3];[]", "in0");
    INFER_OK(op, "?;[]", "in0");
    INFER_ERROR("ScanOp: Expected scan axis in the range [-1, 1), but got -2", op, "[4];[]");
  }
}

TEST(ReductionOpsTest, DefinitionsFollowTensorFlow) {
  const OpRegistry* registry = OpRegistry::Global();
  const auto add_n = registry->LookUpOpDef("AddN");
  ASSERT_TRUE(add_n.ok()) << add_n.status();
  EXPECT_TRUE((*add_n)->is_aggregate());
  EXPECT_TRUE((*add_n)->is_commutative());
  EXPECT_EQ((*add_n)->input_arg(0).name(), "inputs");
  EXPECT_EQ((*add_n)->input_arg(0).number_attr(), "N");
  EXPECT_EQ((*add_n)->output_arg(0).name(), "sum");

  for (const char* name : {"Sum", "Mean", "Prod", "Max", "Min", "All", "Any"}) {
    const auto op_def = registry->LookUpOpDef(name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    EXPECT_EQ((*op_def)->input_arg(0).name(), "input") << name;
    EXPECT_EQ((*op_def)->input_arg(1).name(), "reduction_indices") << name;
    EXPECT_EQ((*op_def)->output_arg(0).name(), "output") << name;
    EXPECT_FALSE((*op_def)->summary().empty()) << name;
  }
  for (const char* name : {"ArgMax", "ArgMin"}) {
    const auto op_def = registry->LookUpOpDef(name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    EXPECT_EQ((*op_def)->input_arg(1).name(), "dimension") << name;
    EXPECT_EQ((*op_def)->output_arg(0).type_attr(), "output_type") << name;
    for (const auto& attr : (*op_def)->attr()) {
      if (attr.name() == "output_type") {
        EXPECT_EQ(attr.default_value().type(), DT_INT64);
      }
    }
  }
  for (const char* name : {"Cumsum", "Cumprod"}) {
    const auto op_def = registry->LookUpOpDef(name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    EXPECT_EQ((*op_def)->input_arg(0).name(), "x") << name;
    EXPECT_EQ((*op_def)->input_arg(1).name(), "axis") << name;
    EXPECT_EQ((*op_def)->output_arg(0).name(), "out") << name;
    ASSERT_EQ((*op_def)->attr_size(), 4) << name;
    EXPECT_EQ((*op_def)->attr(0).name(), "exclusive") << name;
    EXPECT_FALSE((*op_def)->attr(0).default_value().b()) << name;
    EXPECT_EQ((*op_def)->attr(1).name(), "reverse") << name;
    EXPECT_FALSE((*op_def)->attr(1).default_value().b()) << name;
    EXPECT_EQ((*op_def)->attr(2).name(), "T") << name;
    EXPECT_EQ((*op_def)->attr(3).name(), "Tidx") << name;
    EXPECT_EQ((*op_def)->attr(3).default_value().type(), DT_INT32) << name;
    EXPECT_EQ((*registry->LookUp(name))->gradient, GradientDeclaration::kDifferentiable) << name;
  }
}

}  // namespace
}  // namespace rill
