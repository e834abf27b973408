// Tests of the CPU GatherNd kernel on TensorFlow's documented examples (elements, rows,
// batched indices), index depth 0, empty tensors, several dtypes, and its errors.
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

absl::StatusOr<std::vector<Tensor>> GatherNd(const Tensor& params, const Tensor& indices) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("g", "GatherNd")
                  .Input("params", 0, params.dtype())
                  .Input("indices", 0, indices.dtype())
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {params, indices});
}

void ExpectError(const absl::StatusOr<std::vector<Tensor>>& out, const std::string& message) {
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument) << out.status();
  EXPECT_TRUE(absl::StrContains(out.status().message(), message)) << out.status();
}

// [['a', 'b'], ['c', 'd']]
Tensor Letters() { return test::AsTensor<std::string>({"a", "b", "c", "d"}, TensorShape({2, 2})); }

// [[['a0', 'b0'], ['c0', 'd0']], [['a1', 'b1'], ['c1', 'd1']]]
Tensor Letters3d() {
  return test::AsTensor<std::string>({"a0", "b0", "c0", "d0", "a1", "b1", "c1", "d1"},
                                     TensorShape({2, 2, 2}));
}

void ExpectStrings(const absl::StatusOr<std::vector<Tensor>>& out,
                   const std::vector<std::string>& values, const TensorShape& shape) {
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0], test::AsTensor<std::string>(values, shape));
}

TEST(GatherNdOpTest, DocumentedExamples) {
  ExpectStrings(GatherNd(Letters(), test::AsTensor<int32_t>({0, 0, 1, 1}, TensorShape({2, 2}))),
                {"a", "d"}, TensorShape({2}));
  ExpectStrings(GatherNd(Letters(), test::AsTensor<int32_t>({1, 0}, TensorShape({2, 1}))),
                {"c", "d", "a", "b"}, TensorShape({2, 2}));
  ExpectStrings(GatherNd(Letters3d(), test::AsTensor<int64_t>({1}, TensorShape({1, 1}))),
                {"a1", "b1", "c1", "d1"}, TensorShape({1, 2, 2}));
  ExpectStrings(GatherNd(Letters3d(), test::AsTensor<int64_t>({0, 1, 1, 0}, TensorShape({2, 2}))),
                {"c0", "d0", "a1", "b1"}, TensorShape({2, 2}));
  ExpectStrings(
      GatherNd(Letters3d(), test::AsTensor<int64_t>({0, 0, 1, 1, 0, 1}, TensorShape({2, 3}))),
      {"b0", "b1"}, TensorShape({2}));
  // Batched indices: [[[0, 0]], [[0, 1]]] -> [['a'], ['b']].
  ExpectStrings(GatherNd(Letters(), test::AsTensor<int32_t>({0, 0, 0, 1}, TensorShape({2, 1, 2}))),
                {"a", "b"}, TensorShape({2, 1}));
  // A single index vector gives a scalar.
  ExpectStrings(GatherNd(Letters(), test::AsTensor<int32_t>({1, 0})), {"c"}, TensorShape({}));
}

TEST(GatherNdOpTest, DepthZeroCopiesAllOfParams) {
  ExpectStrings(GatherNd(Letters(), Tensor(DT_INT32, TensorShape({2, 0}))),
                {"a", "b", "c", "d", "a", "b", "c", "d"}, TensorShape({2, 2, 2}));
}

TEST(GatherNdOpTest, NumericDtypes) {
  const Tensor params = test::AsTensor<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}));
  auto out = GatherNd(params, test::AsTensor<int32_t>({2, 1, 0, 0, 1, 1}, TensorShape({3, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<float>((*out)[0], test::AsTensor<float>({6, 1, 4}));

  const Tensor wide =
      test::AsTensor<complex128>({{1, 1}, {2, 2}, {3, 3}, {4, 4}}, TensorShape({2, 2}));
  out = GatherNd(wide, test::AsTensor<int64_t>({1}, TensorShape({1, 1})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<complex128>(
      (*out)[0], test::AsTensor<complex128>({{3, 3}, {4, 4}}, TensorShape({1, 2})));

  const Tensor flags = test::AsTensor<bool>({true, false, false, true}, TensorShape({2, 2}));
  out = GatherNd(flags, test::AsTensor<int32_t>({0, 1, 1, 1}, TensorShape({2, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>((*out)[0], test::AsTensor<bool>({false, true}));

  const Tensor halves =
      test::AsTensor<Eigen::half>({Eigen::half(1.f), Eigen::half(2.f), Eigen::half(3.f)});
  out = GatherNd(halves, test::AsTensor<int32_t>({2, 0}, TensorShape({2, 1})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<Eigen::half>(
      (*out)[0], test::AsTensor<Eigen::half>({Eigen::half(3.f), Eigen::half(1.f)}));
}

TEST(GatherNdOpTest, EmptyTensors) {
  auto out = GatherNd(Letters(), Tensor(DT_INT32, TensorShape({0, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0}));
  out = GatherNd(Tensor(DT_FLOAT, TensorShape({3, 0})),
                 test::AsTensor<int32_t>({2, 0}, TensorShape({2, 1})));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({2, 0}));
}

TEST(GatherNdOpTest, Errors) {
  ExpectError(GatherNd(Letters(), test::AsTensor<int32_t>({0, 0, 1, 2}, TensorShape({2, 2}))),
              "indices[1] = [1, 2] does not index into param shape [2,2]");
  ExpectError(GatherNd(Letters(), test::AsTensor<int32_t>({0, 0, -1, 0}, TensorShape({2, 1, 2}))),
              "indices[1,0] = [-1, 0] does not index into param shape [2,2]");
  ExpectError(GatherNd(Letters(), test::AsTensor<int32_t>({0, 0, 0}, TensorShape({1, 3}))),
              "index innermost dimension length must be <= params rank; saw: 3 vs. 2");
  ExpectError(GatherNd(test::AsScalar<float>(1.f), test::AsTensor<int32_t>({0})),
              "params must be at least a vector");
  ExpectError(GatherNd(Letters(), test::AsScalar<int32_t>(0)), "indices must be at least a vector");
  ExpectError(GatherNd(Tensor(DT_FLOAT, TensorShape({0, 3})),
                       test::AsTensor<int32_t>({0}, TensorShape({1, 1}))),
              "indices[0] = [0] does not index into param shape [0,3]");
}

}  // namespace
}  // namespace rill
