// Tests of the control op definitions: NoOp has no inputs and no outputs.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(ControlOpsTest, NoOpHasNoInputsOrOutputs) {
  const auto op_def = OpRegistry::Global()->LookUpOpDef("NoOp");
  ASSERT_TRUE(op_def.ok()) << op_def.status();
  EXPECT_EQ((*op_def)->input_arg_size(), 0);
  EXPECT_EQ((*op_def)->output_arg_size(), 0);
  EXPECT_EQ((*op_def)->summary(), "Does nothing. Only useful as a placeholder for control edges.");
  INFER_OK(ShapeInferenceTestOp("NoOp"), "", "");
}

}  // namespace
}  // namespace rill
