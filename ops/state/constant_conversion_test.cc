// Tests of ConvertConstant: the conversions TensorFlow's Python makes for a variable's
// dtype (int to float, bool to number, integral floats to int) and the ones it refuses.
#include "ops/state/constant_conversion.h"

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace ops {
namespace {

TEST(ConvertConstantTest, SameDtypeSharesTheTensor) {
  const Tensor value = test::AsTensor<float>({1, 2});
  absl::StatusOr<Tensor> out = ConvertConstant(value, DT_FLOAT, "variable W");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE(out->SharesBufferWith(value));
}

TEST(ConvertConstantTest, WideningAndIntegralConversions) {
  absl::StatusOr<Tensor> out = ConvertConstant(test::AsScalar<int32_t>(100), DT_FLOAT, "W");
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(*out, test::AsScalar<float>(100.f));

  out = ConvertConstant(test::AsTensor<double>({0.5, -2.25}), DT_FLOAT, "W");
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(*out, test::AsTensor<float>({0.5f, -2.25f}));

  out = ConvertConstant(test::AsTensor<float>({3, -4}), DT_INT64, "W");
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(*out, test::AsTensor<int64_t>({3, -4}));

  out = ConvertConstant(test::AsTensor<bool>({true, false}), DT_INT32, "W");
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>(*out, test::AsTensor<int32_t>({1, 0}));

  out = ConvertConstant(test::AsScalar<int64_t>(255), DT_UINT8, "W");
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<uint8_t>(*out, test::AsScalar<uint8_t>(255));
}

void ExpectRefused(const Tensor& value, DataType dtype, const std::string& message) {
  absl::StatusOr<Tensor> out = ConvertConstant(value, dtype, "variable W");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

TEST(ConvertConstantTest, RefusesConversionsThatChangeAValue) {
  ExpectRefused(test::AsTensor<float>({1, 1.5}), DT_INT32,
                "Cannot convert 1.5 (element 1 of the float constant) to int32 for variable W");
  ExpectRefused(test::AsScalar<int32_t>(-1), DT_UINT8,
                "Cannot convert -1 (element 0 of the int32 constant) to uint8 for variable W");
  ExpectRefused(test::AsScalar<int32_t>(300), DT_INT8, "Cannot convert 300");
  ExpectRefused(test::AsScalar<float>(1), DT_BOOL, "to bool for variable W");
  ExpectRefused(test::AsScalar<std::string>("ten"), DT_FLOAT,
                "Cannot convert a constant of dtype string to float for variable W");
}

}  // namespace
}  // namespace ops
}  // namespace rill
