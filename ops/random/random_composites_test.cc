// Tests of TensorFlow Python's random functions in the C++ client: the lecture's seed
// examples (op seed, two sessions, two ops, graph seed) with TensorFlow's printed values,
// the nodes and names each function builds, its values bit for bit, and its errors.
//
// Expected values: kernels/cpu/random/testdata/random_kernels_reference.py, section
// "== random_composites_test (ops/random)" (the lines quoted above the constants).
#include "ops/random/random_composites.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/random/random_seed.h"

namespace rill {
namespace {

std::vector<std::string> NodeNames(const Scope& scope) {
  std::vector<std::string> names;
  for (const Node* node : scope.graph()->nodes()) names.push_back(node->name());
  return names;
}

// Seeds returns the (seed, seed2) attrs of the node called `name`.
std::pair<int64_t, int64_t> Seeds(const Scope& scope, const std::string& name) {
  const Node* node = scope.graph()->FindNode(name);
  EXPECT_NE(node, nullptr) << name;
  if (node == nullptr) return {-1, -1};
  return {node->def().attr().at("seed").i(), node->def().attr().at("seed2").i()};
}

Tensor Evaluate(const ClientSession& session, const Output& output) {
  std::vector<Tensor> out;
  const absl::Status status = session.Run({output}, &out);
  EXPECT_TRUE(status.ok()) << status;
  return status.ok() ? out[0] : Tensor();
}

uint32_t FloatBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

std::vector<uint32_t> FloatBits(const Tensor& t) {
  std::vector<uint32_t> bits;
  for (int64_t i = 0; i < t.NumElements(); ++i) bits.push_back(FloatBits(t.flat<float>()(i)));
  return bits;
}

// random_uniform([], -10, 10) seeds 87654321 2 skip 0 / skip 256; seeds 2 3; seeds 2 10.
constexpr uint32_t kOpSeedFirst = 0x4064cbb0;   // 3.574932
constexpr uint32_t kOpSeedSecond = 0xc0bf2458;  // -5.973186
constexpr uint32_t kGraphSeedC = 0xc0803d92;    // -4.007516
constexpr uint32_t kGraphSeedD = 0xc03eefec;    // -2.983394

TEST(LectureSeedsTest, OpSeedContinuesWithinASession) {
  const Scope root = Scope::NewRootScope();
  const Output c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, 2);
  ClientSession session(root);
  const Tensor first = Evaluate(session, c);
  EXPECT_EQ(first.shape(), TensorShape({}));
  EXPECT_EQ(FloatBits(first.scalar<float>()()), kOpSeedFirst);
  EXPECT_EQ(FloatBits(Evaluate(session, c).scalar<float>()()), kOpSeedSecond);
}

TEST(LectureSeedsTest, EachSessionRestartsTheStream) {
  const Scope root = Scope::NewRootScope();
  const Output c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, 2);
  ClientSession first(root);
  ClientSession second(root);
  EXPECT_EQ(FloatBits(Evaluate(first, c).scalar<float>()()), kOpSeedFirst);
  EXPECT_EQ(FloatBits(Evaluate(second, c).scalar<float>()()), kOpSeedFirst);
}

TEST(LectureSeedsTest, TwoOpsWithOneSeedGiveTheSameValues) {
  const Scope root = Scope::NewRootScope();
  const Output d = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, 2);
  const Output e = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, 2);
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({d, e}, &out).ok());
  EXPECT_EQ(FloatBits(out[0].scalar<float>()()), kOpSeedFirst);
  EXPECT_EQ(FloatBits(out[1].scalar<float>()()), kOpSeedFirst);
}

TEST(LectureSeedsTest, GraphSeedDerivesOpSeedsFromTheNodeCount) {
  const Scope root = Scope::NewRootScope();
  ops::set_random_seed(root, 2);
  const Output c = ops::random_uniform(root, {}, -10, 10);
  const Output d = ops::random_uniform(root, {}, -10, 10);
  EXPECT_EQ(Seeds(root, "random_uniform/RandomUniform"), std::make_pair(int64_t{2}, int64_t{3}));
  EXPECT_EQ(Seeds(root, "random_uniform_1/RandomUniform"), std::make_pair(int64_t{2}, int64_t{10}));
  ClientSession session(root);
  EXPECT_EQ(FloatBits(Evaluate(session, c).scalar<float>()()), kGraphSeedC);
  EXPECT_EQ(FloatBits(Evaluate(session, d).scalar<float>()()), kGraphSeedD);
}

