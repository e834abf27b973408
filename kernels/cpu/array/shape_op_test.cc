// Tests of the CPU Shape, ShapeN, Size and Rank kernels: values for every out_type, empty and
// scalar inputs, inputs of non-numeric dtypes, and int32 overflow.
#include <cstdint>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/array/movement_test_util.h"

namespace rill {
namespace {

tensorflow::NodeDef Node(const char* op, DataType input, DataType out_type) {
  tensorflow::NodeDef def;
  NodeDefBuilder builder("n", op);
  builder.Input("x", 0, input);
  if (out_type != DT_INVALID) builder.Attr("out_type", out_type);
  EXPECT_TRUE(builder.Finalize(&def).ok());
  return def;
}

TEST(ShapeOpTest, ShapeInInt32AndInt64) {
  const Tensor x(DT_FLOAT, TensorShape({2, 3, 4}));
  auto out = test::RunKernel(Node("Shape", DT_FLOAT, DT_INVALID), {x});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({2, 3, 4}));
  out = test::RunKernel(Node("Shape", DT_FLOAT, DT_INT64), {x});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsTensor<int64_t>({2, 3, 4}));
}

TEST(ShapeOpTest, ShapeOfScalarsEmptyTensorsAndStrings) {
  auto out = test::RunKernel(Node("Shape", DT_INT32, DT_INVALID), {test::AsScalar<int32_t>(7)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], Tensor(DT_INT32, TensorShape({0})));
  out = test::RunKernel(Node("Shape", DT_STRING, DT_INVALID),
                        {Tensor(DT_STRING, TensorShape({0, 5}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({0, 5}));
}

TEST(ShapeOpTest, Int32OverflowIsAnError) {
  // 2^31 rows of nothing: no memory, but a dimension int32 cannot hold.
  const Tensor huge(DT_FLOAT, TensorShape({int64_t{1} << 31, 0}));
  auto out = test::RunKernel(Node("Shape", DT_FLOAT, DT_INVALID), {huge});
  test::ExpectInvalidArgument(
      out.status(), "a dimension of the input = 2147483648 does not fit in out_type int32");
  out = test::RunKernel(Node("Shape", DT_FLOAT, DT_INT64), {huge});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsTensor<int64_t>({int64_t{1} << 31, 0}));
}

TEST(ShapeOpTest, ShapeNGivesEachInputsShape) {
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("n", "ShapeN")
                  .Input({{"a", 0, DT_DOUBLE}, {"b", 0, DT_DOUBLE}})
                  .Attr("out_type", DT_INT64)
                  .Finalize(&def)
                  .ok());
  const auto out = test::RunKernel(
      def, {Tensor(DT_DOUBLE, TensorShape({5})), Tensor(DT_DOUBLE, TensorShape({1, 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 2u);
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsTensor<int64_t>({5}));
  test::ExpectTensorEqual<int64_t>((*out)[1], test::AsTensor<int64_t>({1, 2}));
}

TEST(SizeOpTest, CountsElements) {
  auto out = test::RunKernel(Node("Size", DT_BOOL, DT_INVALID),
                             {Tensor(DT_BOOL, TensorShape({2, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsScalar<int32_t>(6));
  out = test::RunKernel(Node("Size", DT_FLOAT, DT_INT64), {Tensor(DT_FLOAT, TensorShape({4, 0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0], test::AsScalar<int64_t>(0));
  out = test::RunKernel(Node("Size", DT_FLOAT, DT_INVALID), {test::AsScalar<float>(1.f)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsScalar<int32_t>(1));
}

TEST(RankOpTest, CountsDimensions) {
  auto out = test::RunKernel(Node("Rank", DT_STRING, DT_INVALID),
                             {Tensor(DT_STRING, TensorShape({2, 1, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsScalar<int32_t>(3));
  out = test::RunKernel(Node("Rank", DT_INT64, DT_INVALID), {test::AsScalar<int64_t>(1)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsScalar<int32_t>(0));
}

TEST(ShapeOpTest, AreCheap) {
  for (const char* op : {"Shape", "Size", "Rank"}) {
    const auto runner = test::KernelRunner::Create(Node(op, DT_FLOAT, DT_INVALID));
    ASSERT_TRUE(runner.ok()) << runner.status();
    EXPECT_FALSE((*runner)->kernel().IsExpensive()) << op;
  }
}

}  // namespace
}  // namespace rill
