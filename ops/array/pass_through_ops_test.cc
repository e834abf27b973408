// Tests of the StopGradient, PreventGradient and CheckNumerics definitions: shapes pass
// through, attrs and gradient declarations are TensorFlow's.
#include <string>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(PassThroughOpsTest, OutputIsTheInputShape) {
  for (const char* name : {"StopGradient", "PreventGradient", "CheckNumerics"}) {
    ShapeInferenceTestOp op(name);
    NodeDefBuilder builder("p", name);
    builder.Input("input", 0, DT_FLOAT);
    if (std::string(name) == "CheckNumerics") builder.Attr("message", "m");
    ASSERT_TRUE(builder.Finalize(&op.node_def).ok());
    INFER_OK(op, "[2,?]", "in0");
    INFER_OK(op, "?", "in0");
  }
}

TEST(PassThroughOpsTest, AttrsAndGradients) {
  const auto lookup = [](const char* name) { return *OpRegistry::Global()->LookUp(name); };
  EXPECT_EQ(lookup("StopGradient")->gradient, GradientDeclaration::kNoGradient);
  // PreventGradient's gradient is the error that carries its message.
  EXPECT_EQ(lookup("PreventGradient")->gradient, GradientDeclaration::kDifferentiable);
  EXPECT_EQ(lookup("CheckNumerics")->gradient, GradientDeclaration::kDifferentiable);
  EXPECT_TRUE(lookup("CheckNumerics")->op_def.is_stateful());

  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("p", "PreventGradient").Input("x", 0, DT_INT32).Finalize(&def).ok());
  EXPECT_EQ(def.attr().at("message").s(), "");
  // CheckNumerics needs its message and a floating-point tensor.
  EXPECT_FALSE(NodeDefBuilder("c", "CheckNumerics").Input("x", 0, DT_FLOAT).Finalize(&def).ok());
  EXPECT_FALSE(NodeDefBuilder("c", "CheckNumerics")
                   .Input("x", 0, DT_INT32)
                   .Attr("message", "m")
                   .Finalize(&def)
                   .ok());
}

}  // namespace
}  // namespace rill
