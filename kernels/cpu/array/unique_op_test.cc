// Tests of the CPU Unique kernel: TensorFlow's example, order of first occurrence, every
// dtype (-0.0 and NaN included), both out_idx types, empty vectors and the rank error.
#include <cmath>
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

absl::StatusOr<std::vector<Tensor>> Unique(const Tensor& x, DataType out_idx = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("u", "Unique")
                  .Input("x", 0, x.dtype())
                  .Attr("out_idx", out_idx)
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {x});
}

template <typename T>
void ExpectUnique(const std::vector<T>& x, const std::vector<T>& y,
                  const std::vector<int32_t>& idx) {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  const auto out = Unique(test::AsTensor<T>(x));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>(y));
  test::ExpectTensorEqual<int32_t>((*out)[1], test::AsTensor<int32_t>(idx));
}

TEST(UniqueOpTest, DocumentedExample) {
  ExpectUnique<int32_t>({1, 1, 2, 4, 4, 4, 7, 8, 8}, {1, 2, 4, 7, 8}, {0, 0, 1, 2, 2, 2, 3, 4, 4});
}

TEST(UniqueOpTest, OrderOfFirstOccurrence) {
  ExpectUnique<int64_t>({5, 3, 5, 1, 3}, {5, 3, 1}, {0, 1, 0, 2, 1});
}

TEST(UniqueOpTest, EveryDtype) {
  ExpectUnique<int8_t>({-1, 1, -1, -128}, {-1, 1, -128}, {0, 1, 0, 2});
  ExpectUnique<int16_t>({-300, 300, -300}, {-300, 300}, {0, 1, 0});
  ExpectUnique<uint8_t>({255, 0, 255}, {255, 0}, {0, 1, 0});
  ExpectUnique<uint16_t>({7, 7}, {7}, {0, 0});
  ExpectUnique<uint32_t>({4000000000u, 1, 4000000000u}, {4000000000u, 1}, {0, 1, 0});
  ExpectUnique<uint64_t>({uint64_t{1} << 63, 2, 2}, {uint64_t{1} << 63, 2}, {0, 1, 1});
  ExpectUnique<int64_t>({-(int64_t{1} << 40), 0}, {-(int64_t{1} << 40), 0}, {0, 1});
  ExpectUnique<double>({2.5, 1e300, 2.5}, {2.5, 1e300}, {0, 1, 0});
  ExpectUnique<Eigen::half>({Eigen::half(1.f), Eigen::half(2.f), Eigen::half(1.f)},
                            {Eigen::half(1.f), Eigen::half(2.f)}, {0, 1, 0});
  ExpectUnique<Eigen::bfloat16>({Eigen::bfloat16(3.f), Eigen::bfloat16(3.f)},
                                {Eigen::bfloat16(3.f)}, {0, 0});
  ExpectUnique<bool>({true, false, true, true}, {true, false}, {0, 1, 0, 0});
  ExpectUnique<std::string>({"b", "a", "b", "", "a string longer than the inline buffer", ""},
                            {"b", "a", "", "a string longer than the inline buffer"},
                            {0, 1, 0, 2, 3, 2});
}

TEST(UniqueOpTest, ZerosAreEqualAndEveryNanIsDistinct) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const auto out = Unique(test::AsTensor<float>({0.f, -0.f, nan, nan, 1.5f, 1.5f}));
  ASSERT_TRUE(out.ok()) << out.status();
  const auto y = (*out)[0].vec<float>();
  ASSERT_EQ(y.size(), 4);
  EXPECT_EQ(y(0), 0.f);
  EXPECT_FALSE(std::signbit(y(0)));  // The first occurrence, +0.0.
  EXPECT_TRUE(std::isnan(y(1)));
  EXPECT_TRUE(std::isnan(y(2)));
  EXPECT_EQ(y(3), 1.5f);
  test::ExpectTensorEqual<int32_t>((*out)[1], test::AsTensor<int32_t>({0, 0, 1, 2, 3, 3}));
}

TEST(UniqueOpTest, Int64Idx) {
  const auto out = Unique(test::AsTensor<int32_t>({9, 8, 9}), DT_INT64);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({9, 8}));
  test::ExpectTensorEqual<int64_t>((*out)[1], test::AsTensor<int64_t>({0, 1, 0}));
}

TEST(UniqueOpTest, EmptyVector) {
  const auto out = Unique(Tensor(DT_FLOAT, TensorShape({0})));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0}));
  EXPECT_EQ((*out)[1].shape(), TensorShape({0}));
}

TEST(UniqueOpTest, RequiresAVector) {
  const auto out = Unique(test::AsTensor<int32_t>({1, 2, 3, 4}, TensorShape({2, 2})));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "unique expects a 1D vector"))
      << out.status();
}

}  // namespace
}  // namespace rill
