// The shape and slicing ops end to end: graphs built with their generated builders, shapes
// inferred (and bad shapes rejected) when nodes are added, values computed by a session, and
// run-time errors naming the node when shapes were unknown at construction.
#include <cstdint>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"

namespace rill {
namespace {

TEST(ShapeAndSlicingGraphTest, BuildersInferShapesAndSessionsComputeValues) {
  Scope root = Scope::NewRootScope();
  // x = [[0 1 2] [3 4 5]]
  const auto x = ops::Placeholder(root.WithOpName("x"), DT_INT32, ops::Placeholder::Shape({2, 3}));
  const auto flat = ops::Reshape(root, x, {-1});
  const auto shape = ops::Shape(root, x);
  const auto transposed = ops::Transpose(root, x, {1, 0});
  const auto columns = ops::Split(root, 1, x, 3);
  const auto joined = ops::ConcatV2(root, {x, x}, 0);
  const auto packed = ops::Pack(root, {x, x}, ops::Pack::Axis(2));
  const auto row = ops::StridedSlice(root, x, {1}, {2}, {1}, ops::StridedSlice::ShrinkAxisMask(1));
  const auto reversed = ops::ReverseV2(root, x, {-1});
  const auto tiled = ops::Tile(root, x, {1, 2});
  const auto padded = ops::Pad(root, x, {{1, 0}, {0, 1}});
  ASSERT_TRUE(root.ok()) << root.status();

  EXPECT_EQ(Output(flat).shape(), PartialTensorShape({6}));
  EXPECT_EQ(Output(shape).shape(), PartialTensorShape({2}));
  EXPECT_EQ(Output(transposed).shape(), PartialTensorShape({3, 2}));
  ASSERT_EQ(columns.output.size(), 3u);
  EXPECT_EQ(columns.output[2].shape(), PartialTensorShape({2, 1}));
  EXPECT_EQ(Output(joined).shape(), PartialTensorShape({4, 3}));
  EXPECT_EQ(Output(packed).shape(), PartialTensorShape({2, 3, 2}));
  EXPECT_EQ(Output(row).shape(), PartialTensorShape({3}));
  EXPECT_EQ(Output(tiled).shape(), PartialTensorShape({2, 6}));
  EXPECT_EQ(Output(padded).shape(), PartialTensorShape({3, 4}));

  ClientSession session(root);
  std::vector<Tensor> out;
  const Tensor value = test::AsTensor<int32_t>({0, 1, 2, 3, 4, 5}, TensorShape({2, 3}));
  ASSERT_TRUE(session
                  .Run({{x, value}},
                       {flat, shape, transposed, columns.output[2], joined, row, reversed,
                        tiled, padded},
                       &out)
                  .ok());
  EXPECT_EQ(out[0].DebugString(), "[0 1 2 3 4 5]");
  EXPECT_EQ(out[1].DebugString(), "[2 3]");
  EXPECT_EQ(out[2].DebugString(), "[[0 3] [1 4] [2 5]]");
  EXPECT_EQ(out[3].DebugString(), "[[2] [5]]");
  EXPECT_EQ(out[4].DebugString(), "[[0 1 2] [3 4 5] [0 1 2] [3 4 5]]");
  EXPECT_EQ(out[5].DebugString(), "[3 4 5]");
  EXPECT_EQ(out[6].DebugString(), "[[2 1 0] [5 4 3]]");
  EXPECT_EQ(out[7].DebugString(), "[[0 1 2 0 1 2] [3 4 5 3 4 5]]");
  EXPECT_EQ(out[8].DebugString(), "[[0 0 0 0] [0 1 2 0] [3 4 5 0]]");
}

TEST(ShapeAndSlicingGraphTest, KnownBadShapesFailWhenTheNodeIsAdded) {
  Scope root = Scope::NewRootScope();
  const auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT, ops::Placeholder::Shape({2, 3}));
  ops::Reshape(root.WithOpName("bad_reshape"), x, {4});
  ASSERT_FALSE(root.ok());
  const std::string message(root.status().message());
  EXPECT_TRUE(absl::StrContains(message, "bad_reshape")) << message;
  EXPECT_TRUE(absl::StrContains(message, "Cannot reshape a tensor with 6 elements to shape [4]"))
      << message;
}

TEST(ShapeAndSlicingGraphTest, UnknownShapesFailAtRunNamingTheNode) {
  Scope root = Scope::NewRootScope();
  const auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  const auto y = ops::Reshape(root.WithOpName("reshape"), x, {4});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(Output(y).shape(), PartialTensorShape({4}));
  ClientSession session(root);
  std::vector<Tensor> out;
  const absl::Status status =
      session.Run({{x, test::AsTensor<float>({1, 2, 3, 4, 5, 6})}}, {y}, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(absl::StrContains(status.message(), "Input to reshape is a tensor with 6 values, "
                                                  "but the requested shape has 4"))
      << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "reshape (Reshape)")) << status;
}

}  // namespace
}  // namespace rill
