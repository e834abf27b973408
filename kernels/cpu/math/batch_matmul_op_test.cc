// Tests of the CPU BatchMatMulV2 kernel for every registered dtype: a batch worked out by
// hand, adjoints, broadcast batch dimensions, empty shapes, errors, and both threading
// strategies (many small products, few large ones), against plain loops in double.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

template <typename T>
T FromDouble(double value) {
  if constexpr (std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>) {
    return T(static_cast<float>(value));
  } else {
    return static_cast<T>(value);
  }
}

template <typename T>
Tensor Values(const std::vector<double>& values, const TensorShape& shape) {
  std::vector<T> converted;
  for (double value : values) converted.push_back(FromDouble<T>(value));
  return test::AsTensor<T>(converted, shape);
}

tensorflow::NodeDef BatchMatMulNode(DataType dtype, bool adj_x, bool adj_y) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("product", "BatchMatMulV2")
                    .Input("x", 0, dtype)
                    .Input("y", 0, dtype)
                    .Attr("adj_x", adj_x)
                    .Attr("adj_y", adj_y)
                    .Finalize(&def));
  return def;
}

std::vector<double> SmallIntegers(int64_t count, int seed) {
  std::vector<double> values(count);
  for (int64_t i = 0; i < count; ++i) values[i] = static_cast<double>((i * 7 + seed) % 11 - 5);
  return values;
}

// Reference computes BatchMatMulV2 of x and y (shapes as given, row-major values) with
// plain loops: NumPy broadcasting of the batch dims, element by element.
std::vector<double> Reference(const std::vector<double>& x, const TensorShape& x_shape,
                              const std::vector<double>& y, const TensorShape& y_shape,
                              bool adj_x, bool adj_y, TensorShape* out_shape) {
  const int x_rank = x_shape.dims(), y_rank = y_shape.dims();
  const int batch_rank = std::max(x_rank, y_rank) - 2;
  // Batch dims right-aligned, missing ones 1.
  std::vector<int64_t> x_batch(batch_rank, 1), y_batch(batch_rank, 1), batch(batch_rank);
  for (int d = 0; d < x_rank - 2; ++d) x_batch[batch_rank - (x_rank - 2) + d] = x_shape.dim_size(d);
  for (int d = 0; d < y_rank - 2; ++d) y_batch[batch_rank - (y_rank - 2) + d] = y_shape.dim_size(d);
  out_shape->Clear();
  for (int d = 0; d < batch_rank; ++d) {
    batch[d] = std::max(x_batch[d], y_batch[d]);
    out_shape->AddDim(batch[d]);
  }
  const int64_t x_rows = x_shape.dim_size(x_rank - 2), x_cols = x_shape.dim_size(x_rank - 1);
  const int64_t y_rows = y_shape.dim_size(y_rank - 2), y_cols = y_shape.dim_size(y_rank - 1);
  const int64_t m = adj_x ? x_cols : x_rows, k = adj_x ? x_rows : x_cols;
  const int64_t n = adj_y ? y_rows : y_cols;
  out_shape->AddDim(m);
  out_shape->AddDim(n);
  int64_t batch_size = 1;
  for (int64_t size : batch) batch_size *= size;
  std::vector<double> out(batch_size * m * n, 0.0);
  for (int64_t b = 0; b < batch_size; ++b) {
    // Coordinates of b, then the x and y batch elements they read (0 where broadcast).
    int64_t rest = b, x_index = 0, y_index = 0, x_step = 1, y_step = 1;
    for (int d = batch_rank - 1; d >= 0; --d) {
      const int64_t coordinate = rest % batch[d];
      rest /= batch[d];
      x_index += (x_batch[d] == 1 ? 0 : coordinate) * x_step;
      y_index += (y_batch[d] == 1 ? 0 : coordinate) * y_step;
      x_step *= x_batch[d];
      y_step *= y_batch[d];
    }
    const double* xm = x.data() + x_index * x_rows * x_cols;
    const double* ym = y.data() + y_index * y_rows * y_cols;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        double sum = 0;
        for (int64_t p = 0; p < k; ++p) {
          const double xv = adj_x ? xm[p * x_cols + i] : xm[i * x_cols + p];
          const double yv = adj_y ? ym[j * y_cols + p] : ym[p * y_cols + j];
          sum += xv * yv;
        }
        out[(b * m + i) * n + j] = sum;
      }
    }
  }
  return out;
}

