// Tests of the CPU ConcatV2 and Pack kernels: hand-computed results on every dtype, every
// axis (negative ones too), empty inputs, a large sharded case against a reference, and each
// validation error.
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

tensorflow::NodeDef ConcatNode(int n, DataType dtype, DataType axis_dtype = DT_INT32) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("c", "ConcatV2")
                  .Input(std::vector<NodeDefBuilder::NodeOut>(n, {"x", 0, dtype}))
                  .Input("axis", 0, axis_dtype)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(ConcatV2OpTest, ColumnsOnEveryDtype) {
  // [[0 1] [2 3]] ++ [[10 11 12] [13 14 15]] along axis 1 (and -1).
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const Tensor a = test::Iota<T>(TensorShape({2, 2}));
    const Tensor b = test::Encoded<T>({10, 11, 12, 13, 14, 15}, TensorShape({2, 3}));
    for (const int32_t axis : {1, -1}) {
      const auto out = test::RunKernel(ConcatNode(2, DataTypeToEnum<T>::value),
                                       {a, b, test::AsScalar<int32_t>(axis)});
      ASSERT_TRUE(out.ok()) << out.status();
      test::ExpectEncoded<T>((*out)[0], {0, 1, 10, 11, 12, 2, 3, 13, 14, 15},
                             TensorShape({2, 5}));
    }
  });
}

TEST(ConcatV2OpTest, RowsWithEmptyInputs) {
  const Tensor a = test::Iota<int64_t>(TensorShape({1, 2}));
  const Tensor empty(DT_INT64, TensorShape({0, 2}));
  const Tensor b = test::Encoded<int64_t>({7, 8, 9, 10}, TensorShape({2, 2}));
  const auto out = test::RunKernel(ConcatNode(3, DT_INT64, DT_INT64),
                                   {a, empty, b, test::AsScalar<int64_t>(0)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectEncoded<int64_t>((*out)[0], {0, 1, 7, 8, 9, 10}, TensorShape({3, 2}));

  const auto none = test::RunKernel(ConcatNode(2, DT_FLOAT),
                                    {Tensor(DT_FLOAT, TensorShape({0, 3})),
                                     Tensor(DT_FLOAT, TensorShape({0, 4})),
                                     test::AsScalar<int32_t>(1)});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ((*none)[0].shape(), TensorShape({0, 7}));
}

TEST(ConcatV2OpTest, LargeMiddleAxisAgainstReference) {
  // Along axis 1 of [40, m, 100]: out[i][j][k] is a[i][j][k] for j < 30, else b[i][j-30][k].
  Tensor a(DT_FLOAT, TensorShape({40, 30, 100}));
  Tensor b(DT_FLOAT, TensorShape({40, 50, 100}));
  for (int64_t i = 0; i < a.NumElements(); ++i) a.flat<float>()(i) = static_cast<float>(i);
  for (int64_t i = 0; i < b.NumElements(); ++i) b.flat<float>()(i) = -static_cast<float>(i);
  const auto out = test::RunKernel(ConcatNode(2, DT_FLOAT), {a, b, test::AsScalar<int32_t>(1)});
  ASSERT_TRUE(out.ok()) << out.status();
  Tensor expected(DT_FLOAT, TensorShape({40, 80, 100}));
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 80; ++j) {
      for (int k = 0; k < 100; ++k) {
        expected.tensor<float, 3>()(i, j, k) =
            j < 30 ? a.tensor<float, 3>()(i, j, k) : b.tensor<float, 3>()(i, j - 30, k);
      }
    }
  }
  test::ExpectTensorEqual<float>((*out)[0], expected);
}

TEST(ConcatV2OpTest, Errors) {
  const auto run = [](const Tensor& a, const Tensor& b, const Tensor& axis) {
    return test::RunKernel(ConcatNode(2, DT_FLOAT), {a, b, axis}).status();
  };
  const Tensor m(DT_FLOAT, TensorShape({2, 3}));
  test::ExpectInvalidArgument(run(m, Tensor(DT_FLOAT, TensorShape({3})),
                                  test::AsScalar<int32_t>(0)),
                              "ConcatOp : Ranks of all input tensors should match: shape[0] = "
                              "[2,3] vs. shape[1] = [3]");
  test::ExpectInvalidArgument(run(m, Tensor(DT_FLOAT, TensorShape({2, 4})),
                                  test::AsScalar<int32_t>(0)),
                              "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = "
                              "[2,3] vs. shape[1] = [2,4]");
  test::ExpectInvalidArgument(run(m, m, test::AsScalar<int32_t>(2)),
                              "ConcatOp : Expected concatenating dimensions in the range [-2, "
                              "2), but got 2");
  test::ExpectInvalidArgument(run(m, m, test::AsScalar<int32_t>(-3)),
                              "ConcatOp : Expected concatenating dimensions in the range [-2, "
                              "2), but got -3");
  test::ExpectInvalidArgument(run(m, m, test::AsTensor<int32_t>({0})),
                              "Concat dim tensor should be a scalar, but got shape [1]");
  test::ExpectInvalidArgument(
      run(test::AsScalar<float>(1), test::AsScalar<float>(2), test::AsScalar<int32_t>(0)),
      "ConcatOp : Expected concatenating dimensions in the range [0, 0), but got 0");
}

