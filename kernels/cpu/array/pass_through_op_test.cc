// Tests of the CPU StopGradient and PreventGradient kernels: the output is the input's
// buffer itself, for any dtype.
#include <string>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(PassThroughOpTest, ForwardsTheInputBuffer) {
  for (const char* op : {"StopGradient", "PreventGradient"}) {
    for (const Tensor& x : {test::AsTensor<float>({1.f, 2.f}), test::AsTensor<std::string>({"a"}),
                            Tensor(DT_INT64, TensorShape({0}))}) {
      SCOPED_TRACE(std::string(op) + " " + DataTypeString(x.dtype()));
      tensorflow::NodeDef def;
      ASSERT_TRUE(NodeDefBuilder("p", op).Input("input", 0, x.dtype()).Finalize(&def).ok());
      const auto out = test::RunKernel(def, {x});
      ASSERT_TRUE(out.ok()) << out.status();
      EXPECT_TRUE((*out)[0].IsSameBuffer(x) || x.NumElements() == 0);
      EXPECT_EQ((*out)[0].shape(), x.shape());
    }
  }
}

TEST(PassThroughOpTest, IsCheap) {
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("p", "StopGradient").Input("input", 0, DT_FLOAT).Finalize(&def).ok());
  const auto runner = test::KernelRunner::Create(def);
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

}  // namespace
}  // namespace rill
