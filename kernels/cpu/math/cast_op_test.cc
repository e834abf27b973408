// Tests of the CPU Cast kernel: every pair of the 13 cast types, truncation toward zero and
// saturation from floating point to integers, integer wrapping, bool from nonzero, rounding
// and the Truncate attr between floating types, same-type forwarding, empty tensors, the
// sharded path and unsupported types. Expected values are worked out in the comments.
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
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

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

const DataType kCastTypes[] = {DT_BOOL,   DT_INT8,   DT_INT16,  DT_INT32, DT_INT64,
                               DT_UINT8,  DT_UINT16, DT_UINT32, DT_UINT64, DT_HALF,
                               DT_BFLOAT16, DT_FLOAT, DT_DOUBLE};

tensorflow::NodeDef CastNode(DataType src, DataType dst, bool truncate = false) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("y", "Cast")
                  .Input("x", 0, src)
                  .Attr("DstT", dst)
                  .Attr("Truncate", truncate)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<Tensor> Cast(const Tensor& x, DataType dst, bool truncate = false) {
  auto out = test::RunKernel(CastNode(x.dtype(), dst, truncate), {x});
  if (!out.ok()) return out.status();
  return (*out)[0];
}

// ExpectCast casts `x` (of Src) to Dst and checks the result equals `expected` exactly
// (NaN matching NaN).
template <typename Src, typename Dst>
void ExpectCast(const std::vector<Src>& x, const std::vector<Dst>& expected,
                bool truncate = false) {
  const auto y = Cast(test::AsTensor<Src>(x), DataTypeToEnum<Dst>::value, truncate);
  ASSERT_TRUE(y.ok()) << y.status();
  if constexpr (std::is_integral_v<Dst>) {
    test::ExpectTensorEqual<Dst>(*y, test::AsTensor<Dst>(expected));
  } else {
    test::ExpectTensorNear<Dst>(*y, test::AsTensor<Dst>(expected), 0.0);
  }
}

template <typename T>
constexpr bool kIsCastType = std::is_arithmetic_v<T> || std::is_same_v<T, Eigen::half> ||
                             std::is_same_v<T, Eigen::bfloat16>;

// SmallInts makes a vector of `dtype` holding `values` (small integers, exact in every cast
// type; for bool, nonzero is true).
Tensor SmallInts(DataType dtype, const std::vector<int>& values) {
  Tensor tensor(dtype, TensorShape({static_cast<int64_t>(values.size())}));
  VisitDataType(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (kIsCastType<T>) {
      for (size_t i = 0; i < values.size(); ++i) tensor.flat<T>()(i) = static_cast<T>(values[i]);
    }
  });
  return tensor;
}

TEST(CastOpTest, EveryPairConvertsSmallIntegers) {
  for (const DataType src : kCastTypes) {
    for (const DataType dst : kCastTypes) {
      for (const bool truncate : {false, true}) {
        // Bool holds 0 and 1; the others also 2 and 100, which cast to true.
        const std::vector<int> values =
            src == DT_BOOL ? std::vector<int>{0, 1, 1} : std::vector<int>{0, 1, 2, 100, 1};
        const auto y = Cast(SmallInts(src, values), dst, truncate);
        ASSERT_TRUE(y.ok()) << y.status();
        const Tensor expected = SmallInts(dst, values);
        VisitDataType(dst, [&](auto tag) {
          using T = typename decltype(tag)::type;
          if constexpr (kIsCastType<T>) {
            SCOPED_TRACE(DataTypeString(src) + " to " + DataTypeString(dst));
            test::ExpectTensorEqual<T>(*y, expected);
          }
        });
      }
    }
  }
}

TEST(CastOpTest, FloatingToIntegerTruncatesTowardZero) {
  ExpectCast<float, int32_t>({1.7f, -1.7f, 0.5f, -0.5f, 2.99f, -2.99f, 1e9f},
                             {1, -1, 0, 0, 2, -2, 1000000000});
  ExpectCast<double, int64_t>({1.7, -1.7, 4503599627370495.5}, {1, -1, 4503599627370495});
  ExpectCast<Eigen::half, int8_t>({Eigen::half(1.75f), Eigen::half(-1.75f)}, {1, -1});
  ExpectCast<Eigen::bfloat16, uint16_t>({Eigen::bfloat16(2.5f), Eigen::bfloat16(-0.5f)},
                                        {2, 0});
}

