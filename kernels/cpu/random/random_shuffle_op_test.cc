// Tests of the CPU RandomShuffle kernel: TensorFlow's permutations of vectors, matrices and
// strings, call after call, and the pass-through of tensors with fewer than two rows.
//
// Expected permutations: kernels/cpu/random/testdata/random_kernels_reference.py, section
// "== random_shuffle_op_test".
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

std::unique_ptr<test::KernelRunner> Shuffler(DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", "RandomShuffle")
                  .Input("value", 0, dtype)
                  .Attr("seed", 5)
                  .Attr("seed2", 7)
                  .Finalize(&def)
                  .ok());
  auto runner = test::KernelRunner::Create(def);
  EXPECT_TRUE(runner.ok()) << runner.status();
  return std::move(*runner);
}

Tensor Shuffle(test::KernelRunner& runner, const Tensor& value) {
  absl::StatusOr<std::vector<Tensor>> out = runner.Run({value});
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? (*out)[0] : Tensor();
}

Tensor Iota(int32_t n) {
  std::vector<int32_t> values(n);
  for (int32_t i = 0; i < n; ++i) values[i] = i;
  return test::AsTensor<int32_t>(values);
}

TEST(RandomShuffleOpTest, VectorCallAfterCall) {
  auto runner = Shuffler(DT_INT32);
  // shuffle 10 (5, 7) call 1 / call 2
  test::ExpectTensorEqual<int32_t>(Shuffle(*runner, Iota(10)),
                                   test::AsTensor<int32_t>({0, 2, 9, 4, 5, 6, 3, 7, 8, 1}));
  test::ExpectTensorEqual<int32_t>(Shuffle(*runner, Iota(10)),
                                   test::AsTensor<int32_t>({9, 5, 6, 8, 4, 3, 1, 2, 0, 7}));
}

TEST(RandomShuffleOpTest, MatrixRowsMoveTogether) {
  // shuffle 5 (5, 7) = [0, 4, 3, 2, 1]
  auto runner = Shuffler(DT_FLOAT);
  const Tensor matrix =
      test::AsTensor<float>({0, 1, 10, 11, 20, 21, 30, 31, 40, 41}, TensorShape({5, 2}));
  test::ExpectTensorEqual<float>(
      Shuffle(*runner, matrix),
      test::AsTensor<float>({0, 1, 40, 41, 30, 31, 20, 21, 10, 11}, TensorShape({5, 2})));
}

TEST(RandomShuffleOpTest, Strings) {
  auto runner = Shuffler(DT_STRING);
  test::ExpectTensorEqual<std::string>(
      Shuffle(*runner, test::AsTensor<std::string>({"a", "b", "c", "d", "e"})),
      test::AsTensor<std::string>({"a", "e", "d", "c", "b"}));
}

TEST(RandomShuffleOpTest, FewerThanTwoRowsPassThroughWithoutDrawing) {
  auto runner = Shuffler(DT_INT32);
  const Tensor scalar = test::AsScalar<int32_t>(7);
  test::ExpectTensorEqual<int32_t>(Shuffle(*runner, scalar), scalar);
  const Tensor one_row = test::AsTensor<int32_t>({1, 2, 3}, TensorShape({1, 3}));
  test::ExpectTensorEqual<int32_t>(Shuffle(*runner, one_row), one_row);
  const Tensor empty(DT_INT32, TensorShape({4, 0}));
  EXPECT_EQ(Shuffle(*runner, empty).shape(), TensorShape({4, 0}));
  // Nothing was drawn: the stream is still at the first call's position.
  test::ExpectTensorEqual<int32_t>(Shuffle(*runner, Iota(10)),
                                   test::AsTensor<int32_t>({0, 2, 9, 4, 5, 6, 3, 7, 8, 1}));
}

}  // namespace
}  // namespace rill
