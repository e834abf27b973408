// Tests of the CPU GatherV2 kernel: hand-checked values for every axis, batch_dims, index
// rank and dtype, empty tensors, the sharded path, and TensorFlow's errors.
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

tensorflow::NodeDef GatherNode(DataType params_type, DataType indices_type, int64_t batch_dims = 0,
                               DataType axis_type = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("g", "GatherV2")
                  .Input("params", 0, params_type)
                  .Input("indices", 0, indices_type)
                  .Input("axis", 0, axis_type)
                  .Attr("batch_dims", batch_dims)
                  .Finalize(&def)
                  .ok());
  return def;
}

// Gather runs GatherV2 on float params with int32 indices.
absl::StatusOr<std::vector<Tensor>> Gather(const Tensor& params, const Tensor& indices,
                                           int32_t axis, int64_t batch_dims = 0) {
  return test::RunKernel(GatherNode(params.dtype(), indices.dtype(), batch_dims),
                         {params, indices, test::AsScalar<int32_t>(axis)});
}

void ExpectError(const absl::StatusOr<std::vector<Tensor>>& out, const std::string& message) {
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), "[[node g (GatherV2)]]")) << out.status();
}

// A 4x3 table whose element [i, j] is 10 * i + j.
Tensor Table() {
  return test::AsTensor<float>({0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}, TensorShape({4, 3}));
}

TEST(GatherOpTest, RowsAlongAxis0) {
  auto out = Gather(Table(), test::AsTensor<int32_t>({3, 0, 3}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>(
      (*out)[0], test::AsTensor<float>({30, 31, 32, 0, 1, 2, 30, 31, 32}, TensorShape({3, 3})));
}

TEST(GatherOpTest, ColumnsAlongAxis1AndNegativeAxis) {
  const Tensor expected =
      test::AsTensor<float>({2, 0, 12, 10, 22, 20, 32, 30}, TensorShape({4, 2}));
  for (int32_t axis : {1, -1}) {
    auto out = Gather(Table(), test::AsTensor<int32_t>({2, 0}), axis);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<float>((*out)[0], expected);
  }
}

TEST(GatherOpTest, ScalarAndMatrixIndices) {
  auto out = Gather(Table(), test::AsScalar<int32_t>(2), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({20, 21, 22}));

  const Tensor vector = test::AsTensor<int64_t>({10, 20, 30});
  out = Gather(vector, test::AsTensor<int64_t>({0, 2, 1, 1}, TensorShape({2, 2})), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>((*out)[0],
                                   test::AsTensor<int64_t>({10, 30, 20, 20}, TensorShape({2, 2})));
}

TEST(GatherOpTest, Int64IndicesAndAxis) {
  const auto out =
      test::RunKernel(GatherNode(DT_FLOAT, DT_INT64, 0, DT_INT64),
                      {Table(), test::AsTensor<int64_t>({1}), test::AsScalar<int64_t>(1)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0],
                                 test::AsTensor<float>({1, 11, 21, 31}, TensorShape({4, 1})));
}

TEST(GatherOpTest, BatchDims) {
  // params[b, :] gathered with indices[b, :]: [[1 2 3] [4 5 6]] with [[2 0] [1 1]].
  const Tensor params = test::AsTensor<int32_t>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  auto out = Gather(params, test::AsTensor<int32_t>({2, 0, 1, 1}, TensorShape({2, 2})), 1, 1);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0],
                                   test::AsTensor<int32_t>({3, 1, 5, 5}, TensorShape({2, 2})));

  // With a dimension between the batch and the axis: params [2,2,3] (value 6b + 3o + k),
  // indices [[2] [0]], axis 2: out[b, o, 0] = params[b, o, indices[b, 0]].
  Tensor cube(DT_INT32, TensorShape({2, 2, 3}));
  test::FillIota<int32_t>(&cube, 0);
  out = Gather(cube, test::AsTensor<int32_t>({2, 0}, TensorShape({2, 1})), 2, 1);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0],
                                   test::AsTensor<int32_t>({2, 5, 6, 9}, TensorShape({2, 2, 1})));

  // batch_dims = -1 counts from the rank of indices: the same as 1 here.
  out = Gather(cube, test::AsTensor<int32_t>({2, 0}, TensorShape({2, 1})), 2, -1);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 2, 1}));
}