template <typename T>
class BatchMatMulOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  // Expect runs the kernel on small-integer inputs of the given shapes and compares with
  // Reference, rounded once to T.
  static void Expect(const TensorShape& x_shape, const TensorShape& y_shape, bool adj_x,
                     bool adj_y) {
    const std::vector<double> x = SmallIntegers(x_shape.num_elements(), 1);
    const std::vector<double> y = SmallIntegers(y_shape.num_elements(), 2);
    TensorShape out_shape;
    const std::vector<double> expected = Reference(x, x_shape, y, y_shape, adj_x, adj_y,
                                                   &out_shape);
    const auto out = test::RunKernel(BatchMatMulNode(kDtype, adj_x, adj_y),
                                     {Values<T>(x, x_shape), Values<T>(y, y_shape)});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>((*out)[0], Values<T>(expected, out_shape));
  }

  static absl::Status Error(const TensorShape& x, const TensorShape& y, bool adj_x = false,
                            bool adj_y = false) {
    return test::RunKernel(BatchMatMulNode(kDtype, adj_x, adj_y),
                           {Tensor(kDtype, x), Tensor(kDtype, y)})
        .status();
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(BatchMatMulOpTest, Dtypes);

TYPED_TEST(BatchMatMulOpTest, BatchWorkedOutByHand) {
  using T = TypeParam;
  // Batch 0: [[1 2] [3 4]] x [[1 0] [0 1]] = [[1 2] [3 4]].
  // Batch 1: [[1 1] [0 1]] x [[2 3] [4 5]] = [[6 8] [4 5]].
  const Tensor x = Values<T>({1, 2, 3, 4, 1, 1, 0, 1}, TensorShape({2, 2, 2}));
  const Tensor y = Values<T>({1, 0, 0, 1, 2, 3, 4, 5}, TensorShape({2, 2, 2}));
  auto out = test::RunKernel(BatchMatMulNode(this->kDtype, false, false), {x, y});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0],
                             Values<T>({1, 2, 3, 4, 6, 8, 4, 5}, TensorShape({2, 2, 2})));
  // adj_x transposes each x: batch 1 becomes [[1 0] [1 1]] x [[2 3] [4 5]] = [[2 3] [6 8]];
  // batch 0 [[1 3] [2 4]].
  out = test::RunKernel(BatchMatMulNode(this->kDtype, true, false), {x, y});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0],
                             Values<T>({1, 3, 2, 4, 2, 3, 6, 8}, TensorShape({2, 2, 2})));
}

TYPED_TEST(BatchMatMulOpTest, AdjointsAndPlainMatrices) {
  for (bool adj_x : {false, true}) {
    for (bool adj_y : {false, true}) {
      SCOPED_TRACE(testing::Message() << "adj_x=" << adj_x << " adj_y=" << adj_y);
      // x' is 4 x 5 and y' is 5 x 6, stored transposed when adjointed.
      const TensorShape x = adj_x ? TensorShape({3, 5, 4}) : TensorShape({3, 4, 5});
      const TensorShape y = adj_y ? TensorShape({3, 6, 5}) : TensorShape({3, 5, 6});
      this->Expect(x, y, adj_x, adj_y);
      this->Expect(TensorShape({4, 4}), TensorShape({4, 4}), adj_x, adj_y);
    }
  }
  this->Expect(TensorShape({2, 3}), TensorShape({3, 4}), false, false);
}

TYPED_TEST(BatchMatMulOpTest, BatchDimsBroadcast) {
  // A plain matrix against a batch, on either side.
  this->Expect(TensorShape({2, 3}), TensorShape({4, 3, 5}), false, false);
  this->Expect(TensorShape({4, 2, 3}), TensorShape({3, 5}), false, false);
  // Size-1 batch dims stretch, on both sides at once, across ranks.
  this->Expect(TensorShape({2, 1, 2, 3}), TensorShape({3, 3, 4}), false, false);
  this->Expect(TensorShape({1, 3, 2, 3}), TensorShape({2, 1, 4, 3}), false, true);
  this->Expect(TensorShape({2, 1, 3, 1, 2, 2}), TensorShape({1, 4, 1, 5, 2, 2}), true, false);
}

TYPED_TEST(BatchMatMulOpTest, ManySmallAndFewLargeProducts) {
  // 64 products of 12 x 10 x 8: sharded across the batch, one thread per product.
  this->Expect(TensorShape({8, 8, 12, 10}), TensorShape({8, 8, 10, 8}), false, false);
  // Two products of 140 x 130 x 120: each threaded inside the contraction.
  this->Expect(TensorShape({2, 140, 130}), TensorShape({120, 130}), false, true);
}

TYPED_TEST(BatchMatMulOpTest, EmptyShapes) {
  using T = TypeParam;
  auto out = test::RunKernel(BatchMatMulNode(this->kDtype, false, false),
                             {Tensor(this->kDtype, TensorShape({0, 2, 3})),
                              Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2, 2}));
  // An empty contracted dimension gives zeros.
  out = test::RunKernel(BatchMatMulNode(this->kDtype, false, false),
                        {Tensor(this->kDtype, TensorShape({2, 1, 0})),
                         Tensor(this->kDtype, TensorShape({1, 0, 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({0, 0, 0, 0}, TensorShape({2, 1, 2})));
}

TYPED_TEST(BatchMatMulOpTest, BadShapesAreInvalidArguments) {
  absl::Status status = this->Error(TensorShape({3}), TensorShape({3, 2}));
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_THAT(status.message(), HasSubstr("In[0] must have rank >= 2, but has shape [3]"));
  status = this->Error(TensorShape({2, 2, 3}), TensorShape({3, 3, 4}));
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_THAT(status.message(),
              HasSubstr("In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. "
                        "[3,3,4]"));
  status = this->Error(TensorShape({2, 2, 3}), TensorShape({2, 4, 5}));
  EXPECT_THAT(status.message(),
              HasSubstr("Matrix size-incompatible: In[0]: [2,2,3], In[1]: [2,4,5]: the "
                        "contracted dimensions have sizes 3 and 4"));
  status = this->Error(TensorShape({2, 2, 3}), TensorShape({2, 3, 4}), true, false);
  EXPECT_THAT(status.message(), HasSubstr("have sizes 2 and 3"));
}

}  // namespace
}  // namespace rill
