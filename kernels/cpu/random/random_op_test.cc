// Tests of the CPU RandomUniform, RandomStandardNormal, TruncatedNormal and RandomUniformInt
// kernels: TensorFlow's values bit for bit, streams continued by each call and restarted by
// each kernel, the same values on any number of threads, and input errors.
//
// Expected values: kernels/cpu/random/testdata/random_kernels_reference.py, section
// "== random_op_test" (the lines quoted above each test's constants).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

tensorflow::NodeDef RandomNode(const std::string& op, DataType dtype, int64_t seed, int64_t seed2) {
  tensorflow::NodeDef def;
  NodeDefBuilder builder("r", op);
  builder.Input("shape", 0, DT_INT32);
  if (op == "RandomUniformInt") {
    builder.Input("minval", 0, dtype).Input("maxval", 0, dtype);
  } else {
    builder.Attr("dtype", dtype);
  }
  EXPECT_TRUE(builder.Attr("seed", seed).Attr("seed2", seed2).Finalize(&def).ok());
  return def;
}

std::unique_ptr<test::KernelRunner> Runner(const std::string& op, DataType dtype, int64_t seed,
                                           int64_t seed2, int threads = 2) {
  auto runner = test::KernelRunner::Create(RandomNode(op, dtype, seed, seed2), threads);
  EXPECT_TRUE(runner.ok()) << runner.status();
  return std::move(*runner);
}

Tensor Draw(test::KernelRunner& runner, const std::vector<int32_t>& shape) {
  absl::StatusOr<std::vector<Tensor>> out = runner.Run({test::AsTensor<int32_t>(shape)});
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? (*out)[0] : Tensor();
}

// Bits returns the raw bits of each element of a float/double/half/bfloat16 tensor.
template <typename T, typename Bits>
std::vector<Bits> BitsOf(const Tensor& t) {
  static_assert(sizeof(T) == sizeof(Bits));
  std::vector<Bits> bits(t.NumElements());
  std::memcpy(bits.data(), t.flat<T>().data(), bits.size() * sizeof(Bits));
  return bits;
}

// uniform float [10] (5, 7) call 1 / call 2.
const std::vector<uint32_t> kUniformCall1 = {0x3ee519f8, 0x3f1ee9ee, 0x3e84a4bc, 0x3e99ffd0,
                                             0x3e527b38, 0x3f155058, 0x3f02fb60, 0x3f02ca4c,
                                             0x3e8d32a8, 0x3ea54818};
const std::vector<uint32_t> kUniformCall2 = {0x3d8a4e50, 0x3f639a0c, 0x3de4c390, 0x3ef36e0c,
                                             0x3f6da952, 0x3ebf1a64, 0x3ee01d60, 0x3f2bc99e,
                                             0x3f634228, 0x3d268a00};

TEST(RandomUniformOpTest, EachCallContinuesTheStream) {
  auto runner = Runner("RandomUniform", DT_FLOAT, 5, 7);
  const Tensor first = Draw(*runner, {2, 5});
  EXPECT_EQ(first.shape(), TensorShape({2, 5}));
  EXPECT_EQ((BitsOf<float, uint32_t>(first)), kUniformCall1);
  EXPECT_EQ((BitsOf<float, uint32_t>(Draw(*runner, {10}))), kUniformCall2);
}

TEST(RandomUniformOpTest, EachKernelRestartsTheStream) {
  auto first = Runner("RandomUniform", DT_FLOAT, 5, 7);
  Draw(*first, {10});
  auto second = Runner("RandomUniform", DT_FLOAT, 5, 7);
  EXPECT_EQ((BitsOf<float, uint32_t>(Draw(*second, {10}))), kUniformCall1);
}

