// Tests of the CPU NoOp kernel: it runs, succeeds, produces nothing, and is cheap.
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(NoOpTest, RunsAndProducesNothing) {
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("init", "NoOp").Finalize(&def).ok());
  const auto runner = test::KernelRunner::Create(def);
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
  const auto out = (*runner)->Run({});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->empty());
}

}  // namespace
}  // namespace rill
