// Tests of the CPU Identity and PlaceholderWithDefault kernels: the output is the input's
// buffer itself, for any dtype.
#include <cstdint>
#include <string>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

tensorflow::NodeDef IdentityNode(DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("id", "Identity").Input("x", 0, dtype).Finalize(&def).ok());
  return def;
}

TEST(IdentityOpTest, ForwardsTheInputBuffer) {
  const Tensor x = test::AsTensor<float>({1.f, 2.f, 3.f, 4.f}, TensorShape({2, 2}));
  const auto out = test::RunKernel(IdentityNode(DT_FLOAT), {x});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], x);
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
}

TEST(IdentityOpTest, WorksForAnyDtypeAndEmptyTensors) {
  const Tensor ints = test::AsTensor<int64_t>({7, -8});
  auto out = test::RunKernel(IdentityNode(DT_INT64), {ints});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], ints);

  const Tensor words = test::AsTensor<std::string>({"a", "bc"});
  out = test::RunKernel(IdentityNode(DT_STRING), {words});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0], words);

  const Tensor empty(DT_DOUBLE, TensorShape({3, 0}));
  out = test::RunKernel(IdentityNode(DT_DOUBLE), {empty});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({3, 0}));
}

TEST(IdentityOpTest, IsCheap) {
  const auto runner = test::KernelRunner::Create(IdentityNode(DT_INT32));
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

TEST(PlaceholderWithDefaultOpTest, UnfedOutputIsTheDefaultBuffer) {
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("p", "PlaceholderWithDefault")
                  .Input("default", 0, DT_INT32)
                  .Attr("dtype", DT_INT32)
                  .Attr("shape", PartialTensorShape({-1}))
                  .Finalize(&def)
                  .ok());
  const Tensor default_value = test::AsTensor<int32_t>({4, 5, 6});
  const auto out = test::RunKernel(def, {default_value});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], default_value);
  EXPECT_TRUE((*out)[0].IsSameBuffer(default_value));
}

}  // namespace
}  // namespace rill