TEST(RandomUniformOpTest, EveryFloatingDtype) {
  // uniform double [5] (5, 7)
  EXPECT_EQ((BitsOf<double, uint64_t>(Draw(*Runner("RandomUniform", DT_DOUBLE, 5, 7), {5}))),
            (std::vector<uint64_t>{0x3fe28cfc9c9ee9ee, 0x3fb292fdf267ff40, 0x3fe49ececd955058,
                                   0x3fb7db0a6c165260, 0x3fca6555614a9030}));
  // uniform half [6] (5, 7)
  EXPECT_EQ((BitsOf<Eigen::half, uint16_t>(Draw(*Runner("RandomUniform", DT_HALF, 5, 7), {6}))),
            (std::vector<uint16_t>{0x38fc, 0x33b8, 0x34bc, 0x3be8, 0x3ace, 0x2980}));
  // uniform bf16 [6] (5, 7)
  EXPECT_EQ(
      (BitsOf<Eigen::bfloat16, uint16_t>(Draw(*Runner("RandomUniform", DT_BFLOAT16, 5, 7), {6}))),
      (std::vector<uint16_t>{0x3f7c, 0x3f6e, 0x3ebc, 0x3f68, 0x3f4e, 0x3eb0}));
}

TEST(RandomStandardNormalOpTest, BoxMullerValues) {
  // normal float [10] (5, 7)
  EXPECT_EQ((BitsOf<float, uint32_t>(Draw(*Runner("RandomStandardNormal", DT_FLOAT, 5, 7), {10}))),
            (std::vector<uint32_t>{0xbf5f5dea, 0xbf6b9b13, 0x3fc7c262, 0xbf03faab, 0xbf637f9d,
                                   0xbfc53cbe, 0xbda23d8d, 0xbf93d61f, 0x3fb85268, 0xbf358114}));
  // normal double [5] (5, 7)
  EXPECT_EQ((BitsOf<double, uint64_t>(Draw(*Runner("RandomStandardNormal", DT_DOUBLE, 5, 7), {5}))),
            (std::vector<uint64_t>{0x3fdd6c3ff3ea48d0, 0x3fee00d8b6f3e1f3, 0x3fe09425dfbcec67,
                                   0x3fe900ccaa70c465, 0xbff1f3c7f116d2e8}));
  // normal half [6] (5, 7)
  EXPECT_EQ(
      (BitsOf<Eigen::half, uint16_t>(Draw(*Runner("RandomStandardNormal", DT_HALF, 5, 7), {6}))),
      (std::vector<uint16_t>{0xbafb, 0xbb5d, 0x3e3e, 0xb820, 0xbb1c, 0xbe2a}));
}

TEST(TruncatedNormalOpTest, RejectsAndContinues) {
  // truncated float [10] (87654321, 0) call 1 / call 2: the first group redraws.
  auto runner = Runner("TruncatedNormal", DT_FLOAT, 87654321, 0);
  EXPECT_EQ((BitsOf<float, uint32_t>(Draw(*runner, {10}))),
            (std::vector<uint32_t>{0xbecc5e63, 0x3e2f2d90, 0x3f0be89d, 0x3ed858ff, 0xbf98e56a,
                                   0xbe885c69, 0x3f82bde9, 0x3e8d4850, 0x3fc1158c, 0xbf9f04ed}));
  EXPECT_EQ((BitsOf<float, uint32_t>(Draw(*runner, {10}))),
            (std::vector<uint32_t>{0xbf8d7d3a, 0x3fe9a794, 0xbf3c327f, 0xbf5d4567, 0x3e808f0f,
                                   0x3c7d33e6, 0x3f868224, 0x3fa84e27, 0x3ff5d9cf, 0xbea9dd14}));
  // truncated double [5] (87654321, 5)
  EXPECT_EQ(
      (BitsOf<double, uint64_t>(Draw(*Runner("TruncatedNormal", DT_DOUBLE, 87654321, 5), {5}))),
      (std::vector<uint64_t>{0xbfddc9445e3ed638, 0xbfe7f8914be2b2d5, 0xbfdfc88a1bfd9336,
                             0x3feb59da9a877bd8, 0x3fb7463016811c74}));
}

