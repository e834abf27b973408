// Tests of the CPU StridedSliceGrad kernel: dy placed back where StridedSlice took it, on
// every dtype, with strides, negative strides, masks (ellipsis, new axis, shrink), the
// identity slice, a large selection against a reference, and each validation error.
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/array/movement_test_util.h"

namespace rill {
namespace {

// Masks in the order begin, end, ellipsis, new_axis, shrink_axis.
absl::StatusOr<std::vector<Tensor>> RunGrad(std::vector<int64_t> shape, std::vector<int64_t> masks,
                                            std::vector<int64_t> begin, std::vector<int64_t> end,
                                            std::vector<int64_t> strides, const Tensor& dy) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("g", "StridedSliceGrad")
                  .Input("shape", 0, DT_INT64)
                  .Input("begin", 0, DT_INT64)
                  .Input("end", 0, DT_INT64)
                  .Input("strides", 0, DT_INT64)
                  .Input("dy", 0, dy.dtype())
                  .Attr("begin_mask", masks[0])
                  .Attr("end_mask", masks[1])
                  .Attr("ellipsis_mask", masks[2])
                  .Attr("new_axis_mask", masks[3])
                  .Attr("shrink_axis_mask", masks[4])
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {test::AsTensor<int64_t>(shape), test::AsTensor<int64_t>(begin),
                               test::AsTensor<int64_t>(end), test::AsTensor<int64_t>(strides), dy});
}

TEST(StridedSliceGradOpTest, StridesOnEveryDtype) {
  // x[1:3, ::2] of a [3, 4] x: dy [[1 2] [3 4]] goes to (1,0), (1,2), (2,0), (2,2).
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const auto out = RunGrad({3, 4}, {2, 2, 0, 0, 0}, {1, 0}, {3, 0}, {1, 2},
                             test::Encoded<T>({1, 2, 3, 4}, TensorShape({2, 2})));
    ASSERT_TRUE(out.ok()) << out.status();
    // Unselected elements are zero: "" for strings.
    const T zero = std::is_same_v<T, std::string> ? T() : test::FromInt<T>(0);
    std::vector<T> expected(12, zero);
    expected[4] = test::FromInt<T>(1);
    expected[6] = test::FromInt<T>(2);
    expected[8] = test::FromInt<T>(3);
    expected[10] = test::FromInt<T>(4);
    test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>(expected, TensorShape({3, 4})));
  });
}

TEST(StridedSliceGradOpTest, NegativeStridesAndMasks) {
  // x[4:0:-2] of a [5] x takes elements 4 and 2.
  auto out = RunGrad({5}, {0, 0, 0, 0, 0}, {4}, {0}, {-2}, test::AsTensor<float>({1, 2}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0, 0, 2, 0, 1}));

  // x[..., ::-1] of a [2, 3] x reverses each row.
  out = RunGrad({2, 3}, {2, 2, 1, 0, 0}, {0, 0}, {0, 0}, {1, -1},
                test::AsTensor<double>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0],
                                  test::AsTensor<double>({3, 2, 1, 6, 5, 4}, TensorShape({2, 3})));

  // x[1] of a [2, 3] x: row 1, its dimension shrunk away.
  out = RunGrad({2, 3}, {0, 0, 0, 0, 1}, {1}, {2}, {1}, test::AsTensor<float>({7, 8, 9}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({0, 0, 0, 7, 8, 9}, TensorShape({2, 3})));

  // x[None, 1:] of a [3] x has shape [1, 2].
  out = RunGrad({3}, {0, 0, 0, 1, 0}, {0, 1}, {0, 3}, {1, 1},
                test::AsTensor<float>({5, 6}, TensorShape({1, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0, 5, 6}));

  // x[2:1]: nothing selected, all zeros.
  out = RunGrad({3, 2}, {0, 0, 0, 0, 0}, {2}, {1}, {1}, Tensor(DT_FLOAT, TensorShape({0, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({0, 0, 0, 0, 0, 0}, TensorShape({3, 2})));
}

TEST(StridedSliceGradOpTest, IdentitySharesDy) {
  // x[:, :] is all of x: the gradient is dy itself.
  const Tensor dy = test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2}));
  const auto out = RunGrad({2, 2}, {3, 3, 0, 0, 0}, {0, 0}, {0, 0}, {1, 1}, dy);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].SharesBufferWith(dy));
  test::ExpectTensorEqual<float>((*out)[0], dy);
}

TEST(StridedSliceGradOpTest, LargeAgainstReference) {
  // x[::-3, 5:195:4, ::-1] of a [100, 200, 64] x.
  Tensor dy(DT_FLOAT, TensorShape({34, 48, 64}));
  for (int64_t i = 0; i < dy.NumElements(); ++i) dy.flat<float>()(i) = static_cast<float>(i + 1);
  const auto out =
      RunGrad({100, 200, 64}, {5, 5, 0, 0, 0}, {0, 5, 0}, {0, 195, 0}, {-3, 4, -1}, dy);
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({100, 200, 64}));
  expected.flat<float>().setZero();
  for (int i = 0; i < 34; ++i) {
    for (int j = 0; j < 48; ++j) {
      for (int k = 0; k < 64; ++k) {
        expected.tensor<float, 3>()(99 - 3 * i, 5 + 4 * j, 63 - k) = dy.tensor<float, 3>()(i, j, k);
      }
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(StridedSliceGradOpTest, Errors) {
  const Tensor dy = test::AsTensor<float>({1, 2});
  test::ExpectInvalidArgument(
      RunGrad({4}, {0, 0, 0, 0, 0}, {0}, {2}, {1}, test::AsTensor<float>({1, 2, 3})).status(),
      "shape of dy was [3] instead of [2]");
  test::ExpectInvalidArgument(RunGrad({4}, {0, 0, 0, 0, 0}, {0}, {2}, {0}, dy).status(),
                              "strides[0] must be non-zero");
  test::ExpectInvalidArgument(RunGrad({4}, {0, 0, 0, 0, 0}, {0, 0}, {2}, {1}, dy).status(),
                              "Expected begin, end, and strides to be 1D equal size tensors");
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("g", "StridedSliceGrad")
                  .Input("shape", 0, DT_INT32)
                  .Input("begin", 0, DT_INT32)
                  .Input("end", 0, DT_INT32)
                  .Input("strides", 0, DT_INT32)
                  .Input("dy", 0, DT_FLOAT)
                  .Finalize(&def)
                  .ok());
  test::ExpectInvalidArgument(
      test::RunKernel(def, {test::AsScalar<int32_t>(4), test::AsTensor<int32_t>({0}),
                            test::AsTensor<int32_t>({2}), test::AsTensor<int32_t>({1}), dy})
          .status(),
      "shape must be 1-D, got shape.shape = []");
}

}  // namespace
}  // namespace rill