TEST(ConcatV2OpTest, SmallCopiesRunInline) {
  const auto runner = test::KernelRunner::Create(ConcatNode(2, DT_FLOAT));
  ASSERT_TRUE(runner.ok()) << runner.status();
  const auto run = [&runner](int64_t rows) {
    const Tensor x(DT_FLOAT, TensorShape({rows, 4}));
    ASSERT_TRUE((*runner)->Run({x, x, test::AsScalar<int32_t>(0)}).ok());
  };
  run(2);
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
  run(10000);  // 320 KB of output.
  EXPECT_TRUE((*runner)->kernel().IsExpensive());
  run(2);
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

tensorflow::NodeDef PackNode(int n, DataType dtype, int64_t axis) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("p", "Pack")
                  .Input(std::vector<NodeDefBuilder::NodeOut>(n, {"x", 0, dtype}))
                  .Attr("axis", axis)
                  .Finalize(&def)
                  .ok());
  return def;
}

TEST(PackOpTest, EveryAxisOnEveryDtype) {
  // a = [[0 1 2] [3 4 5]], b = [[10 11 12] [13 14 15]].
  test::ForEachMovementType([](auto tag) {
    using T = typename decltype(tag)::type;
    const DataType dtype = DataTypeToEnum<T>::value;
    const Tensor a = test::Iota<T>(TensorShape({2, 3}));
    const Tensor b = test::Encoded<T>({10, 11, 12, 13, 14, 15}, TensorShape({2, 3}));
    auto out = test::RunKernel(PackNode(2, dtype, 0), {a, b});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15},
                           TensorShape({2, 2, 3}));
    out = test::RunKernel(PackNode(2, dtype, 1), {a, b});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectEncoded<T>((*out)[0], {0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15},
                           TensorShape({2, 2, 3}));
    for (const int64_t axis : {2, -1}) {
      out = test::RunKernel(PackNode(2, dtype, axis), {a, b});
      ASSERT_TRUE(out.ok()) << out.status();
      test::ExpectEncoded<T>((*out)[0], {0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15},
                             TensorShape({2, 3, 2}));
    }
  });
}

TEST(PackOpTest, ScalarsEmptyAndSingleInput) {
  auto out = test::RunKernel(PackNode(3, DT_INT32, 0), {test::AsScalar<int32_t>(5),
                                                        test::AsScalar<int32_t>(7),
                                                        test::AsScalar<int32_t>(9)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({5, 7, 9}));

  out = test::RunKernel(PackNode(2, DT_INT32, 1), {Tensor(DT_INT32, TensorShape({0})),
                                                   Tensor(DT_INT32, TensorShape({0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));

  const Tensor x = test::Iota<int32_t>(TensorShape({2, 2}));
  out = test::RunKernel(PackNode(1, DT_INT32, 1), {x});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectEncoded<int32_t>((*out)[0], {0, 1, 2, 3}, TensorShape({2, 1, 2}));
  EXPECT_EQ((*out)[0].data(), x.data());
}

TEST(PackOpTest, Errors) {
  const Tensor a(DT_FLOAT, TensorShape({2}));
  test::ExpectInvalidArgument(
      test::RunKernel(PackNode(2, DT_FLOAT, 0), {a, Tensor(DT_FLOAT, TensorShape({3}))})
          .status(),
      "Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = [3]");
  test::ExpectInvalidArgument(test::RunKernel(PackNode(2, DT_FLOAT, 2), {a, a}).status(),
                              "axis = 2 not in [-2, 2)");
  test::ExpectInvalidArgument(test::RunKernel(PackNode(2, DT_FLOAT, -3), {a, a}).status(),
                              "axis = -3 not in [-2, 2)");
}

}  // namespace
}  // namespace rill