TEST(RandomUniformTest, NodesAndNamesAreTensorFlows) {
  const Scope root = Scope::NewRootScope();
  const Output c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, 2);
  ops::random_uniform(root.WithOpName("d"), {2}, 0.5f, 1, DT_DOUBLE);
  ops::random_uniform(root.NewSubScope("outer"), {3}, 0, 1);
  EXPECT_EQ(c.name(), "random_uniform:0");
  EXPECT_EQ(NodeNames(root), (std::vector<std::string>{"random_uniform/shape",
                                                       "random_uniform/min",
                                                       "random_uniform/max",
                                                       "random_uniform/RandomUniform",
                                                       "random_uniform/sub",
                                                       "random_uniform/mul",
                                                       "random_uniform",
                                                       "d/shape",
                                                       "d/min",
                                                       "d/max",
                                                       "d/RandomUniform",
                                                       "d/sub",
                                                       "d/mul",
                                                       "d",
                                                       "outer/random_uniform/shape",
                                                       "outer/random_uniform/min",
                                                       "outer/random_uniform/max",
                                                       "outer/random_uniform/RandomUniform",
                                                       "outer/random_uniform/sub",
                                                       "outer/random_uniform/mul",
                                                       "outer/random_uniform"}));
  EXPECT_EQ(root.graph()->FindNode("random_uniform")->type_string(), "Add");
  EXPECT_EQ(root.graph()->FindNode("d/min")->output_type(0), DT_DOUBLE);
  // No seed at all: nondeterministic (0, 0).
  EXPECT_EQ(Seeds(root, "d/RandomUniform"), std::make_pair(int64_t{0}, int64_t{0}));
}

TEST(RandomUniformTest, IntegersUseRandomUniformInt) {
  const Scope root = Scope::NewRootScope();
  const Output x = ops::random_uniform(root, {5}, -3, 4, DT_INT32, 9);
  EXPECT_EQ(NodeNames(root), (std::vector<std::string>{"random_uniform/shape", "random_uniform/min",
                                                       "random_uniform/max", "random_uniform"}));
  EXPECT_EQ(root.graph()->FindNode("random_uniform")->type_string(), "RandomUniformInt");
  EXPECT_EQ(Seeds(root, "random_uniform"), std::make_pair(int64_t{87654321}, int64_t{9}));
  ClientSession session(root);
  // random_uniform([5], -3, 4, int32, seed=9)
  test::ExpectTensorEqual<int32_t>(Evaluate(session, x),
                                   test::AsTensor<int32_t>({-3, 0, 0, 1, -2}));
}

TEST(RandomUniformTest, DefaultRangeIsZeroToOne) {
  const Scope root = Scope::NewRootScope();
  const Output x = ops::random_uniform(root, {3}, DT_DOUBLE, 4);
  ClientSession session(root);
  // random_uniform([3], float64, seed=4) in [0, 1)
  test::ExpectTensorEqual<double>(
      Evaluate(session, x),
      test::AsTensor<double>({0x1.4e28af1444db6p-1, 0x1.f6fadffd88c72p-1, 0x1.ee87839286a88p-3}));
}

TEST(RandomNormalTest, ScaledAndShifted) {
  const Scope root = Scope::NewRootScope();
  const Output normal = ops::random_normal(root, {2, 3}, 1, 2, DT_FLOAT, 7);
  const Output truncated = ops::truncated_normal(root, {2, 3}, -1, 0.5, DT_FLOAT, 7);
  EXPECT_EQ(NodeNames(root),
            (std::vector<std::string>{
                "random_normal/shape", "random_normal/mean", "random_normal/stddev",
                "random_normal/RandomStandardNormal", "random_normal/mul", "random_normal",
                "truncated_normal/shape", "truncated_normal/mean", "truncated_normal/stddev",
                "truncated_normal/TruncatedNormal", "truncated_normal/mul", "truncated_normal"}));
  ClientSession session(root);
  const Tensor normal_values = Evaluate(session, normal);
  EXPECT_EQ(normal_values.shape(), TensorShape({2, 3}));
  // random_normal([2, 3], 1, 2, seed=7)
  EXPECT_EQ(FloatBits(normal_values), (std::vector<uint32_t>{0x3f67f6bc, 0xbfb432f2, 0x40555adb,
                                                             0x4055d6e4, 0x3eb83f82, 0x3f1e8a4c}));
  // truncated_normal([2, 3], -1, 0.5, seed=7)
  EXPECT_EQ(FloatBits(Evaluate(session, truncated)),
            (std::vector<uint32_t>{0xbf830128, 0xbfcd0cbc, 0xbed54a4a, 0xbed45238, 0xbf244598,
                                   0xbf36e519}));
}

