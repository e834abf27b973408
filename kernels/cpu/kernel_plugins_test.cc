// Loads each CPU kernel family as a plugin (lib*_kernels.so, built by rill_op_library) into
// a program that links the op definitions but none of the kernels, and runs a kernel of
// each: every family works both linked in and loaded at run time.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/runtime/load_library.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

tensorflow::NodeDef AddNode() {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("sum", "Add")
                  .Input("x", 0, DT_FLOAT)
                  .Input("y", 0, DT_FLOAT)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(KernelPluginsTest, KernelsAreMissingUntilTheirPluginIsLoaded) {
  const auto missing = test::KernelRunner::Create(AddNode());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);

  for (const std::string family : {"array", "control", "math", "nn", "random", "summary"}) {
    const std::string path =
        absl::StrCat("kernels/cpu/", family, "/lib", family, "_kernels.so");
    const auto library = LoadLibrary(path);
    ASSERT_TRUE(library.ok()) << library.status();
    EXPECT_TRUE(library->op_list.op().empty()) << path << " should register kernels only";
    EXPECT_FALSE(library->kernel_names.empty()) << path;
  }

  // [1 2 3] + 5 = [6 7 8].
  const auto sum = test::RunKernel(
      AddNode(), {test::AsTensor<float>({1.f, 2.f, 3.f}), test::AsScalar<float>(5.f)});
  ASSERT_TRUE(sum.ok()) << sum.status();
  test::ExpectTensorEqual<float>((*sum)[0], test::AsTensor<float>({6.f, 7.f, 8.f}));

  tensorflow::NodeDef placeholder;
  ASSERT_TRUE(NodeDefBuilder("a", "Placeholder")
                  .Attr("dtype", DT_FLOAT)
                  .Attr("shape", PartialTensorShape({3}))
                  .Finalize(&placeholder)
                  .ok());
  EXPECT_THAT(test::RunKernel(placeholder, {}).status().message(),
              HasSubstr("You must feed a value for placeholder tensor 'a'"));

  tensorflow::NodeDef no_op;
  ASSERT_TRUE(NodeDefBuilder("init", "NoOp").Finalize(&no_op).ok());
  EXPECT_TRUE(test::RunKernel(no_op, {}).ok());
}

}  // namespace
}  // namespace rill
