// Tests of the CPU Fill, ZerosLike and OnesLike kernels: every element size and dtype,
// scalars and empty shapes, a fill large enough to shard, buffer reuse, and errors.
#include <cstdint>
#include <string>
#include <utility>
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

absl::StatusOr<std::vector<Tensor>> Fill(const Tensor& dims, const Tensor& value) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("f", "Fill")
                  .Input("dims", 0, dims.dtype())
                  .Input("value", 0, value.dtype())
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {dims, value});
}

absl::StatusOr<std::vector<Tensor>> ConstantLike(const char* op, Tensor x) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("c", op).Input("x", 0, x.dtype()).Finalize(&def).ok());
  // Moved into the input vector (an initializer list would keep a second reference), so
  // that the kernel may reuse x's buffer.
  std::vector<Tensor> inputs;
  inputs.push_back(std::move(x));
  return test::RunKernel(def, std::move(inputs));
}

void ExpectError(const absl::StatusOr<std::vector<Tensor>>& out, const std::string& message) {
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

TEST(FillOpTest, LectureExample) {
  // fill([2, 3], 8) ==> [[8 8 8] [8 8 8]]
  const auto out = Fill(test::AsTensor<int32_t>({2, 3}), test::AsScalar<int32_t>(8));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>(
      (*out)[0], test::AsTensor<int32_t>({8, 8, 8, 8, 8, 8}, TensorShape({2, 3})));
}

template <typename T>
void ExpectFillsType(const T& value) {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  const auto out = Fill(test::AsTensor<int64_t>({3, 1}), test::AsScalar<T>(value));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0],
                             test::AsTensor<T>({value, value, value}, TensorShape({3, 1})));
}

TEST(FillOpTest, EveryDtype) {
  ExpectFillsType<float>(-1.5f);
  ExpectFillsType<double>(1e300);
  ExpectFillsType<Eigen::half>(Eigen::half(2.5f));
  ExpectFillsType<Eigen::bfloat16>(Eigen::bfloat16(-3.f));
  ExpectFillsType<int8_t>(-7);
  ExpectFillsType<int16_t>(-300);
  ExpectFillsType<int32_t>(1 << 30);
  ExpectFillsType<int64_t>(-(int64_t{1} << 40));
  ExpectFillsType<uint8_t>(200);
  ExpectFillsType<uint16_t>(60000);
  ExpectFillsType<uint32_t>(4000000000u);
  ExpectFillsType<uint64_t>(uint64_t{1} << 63);
  ExpectFillsType<bool>(true);
  ExpectFillsType<complex64>({1.f, -2.f});
  ExpectFillsType<complex128>({3.0, 4.0});
  ExpectFillsType<std::string>("a string too long for the small-string buffer");
}

TEST(FillOpTest, ScalarAndEmptyShapes) {
  auto out = Fill(test::AsTensor<int32_t>({}), test::AsScalar<float>(4.f));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsScalar<float>(4.f));

  out = Fill(test::AsTensor<int32_t>({0, 3}), test::AsScalar<float>(4.f));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 3}));
}