TEST(RandomUniformIntOpTest, ValuesInTheRange) {
  // int32 [-10, 10) [10] (5, 7)
  auto int32_runner = Runner("RandomUniformInt", DT_INT32, 5, 7);
  auto out = int32_runner->Run(
      {test::AsTensor<int32_t>({10}), test::AsScalar<int32_t>(-10), test::AsScalar<int32_t>(10)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0],
                                   test::AsTensor<int32_t>({0, 5, 9, 2, 9, 6, -2, 8, -8, -4}));
  // int64 [-2^40, 2^40 + 3) [5] (5, 7)
  auto int64_runner = Runner("RandomUniformInt", DT_INT64, 5, 7);
  out =
      int64_runner->Run({test::AsTensor<int32_t>({5}), test::AsScalar<int64_t>(-(int64_t{1} << 40)),
                         test::AsScalar<int64_t>((int64_t{1} << 40) + 3)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(
      (*out)[0], test::AsTensor<int64_t>(
                     {-36066570416, 1051651633010, -909434151061, 164740160410, -1072691081553}));
}

TEST(RandomUniformIntOpTest, BoundsAreCheckedOnlyForNonEmptyOutputs) {
  auto runner = Runner("RandomUniformInt", DT_INT32, 5, 7);
  auto empty = runner->Run(
      {test::AsTensor<int32_t>({0, 3}), test::AsScalar<int32_t>(5), test::AsScalar<int32_t>(5)});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)[0].shape(), TensorShape({0, 3}));
  auto bad = runner->Run(
      {test::AsTensor<int32_t>({2}), test::AsScalar<int32_t>(5), test::AsScalar<int32_t>(5)});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "Need minval < maxval, got 5 >= 5"))
      << bad.status();
  bad = runner->Run(
      {test::AsTensor<int32_t>({2}), test::AsTensor<int32_t>({0}), test::AsScalar<int32_t>(5)});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "minval must be 0-D, got shape [1]"))
      << bad.status();
}

// Large outputs are filled in shards; each shard draws from its own place in the stream.
TEST(RandomOpsShardingTest, AnyThreadCountGivesTheSameValues) {
  for (const char* op : {"RandomStandardNormal", "TruncatedNormal", "RandomUniform"}) {
    SCOPED_TRACE(op);
    const Tensor one = Draw(*Runner(op, DT_FLOAT, 5, 7, /*threads=*/1), {100003});
    const Tensor four = Draw(*Runner(op, DT_FLOAT, 5, 7, /*threads=*/4), {100003});
    EXPECT_EQ((BitsOf<float, uint32_t>(one)), (BitsOf<float, uint32_t>(four)));
  }
  // normal float [100003] (5, 7) group 12500 / 25000, truncated likewise.
  const auto normal = BitsOf<float, uint32_t>(
      Draw(*Runner("RandomStandardNormal", DT_FLOAT, 5, 7, /*threads=*/4), {100003}));
  EXPECT_EQ(std::vector<uint32_t>(normal.begin() + 50000, normal.begin() + 50004),
            (std::vector<uint32_t>{0x3d4a0743, 0x3f98c2b6, 0xbf3e9910, 0xbf09c619}));
  EXPECT_EQ(std::vector<uint32_t>(normal.begin() + 100000, normal.end()),
            (std::vector<uint32_t>{0x3eaddf0f, 0xbf83e6fc, 0xbdb10132}));
  const auto truncated = BitsOf<float, uint32_t>(
      Draw(*Runner("TruncatedNormal", DT_FLOAT, 5, 7, /*threads=*/4), {100003}));
  EXPECT_EQ(std::vector<uint32_t>(truncated.begin() + 50000, truncated.begin() + 50004),
            (std::vector<uint32_t>{0x3e91bea4, 0xbe936a33, 0xbf157d04, 0xbf65bb16}));
  EXPECT_EQ(std::vector<uint32_t>(truncated.begin() + 100000, truncated.end()),
            (std::vector<uint32_t>{0x3e89b915, 0x3d9c3237, 0x3fed5fdd}));
}

TEST(RandomOpsSeedTest, ZeroSeedsAreNondeterministic) {
  const Tensor a = Draw(*Runner("RandomUniform", DT_FLOAT, 0, 0), {8});
  const Tensor b = Draw(*Runner("RandomUniform", DT_FLOAT, 0, 0), {8});
  EXPECT_NE((BitsOf<float, uint32_t>(a)), (BitsOf<float, uint32_t>(b)));
}

TEST(RandomOpsErrorTest, ShapeMustBeANonNegativeVector) {
  auto runner = Runner("RandomStandardNormal", DT_FLOAT, 5, 7);
  auto out = runner->Run({test::AsTensor<int32_t>({2, 2}, TensorShape({2, 1}))});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), "shape must be a vector")) << out.status();
  out = runner->Run({test::AsTensor<int32_t>({3, -1})});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), "-1")) << out.status();
}

}  // namespace
}  // namespace rill