TEST(RandomNormalTest, GraphSeedCountsTheHelperConstants) {
  const Scope root = Scope::NewRootScope();
  ops::set_random_seed(root, 3);
  ops::Const(root, 1);
  ops::random_normal(root, {2});
  EXPECT_EQ(Seeds(root, "random_normal/RandomStandardNormal"),
            std::make_pair(int64_t{3}, int64_t{4}));
}

TEST(RandomShuffleTest, ShufflesWithTheOpSeed) {
  const Scope root = Scope::NewRootScope();
  const Output x = ops::random_shuffle(root, {0, 1, 2, 3, 4, 5}, 5);
  EXPECT_EQ(x.name(), "RandomShuffle:0");
  EXPECT_EQ(Seeds(root, "RandomShuffle"), std::make_pair(int64_t{87654321}, int64_t{5}));
  ClientSession session(root);
  // random_shuffle(range(6), seed=5)
  test::ExpectTensorEqual<int32_t>(Evaluate(session, x),
                                   test::AsTensor<int32_t>({1, 5, 2, 0, 4, 3}));
}

TEST(MultinomialTest, SamplesFromLogits) {
  const Scope root = Scope::NewRootScope();
  const Output x = ops::multinomial(root, {{1.0, 2.0, 3.0}}, 4, 5);
  EXPECT_EQ(NodeNames(root),
            (std::vector<std::string>{"multinomial/logits", "multinomial/Multinomial/num_samples",
                                      "multinomial/Multinomial"}));
  ClientSession session(root);
  // multinomial([[1, 2, 3]], 4, seed=5)
  test::ExpectTensorEqual<int64_t>(Evaluate(session, x),
                                   test::AsTensor<int64_t>({1, 2, 2, 2}, TensorShape({1, 4})));
}

TEST(RandomCropTest, SlicesAtARandomOffset) {
  const Scope root = Scope::NewRootScope();
  std::vector<int32_t> values(20);
  for (int32_t i = 0; i < 20; ++i) values[i] = i;
  const Output value =
      ops::Const(root.WithOpName("value"), test::AsTensor<int32_t>(values, TensorShape({5, 4})));
  const Output crop = ops::random_crop(root, value, {2, 3}, 3);
  EXPECT_EQ(crop.name(), "random_crop:0");
  EXPECT_EQ(root.graph()->FindNode("random_crop")->type_string(), "Slice");
  EXPECT_EQ(root.graph()->FindNode("random_crop/random_uniform")->type_string(),
            "RandomUniformInt");
  EXPECT_EQ(Seeds(root, "random_crop/random_uniform"),
            std::make_pair(int64_t{87654321}, int64_t{3}));
  ClientSession session(root);
  // random_crop(5x4, [2, 3], seed=3) offset [0, 1]
  test::ExpectTensorEqual<int32_t>(
      Evaluate(session, crop), test::AsTensor<int32_t>({1, 2, 3, 5, 6, 7}, TensorShape({2, 3})));
}

TEST(RandomCropTest, SizeLargerThanAKnownShapeIsAnError) {
  const Scope root = Scope::NewRootScope();
  ops::random_crop(root, ops::Const(root, 1.f, TensorShape({2, 2})), {3, 1});
  ASSERT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(), "Need value.shape >= size, got [2,2]"))
      << root.status();
}

TEST(RandomCompositesErrorTest, DtypesAndConversions) {
  {
    const Scope root = Scope::NewRootScope();
    EXPECT_EQ(ops::random_normal(root, {2}, 0, 1, DT_INT32).node(), nullptr);
    EXPECT_TRUE(
        absl::StrContains(root.status().message(), "random_normal does not support dtype int32"))
        << root.status();
  }
  {
    const Scope root = Scope::NewRootScope();
    ops::random_uniform(root, {2}, 0.5, 3, DT_INT32);
    EXPECT_TRUE(absl::StrContains(root.status().message(), "Cannot convert 0.5 to int32"))
        << root.status();
  }
  {
    const Scope root = Scope::NewRootScope();
    ops::random_uniform(root, {2}, DT_INT64);
    EXPECT_TRUE(
        absl::StrContains(root.status().message(), "must specify maxval for integer dtype int64"))
        << root.status();
  }
  {
    const Scope root = Scope::NewRootScope();
    const Output minval = ops::Const(root, 0);
    ops::random_uniform(root, {2}, minval, 1.f);
    EXPECT_TRUE(absl::StrContains(root.status().message(), "has dtype int32, expected float"))
        << root.status();
  }
}

}  // namespace
}  // namespace rill