TEST(CastOpTest, FloatingToIntegerSaturatesAndNanIsZero) {
  constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();
  constexpr int32_t kMax32 = std::numeric_limits<int32_t>::max();
  // 2147483520 is the largest float below 2^31; 2^31 itself is out of range.
  ExpectCast<float, int32_t>(
      {3e9f, -3e9f, kNaN, kInf, -kInf, 2147483520.f, -2147483648.f, 2147483648.f},
      {kMax32, kMin32, 0, kMax32, kMin32, 2147483520, kMin32, kMax32});
  ExpectCast<float, uint8_t>({-1.f, -0.5f, 255.9f, 256.f, 300.f, kNaN, 128.5f},
                             {0, 0, 255, 255, 255, 0, 128});
  // 9223372036854774784 is the largest double below 2^63.
  constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
  ExpectCast<double, int64_t>({1e19, -1e19, 9223372036854774784.0, -9223372036854775808.0,
                               std::numeric_limits<double>::quiet_NaN()},
                              {kMax64, kMin64, 9223372036854774784, kMin64, 0});
  // float(1e19) = 9999999980506447872 fits in uint64; float(2^64) does not.
  ExpectCast<float, uint64_t>({1e19f, 18446744073709551616.f, -5.f},
                              {9999999980506447872u, std::numeric_limits<uint64_t>::max(), 0});
  ExpectCast<double, uint32_t>({4294967295.5, 4294967296.0, -1.0}, {4294967295u, 4294967295u, 0});
  ExpectCast<Eigen::half, int8_t>({Eigen::half(200.f), Eigen::half(-200.f), Eigen::half(127.f),
                                   Eigen::half(-128.f), Eigen::half(65504.f),
                                   Eigen::half(kInf)},
                                  {127, -128, 127, -128, 127, 127});
  // bfloat16(1e5) = 99840.
  ExpectCast<Eigen::bfloat16, int16_t>({Eigen::bfloat16(1e5f), Eigen::bfloat16(-1e5f)},
                                       {32767, -32768});
}

TEST(CastOpTest, IntegersWrapModuloTwoToTheBits) {
  ExpectCast<int32_t, uint8_t>({256, 257, -1, 255}, {0, 1, 255, 255});
  // 2^32 + 5 -> 5; -2^31 - 1 -> 2^31 - 1.
  ExpectCast<int64_t, int32_t>({4294967301, -2147483649}, {5, 2147483647});
  ExpectCast<uint32_t, int32_t>({4294967295u, 2147483648u}, {-1, -2147483647 - 1});
  // 384 = 256 + 128 -> 128 -> -128 in int8.
  ExpectCast<uint64_t, int8_t>({384}, {-128});
  ExpectCast<int8_t, uint64_t>({-1}, {std::numeric_limits<uint64_t>::max()});
  ExpectCast<int16_t, uint16_t>({-2}, {65534});
}

TEST(CastOpTest, NonzeroIsTrue) {
  // -0.0 == 0, so false; NaN != 0, so true; so is the smallest denormal.
  ExpectCast<float, bool>({0.f, -0.f, 0.5f, kNaN, -3.f, kInf, 1e-45f},
                          {false, false, true, true, true, true, true});
  ExpectCast<int8_t, bool>({-1, 0, 1, 127}, {true, false, true, true});
  ExpectCast<Eigen::half, bool>({Eigen::half(0.f), Eigen::half(-0.f), Eigen::half(0.001f)},
                                {false, false, true});
  ExpectCast<uint64_t, bool>({0, 1ull << 63}, {false, true});
  ExpectCast<bool, float>({false, true}, {0.f, 1.f});
  ExpectCast<bool, int64_t>({false, true}, {0, 1});
}

TEST(CastOpTest, NarrowingRoundsToNearestEven) {
  // Half keeps 10 fraction bits: 1 + 2^-11 is a tie and goes to 1 (even); 1 + 3 * 2^-11
  // is a tie and goes to 1 + 2^-9 (even). 65520 is the tie between 65504 (the largest
  // half) and 65536, so it overflows to inf; 65519 rounds to 65504.
  ExpectCast<float, Eigen::half>(
      {1.f + 0x1p-11f, 1.f + 3 * 0x1p-11f, 65520.f, 65519.f, -65520.f, kNaN},
      {Eigen::half(1.f), Eigen::half(1.001953125f), Eigen::half(kInf), Eigen::half(65504.f),
       Eigen::half(-kInf), Eigen::half(kNaN)});
  // Bfloat16 keeps 7: 1 + 2^-8 goes to 1, 1 + 3 * 2^-8 to 1 + 2^-6.
  ExpectCast<float, Eigen::bfloat16>({1.f + 0x1p-8f, 1.f + 3 * 0x1p-8f},
                                     {Eigen::bfloat16(1.f), Eigen::bfloat16(1.015625f)});
  // float(0.1) = 0.100000001490116...; 1e300 overflows float.
  ExpectCast<double, float>({0.1, 1e300, -1e300, 1e-50}, {0.1f, kInf, -kInf, 0.f});
  // 2^24 + 1 and 2^24 + 3 are ties: to 2^24 and 2^24 + 4 (even). 2^53 + 1 -> 2^53.
  ExpectCast<int32_t, float>({16777217, 16777219}, {16777216.f, 16777220.f});
  ExpectCast<int64_t, double>({9007199254740993}, {9007199254740992.0});
  // 257 is a tie in bfloat16 (8 significant bits): 256. 70000 overflows half.
  ExpectCast<int32_t, Eigen::bfloat16>({257}, {Eigen::bfloat16(256.f)});
  ExpectCast<int64_t, Eigen::half>({70000}, {Eigen::half(kInf)});
}

