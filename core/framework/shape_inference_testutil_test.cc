// Tests for the shape-test notation itself: that INFER_OK accepts exactly the right
// handles and values, and that InferShapes explains each kind of mismatch.
#include "core/framework/shape_inference_testutil.h"

#include <string>

#include "absl/strings/match.h"
#include "core/framework/errors.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

// TestutilMix: output 0 passes input 1 through; output 1 is
// [input 0 dim 0 (passed through), a new 3, a new unknown dim].
REGISTER_OP("TestutilMix")
    .Input("a: float")
    .Input("b: float")
    .Output("x: float")
    .Output("y: float")
    .SetShapeFn([](InferenceContext* c) -> absl::Status {
      ShapeHandle a;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &a));
      c->set_output(0, c->input(1));
      c->set_output(1, c->MakeShape({c->Dim(a, 0), 3, InferenceContext::kUnknownDim}));
      return absl::OkStatus();
    });
REGISTER_OP("TestutilNoShapeFn").Input("a: float").Output("x: float");

absl::Status Infer(const std::string& ins, const std::string& outs) {
  return ShapeInferenceTestutil::InferShapes(ShapeInferenceTestOp("TestutilMix"), ins, outs);
}

void ExpectMismatch(const std::string& ins, const std::string& outs,
                    const std::string& fragment) {
  const absl::Status status = Infer(ins, outs);
  EXPECT_TRUE(errors::IsUnknown(status)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), fragment))
      << "'" << fragment << "' not in: " << status.message();
}

TEST(ShapeInferenceTestutilTest, AcceptsMatchingSpecs) {
  ShapeInferenceTestOp op("TestutilMix");
  INFER_OK(op, "[2];?", "in1;[d0_0,3,?]");
  INFER_OK(op, "[2];[5,?]", "in0|in1;[d0_0|d1_0,3,?]");
  INFER_OK(op, "?;[]", "in1;[?,3,?]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "[1,2];?");
}

TEST(ShapeInferenceTestutilTest, MacrosFailLoudly) {
  ShapeInferenceTestOp op("TestutilMix");
  EXPECT_NONFATAL_FAILURE(INFER_ERROR("rank", op, "[2];?"),
                          "Shape inference succeeded for inputs [2];? but should fail");
  EXPECT_NONFATAL_FAILURE(INFER_ERROR("no such text", op, "[1,2];?"),
                          "Expected to see 'no such text'");
  EXPECT_NONFATAL_FAILURE(INFER_OK(op, "[2];?", "in0;[d0_0,3,?]"), "should have matched");
}

TEST(ShapeInferenceTestutilTest, ExplainsMismatches) {
  ExpectMismatch("[2];?", "in0;[d0_0,3,?]", "Output 0 matched input 1 by handle, but should "
                                            "have matched one of (in0)");
  ExpectMismatch("[2];?", "?;[d0_0,3,?]", "Output 0 matched input 1 by handle, but was "
                                          "expected not to");
  ExpectMismatch("[2];?", "in1;[2,3,?]", "Output dim 1,0 expected to be a new dim 2 but is "
                                         "input dim d0_0 by handle");
  ExpectMismatch("[2];?", "in1;[d0_0,d0_0,?]", "Output dim 1,1 expected to be input dim "
                                               "(d0_0) by handle, but matched no input dim");
  ExpectMismatch("[2];?", "in1;[d0_0,4,?]", "Output dim 1,1 expected to be 4 but was 3");
  ExpectMismatch("[2];?", "in1;[d0_0,3,5]", "Output dim 1,2 expected to be 5 but was ?");
  ExpectMismatch("[?];?", "in1;[?,3,?]", "Output dim 1,0 expected to be a new unknown dim but "
                                         "is input dim d0_0");
  ExpectMismatch("[2];[7]", "in1;[d1_0,3,?]", "Output dim 1,0 matched input dim d0_0, but "
                                              "should have matched one of (d1_0)");
  ExpectMismatch("[2];?", "in1;[d0_0,3]", "Output 1 expected rank 2 but was 3");
  ExpectMismatch("[2];?", "in1;?", "Output 1 expected to be unknown");
  ExpectMismatch("[2];?", "in1", "The expected output string lists 1 outputs, but the op has 2");
}

TEST(ShapeInferenceTestutilTest, ReportsBadSetup) {
  EXPECT_TRUE(errors::IsInvalidArgument(Infer("[2];[x]", "in1;?")));
  EXPECT_TRUE(absl::StrContains(Infer("[2]", "in1;?").message(),
                                "Wrong number of inputs passed: 1 while 2 expected"));
  EXPECT_TRUE(errors::IsNotFound(ShapeInferenceTestutil::InferShapes(
      ShapeInferenceTestOp("TestutilMissingOp"), "?", "?")));
  EXPECT_TRUE(absl::StrContains(ShapeInferenceTestutil::InferShapes(
                                    ShapeInferenceTestOp("TestutilNoShapeFn"), "?", "?")
                                    .message(),
                                "No shape inference function exists for op "
                                "'TestutilNoShapeFn'"));
}

}  // namespace
}  // namespace rill
