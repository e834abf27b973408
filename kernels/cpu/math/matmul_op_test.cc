// Tests of the CPU MatMul kernel for every registered dtype: a product worked out by hand,
// all four transpose combinations, empty and degenerate shapes, the errors, and products
// large enough to be threaded, checked against a plain triple loop in double.
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/tensor_types.h"
#include "core/framework/types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

using ::testing::HasSubstr;

// FromDouble converts an exactly representable value to T.
template <typename T>
T FromDouble(double value) {
  if constexpr (std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>) {
    return T(static_cast<float>(value));
  } else {
    return static_cast<T>(value);
  }
}

template <typename T>
Tensor Matrix(const std::vector<double>& values, int64_t rows, int64_t cols) {
  std::vector<T> converted;
  for (double value : values) converted.push_back(FromDouble<T>(value));
  return test::AsTensor<T>(converted, TensorShape({rows, cols}));
}

tensorflow::NodeDef MatMulNode(DataType dtype, bool transpose_a, bool transpose_b) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("product", "MatMul")
                    .Input("a", 0, dtype)
                    .Input("b", 0, dtype)
                    .Attr("transpose_a", transpose_a)
                    .Attr("transpose_b", transpose_b)
                    .Finalize(&def));
  return def;
}

// Transposed returns the row-major values of the transpose of a rows x cols matrix.
std::vector<double> Transposed(const std::vector<double>& values, int64_t rows, int64_t cols) {
  std::vector<double> result(values.size());
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) result[c * rows + r] = values[r * cols + c];
  }
  return result;
}

// Product multiplies row-major matrices a (m x k) and b (k x n) with a triple loop.
std::vector<double> Product(const std::vector<double>& a, const std::vector<double>& b, int64_t m,
                            int64_t k, int64_t n) {
  std::vector<double> result(m * n, 0.0);
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      for (int64_t p = 0; p < k; ++p) result[i * n + j] += a[i * k + p] * b[p * n + j];
    }
  }
  return result;
}

// SmallIntegers returns `count` values in [-5, 5], so that products and their sums stay
// exact in every dtype's arithmetic.
std::vector<double> SmallIntegers(int64_t count, int seed) {
  std::vector<double> values(count);
  for (int64_t i = 0; i < count; ++i) values[i] = static_cast<double>((i * 7 + seed) % 11 - 5);
  return values;
}

template <typename T>
class MatMulOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  // Expect multiplies a (m x k) by b (k x n), passing them stored transposed when asked,
  // and compares the result with the triple loop's, rounded once to T.
  static void Expect(const std::vector<double>& a, const std::vector<double>& b, int64_t m,
                     int64_t k, int64_t n, bool transpose_a, bool transpose_b) {
    const Tensor a_in = transpose_a ? Matrix<T>(Transposed(a, m, k), k, m) : Matrix<T>(a, m, k);
    const Tensor b_in = transpose_b ? Matrix<T>(Transposed(b, k, n), n, k) : Matrix<T>(b, k, n);
    const auto out = test::RunKernel(MatMulNode(kDtype, transpose_a, transpose_b), {a_in, b_in});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>((*out)[0], Matrix<T>(Product(a, b, m, k, n), m, n));
  }

  static absl::Status Error(const TensorShape& a, const TensorShape& b, bool transpose_a,
                            bool transpose_b) {
    return test::RunKernel(MatMulNode(kDtype, transpose_a, transpose_b),
                           {Tensor(kDtype, a), Tensor(kDtype, b)})
        .status();
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(MatMulOpTest, Dtypes);

TYPED_TEST(MatMulOpTest, ProductWorkedOutByHand) {
  using T = TypeParam;
  // [[1 2 3] [4 5 6]] x [[7 8] [9 10] [11 12]]:
  //   1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64,
  //   4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10 + 6*12 = 154.
  const Tensor a = Matrix<T>({1, 2, 3, 4, 5, 6}, 2, 3);
  const Tensor b = Matrix<T>({7, 8, 9, 10, 11, 12}, 3, 2);
  const auto out = test::RunKernel(MatMulNode(this->kDtype, false, false), {a, b});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Matrix<T>({58, 64, 139, 154}, 2, 2));
  // The same product with both operands stored transposed.
  const Tensor a_t = Matrix<T>({1, 4, 2, 5, 3, 6}, 3, 2);
  const Tensor b_t = Matrix<T>({7, 9, 11, 8, 10, 12}, 2, 3);
  const auto out_t = test::RunKernel(MatMulNode(this->kDtype, true, true), {a_t, b_t});
  ASSERT_TRUE(out_t.ok()) << out_t.status();
  test::ExpectTensorEqual<T>((*out_t)[0], Matrix<T>({58, 64, 139, 154}, 2, 2));
}