template <typename T>
void ExpectGathersType(const std::vector<T>& values) {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  // Scalars: one element per index.
  auto out = Gather(test::AsTensor<T>(values), test::AsTensor<int32_t>({2, 0, 2}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>({values[2], values[0], values[2]}));
  // Rows of two elements.
  const Tensor rows =
      test::AsTensor<T>({values[0], values[1], values[2], values[0]}, TensorShape({2, 2}));
  out = Gather(rows, test::AsTensor<int32_t>({1}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0],
                             test::AsTensor<T>({values[2], values[0]}, TensorShape({1, 2})));
}

TEST(GatherOpTest, EveryDtype) {
  ExpectGathersType<float>({1.5f, -2.f, 3.25f});
  ExpectGathersType<double>({1.5, -2.0, 1e300});
  ExpectGathersType<Eigen::half>({Eigen::half(1.5f), Eigen::half(-2.f), Eigen::half(3.f)});
  ExpectGathersType<Eigen::bfloat16>(
      {Eigen::bfloat16(1.5f), Eigen::bfloat16(-2.f), Eigen::bfloat16(3.f)});
  ExpectGathersType<int8_t>({-1, 2, 127});
  ExpectGathersType<int16_t>({-1, 2, 32767});
  ExpectGathersType<int32_t>({-1, 2, 1 << 30});
  ExpectGathersType<int64_t>({-1, 2, int64_t{1} << 40});
  ExpectGathersType<uint8_t>({1, 2, 255});
  ExpectGathersType<uint16_t>({1, 2, 65535});
  ExpectGathersType<uint32_t>({1, 2, 4000000000u});
  ExpectGathersType<uint64_t>({1, 2, uint64_t{1} << 63});
  ExpectGathersType<bool>({true, false, true});
  ExpectGathersType<complex64>({{1, 2}, {3, 4}, {5, 6}});
  ExpectGathersType<complex128>({{1, 2}, {3, 4}, {5, 6}});
  ExpectGathersType<std::string>({"a", "", "a longer string that is not stored inline"});
}

TEST(GatherOpTest, EmptyTensors) {
  auto out = Gather(Table(), test::AsTensor<int32_t>({}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 3}));

  out = Gather(Tensor(DT_FLOAT, TensorShape({0, 3})), test::AsTensor<int32_t>({}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 3}));

  out = Gather(Tensor(DT_FLOAT, TensorShape({4, 0})), test::AsTensor<int32_t>({3, 1}), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 0}));
}

TEST(GatherOpTest, OutOfRangeIndicesAreErrorsNamingTheIndex) {
  // word2vec's table: 50000 rows.
  const Tensor table(DT_FLOAT, TensorShape({50000, 1}));
  ExpectError(Gather(table, test::AsTensor<int32_t>({0, 1, 2, 50001}), 0),
              "indices[3] = 50001 is not in [0, 50000)");
  ExpectError(Gather(Table(), test::AsTensor<int32_t>({-1, 0}), 0),
              "indices[0] = -1 is not in [0, 4)");
  ExpectError(Gather(Table(), test::AsTensor<int32_t>({0, 1, 7, 2}, TensorShape({2, 2})), 1),
              "indices[1,0] = 7 is not in [0, 3)");
  ExpectError(Gather(Table(), test::AsScalar<int32_t>(4), 0), "indices = 4 is not in [0, 4)");
  // Checked even when the gathered slices are empty.
  ExpectError(Gather(Tensor(DT_FLOAT, TensorShape({0, 3})), test::AsTensor<int32_t>({0}), 0),
              "indices[0] = 0 is not in [0, 0)");
  ExpectError(Gather(Tensor(DT_FLOAT, TensorShape({4, 0})), test::AsTensor<int32_t>({4}), 0),
              "indices[0] = 4 is not in [0, 4)");
}

TEST(GatherOpTest, BadAxisAndBatchDims) {
  const Tensor indices = test::AsTensor<int32_t>({0});
  ExpectError(Gather(Table(), indices, 2), "Expected axis in the range [-2, 2), but got 2");
  ExpectError(Gather(Table(), indices, -3), "Expected axis in the range [-2, 2), but got -3");
  ExpectError(Gather(test::AsScalar<float>(1.f), indices, 0),
              "params must be at least 1 dimensional");
  ExpectError(test::RunKernel(GatherNode(DT_FLOAT, DT_INT32),
                              {Table(), indices, test::AsTensor<int32_t>({0})}),
              "axis must be a scalar");

  const Tensor batch_indices = test::AsTensor<int32_t>({0, 0, 0}, TensorShape({3, 1}));
  ExpectError(Gather(Table(), batch_indices, 1, 1),
              "params.shape[0]: 4 should be equal to indices.shape[0]: 3");
  ExpectError(Gather(Table(), batch_indices, 0, 1),
              "batch_dims (1) must be less than or equal to axis (0).");
  ExpectError(Gather(Table(), batch_indices, 1, 3),
              "Expected batch_dims in the range [-2, 2], but got 3");
  ExpectError(Gather(test::AsTensor<float>({1, 2, 3}), batch_indices, 0, 1),
              "batch_dims (1) must be less than rank(params) (1).");
}

TEST(GatherOpTest, LargeGathersShardAndReportExpensive) {
  constexpr int64_t kRows = 1000;
  constexpr int64_t kCols = 256;
  Tensor params(DT_FLOAT, TensorShape({kRows, kCols}));
  test::FillIota<float>(&params, 0.f);
  std::vector<int32_t> reversed(kRows);
  for (int64_t i = 0; i < kRows; ++i) reversed[i] = static_cast<int32_t>(kRows - 1 - i);

  const auto runner = test::KernelRunner::Create(GatherNode(DT_FLOAT, DT_INT32), 4);
  ASSERT_TRUE(runner.ok()) << runner.status();
  auto out = (*runner)->Run({params, test::AsTensor<int32_t>(reversed), test::AsScalar(0)});
  ASSERT_TRUE(out.ok()) << out.status();
  const auto result = (*out)[0].matrix<float>();
  for (int64_t i = 0; i < kRows; ++i) {
    for (int64_t j = 0; j < kCols; ++j) {
      ASSERT_EQ(result(i, j), static_cast<float>((kRows - 1 - i) * kCols + j)) << i << "," << j;
    }
  }
  EXPECT_TRUE((*runner)->kernel().IsExpensive());

  out = (*runner)->Run({params, test::AsTensor<int32_t>({5}), test::AsScalar(0)});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

}  // namespace
}  // namespace rill