TEST(CastOpTest, TruncateDropsMantissaBitsInsteadOfRounding) {
  // x = 1 + 2^-7 + 2^-8 + 2^-9 = 1.013671875: bfloat16 rounds it up to 1 + 2^-6 and
  // truncates it to 1 + 2^-7 (toward zero, for -x too).
  const float x = 1.013671875f;
  ExpectCast<float, Eigen::bfloat16>({x, -x},
                                     {Eigen::bfloat16(1.015625f), Eigen::bfloat16(-1.015625f)});
  ExpectCast<float, Eigen::bfloat16>(
      {x, -x, kNaN, kInf}, {Eigen::bfloat16(1.0078125f), Eigen::bfloat16(-1.0078125f),
                            Eigen::bfloat16(kNaN), Eigen::bfloat16(kInf)},
      /*truncate=*/true);
  // y = 1 + 2^-10 + 2^-11 + 2^-12: half rounds it to 1 + 2^-9, truncates it to 1 + 2^-10.
  // 65535 rounds to inf but truncates to 65504.
  const float y = 1.001708984375f;
  ExpectCast<float, Eigen::half>({y, 65535.f},
                                 {Eigen::half(1.001953125f), Eigen::half(kInf)});
  ExpectCast<float, Eigen::half>({y, 65535.f, kNaN},
                                 {Eigen::half(1.0009765625f), Eigen::half(65504.f),
                                  Eigen::half(kNaN)},
                                 /*truncate=*/true);
  ExpectCast<double, Eigen::half>({1.001708984375}, {Eigen::half(1.0009765625f)},
                                  /*truncate=*/true);
  // z = 1 + 2^-23 + 2^-24 + 2^-25: float rounds it to 1 + 2^-22, truncates it to 1 + 2^-23.
  const double z = 1.0000002086162567;
  ExpectCast<double, float>({z}, {1.000000238418579f});
  ExpectCast<double, float>({z, -z}, {1.0000001192092896f, -1.0000001192092896f},
                            /*truncate=*/true);
  // Truncate leaves widening and integer destinations alone.
  ExpectCast<float, int32_t>({2.99f}, {2}, /*truncate=*/true);
  ExpectCast<float, double>({x}, {1.013671875}, /*truncate=*/true);
}

TEST(CastOpTest, SameTypeForwardsTheInput) {
  const Tensor x = test::AsTensor<float>({1.5f, -2.f});
  const auto y = Cast(x, DT_FLOAT);
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(y->data(), x.data());
  // Types Cast cannot convert still forward to themselves.
  const auto strings = Cast(test::AsTensor<std::string>({"a"}), DT_STRING);
  ASSERT_TRUE(strings.ok()) << strings.status();
  EXPECT_EQ(strings->flat<std::string>()(0), "a");
}

TEST(CastOpTest, EmptyTensorsKeepTheirShape) {
  const auto y = Cast(Tensor(DT_FLOAT, TensorShape({0, 3})), DT_INT32);
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(y->dtype(), DT_INT32);
  EXPECT_EQ(y->shape(), TensorShape({0, 3}));
}

TEST(CastOpTest, LargeTensorsRunOnTheIntraOpPoolAndReportExpensive) {
  constexpr int kSize = 100000;
  std::vector<int32_t> x(kSize);
  std::vector<double> expected(kSize);
  for (int i = 0; i < kSize; ++i) {
    x[i] = 3 * i - kSize;
    expected[i] = 3.0 * i - kSize;
  }
  auto runner = test::KernelRunner::Create(CastNode(DT_INT32, DT_DOUBLE));
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
  auto out = (*runner)->Run({test::AsTensor<int32_t>(x, TensorShape({2, kSize / 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0],
                                  test::AsTensor<double>(expected, TensorShape({2, kSize / 2})));
  EXPECT_TRUE((*runner)->kernel().IsExpensive());
  out = (*runner)->Run({test::AsTensor<int32_t>({7})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0], test::AsTensor<double>({7.0}));
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

TEST(CastOpTest, UnsupportedTypesAreUnimplementedNamingBoth) {
  for (const auto& [src, dst] : {std::pair{DT_STRING, DT_FLOAT}, std::pair{DT_FLOAT, DT_STRING},
                                 std::pair{DT_FLOAT, DT_COMPLEX64}}) {
    const auto kernel = test::KernelRunner::Create(CastNode(src, dst));
    ASSERT_FALSE(kernel.ok());
    EXPECT_EQ(kernel.status().code(), absl::StatusCode::kUnimplemented);
    EXPECT_THAT(kernel.status().message(),
                HasSubstr("Cast " + DataTypeString(src) + " to " + DataTypeString(dst) +
                          " is not supported"));
    EXPECT_THAT(kernel.status().message(), HasSubstr("node y (Cast)"));
  }
}

}  // namespace
}  // namespace rill
