// Tests of the unary math op definitions (Neg ... Round, Cast, IsNan, IsInf, IsFinite): every
// output keeps its input's shape handle, and names, type sets, attrs and gradient
// declarations follow TensorFlow.
#include <algorithm>
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

std::vector<std::string> UnaryOpNames() {
  return {"Abs",  "Neg",     "Reciprocal", "Square", "Sqrt",  "Rsqrt", "Exp",
          "Log",  "Log1p",   "Sigmoid",    "Tanh",   "Sign",  "Floor", "Ceil",
          "Round", "IsNan",  "IsInf",      "IsFinite", "Cast"};
}

class UnaryOpShapeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(UnaryOpShapeTest, OutputIsTheInputShape) {
  ShapeInferenceTestOp op(GetParam());
  INFER_OK(op, "?", "in0");
  INFER_OK(op, "[]", "in0");
  INFER_OK(op, "[0]", "in0");
  INFER_OK(op, "[2,?,3]", "in0");
  INFER_OK(op, "[?,?]", "in0");
}

INSTANTIATE_TEST_SUITE_P(UnaryOps, UnaryOpShapeTest, ::testing::ValuesIn(UnaryOpNames()));

const tensorflow::OpDef& Def(const std::string& name) {
  const auto op_def = OpRegistry::Global()->LookUpOpDef(name);
  EXPECT_TRUE(op_def.ok()) << op_def.status();
  return **op_def;
}

// AllowedTypes returns the sorted allowed values of the type attr `attr` of op `name`.
std::vector<DataType> AllowedTypes(const std::string& name, const std::string& attr) {
  for (const auto& attr_def : Def(name).attr()) {
    if (attr_def.name() != attr) continue;
    std::vector<DataType> types;
    for (const int type : attr_def.allowed_values().list().type()) {
      types.push_back(static_cast<DataType>(type));
    }
    std::sort(types.begin(), types.end());
    return types;
  }
  ADD_FAILURE() << name << " has no attr " << attr;
  return {};
}

std::vector<DataType> Sorted(std::vector<DataType> types) {
  std::sort(types.begin(), types.end());
  return types;
}

TEST(UnaryOpsTest, ArgumentsAreXAndY) {
  for (const std::string& name : UnaryOpNames()) {
    const tensorflow::OpDef& op_def = Def(name);
    ASSERT_EQ(op_def.input_arg_size(), 1) << name;
    EXPECT_EQ(op_def.input_arg(0).name(), "x") << name;
    ASSERT_EQ(op_def.output_arg_size(), 1) << name;
    EXPECT_EQ(op_def.output_arg(0).name(), "y") << name;
    EXPECT_FALSE(op_def.summary().empty()) << name;
  }
}

TEST(UnaryOpsTest, TypeSetsAreTensorFlows) {
  const std::vector<DataType> signed_numbers = {
      DT_BFLOAT16, DT_HALF,  DT_FLOAT, DT_DOUBLE,    DT_INT8,
      DT_INT16,    DT_INT32, DT_INT64, DT_COMPLEX64, DT_COMPLEX128};
  std::vector<DataType> all_numbers = signed_numbers;
  all_numbers.insert(all_numbers.end(), {DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64});
  const std::vector<DataType> floating_or_complex = {DT_BFLOAT16, DT_HALF,      DT_FLOAT,
                                                     DT_DOUBLE,   DT_COMPLEX64, DT_COMPLEX128};
  const std::vector<DataType> floating = {DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE};

  for (const char* name : {"Neg", "Reciprocal", "Sign", "Round"}) {
    EXPECT_EQ(AllowedTypes(name, "T"), Sorted(signed_numbers)) << name;
  }
  EXPECT_EQ(AllowedTypes("Square", "T"), Sorted(all_numbers));
  for (const char* name : {"Sqrt", "Rsqrt", "Exp", "Log", "Log1p", "Sigmoid", "Tanh"}) {
    EXPECT_EQ(AllowedTypes(name, "T"), Sorted(floating_or_complex)) << name;
  }
  for (const char* name : {"Floor", "Ceil", "IsNan", "IsInf", "IsFinite"}) {
    EXPECT_EQ(AllowedTypes(name, "T"), Sorted(floating)) << name;
  }
  EXPECT_EQ(AllowedTypes("Abs", "T"),
            Sorted({DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_INT32,
                    DT_INT64}));
}

TEST(UnaryOpsTest, PredicatesOutputBool) {
  for (const char* name : {"IsNan", "IsInf", "IsFinite"}) {
    EXPECT_EQ(Def(name).output_arg(0).type(), DT_BOOL) << name;
    EXPECT_EQ(Def(name).output_arg(0).type_attr(), "") << name;
  }
}

TEST(UnaryOpsTest, CastTakesSrcTDstTAndTruncate) {
  const tensorflow::OpDef& cast = Def("Cast");
  EXPECT_EQ(cast.input_arg(0).type_attr(), "SrcT");
  EXPECT_EQ(cast.output_arg(0).type_attr(), "DstT");
  ASSERT_EQ(cast.attr_size(), 3);
  EXPECT_EQ(cast.attr(0).name(), "SrcT");
  EXPECT_EQ(cast.attr(0).type(), "type");
  EXPECT_FALSE(cast.attr(0).has_allowed_values());
  EXPECT_EQ(cast.attr(1).name(), "DstT");
  EXPECT_EQ(cast.attr(2).name(), "Truncate");
  EXPECT_EQ(cast.attr(2).type(), "bool");
  EXPECT_FALSE(cast.attr(2).default_value().b());
}

TEST(UnaryOpsTest, GradientDeclarationsFollowTensorFlow) {
  const auto declaration = [](const std::string& name) {
    return (*OpRegistry::Global()->LookUp(name))->gradient;
  };
  // TensorFlow's Sign gradient is zeros; Floor, Ceil and Round pass no gradient; the
  // predicates are not differentiable.
  for (const char* name : {"Abs", "Neg", "Reciprocal", "Square", "Sqrt", "Rsqrt", "Exp", "Log",
                           "Log1p", "Sigmoid", "Tanh", "Sign", "Cast"}) {
    EXPECT_EQ(declaration(name), GradientDeclaration::kDifferentiable) << name;
  }
  for (const char* name : {"Floor", "Ceil", "Round", "IsNan", "IsInf", "IsFinite"}) {
    EXPECT_EQ(declaration(name), GradientDeclaration::kNoGradient) << name;
  }
}

}  // namespace
}  // namespace rill