TYPED_TEST(MatMulOpTest, EveryTransposeCombination) {
  const std::vector<double> a = SmallIntegers(4 * 5, 1);
  const std::vector<double> b = SmallIntegers(5 * 3, 2);
  for (bool transpose_a : {false, true}) {
    for (bool transpose_b : {false, true}) {
      SCOPED_TRACE(testing::Message()
                   << "transpose_a=" << transpose_a << " transpose_b=" << transpose_b);
      this->Expect(a, b, 4, 5, 3, transpose_a, transpose_b);
    }
  }
}

TYPED_TEST(MatMulOpTest, VectorShapedProducts) {
  // Row times column, column times row, and matrix times column.
  this->Expect({1, 2, 3}, {4, 5, 6}, 1, 3, 1, false, false);
  this->Expect({1, 2, 3}, {4, 5, 6}, 3, 1, 3, false, false);
  this->Expect(SmallIntegers(12, 3), {1, -1, 2, -2}, 3, 4, 1, false, false);
  this->Expect({5}, {-3}, 1, 1, 1, true, true);
}

TYPED_TEST(MatMulOpTest, LargeProductsAreThreadedAndExact) {
  // 96 x 200 x 160 is 3M multiply-adds: the contraction splits it over the pool's threads.
  // The sums are exact in float; the 16-bit types round that exact value once, as the
  // reference does.
  const int64_t m = 96, k = 200, n = 160;
  const std::vector<double> a = SmallIntegers(m * k, 4);
  const std::vector<double> b = SmallIntegers(k * n, 5);
  for (bool transpose_a : {false, true}) {
    for (bool transpose_b : {false, true}) {
      SCOPED_TRACE(testing::Message()
                   << "transpose_a=" << transpose_a << " transpose_b=" << transpose_b);
      this->Expect(a, b, m, k, n, transpose_a, transpose_b);
    }
  }
}

TYPED_TEST(MatMulOpTest, MidSizeProductsOnTheCallingThread) {
  // 24 x 40 x 32 is 30720 multiply-adds, below kSequentialGemmWork: Eigen's matrix GEMM
  // computes it on the calling thread, every transpose combination.
  const int64_t m = 24, k = 40, n = 32;
  const std::vector<double> a = SmallIntegers(m * k, 6);
  const std::vector<double> b = SmallIntegers(k * n, 7);
  for (bool transpose_a : {false, true}) {
    for (bool transpose_b : {false, true}) {
      SCOPED_TRACE(testing::Message()
                   << "transpose_a=" << transpose_a << " transpose_b=" << transpose_b);
      this->Expect(a, b, m, k, n, transpose_a, transpose_b);
    }
  }
}

// Contracted is op(a) * op(b) by Eigen's tensor contraction on one thread, the path
// MatMul takes for products above kSequentialGemmWork.
Tensor Contracted(const Tensor& a, bool transpose_a, const Tensor& b, bool transpose_b) {
  using ConstMatrix = TTypes<float>::UnalignedConstMatrix;
  const ConstMatrix ma(a.flat<float>().data(), a.dim_size(0), a.dim_size(1));
  const ConstMatrix mb(b.flat<float>().data(), b.dim_size(0), b.dim_size(1));
  Tensor out(DT_FLOAT, TensorShape({a.dim_size(transpose_a ? 1 : 0),
                                    b.dim_size(transpose_b ? 0 : 1)}));
  TTypes<float>::UnalignedMatrix mout(out.flat<float>().data(), out.dim_size(0),
                                      out.dim_size(1));
  Eigen::array<Eigen::IndexPair<Eigen::DenseIndex>, 1> contracted = {
      Eigen::IndexPair<Eigen::DenseIndex>(transpose_a ? 0 : 1, transpose_b ? 1 : 0)};
  mout = ma.contract(mb, contracted);
  return out;
}

// Fractions is a [rows, cols] float matrix of non-integer values in [-1, 1), whose
// products round: only a computation in the same order gives the same bits.
Tensor Fractions(int64_t rows, int64_t cols, uint32_t seed) {
  Tensor t(DT_FLOAT, TensorShape({rows, cols}));
  uint32_t state = seed;
  for (int64_t i = 0; i < rows * cols; ++i) {
    state = state * 1664525u + 1013904223u;
    t.flat<float>()(i) = static_cast<float>(state >> 8) / static_cast<float>(1 << 23) - 1.0f;
  }
  return t;
}

