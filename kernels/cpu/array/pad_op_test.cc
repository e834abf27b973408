// Tests of the CPU Pad kernel: hand-computed results on every dtype (zeros, false and ""
// around the input), no padding passing the input through, empty inputs, a large case
// against a reference, and each validation error.
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/array/movement_test_util.h"

namespace rill {
namespace {

tensorflow::NodeDef PadNode(DataType dtype, DataType paddings = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("p", "Pad")
                  .Input("x", 0, dtype)
                  .Input("paddings", 0, paddings)
                  .Finalize(&def)
                  .ok());
  return def;
}

absl::StatusOr<std::vector<Tensor>> RunPad(const Tensor& x, std::vector<int32_t> paddings) {
  const int64_t rows = static_cast<int64_t>(paddings.size()) / 2;
  return test::RunKernel(PadNode(x.dtype()),
                         {x, test::AsTensor<int32_t>(paddings, TensorShape({rows, 2}))});
}

template <typename T>
T Zero() {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string();
  } else {
    return T(0);
  }
}

TEST(PadOpTest, MatrixOnEveryDtype) {
  // [[1 2] [3 4]] padded with [[1, 0], [0, 2]]:
  //   [[0 0 0 0] [1 2 0 0] [3 4 0 0]]
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor x = test::Encoded<T>({1, 2, 3, 4}, TensorShape({2, 2}));
    const auto out = RunPad(x, {1, 0, 0, 2});
    ASSERT_TRUE(out.ok()) << out.status();
    const T o = Zero<T>();
    const T a = test::FromInt<T>(1), b = test::FromInt<T>(2), c = test::FromInt<T>(3),
            d = test::FromInt<T>(4);
    test::ExpectTensorEqual<T>(
        (*out)[0], test::AsTensor<T>({o, o, o, o, a, b, o, o, c, d, o, o}, TensorShape({3, 4})));
  });
}

TEST(PadOpTest, NoPaddingEmptyAndScalar) {
  const Tensor x = test::Iota<int16_t>(TensorShape({2, 2}));
  auto out = RunPad(x, {0, 0, 0, 0});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(x));
  out = RunPad(Tensor(DT_INT16, TensorShape({0, 2})), {1, 1, 0, 0});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int16_t>((*out)[0], test::AsTensor<int16_t>({0, 0, 0, 0},
                                                                      TensorShape({2, 2})));
  const Tensor s = test::AsScalar<int16_t>(3);
  out = test::RunKernel(PadNode(DT_INT16, DT_INT64), {s, Tensor(DT_INT64, TensorShape({0, 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(s));
}

TEST(PadOpTest, LargeAgainstReference) {
  Tensor x(DT_FLOAT, TensorShape({20, 300, 40}));
  for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i + 1);
  const auto out = RunPad(x, {1, 2, 0, 3, 5, 0});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({23, 303, 45}));
  for (int i = 0; i < 23; ++i) {
    for (int j = 0; j < 303; ++j) {
      for (int k = 0; k < 45; ++k) {
        const bool inside = i >= 1 && i < 21 && j < 300 && k >= 5;
        expected.tensor<float, 3>()(i, j, k) =
            inside ? x.tensor<float, 3>()(i - 1, j, k - 5) : 0.f;
      }
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(PadOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({2, 3}));
  test::ExpectInvalidArgument(RunPad(x, {0, -1, 0, 0}).status(),
                              "Paddings must be non-negative: 0 -1");
  test::ExpectInvalidArgument(RunPad(x, {0, 1}).status(),
                              "The first dimension of paddings must be the rank of inputs[1,2] "
                              "[2,3]");
  test::ExpectInvalidArgument(
      test::RunKernel(PadNode(DT_FLOAT), {x, test::AsTensor<int32_t>({0, 0, 0, 0, 0, 0},
                                                                     TensorShape({2, 3}))})
          .status(),
      "paddings must be a matrix with 2 columns: [2,3]");
}

}  // namespace
}  // namespace rill
