// Tests of the CPU Range and LinSpace kernels against values computed by hand, and in
// float32 arithmetic by the Python script quoted below for the float cases.
#include <cstdint>
#include <limits>
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

// Float32 values, from this Python script (run once):
//   import struct
//   f = lambda x: struct.unpack('f', struct.pack('f', x))[0]
//   v, out = 0.0, []                      # range(0, 1, 0.3) accumulates delta
//   for i in range(4): out.append(v); v = f(v + f(0.3))
//   step = f(1.0 / 10)                    # lin_space(0, 1, 11)
//   print(out, [f(step * i) for i in range(11)])
// which printed [0, 0.30000001192092896, 0.6000000238418579, 0.9000000357627869] and
// [0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645,
//  0.5, 0.6000000238418579, 0.699999988079071, 0.800000011920929, 0.9000000357627869, 1].

absl::StatusOr<std::vector<Tensor>> Range(const Tensor& start, const Tensor& limit,
                                          const Tensor& delta) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("r", "Range")
                  .Input("start", 0, start.dtype())
                  .Input("limit", 0, limit.dtype())
                  .Input("delta", 0, delta.dtype())
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {start, limit, delta});
}

template <typename T>
void ExpectRange(T start, T limit, T delta, const std::vector<T>& expected) {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  const auto out =
      Range(test::AsScalar<T>(start), test::AsScalar<T>(limit), test::AsScalar<T>(delta));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>(expected));
}

template <typename T>
void ExpectRangeError(T start, T limit, T delta, const std::string& message) {
  const auto out =
      Range(test::AsScalar<T>(start), test::AsScalar<T>(limit), test::AsScalar<T>(delta));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

TEST(RangeOpTest, LectureExamples) {
  ExpectRange<int32_t>(3, 18, 3, {3, 6, 9, 12, 15});
  ExpectRange<int32_t>(0, 5, 1, {0, 1, 2, 3, 4});
}

TEST(RangeOpTest, IntegerRanges) {
  ExpectRange<int32_t>(5, 0, -2, {5, 3, 1});
  ExpectRange<int32_t>(7, 7, 1, {});
  ExpectRange<int64_t>(-3, 3, 2, {-3, -1, 1});
  ExpectRange<int8_t>(-128, 127, 100, {-128, -28, 72});
  ExpectRange<int16_t>(0, -7, -3, {0, -3, -6});
  ExpectRange<uint16_t>(1, 4, 1, {1, 2, 3});
  ExpectRange<uint32_t>(0, 4000000000u, 1500000000u, {0, 1500000000u, 3000000000u});
  ExpectRange<uint64_t>(0, std::numeric_limits<uint64_t>::max(), uint64_t{1} << 62,
                        {0, uint64_t{1} << 62, uint64_t{1} << 63, uint64_t{3} << 62});
  // The whole int32 range, without overflow.
  ExpectRange<int32_t>(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
                       1 << 30, {std::numeric_limits<int32_t>::min(), -(1 << 30), 0, 1 << 30});
}

TEST(RangeOpTest, FloatingPointAccumulatesDelta) {
  // 0.3f / 0.1f is exactly 3 in float: three elements.
  ExpectRange<float>(0.f, 0.3f, 0.1f, {0.f, 0.1f, 0.2f});
  ExpectRange<float>(0.f, 1.f, 0.3f,
                     {0.f, 0.30000001192092896f, 0.6000000238418579f, 0.9000000357627869f});
  ExpectRange<double>(10.0, 0.0, -2.5, {10.0, 7.5, 5.0, 2.5});
  ExpectRange<Eigen::half>(
      Eigen::half(0.f), Eigen::half(2.f), Eigen::half(0.5f),
      {Eigen::half(0.f), Eigen::half(0.5f), Eigen::half(1.f), Eigen::half(1.5f)});
  ExpectRange<Eigen::bfloat16>(Eigen::bfloat16(1.f), Eigen::bfloat16(4.f), Eigen::bfloat16(1.f),
                               {Eigen::bfloat16(1.f), Eigen::bfloat16(2.f), Eigen::bfloat16(3.f)});
}

TEST(RangeOpTest, AcceptsVectorsOfOneElement) {
  const auto out =
      Range(test::AsTensor<int32_t>({2}), test::AsScalar<int32_t>(4), test::AsTensor<int32_t>({1}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({2, 3}));
}

TEST(RangeOpTest, Errors) {
  ExpectRangeError<int32_t>(0, 10, 0, "Requires delta != 0");
  ExpectRangeError<int32_t>(5, 0, 1, "Requires start <= limit when delta > 0: 5/0");
  ExpectRangeError<int64_t>(0, 5, -1, "Requires start >= limit when delta < 0: 0/5");
  ExpectRangeError<float>(0.f, std::numeric_limits<float>::quiet_NaN(), 1.f,
                          "Requires ((limit - start) / delta) <= 9223372036854775807");
  ExpectRangeError<int64_t>(std::numeric_limits<int64_t>::min(),
                            std::numeric_limits<int64_t>::max(), 1,
                            "Requires ((limit - start) / delta) <= 9223372036854775807");
  const auto out = Range(test::AsTensor<int32_t>({1, 2}), test::AsScalar<int32_t>(4),
                         test::AsScalar<int32_t>(1));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "start must be a scalar, not shape [2]"))
      << out.status();
}

