// The matmul and reduction ops end to end: graphs built with their generated builders,
// shapes inferred (and known-bad shapes rejected) when nodes are added, values computed by
// a session, and run-time errors naming the node when shapes were unknown at construction.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

TEST(MatMulReductionGraphTest, BuildersInferShapesAndSessionsComputeValues) {
  Scope root = Scope::NewRootScope();
  // a = [[1 2 3] [4 5 6]].
  const auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT, ops::Placeholder::Shape({2, 3}));
  // a a^T = [[1+4+9 4+10+18] [4+10+18 16+25+36]] = [[14 32] [32 77]].
  const auto product = ops::MatMul(root, a, a, ops::MatMul::TransposeB(true));
  const auto batch_product = ops::BatchMatMulV2(root, a, a, ops::BatchMatMulV2::AdjX(true));
  const auto sum = ops::Sum(root, a, {1}, ops::Sum::KeepDims(true));
  const auto mean = ops::Mean(root, a, {0});
  const auto max = ops::Max(root, a, {0, 1});
  const auto argmin = ops::ArgMin(root, a, 0, ops::ArgMin::OutputType(DT_INT32));
  const auto cumsum = ops::Cumsum(root, a, 1, ops::Cumsum::Reverse(true));
  const auto add_n = ops::AddN(root, {a, a, a});
  ASSERT_TRUE(root.ok()) << root.status();

  EXPECT_EQ(Output(product).shape(), PartialTensorShape({2, 2}));
  EXPECT_EQ(Output(batch_product).shape(), PartialTensorShape({3, 3}));
  EXPECT_EQ(Output(sum).shape(), PartialTensorShape({2, 1}));
  EXPECT_EQ(Output(mean).shape(), PartialTensorShape({3}));
  EXPECT_EQ(Output(max).shape(), PartialTensorShape({}));
  EXPECT_EQ(Output(argmin).shape(), PartialTensorShape({3}));
  EXPECT_EQ(Output(cumsum).shape(), PartialTensorShape({2, 3}));
  EXPECT_EQ(Output(add_n).shape(), PartialTensorShape({2, 3}));

  ClientSession session(root);
  std::vector<Tensor> out;
  const Tensor value = test::AsTensor<float>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  const absl::Status status = session.Run(
      {{a, value}}, {product, batch_product, sum, mean, max, argmin, cumsum, add_n}, &out);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(out[0].DebugString(), "[[14 32] [32 77]]");
  // a^T a = [[17 22 27] [22 29 36] [27 36 45]].
  EXPECT_EQ(out[1].DebugString(), "[[17 22 27] [22 29 36] [27 36 45]]");
  EXPECT_EQ(out[2].DebugString(), "[[6] [15]]");
  EXPECT_EQ(out[3].DebugString(), "[2.5 3.5 4.5]");
  EXPECT_EQ(out[4].DebugString(), "6");
  EXPECT_EQ(out[5].dtype(), DT_INT32);
  EXPECT_EQ(out[5].DebugString(), "[0 0 0]");
  EXPECT_EQ(out[6].DebugString(), "[[6 5 3] [15 11 6]]");
  EXPECT_EQ(out[7].DebugString(), "[[3 6 9] [12 15 18]]");
}

TEST(MatMulReductionGraphTest, KnownBadShapesFailWhenTheNodeIsAdded) {
  Scope root = Scope::NewRootScope();
  const auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT, ops::Placeholder::Shape({2, 3}));
  const auto b = ops::Placeholder(root.WithOpName("b"), DT_FLOAT, ops::Placeholder::Shape({4, 5}));
  ops::MatMul(root.WithOpName("product"), a, b);
  ASSERT_FALSE(root.ok());
  std::string message(root.status().message());
  EXPECT_TRUE(absl::StrContains(message,
                                "Dimensions must be equal, but are 3 and 4 for "
                                "'product' (op: 'MatMul') with input shapes: [2,3], "
                                "[4,5]"))
      << message;

  Scope other = Scope::NewRootScope();
  const auto x = ops::Placeholder(other.WithOpName("x"), DT_FLOAT, ops::Placeholder::Shape({2, 3}));
  ops::Sum(other.WithOpName("bad_sum"), x, {5});
  ASSERT_FALSE(other.ok());
  message = std::string(other.status().message());
  EXPECT_TRUE(absl::StrContains(message,
                                "Invalid reduction dimension 5 for input with 2 "
                                "dimensions"))
      << message;
  EXPECT_TRUE(absl::StrContains(message, "bad_sum")) << message;
}

TEST(MatMulReductionGraphTest, UnknownShapesFailAtRunNamingTheNode) {
  Scope root = Scope::NewRootScope();
  const auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT);
  const auto b = ops::Placeholder(root.WithOpName("b"), DT_FLOAT);
  const auto product = ops::MatMul(root.WithOpName("product"), a, b);
  ASSERT_TRUE(root.ok()) << root.status();
  ClientSession session(root);
  std::vector<Tensor> out;
  const absl::Status status = session.Run(
      {{a, Tensor(DT_FLOAT, TensorShape({2, 3}))}, {b, Tensor(DT_FLOAT, TensorShape({4, 5}))}},
      {product}, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(
      absl::StrContains(status.message(), "Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]"))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "product (MatMul)")) << status;
}

}  // namespace
}  // namespace rill