TEST(MatMulOpGemmTest, CallingThreadGemmGivesTheContractionsBits) {
  // word2vec's products (nce_loss's logits and their two gradients) and a wider one.
  struct Case {
    int64_t a_rows, a_cols, b_rows, b_cols;
    bool transpose_a, transpose_b;
  };
  for (const Case& c : {Case{128, 128, 64, 128, false, true}, Case{128, 64, 64, 128, false, false},
                        Case{128, 64, 128, 128, true, false}, Case{30, 300, 20, 300, false, true},
                        Case{7, 5, 9, 7, true, true}}) {
    SCOPED_TRACE(testing::Message() << "a [" << c.a_rows << "," << c.a_cols << "] b ["
                                    << c.b_rows << "," << c.b_cols << "]");
    const Tensor a = Fractions(c.a_rows, c.a_cols, 1);
    const Tensor b = Fractions(c.b_rows, c.b_cols, 2);
    const auto out =
        test::RunKernel(MatMulNode(DT_FLOAT, c.transpose_a, c.transpose_b), {a, b});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<float>((*out)[0], Contracted(a, c.transpose_a, b, c.transpose_b));
  }
}

TYPED_TEST(MatMulOpTest, EmptyShapes) {
  using T = TypeParam;
  // No rows or no columns: an empty product.
  auto out = test::RunKernel(
      MatMulNode(this->kDtype, false, false),
      {Tensor(this->kDtype, TensorShape({0, 3})), Matrix<T>({1, 2, 3, 4, 5, 6}, 3, 2)});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));
  out = test::RunKernel(MatMulNode(this->kDtype, false, false),
                        {Matrix<T>({1, 2, 3}, 1, 3), Tensor(this->kDtype, TensorShape({3, 0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({1, 0}));
  // An empty inner dimension: every element is an empty sum, 0.
  out = test::RunKernel(
      MatMulNode(this->kDtype, false, true),
      {Tensor(this->kDtype, TensorShape({2, 0})), Tensor(this->kDtype, TensorShape({3, 0}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Matrix<T>({0, 0, 0, 0, 0, 0}, 2, 3));
}

TYPED_TEST(MatMulOpTest, BadShapesAreInvalidArguments) {
  absl::Status status = this->Error(TensorShape({3}), TensorShape({3, 2}), false, false);
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("In[0] is not a matrix. Instead it has shape [3]"));
  status = this->Error(TensorShape({2, 3}), TensorShape({2, 3, 4}), false, false);
  EXPECT_THAT(status.message(), HasSubstr("In[1] is not a matrix. Instead it has shape [2,3,4]"));
  // The example, as the kernel sees it when shapes were unknown at graph time.
  status = this->Error(TensorShape({2, 3}), TensorShape({4, 5}), false, false);
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_THAT(status.message(),
              HasSubstr("Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]: the contracted "
                        "dimensions have sizes 3 and 4"));
  // With transposes, the contracted dimensions are the other ones.
  status = this->Error(TensorShape({2, 3}), TensorShape({3, 4}), true, false);
  EXPECT_THAT(status.message(), HasSubstr("have sizes 2 and 3"));
  status = this->Error(TensorShape({2, 3}), TensorShape({3, 4}), false, true);
  EXPECT_THAT(status.message(), HasSubstr("have sizes 3 and 4"));
}

TEST(MatMulOpCostTest, OnlyLargeProductsAreExpensive) {
  auto runner = test::KernelRunner::Create(MatMulNode(DT_FLOAT, false, false));
  ASSERT_TRUE(runner.ok()) << runner.status();
  // 2 x 2 x 2 multiply-adds run inline in the executor; 64 x 64 x 64 go to the pool.
  ASSERT_TRUE(
      (*runner)->Run({Matrix<float>({1, 2, 3, 4}, 2, 2), Matrix<float>({1, 0, 0, 1}, 2, 2)}).ok());
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
  const std::vector<double> values = SmallIntegers(64 * 64, 0);
  ASSERT_TRUE((*runner)->Run({Matrix<float>(values, 64, 64), Matrix<float>(values, 64, 64)}).ok());
  EXPECT_TRUE((*runner)->kernel().IsExpensive());
}

}  // namespace
}  // namespace rill