template <typename T, typename Tnum>
absl::StatusOr<std::vector<Tensor>> LinSpace(T start, T stop, Tnum num) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("l", "LinSpace")
                  .Input("start", 0, DataTypeToEnum<T>::value)
                  .Input("stop", 0, DataTypeToEnum<T>::value)
                  .Input("num", 0, DataTypeToEnum<Tnum>::value)
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(
      def, {test::AsScalar<T>(start), test::AsScalar<T>(stop), test::AsScalar<Tnum>(num)});
}

TEST(LinSpaceOpTest, LectureExample) {
  // lin_space(10.0, 13.0, 4) ==> [10 11 12 13]
  const auto out = LinSpace<float, int32_t>(10.f, 13.f, 4);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({10.f, 11.f, 12.f, 13.f}));
}

TEST(LinSpaceOpTest, ValuesAndExactEnd) {
  auto out = LinSpace<double, int64_t>(0.0, 1.0, 5);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0], test::AsTensor<double>({0, 0.25, 0.5, 0.75, 1}));

  out = LinSpace<float, int32_t>(0.f, 1.f, 11);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0],
      test::AsTensor<float>({0.f, 0.10000000149011612f, 0.20000000298023224f, 0.30000001192092896f,
                             0.4000000059604645f, 0.5f, 0.6000000238418579f, 0.699999988079071f,
                             0.800000011920929f, 0.9000000357627869f, 1.f}));

  out = LinSpace<float, int32_t>(3.f, -3.f, 1);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({3.f}));

  out = LinSpace<Eigen::half, int32_t>(Eigen::half(0.f), Eigen::half(1.f), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<Eigen::half>(
      (*out)[0],
      test::AsTensor<Eigen::half>({Eigen::half(0.f), Eigen::half(0.5f), Eigen::half(1.f)}));

  out = LinSpace<Eigen::bfloat16, int64_t>(Eigen::bfloat16(2.f), Eigen::bfloat16(0.f), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<Eigen::bfloat16>(
      (*out)[0], test::AsTensor<Eigen::bfloat16>(
                     {Eigen::bfloat16(2.f), Eigen::bfloat16(1.f), Eigen::bfloat16(0.f)}));
}

TEST(LinSpaceOpTest, RequiresAPositiveNum) {
  for (int32_t num : {0, -1}) {
    const auto out = LinSpace<float, int32_t>(0.f, 1.f, num);
    ASSERT_FALSE(out.ok());
    EXPECT_TRUE(
        absl::StrContains(out.status().message(), "Requires num > 0: " + std::to_string(num)))
        << out.status();
  }
}

}  // namespace
}  // namespace rill
