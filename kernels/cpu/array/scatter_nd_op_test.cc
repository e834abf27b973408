// Tests of the CPU ScatterNd kernel: TensorFlow's documented example, slices, duplicate
// indices summed, every registered dtype, empty tensors, and its errors.
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

absl::StatusOr<std::vector<Tensor>> ScatterNd(const Tensor& indices, const Tensor& updates,
                                              const Tensor& shape) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "ScatterNd")
                  .Input("indices", 0, indices.dtype())
                  .Input("updates", 0, updates.dtype())
                  .Input("shape", 0, shape.dtype())
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {indices, updates, shape});
}

void ExpectError(const absl::StatusOr<std::vector<Tensor>>& out, const std::string& message) {
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

Tensor Column(const std::vector<int32_t>& values) {
  return test::AsTensor<int32_t>(values, TensorShape({static_cast<int64_t>(values.size()), 1}));
}

TEST(ScatterNdOpTest, DocumentedExample) {
  // indices [[4], [3], [1], [7]], updates [9, 10, 11, 12], shape [8].
  const auto out = ScatterNd(Column({4, 3, 1, 7}), test::AsTensor<int32_t>({9, 10, 11, 12}),
                             test::AsTensor<int32_t>({8}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({0, 11, 0, 10, 9, 0, 0, 12}));
}

TEST(ScatterNdOpTest, SlicesAndFullIndices) {
  auto out = ScatterNd(Column({0, 2}), test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})),
                       test::AsTensor<int32_t>({3, 2}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({1, 2, 0, 0, 3, 4}, TensorShape({3, 2})));

  out = ScatterNd(test::AsTensor<int64_t>({0, 1, 1, 0}, TensorShape({2, 2})),
                  test::AsTensor<float>({5, 6}), test::AsTensor<int64_t>({2, 2}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({0, 5, 6, 0}, TensorShape({2, 2})));

  // Batched indices [2, 1, 1] with updates [2, 1].
  out = ScatterNd(test::AsTensor<int32_t>({2, 0}, TensorShape({2, 1, 1})),
                  test::AsTensor<float>({7, 8}, TensorShape({2, 1})), test::AsTensor<int32_t>({3}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({8, 0, 7}));
}

TEST(ScatterNdOpTest, DuplicatesAreSummed) {
  auto out = ScatterNd(Column({1, 1, 0, 1}), test::AsTensor<double>({1, 2, 4, 8}),
                       test::AsTensor<int32_t>({3}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0], test::AsTensor<double>({4, 11, 0}));

  // bool sums as logical or.
  out = ScatterNd(Column({0, 0, 2}), test::AsTensor<bool>({false, true, false}),
                  test::AsTensor<int32_t>({3}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>((*out)[0], test::AsTensor<bool>({true, false, false}));
}

template <typename T>
void ExpectScattersType() {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  const auto out =
      ScatterNd(Column({2, 0, 2}),
                test::AsTensor<T>({static_cast<T>(1), static_cast<T>(2), static_cast<T>(3)}),
                test::AsTensor<int32_t>({4}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>({static_cast<T>(2), static_cast<T>(0),
                                                           static_cast<T>(4), static_cast<T>(0)}));
}

TEST(ScatterNdOpTest, EveryNumberDtype) {
  ExpectScattersType<float>();
  ExpectScattersType<double>();
  ExpectScattersType<Eigen::half>();
  ExpectScattersType<Eigen::bfloat16>();
  ExpectScattersType<int8_t>();
  ExpectScattersType<int16_t>();
  ExpectScattersType<int32_t>();
  ExpectScattersType<int64_t>();
  ExpectScattersType<uint8_t>();
  ExpectScattersType<uint16_t>();
  ExpectScattersType<uint32_t>();
  ExpectScattersType<uint64_t>();
  ExpectScattersType<complex64>();
  ExpectScattersType<complex128>();
}

TEST(ScatterNdOpTest, EmptyTensors) {
  auto out = ScatterNd(Tensor(DT_INT32, TensorShape({0, 1})), Tensor(DT_FLOAT, TensorShape({0})),
                       test::AsTensor<int32_t>({3}));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({0, 0, 0}));

  out = ScatterNd(Tensor(DT_INT32, TensorShape({0, 1})), Tensor(DT_FLOAT, TensorShape({0, 0})),
                  test::AsTensor<int32_t>({0, 0}));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 0}));
}

TEST(ScatterNdOpTest, Errors) {
  const Tensor updates = test::AsTensor<float>({1, 2});
  const Tensor shape = test::AsTensor<int32_t>({3});
  ExpectError(ScatterNd(Column({0, 3}), updates, shape),
              "indices[1] = [3] does not index into shape [3]");
  ExpectError(ScatterNd(Column({-1, 0}), updates, shape),
              "indices[0] = [-1] does not index into shape [3]");
  ExpectError(ScatterNd(Column({0, 1}), updates, test::AsTensor<int32_t>({-1})),
              "Dimension 0 of shape [-1] is -1; dimensions must be >= 0");
  ExpectError(ScatterNd(Column({0, 1}), updates, test::AsTensor<int32_t>({0})),
              "Indices and updates specified for empty output shape");
  ExpectError(ScatterNd(Column({0, 1, 2}), updates, shape),
              "Dimensions [0,1) of indices[shape=[3,1]] must match dimensions [0,1) of "
              "updates[shape=[2]]");
  ExpectError(
      ScatterNd(Column({0, 1}), test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})), shape),
      "Dimensions [1,1) of output[shape=[3]] must match dimensions [1,2) of "
      "updates[shape=[2,2]]");
  ExpectError(ScatterNd(test::AsTensor<int32_t>({0, 0}, TensorShape({1, 2})),
                        test::AsTensor<float>({1}), shape),
              "indices.shape[-1] must be <= shape.rank");
  ExpectError(ScatterNd(test::AsScalar<int32_t>(0), updates, shape),
              "indices must be at least a vector");
  ExpectError(ScatterNd(Column({0, 1}), updates, test::AsScalar<int32_t>(3)),
              "shape must be a vector");
}

}  // namespace
}  // namespace rill
