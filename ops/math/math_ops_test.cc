// Shape-function and definition tests of the broadcasting arithmetic ops (Add, AddV2, Sub,
// Mul, Div, RealDiv, FloorDiv, FloorMod, Pow, Maximum, Minimum, SquaredDifference): NumPy
// broadcasting with known, unknown and mismatched dims and ranks; TensorFlow's signatures.
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::Contains;
using ::testing::Not;

const std::vector<std::string>& ArithmeticOps() {
  static const auto* const ops = new std::vector<std::string>{
      "Add",      "AddV2",    "Sub", "Mul",     "Div",     "RealDiv",
      "FloorDiv", "FloorMod", "Pow", "Maximum", "Minimum", "SquaredDifference"};
  return *ops;
}

class BroadcastBinaryOpTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BroadcastBinaryOpTest, ShapesBroadcastAsInNumPy) {
  ShapeInferenceTestOp op(GetParam());
  // Equal shapes: each output dim is the inputs' (merged) dim.
  INFER_OK(op, "[2,3];[2,3]", "[d0_0|d1_0,d0_1|d1_1]");
  INFER_OK(op, "[];[]", "[]");
  // A scalar against anything gives the other shape's dims.
  INFER_OK(op, "[];[2,3]", "[d1_0,d1_1]");
  INFER_OK(op, "[4];[]", "[d0_0]");
  // Dims of 1 stretch; missing leading dims count as 1.
  INFER_OK(op, "[2,1];[1,3]", "[d0_0,d1_1]");
  INFER_OK(op, "[5,2,3];[2,3]", "[d0_0,d0_1|d1_0,d0_2|d1_1]");
  INFER_OK(op, "[3];[4,1]", "[d1_0,d0_0]");
  // Zero-sized dims broadcast against 1 and stay 0.
  INFER_OK(op, "[0,3];[1,3]", "[d0_0,d0_1|d1_1]");
  // Unknown dims: against 1 they stay unknown, against a known dim > 1 take it.
  INFER_OK(op, "[?,3];[1,3]", "[d0_0,d0_1|d1_1]");
  INFER_OK(op, "[?];[5]", "[d1_0]");
  INFER_OK(op, "[?];[?]", "[?]");
  // Unknown rank on either side gives unknown rank.
  INFER_OK(op, "?;[2,3]", "?");
  INFER_OK(op, "[2];?", "?");
  INFER_OK(op, "?;?", "?");

  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3]");
  INFER_ERROR("Dimensions must be equal, but are 4 and 5", op, "[3,4];[2,1,5]");
}

INSTANTIATE_TEST_SUITE_P(ArithmeticOps, BroadcastBinaryOpTest,
                         ::testing::ValuesIn(ArithmeticOps()));

// AllowedTypes lists the dtypes attr T of `op` accepts.
std::vector<DataType> AllowedTypes(const std::string& op) {
  const tensorflow::OpDef& def = **OpRegistry::Global()->LookUpOpDef(op);
  std::vector<DataType> types;
  for (const auto& attr : def.attr()) {
    if (attr.name() != "T") continue;
    for (const int type : attr.allowed_values().list().type()) {
      types.push_back(static_cast<DataType>(type));
    }
  }
  return types;
}

TEST(MathOpsTest, DefinitionsFollowTensorFlow) {
  for (const std::string& name : ArithmeticOps()) {
    const auto op_def = OpRegistry::Global()->LookUpOpDef(name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    ASSERT_EQ((*op_def)->input_arg_size(), 2);
    EXPECT_EQ((*op_def)->input_arg(0).name(), "x");
    EXPECT_EQ((*op_def)->input_arg(1).name(), "y");
    ASSERT_EQ((*op_def)->output_arg_size(), 1);
    EXPECT_EQ((*op_def)->output_arg(0).name(), "z");
    EXPECT_EQ((*op_def)->output_arg(0).type_attr(), "T");
    EXPECT_FALSE((*op_def)->summary().empty()) << name;
    EXPECT_FALSE(AllowedTypes(name).empty()) << name;
  }
  for (const char* name : {"Mul", "AddV2", "SquaredDifference"}) {
    EXPECT_TRUE((*OpRegistry::Global()->LookUpOpDef(name))->is_commutative()) << name;
  }
  for (const char* name : {"Add", "Sub", "Div", "Pow", "Maximum", "FloorMod"}) {
    EXPECT_FALSE((*OpRegistry::Global()->LookUpOpDef(name))->is_commutative()) << name;
  }
  EXPECT_TRUE((*OpRegistry::Global()->LookUpOpDef("AddV2"))->is_aggregate());
  EXPECT_FALSE((*OpRegistry::Global()->LookUpOpDef("Add"))->is_aggregate());
}

TEST(MathOpsTest, TypeSetsAreTensorFlows) {
  // Add concatenates strings; AddV2 does not.
  EXPECT_THAT(AllowedTypes("Add"), Contains(DT_STRING));
  EXPECT_THAT(AllowedTypes("AddV2"), Not(Contains(DT_STRING)));
  // SquaredDifference is TensorFlow's BINARY_FEWER: no 8- or 16-bit integers.
  EXPECT_THAT(AllowedTypes("SquaredDifference"), Not(Contains(DT_INT8)));
  EXPECT_THAT(AllowedTypes("Sub"), Contains(DT_UINT8));
  // Maximum, Minimum and FloorMod are real-only.
  for (const char* name : {"Maximum", "Minimum", "FloorMod"}) {
    EXPECT_THAT(AllowedTypes(name), Not(Contains(DT_COMPLEX64))) << name;
    EXPECT_THAT(AllowedTypes(name), Contains(DT_BFLOAT16)) << name;
  }
  EXPECT_EQ(AllowedTypes("FloorMod").size(), 12);
}

TEST(MathOpsTest, GradientDeclarations) {
  const auto gradient = [](const char* name) {
    return (*OpRegistry::Global()->LookUp(name))->gradient;
  };
  for (const char* name : {"Add", "AddV2", "Sub", "Mul", "Div", "RealDiv", "FloorMod", "Pow",
                           "Maximum", "Minimum", "SquaredDifference"}) {
    EXPECT_EQ(gradient(name), GradientDeclaration::kDifferentiable) << name;
  }
  // FloorDiv is piecewise constant: TensorFlow's gradient is None.
  EXPECT_EQ(gradient("FloorDiv"), GradientDeclaration::kNoGradient);
}

}  // namespace
}  // namespace rill
