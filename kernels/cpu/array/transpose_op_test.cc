// Tests of the CPU Transpose kernel: hand-computed small cases on every dtype, large and
// tiled cases against a naive index-by-index reference, buffer sharing when only size-1
// dimensions move, empty tensors and every validation error.
#include <cstdint>
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

tensorflow::NodeDef TransposeNode(DataType dtype, DataType perm_dtype = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("t", "Transpose")
                  .Input("x", 0, dtype)
                  .Input("perm", 0, perm_dtype)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(TransposeOpTest, MatrixOnEveryDtype) {
  // [[0 1 2] [3 4 5]] transposed is [[0 3] [1 4] [2 5]].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const auto out = test::RunKernel(TransposeNode(DataTypeToEnum<T>::value),
                                     {test::Iota<T>(TensorShape({2, 3})),
                                      test::AsTensor<int32_t>({1, 0})});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 3, 1, 4, 2, 5}, TensorShape({3, 2}));
  });
}

TEST(TransposeOpTest, ThreeDimensions) {
  // out[k][i][j] = x[i][j][k] = 12i + 4j + k for x = iota [2,3,4] and perm [2,0,1].
  const auto out = test::RunKernel(TransposeNode(DT_INT32, DT_INT64),
                                   {test::Iota<int32_t>(TensorShape({2, 3, 4})),
                                    test::AsTensor<int64_t>({2, 0, 1})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>(
      (*out)[0], test::AsTensor<int32_t>({0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21,
                                          2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23},
                                         TensorShape({4, 2, 3})));
}

// Reference transposes `x` (float, values = flat index) naively: it walks every output
// index, maps it back to the input index and reads that element.
Tensor Reference(const Tensor& x, const std::vector<int>& perm) {
  const int rank = x.dims();
  std::vector<int64_t> out_dims(rank);
  for (int i = 0; i < rank; ++i) out_dims[i] = x.dim_size(perm[i]);
  Tensor out(DT_FLOAT, TensorShape(out_dims));
  std::vector<int64_t> index(rank, 0);
  for (int64_t n = 0; n < out.NumElements(); ++n) {
    int64_t rest = n;
    for (int i = rank - 1; i >= 0; --i) {
      index[i] = rest % out_dims[i];
      rest /= out_dims[i];
    }
    int64_t source = 0;
    for (int d = 0; d < rank; ++d) {
      int64_t coordinate = 0;
      for (int i = 0; i < rank; ++i) {
        if (perm[i] == d) coordinate = index[i];
      }
      source = source * x.dim_size(d) + coordinate;
    }
    out.flat<float>()(n) = x.flat<float>()(source);
  }
  return out;
}

TEST(TransposeOpTest, LargeAndTiledAgainstReference) {
  const std::vector<std::pair<TensorShape, std::vector<int>>> cases = {
      {TensorShape({64, 96}), {1, 0}},         // Tiled 2-D.
      {TensorShape({33, 70}), {1, 0}},         // Tiled with partial tiles.
      {TensorShape({3, 40, 50}), {0, 2, 1}},   // Tiled inner pair, batched.
      {TensorShape({40, 3, 50}), {2, 1, 0}},   // Tiled across a middle dimension.
      {TensorShape({4, 5, 6, 7}), {3, 1, 0, 2}},
      {TensorShape({2, 3, 4, 5, 6}), {4, 0, 3, 1, 2}},
      {TensorShape({640, 512}), {1, 0}},       // 1.3 MB: sharded over the pool.
      {TensorShape({8, 128, 300}), {2, 0, 1}},  // Sharded, not tiled (no unit-stride read).
  };
  for (const auto& [shape, perm] : cases) {
    Tensor x(DT_FLOAT, shape);
    for (int64_t i = 0; i < x.NumElements(); ++i) x.flat<float>()(i) = static_cast<float>(i);
    const std::vector<int32_t> perm32(perm.begin(), perm.end());
    const auto out =
        test::RunKernel(TransposeNode(DT_FLOAT), {x, test::AsTensor<int32_t>(perm32)});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<float>((*out)[0], Reference(x, perm));
  }
}

TEST(TransposeOpTest, KeepsTheBufferWhenOnlyOnesMove) {
  const Tensor x = test::Iota<double>(TensorShape({1, 3, 1, 4}));
  auto out = test::RunKernel(TransposeNode(DT_DOUBLE), {x, test::AsTensor<int32_t>({2, 1, 0, 3})});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({1, 3, 1, 4}));
  EXPECT_EQ((*out)[0].data(), x.data());
  out = test::RunKernel(TransposeNode(DT_DOUBLE), {x, test::AsTensor<int32_t>({1, 0, 3, 2})});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({3, 1, 4, 1}));
  EXPECT_EQ((*out)[0].data(), x.data());
  // A scalar with the empty permutation.
  const Tensor scalar = test::AsScalar<double>(2.5);
  out = test::RunKernel(TransposeNode(DT_DOUBLE), {scalar, Tensor(DT_INT32, TensorShape({0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<double>((*out)[0], scalar);
}

TEST(TransposeOpTest, EmptyTensor) {
  const auto out = test::RunKernel(TransposeNode(DT_STRING),
                                   {Tensor(DT_STRING, TensorShape({0, 3})),
                                    test::AsTensor<int32_t>({1, 0})});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({3, 0}));
}

TEST(TransposeOpTest, Errors) {
  const Tensor x(DT_FLOAT, TensorShape({2, 3, 4}));
  const auto run = [&x](const Tensor& perm) {
    return test::RunKernel(TransposeNode(DT_FLOAT), {x, perm}).status();
  };
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({1, 0})),
                              "transpose expects a vector of size 3. But input(1) is a vector "
                              "of size 2");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({0, 3, 1})),
                              "perm[1] = 3 is not in [0, 3)");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({0, -1, 1})),
                              "perm[1] = -1 is not in [0, 3)");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({2, 0, 2})),
                              "perm {2,0,2} is not a permutation: 2 appears more than once");
  test::ExpectInvalidArgument(run(test::AsTensor<int32_t>({0, 1, 2}, TensorShape({1, 3}))),
                              "perm must be a vector, not [1,3]");
}

}  // namespace
}  // namespace rill
