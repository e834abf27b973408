// Tests of ops::Zeros and ops::Ones run through a ClientSession: the lecture's examples,
// every kind of shape argument, dtypes, node naming, shape inference and errors.
#include "ops/array/constant_helpers.h"

#include <cstdint>
#include <string>
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

Tensor RunOne(const Scope& root, const Output& output) {
  ClientSession session(root);
  std::vector<Tensor> outputs;
  const absl::Status status = session.Run({output}, &outputs);
  EXPECT_TRUE(status.ok()) << status;
  return status.ok() ? outputs[0] : Tensor();
}

TEST(ConstantHelpersTest, LectureExamples) {
  Scope root = Scope::NewRootScope();
  // tf.zeros([2, 3], tf.int32) ==> [[0 0 0] [0 0 0]]
  const Output zeros = ops::Zeros(root, {2, 3}, DT_INT32);
  // tf.ones([2, 2], tf.float32) ==> [[1 1] [1 1]]
  const Output ones = ops::Ones(root, {2, 2}, DT_FLOAT);
  EXPECT_EQ(zeros.shape(), PartialTensorShape({2, 3}));
  EXPECT_EQ(ones.type(), DT_FLOAT);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({zeros, ones}, &outputs).ok());
  test::ExpectTensorEqual<int32_t>(
      outputs[0], test::AsTensor<int32_t>({0, 0, 0, 0, 0, 0}, TensorShape({2, 3})));
  test::ExpectTensorEqual<float>(outputs[1],
                                 test::AsTensor<float>({1, 1, 1, 1}, TensorShape({2, 2})));
  EXPECT_EQ(outputs[0].DebugString(), "[[0 0 0] [0 0 0]]");
  EXPECT_EQ(outputs[1].DebugString(), "[[1 1] [1 1]]");
}

TEST(ConstantHelpersTest, DefaultDtypeIsFloat) {
  Scope root = Scope::NewRootScope();
  test::ExpectTensorEqual<float>(RunOne(root, ops::Zeros(root, {2})),
                                 test::AsTensor<float>({0.f, 0.f}));
}

TEST(ConstantHelpersTest, ShapeArguments) {
  Scope root = Scope::NewRootScope();
  // A scalar n means [n]; {} a scalar; int64 vectors work too.
  test::ExpectTensorEqual<int64_t>(RunOne(root, ops::Ones(root, 3, DT_INT64)),
                                   test::AsTensor<int64_t>({1, 1, 1}));
  test::ExpectTensorEqual<double>(RunOne(root, ops::Ones(root, {}, DT_DOUBLE)),
                                  test::AsScalar<double>(1.0));
  test::ExpectTensorEqual<float>(RunOne(root, ops::Zeros(root, {int64_t{1}, int64_t{2}})),
                                 test::AsTensor<float>({0.f, 0.f}, TensorShape({1, 2})));
  // A computed shape: the shape of a fed placeholder.
  auto dims = ops::Placeholder(root.WithOpName("dims"), DT_INT32);
  const Output zeros = ops::Zeros(root, dims, DT_INT32);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({{dims, {3, 1}}}, {zeros}, &outputs).ok());
  test::ExpectTensorEqual<int32_t>(outputs[0],
                                   test::AsTensor<int32_t>({0, 0, 0}, TensorShape({3, 1})));
}

TEST(ConstantHelpersTest, Dtypes) {
  Scope root = Scope::NewRootScope();
  test::ExpectTensorEqual<bool>(RunOne(root, ops::Zeros(root, {2}, DT_BOOL)),
                                test::AsTensor<bool>({false, false}));
  test::ExpectTensorEqual<bool>(RunOne(root, ops::Ones(root, {1}, DT_BOOL)),
                                test::AsTensor<bool>({true}));
  test::ExpectTensorEqual<std::string>(RunOne(root, ops::Zeros(root, {2}, DT_STRING)),
                                       test::AsTensor<std::string>({"", ""}));
  test::ExpectTensorEqual<complex64>(RunOne(root, ops::Ones(root, {1}, DT_COMPLEX64)),
                                     test::AsTensor<complex64>({{1, 0}}));
  test::ExpectTensorEqual<Eigen::half>(RunOne(root, ops::Ones(root, {1}, DT_HALF)),
                                       test::AsTensor<Eigen::half>({Eigen::half(1.f)}));
  test::ExpectTensorEqual<uint8_t>(RunOne(root, ops::Zeros(root, {2}, DT_UINT8)),
                                   test::AsTensor<uint8_t>({0, 0}));
}

TEST(ConstantHelpersTest, TheFillTakesTheScopesOpName) {
  Scope root = Scope::NewRootScope();
  const Output z = ops::Zeros(root.NewSubScope("model").WithOpName("z"), {2}, DT_INT32);
  EXPECT_EQ(z.name(), "model/z:0");
  const Output fill = ops::Ones(root, {2}, DT_INT32);
  EXPECT_EQ(fill.name(), "Fill:0");
}

TEST(ConstantHelpersTest, DtypesWithoutTheValueAreScopeErrors) {
  Scope root = Scope::NewRootScope();
  const Output bad = ops::Ones(root, {2}, DT_STRING);
  EXPECT_EQ(bad.node(), nullptr);
  ASSERT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(), "Ones does not support dtype string"))
      << root.status();

  Scope other = Scope::NewRootScope();
  ops::Zeros(other, {2}, DT_RESOURCE);
  EXPECT_TRUE(absl::StrContains(other.status().message(), "Zeros does not support dtype resource"))
      << other.status();
}

TEST(ConstantHelpersTest, KnownBadShapesFailWhenTheNodeIsAdded) {
  Scope root = Scope::NewRootScope();
  ops::Zeros(root.WithOpName("z"), {2, -1}, DT_FLOAT);
  ASSERT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(), "Fill dimensions must be >= 0"))
      << root.status();
}

}  // namespace
}  // namespace rill
