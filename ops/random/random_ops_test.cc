// Shape-function tests of the random ops in TensorFlow's string notation (unknown dims,
// unknown ranks, constant shape inputs), and their registration: stateful, no gradient.
#include <cstdint>
#include <string>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(RandomOpsTest, EveryOpIsStatefulWithoutGradient) {
  for (const std::string name :
       {"RandomUniform", "RandomUniformInt", "RandomStandardNormal", "TruncatedNormal",
        "RandomShuffle", "Multinomial", "RandomGamma"}) {
    SCOPED_TRACE(name);
    absl::StatusOr<const OpRegistrationData*> data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    EXPECT_TRUE((*data)->op_def.is_stateful());
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient);
  }
}

TEST(RandomOpsTest, RandomShapeReadsTheShapeInput) {
  for (const char* name : {"RandomUniform", "RandomStandardNormal", "TruncatedNormal"}) {
    SCOPED_TRACE(name);
    ShapeInferenceTestOp op(name);
    INFER_OK(op, "?", "?");
    INFER_OK(op, "[3]", "[?,?,?]");
    INFER_OK(op, "[0]", "[]");
    const Tensor shape = test::AsTensor<int32_t>({2, 5});
    op.input_tensors = {&shape};
    INFER_OK(op, "[2]", "[2,5]");
    INFER_ERROR("must be at most rank 1 but is rank 2", op, "[2,1]");
  }
}

TEST(RandomOpsTest, RandomUniformIntNeedsScalarBounds) {
  ShapeInferenceTestOp op("RandomUniformInt");
  INFER_OK(op, "[2];[];[]", "[?,?]");
  INFER_OK(op, "?;?;?", "?");
  const Tensor shape = test::AsTensor<int64_t>({4});
  op.input_tensors = {&shape, nullptr, nullptr};
  INFER_OK(op, "[1];[];[]", "[4]");
  INFER_ERROR("must be rank 0", op, "[1];[1];[]");
  INFER_ERROR("must be rank 0", op, "[1];[];[2]");
}

TEST(RandomOpsTest, RandomShuffleKeepsTheShape) {
  ShapeInferenceTestOp op("RandomShuffle");
  INFER_OK(op, "?", "in0");
  INFER_OK(op, "[5,?,2]", "in0");
}

TEST(RandomOpsTest, MultinomialIsBatchByNumSamples) {
  ShapeInferenceTestOp op("Multinomial");
  INFER_OK(op, "[3,10];[]", "[d0_0,?]");
  INFER_OK(op, "?;?", "[?,?]");
  const Tensor num_samples = test::AsScalar<int32_t>(7);
  op.input_tensors = {nullptr, &num_samples};
  INFER_OK(op, "[?,10];[]", "[d0_0,7]");
  INFER_ERROR("must be rank 2", op, "[10];[]");
  INFER_ERROR("must be rank 0", op, "[1,10];[1]");
  const Tensor negative = test::AsScalar<int32_t>(-1);
  op.input_tensors = {nullptr, &negative};
  INFER_ERROR("-1", op, "[1,10];[]");
}

TEST(RandomOpsTest, RandomGammaAppendsAlphaShape) {
  ShapeInferenceTestOp op("RandomGamma");
  INFER_OK(op, "[2];[3]", "[?,?,d1_0]");
  INFER_OK(op, "[2];?", "?");
  INFER_OK(op, "?;[3]", "?");
  const Tensor shape = test::AsTensor<int32_t>({4, 5});
  op.input_tensors = {&shape, nullptr};
  INFER_OK(op, "[2];[?,2]", "[4,5,d1_0,d1_1]");
  INFER_OK(op, "[2];[]", "[4,5]");
}

}  // namespace
}  // namespace rill
