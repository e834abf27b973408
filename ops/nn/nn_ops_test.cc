// Tests of the nn op definitions (Relu, Relu6, Elu, Softplus and their gradient ops): shapes
// pass through or merge, and names, type sets and gradient declarations follow TensorFlow.
#include <algorithm>
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

class ActivationShapeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ActivationShapeTest, OutputIsTheInputShape) {
  ShapeInferenceTestOp op(GetParam());
  INFER_OK(op, "?", "in0");
  INFER_OK(op, "[]", "in0");
  INFER_OK(op, "[0,5]", "in0");
  INFER_OK(op, "[2,?,3]", "in0");
}

INSTANTIATE_TEST_SUITE_P(Activations, ActivationShapeTest,
                         ::testing::Values("Relu", "Relu6", "Elu", "Softplus"));

class ActivationGradShapeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ActivationGradShapeTest, OutputIsTheMergedShapeOfBothInputs) {
  ShapeInferenceTestOp op(GetParam());
  INFER_OK(op, "?;?", "in0|in1");
  INFER_OK(op, "?;[1,2]", "in1");
  INFER_OK(op, "[1,2];?", "in0");
  INFER_OK(op, "[1,?];[?,2]", "[d0_0,d1_1]");
  INFER_OK(op, "[];[]", "in0|in1");
  INFER_ERROR("Dimension 1 in both shapes must be equal, but are 2 and 3", op, "[1,2];[1,3]");
  INFER_ERROR("Shapes must be equal rank, but are 2 and 1", op, "[1,2];[2]");
}

INSTANTIATE_TEST_SUITE_P(ActivationGrads, ActivationGradShapeTest,
                         ::testing::Values("ReluGrad", "Relu6Grad", "EluGrad", "SoftplusGrad"));

std::vector<DataType> AllowedTypes(const std::string& name) {
  const auto op_def = OpRegistry::Global()->LookUpOpDef(name);
  EXPECT_TRUE(op_def.ok()) << op_def.status();
  std::vector<DataType> types;
  for (const int type : (*op_def)->attr(0).allowed_values().list().type()) {
    types.push_back(static_cast<DataType>(type));
  }
  std::sort(types.begin(), types.end());
  return types;
}

std::vector<DataType> Sorted(std::vector<DataType> types) {
  std::sort(types.begin(), types.end());
  return types;
}

TEST(NnOpsTest, DefinitionsFollowTensorFlow) {
  for (const char* name : {"Relu", "Relu6", "Elu", "Softplus"}) {
    const auto op_def = OpRegistry::Global()->LookUpOpDef(name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    ASSERT_EQ((*op_def)->input_arg_size(), 1);
    EXPECT_EQ((*op_def)->input_arg(0).name(), "features");
    ASSERT_EQ((*op_def)->output_arg_size(), 1);
    EXPECT_EQ((*op_def)->output_arg(0).name(), "activations");
    ASSERT_EQ((*op_def)->attr_size(), 1);
    EXPECT_EQ((*op_def)->attr(0).name(), "T");
    EXPECT_FALSE((*op_def)->summary().empty());
    EXPECT_EQ((*OpRegistry::Global()->LookUp(name))->gradient,
              GradientDeclaration::kDifferentiable);
  }
  const std::vector<DataType> real_numbers = {
      DT_FLOAT, DT_DOUBLE, DT_INT32,    DT_UINT8, DT_INT16,  DT_INT8,
      DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF,  DT_UINT32, DT_UINT64};
  std::vector<DataType> relu_types = real_numbers;
  relu_types.push_back(DT_QINT8);
  EXPECT_EQ(AllowedTypes("Relu"), Sorted(relu_types));
  EXPECT_EQ(AllowedTypes("Relu6"), Sorted(real_numbers));
  const std::vector<DataType> floating = {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE};
  EXPECT_EQ(AllowedTypes("Elu"), Sorted(floating));
  EXPECT_EQ(AllowedTypes("Softplus"), Sorted(floating));
}

TEST(NnOpsTest, GradientOpDefinitionsFollowTensorFlow) {
  struct Expected {
    const char* name;
    const char* second_input;
  };
  for (const Expected& expected : {Expected{"ReluGrad", "features"},
                                   Expected{"Relu6Grad", "features"},
                                   Expected{"EluGrad", "outputs"},
                                   Expected{"SoftplusGrad", "features"}}) {
    const auto op_def = OpRegistry::Global()->LookUpOpDef(expected.name);
    ASSERT_TRUE(op_def.ok()) << op_def.status();
    ASSERT_EQ((*op_def)->input_arg_size(), 2);
    EXPECT_EQ((*op_def)->input_arg(0).name(), "gradients");
    EXPECT_EQ((*op_def)->input_arg(1).name(), expected.second_input);
    ASSERT_EQ((*op_def)->output_arg_size(), 1);
    EXPECT_EQ((*op_def)->output_arg(0).name(), "backprops");
    ASSERT_EQ((*op_def)->attr_size(), 1);
    EXPECT_EQ((*op_def)->attr(0).name(), "T");
    EXPECT_FALSE((*op_def)->summary().empty());
    // TensorFlow registers second-order gradients for all four.
    EXPECT_EQ((*OpRegistry::Global()->LookUp(expected.name))->gradient,
              GradientDeclaration::kDifferentiable);
  }
  const std::vector<DataType> real_numbers = {
      DT_FLOAT, DT_DOUBLE, DT_INT32,    DT_UINT8, DT_INT16,  DT_INT8,
      DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF,  DT_UINT32, DT_UINT64};
  EXPECT_EQ(AllowedTypes("ReluGrad"), Sorted(real_numbers));
  EXPECT_EQ(AllowedTypes("Relu6Grad"), Sorted(real_numbers));
  const std::vector<DataType> floating = {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE};
  EXPECT_EQ(AllowedTypes("EluGrad"), Sorted(floating));
  EXPECT_EQ(AllowedTypes("SoftplusGrad"), Sorted(floating));
}

}  // namespace
}  // namespace rill