TEST(FillOpTest, LargeFillsShard) {
  const auto runner = test::KernelRunner::Create(
      [] {
        tensorflow::NodeDef def;
        EXPECT_TRUE(NodeDefBuilder("f", "Fill")
                        .Input("dims", 0, DT_INT32)
                        .Input("value", 0, DT_FLOAT)
                        .Finalize(&def)
                        .ok());
        return def;
      }(),
      4);
  ASSERT_TRUE(runner.ok()) << runner.status();
  auto out = (*runner)->Run({test::AsTensor<int32_t>({1000, 1000}), test::AsScalar<float>(0.5f)});
  ASSERT_TRUE(out.ok()) << out.status();
  const auto values = (*out)[0].flat<float>();
  int64_t wrong = 0;
  for (int64_t i = 0; i < values.size(); ++i) wrong += values(i) != 0.5f;
  EXPECT_EQ(wrong, 0);
  EXPECT_TRUE((*runner)->kernel().IsExpensive());
  out = (*runner)->Run({test::AsTensor<int32_t>({2}), test::AsScalar<float>(0.5f)});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

TEST(FillOpTest, Errors) {
  ExpectError(Fill(test::AsTensor<int32_t>({2, -1}), test::AsScalar<float>(1.f)),
              "Dimension 1 of shape [2,-1] is -1; dimensions must be >= 0");
  ExpectError(Fill(test::AsTensor<int64_t>({-5}), test::AsScalar<float>(1.f)),
              "Dimension 0 of shape [-5] is -5");
  ExpectError(Fill(test::AsScalar<int32_t>(2), test::AsScalar<float>(1.f)),
              "dims must be a vector, got shape []");
  ExpectError(Fill(test::AsTensor<int32_t>({2}), test::AsTensor<float>({1.f})),
              "value must be a scalar, got shape [1]");
  ExpectError(Fill(test::AsTensor<int64_t>({int64_t{1} << 40, int64_t{1} << 40}),
                   test::AsScalar<float>(1.f)),
              "has too many elements");
}

TEST(ZerosLikeOpTest, LectureExampleAndDtypes) {
  // zeros_like([[0 1] [2 3] [4 5]]) ==> [[0 0] [0 0] [0 0]]
  auto out =
      ConstantLike("ZerosLike", test::AsTensor<int32_t>({0, 1, 2, 3, 4, 5}, TensorShape({3, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>(
      (*out)[0], test::AsTensor<int32_t>({0, 0, 0, 0, 0, 0}, TensorShape({3, 2})));

  out = ConstantLike("ZerosLike", test::AsTensor<std::string>({"a", "b"}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0], test::AsTensor<std::string>({"", ""}));

  out = ConstantLike("ZerosLike", test::AsTensor<bool>({true}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>((*out)[0], test::AsTensor<bool>({false}));

  out = ConstantLike("ZerosLike", test::AsTensor<complex128>({{1, 2}}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<complex128>((*out)[0], test::AsTensor<complex128>({{0, 0}}));

  out = ConstantLike("ZerosLike", test::AsTensor<Eigen::half>({Eigen::half(-2.f)}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<Eigen::half>((*out)[0], test::AsTensor<Eigen::half>({Eigen::half(0.f)}));

  out = ConstantLike("ZerosLike", Tensor(DT_FLOAT, TensorShape({0, 4})));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 4}));
}

TEST(ZerosLikeOpTest, ReusesAnUnsharedInputBuffer) {
  Tensor x = test::AsTensor<float>({1.f, 2.f});
  const void* data = x.data();
  const auto out = ConstantLike("ZerosLike", std::move(x));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), data);
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0.f, 0.f}));

  // A shared input is left alone.
  const Tensor kept = test::AsTensor<float>({1.f, 2.f});
  const auto fresh = ConstantLike("ZerosLike", kept);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  test::ExpectTensorEqual<float>(kept, test::AsTensor<float>({1.f, 2.f}));
}

TEST(OnesLikeOpTest, Dtypes) {
  auto out =
      ConstantLike("OnesLike", test::AsTensor<float>({5.f, 6.f, 7.f, 8.f}, TensorShape({2, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({1, 1, 1, 1}, TensorShape({2, 2})));

  out = ConstantLike("OnesLike", test::AsTensor<bool>({false, true}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>((*out)[0], test::AsTensor<bool>({true, true}));

  out = ConstantLike("OnesLike", test::AsTensor<complex64>({{3, 4}}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<complex64>((*out)[0], test::AsTensor<complex64>({{1, 0}}));

  out = ConstantLike("OnesLike", test::AsTensor<uint64_t>({9}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<uint64_t>((*out)[0], test::AsTensor<uint64_t>({1}));

  out = ConstantLike("OnesLike", test::AsTensor<Eigen::bfloat16>({Eigen::bfloat16(0.f)}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<Eigen::bfloat16>((*out)[0],
                                           test::AsTensor<Eigen::bfloat16>({Eigen::bfloat16(1.f)}));
}

}  // namespace
}  // namespace rill
