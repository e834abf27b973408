// Tests of the CPU Const kernel: it outputs its `value` attr (any dtype), the same buffer
// every run, and rejects a value whose dtype contradicts the `dtype` attr.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

tensorflow::NodeDef ConstNode(const Tensor& value, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(
      NodeDefBuilder("c", "Const").Attr("value", value).Attr("dtype", dtype).Finalize(&def).ok());
  return def;
}

TEST(ConstantOpTest, OutputsTheValueAttr) {
  const Tensor value = test::AsTensor<float>({5.f, 5.f, 5.f}, TensorShape({3}));
  const auto out = test::RunKernel(ConstNode(value, DT_FLOAT), {});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 1);
  test::ExpectTensorEqual<float>((*out)[0], value);
}

TEST(ConstantOpTest, HandlesEveryKindOfDtypeAndShape) {
  const Tensor scalar = test::AsScalar<int64_t>(-7);
  auto out = test::RunKernel(ConstNode(scalar, DT_INT64), {});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], scalar);

  const Tensor matrix = test::AsTensor<double>({1.5, 2.5, 3.5, 4.5}, TensorShape({2, 2}));
  out = test::RunKernel(ConstNode(matrix, DT_DOUBLE), {});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0], matrix);

  const Tensor empty(DT_INT32, TensorShape({0, 3}));
  out = test::RunKernel(ConstNode(empty, DT_INT32), {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 3}));

  const Tensor words = test::AsTensor<std::string>({"hello", "rill"});
  out = test::RunKernel(ConstNode(words, DT_STRING), {});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0], words);
}

TEST(ConstantOpTest, EveryRunSharesOneBufferAndIsCheap) {
  const Tensor value = test::AsTensor<int32_t>({1, 2, 3, 4});
  auto runner = test::KernelRunner::Create(ConstNode(value, DT_INT32));
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
  const auto first = (*runner)->Run({});
  const auto second = (*runner)->Run({});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE((*first)[0].IsSameBuffer((*second)[0]));
  test::ExpectTensorEqual<int32_t>((*second)[0], value);
}

TEST(ConstantOpTest, ValueOfAnotherDtypeIsRejected) {
  const auto runner =
      test::KernelRunner::Create(ConstNode(test::AsScalar<float>(1.f), DT_INT32));
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(runner.status().message(),
              HasSubstr("Type mismatch between value (float) and dtype (int32)"));
  EXPECT_THAT(runner.status().message(), HasSubstr("node c"));
}

}  // namespace
}  // namespace rill
