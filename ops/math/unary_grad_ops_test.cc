// Tests of the unary gradient op definitions (SigmoidGrad, TanhGrad, SqrtGrad, RsqrtGrad,
// ReciprocalGrad): the merged shape of y and dy, and TensorFlow's names, type set and
// gradient declaration.
#include <algorithm>
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

std::vector<std::string> UnaryGradOpNames() {
  return {"SigmoidGrad", "TanhGrad", "SqrtGrad", "RsqrtGrad", "ReciprocalGrad"};
}

class UnaryGradOpShapeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(UnaryGradOpShapeTest, OutputMergesBothInputs) {
  ShapeInferenceTestOp op(GetParam());
  INFER_OK(op, "?;?", "in0");
  INFER_OK(op, "[2,3];?", "in0");
  INFER_OK(op, "?;[2,3]", "in1");
  INFER_OK(op, "[];[]", "in0");
  INFER_OK(op, "[2,?];[?,3]", "[d0_0,d1_1]");
  INFER_ERROR("must be equal, but are 2 and 3", op, "[2];[3]");
  INFER_ERROR("Shapes must be equal rank, but are 1 and 2", op, "[2];[2,1]");
}

INSTANTIATE_TEST_SUITE_P(UnaryGradOps, UnaryGradOpShapeTest,
                         ::testing::ValuesIn(UnaryGradOpNames()));

TEST(UnaryGradOpsTest, DefinitionsFollowTensorFlow) {
  const std::vector<DataType> floating_or_complex = {DT_BFLOAT16, DT_HALF,      DT_FLOAT,
                                                     DT_DOUBLE,   DT_COMPLEX64, DT_COMPLEX128};
  std::vector<DataType> expected_types = floating_or_complex;
  std::sort(expected_types.begin(), expected_types.end());
  for (const std::string& name : UnaryGradOpNames()) {
    SCOPED_TRACE(name);
    const auto data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    const tensorflow::OpDef& op_def = (*data)->op_def;
    ASSERT_EQ(op_def.input_arg_size(), 2);
    EXPECT_EQ(op_def.input_arg(0).name(), "y");
    EXPECT_EQ(op_def.input_arg(1).name(), "dy");
    ASSERT_EQ(op_def.output_arg_size(), 1);
    EXPECT_EQ(op_def.output_arg(0).name(), "z");
    EXPECT_FALSE(op_def.summary().empty());
    ASSERT_EQ(op_def.attr_size(), 1);
    EXPECT_EQ(op_def.attr(0).name(), "T");
    std::vector<DataType> types;
    for (const int type : op_def.attr(0).allowed_values().list().type()) {
      types.push_back(static_cast<DataType>(type));
    }
    std::sort(types.begin(), types.end());
    EXPECT_EQ(types, expected_types);
    // TensorFlow registers their gradients (second derivatives of the unary ops).
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kDifferentiable);
  }
}

}  // namespace
}  // namespace rill
