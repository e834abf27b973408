// Tests of the CPU OneHot kernel: TensorFlow's documented example on every axis, index and
// value dtypes, out-of-range indices giving off rows (not errors), empty shapes, errors.
#include <cstdint>
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

absl::StatusOr<std::vector<Tensor>> OneHot(const Tensor& indices, int32_t depth, const Tensor& on,
                                           const Tensor& off, int64_t axis = -1) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("o", "OneHot")
                  .Input("indices", 0, indices.dtype())
                  .Input("depth", 0, DT_INT32)
                  .Input("on_value", 0, on.dtype())
                  .Input("off_value", 0, off.dtype())
                  .Attr("axis", axis)
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {indices, test::AsScalar<int32_t>(depth), on, off});
}

absl::StatusOr<std::vector<Tensor>> OneHotFloat(const Tensor& indices, int32_t depth,
                                                int64_t axis = -1) {
  return OneHot(indices, depth, test::AsScalar<float>(5.f), test::AsScalar<float>(0.f), axis);
}

void ExpectError(const absl::StatusOr<std::vector<Tensor>>& out, const std::string& message) {
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

TEST(OneHotOpTest, DocumentedExample) {
  // indices [0, 2, -1, 1], depth 3, on 5.0, off 0.0: -1 is out of range, an all-off row.
  const Tensor indices = test::AsTensor<int64_t>({0, 2, -1, 1});
  auto out = OneHotFloat(indices, 3);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0], test::AsTensor<float>({5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0}, TensorShape({4, 3})));

  // axis 0: the transpose.
  out = OneHotFloat(indices, 3, 0);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0], test::AsTensor<float>({5, 0, 0, 0, 0, 0, 0, 5, 0, 5, 0, 0}, TensorShape({3, 4})));
}

TEST(OneHotOpTest, MatrixIndicesOnEachAxis) {
  const Tensor indices = test::AsTensor<int32_t>({0, 2, 1, -1}, TensorShape({2, 2}));
  // axis -1: [[[5 0 0] [0 0 5]] [[0 5 0] [0 0 0]]]
  auto out = OneHotFloat(indices, 3);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0],
      test::AsTensor<float>({5, 0, 0, 0, 0, 5, 0, 5, 0, 0, 0, 0}, TensorShape({2, 2, 3})));
  // axis 1: out[p, d, s] = 5 when indices[p, s] == d.
  out = OneHotFloat(indices, 3, 1);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0],
      test::AsTensor<float>({5, 0, 0, 0, 0, 5, 0, 0, 5, 0, 0, 0}, TensorShape({2, 3, 2})));
  // axis 2 is the same as -1.
  out = OneHotFloat(indices, 3, 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 2, 3}));
}

TEST(OneHotOpTest, ScalarIndexAndIndexAtDepth) {
  auto out = OneHotFloat(test::AsScalar<int32_t>(1), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0, 5, 0}));
  out = OneHotFloat(test::AsTensor<int32_t>({3}), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0, 0, 0}, TensorShape({1, 3})));
}

TEST(OneHotOpTest, IndexDtypes) {
  const Tensor on = test::AsScalar<int32_t>(1);
  const Tensor off = test::AsScalar<int32_t>(0);
  const Tensor expected = test::AsTensor<int32_t>({0, 1, 0, 0, 0, 0}, TensorShape({2, 3}));
  for (const Tensor& indices :
       {test::AsTensor<uint8_t>({1, 255}), test::AsTensor<int8_t>({1, -1}),
        test::AsTensor<int32_t>({1, 3}), test::AsTensor<int64_t>({1, -5})}) {
    SCOPED_TRACE(DataTypeString(indices.dtype()));
    const auto out = OneHot(indices, 3, on, off);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<int32_t>((*out)[0], expected);
  }
}

TEST(OneHotOpTest, ValueDtypes) {
  const Tensor indices = test::AsTensor<int64_t>({1, 0});
  auto out =
      OneHot(indices, 2, test::AsScalar<std::string>("on"), test::AsScalar<std::string>("off"));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>(
      (*out)[0], test::AsTensor<std::string>({"off", "on", "on", "off"}, TensorShape({2, 2})));

  out = OneHot(indices, 2, test::AsScalar<bool>(true), test::AsScalar<bool>(false));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(
      (*out)[0], test::AsTensor<bool>({false, true, true, false}, TensorShape({2, 2})));

  out = OneHot(indices, 2, test::AsScalar<complex128>({1, 1}), test::AsScalar<complex128>({0, -1}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<complex128>(
      (*out)[0],
      test::AsTensor<complex128>({{0, -1}, {1, 1}, {1, 1}, {0, -1}}, TensorShape({2, 2})));

  out = OneHot(indices, 2, test::AsScalar<Eigen::half>(Eigen::half(1.f)),
               test::AsScalar<Eigen::half>(Eigen::half(-1.f)));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<Eigen::half>(
      (*out)[0], test::AsTensor<Eigen::half>(
                     {Eigen::half(-1.f), Eigen::half(1.f), Eigen::half(1.f), Eigen::half(-1.f)},
                     TensorShape({2, 2})));

  out = OneHot(indices, 2, test::AsScalar<int64_t>(7), test::AsScalar<int64_t>(0));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0],
                                   test::AsTensor<int64_t>({0, 7, 7, 0}, TensorShape({2, 2})));
}

TEST(OneHotOpTest, EmptyShapes) {
  auto out = OneHotFloat(test::AsTensor<int32_t>({0, 1}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 0}));
  out = OneHotFloat(Tensor(DT_INT32, TensorShape({0})), 4);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 4}));
}

TEST(OneHotOpTest, Errors) {
  const Tensor indices = test::AsTensor<int32_t>({0});
  ExpectError(OneHotFloat(indices, -1), "depth must be non-negative, got: -1");
  ExpectError(OneHotFloat(indices, 3, 2),
              "Expected axis to be -1 or between [0, 2).  But received: 2");
  ExpectError(OneHotFloat(indices, 3, -2),
              "Expected axis to be -1 or between [0, 2).  But received: -2");
  ExpectError(OneHot(indices, 3, test::AsTensor<float>({1.f}), test::AsScalar<float>(0.f)),
              "on_value must be a scalar, but got: [1]");
  ExpectError(OneHot(indices, 3, test::AsScalar<float>(1.f), test::AsTensor<float>({0.f})),
              "off_value must be a scalar, but got: [1]");
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("o", "OneHot")
                  .Input("indices", 0, DT_INT32)
                  .Input("depth", 0, DT_INT32)
                  .Input("on_value", 0, DT_FLOAT)
                  .Input("off_value", 0, DT_FLOAT)
                  .Finalize(&def)
                  .ok());
  ExpectError(test::RunKernel(def, {indices, test::AsTensor<int32_t>({3}),
                                    test::AsScalar<float>(1.f), test::AsScalar<float>(0.f)}),
              "depth must be a scalar, but got: [1]");
}

}  // namespace
}  // namespace rill
