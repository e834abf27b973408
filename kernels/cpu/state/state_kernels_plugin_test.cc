// Loads the state kernels as a plugin (libstate_kernels.so) into a program that links the
// state op definitions but no kernels: the plugin's kernels and this program agree on the
// Var resource type across the shared-object boundary.
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/runtime/load_library.h"
#include "gtest/gtest.h"
#include "kernels/cpu/state/var_test_util.h"

namespace rill {
namespace {

TEST(StateKernelsPluginTest, AssignAndReadThroughThePlugin) {
  tensorflow::NodeDef assign;
  RILL_CHECK_OK(NodeDefBuilder("assign", "AssignVariableOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Input("value", 0, DT_FLOAT)
                    .Finalize(&assign));
  EXPECT_FALSE(test::KernelRunner::Create(assign).ok());

  const auto library = LoadLibrary("kernels/cpu/state/libstate_kernels.so");
  ASSERT_TRUE(library.ok()) << library.status();
  EXPECT_TRUE(library->op_list.op().empty());
  EXPECT_FALSE(library->kernel_names.empty());

  auto runner = test::KernelRunner::Create(assign);
  ASSERT_TRUE(runner.ok()) << runner.status();
  const Device& device = *(*runner)->device();
  const Tensor handle = test::VariableHandle(device, "W", DT_FLOAT, PartialTensorShape({2}));
  ASSERT_TRUE((*runner)->Run({handle, test::AsTensor<float>({1, 2})}).ok());
  // The Var the plugin created is the Var this program knows.
  absl::StatusOr<Tensor> value = test::VariableValue(device, "W");
  ASSERT_TRUE(value.ok()) << value.status();
  test::ExpectTensorEqual<float>(*value, test::AsTensor<float>({1, 2}));
}

}  // namespace
}  // namespace rill
