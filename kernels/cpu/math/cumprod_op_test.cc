// Tests of the CPU Cumprod kernel (ScanOp with ProdReducer) for every registered dtype:
// values worked out by hand for each (exclusive, reverse) combination and axis, signs
// against a plain loop on every axis (threaded too), integer wrapping and errors.
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
Tensor Values(const std::vector<double>& values, const TensorShape& shape) {
  std::vector<T> converted;
  for (const double value : values) {
    if constexpr (std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>) {
      converted.push_back(T(static_cast<float>(value)));
    } else {
      converted.push_back(static_cast<T>(value));
    }
  }
  return test::AsTensor<T>(converted, shape);
}

absl::StatusOr<Tensor> Cumprod(const Tensor& x, const Tensor& axis, bool exclusive = false,
                               bool reverse = false) {
  tensorflow::NodeDef def;
  RETURN_IF_ERROR(NodeDefBuilder("cumprod", "Cumprod")
                      .Input("x", 0, x.dtype())
                      .Input("axis", 0, axis.dtype())
                      .Attr("exclusive", exclusive)
                      .Attr("reverse", reverse)
                      .Finalize(&def));
  ASSIGN_OR_RETURN(std::vector<Tensor> out, test::RunKernel(def, {x, axis}));
  return out[0];
}

// ReferenceCumprod: the running products of `values` (of `shape`) along `axis`.
std::vector<double> ReferenceCumprod(const std::vector<double>& values, const TensorShape& shape,
                                     int axis, bool exclusive, bool reverse) {
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= shape.dim_size(d);
  for (int d = axis + 1; d < shape.dims(); ++d) inner *= shape.dim_size(d);
  const int64_t n = shape.dim_size(axis);
  std::vector<double> out(values.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      double product = 1;
      for (int64_t step = 0; step < n; ++step) {
        const int64_t k = reverse ? n - 1 - step : step;
        const int64_t index = (o * n + k) * inner + i;
        if (exclusive) {
          out[index] = product;
          product *= values[index];
        } else {
          product *= values[index];
          out[index] = product;
        }
      }
    }
  }
  return out;
}

template <typename T>
class CumprodOpTest : public ::testing::Test {
 protected:
  static void Expect(const Tensor& x, const Tensor& axis, bool exclusive, bool reverse,
                     const Tensor& expected) {
    SCOPED_TRACE(testing::Message() << "exclusive=" << exclusive << " reverse=" << reverse);
    const auto out = Cumprod(x, axis, exclusive, reverse);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>(*out, expected);
  }

  // ExpectReference checks every axis and flag combination on a pattern of 1s and -1s (so
  // that products stay exact) of `shape`.
  static void ExpectReference(const TensorShape& shape) {
    std::vector<double> values(shape.num_elements());
    for (int64_t i = 0; i < shape.num_elements(); ++i) values[i] = (i * 7) % 3 == 0 ? -1 : 1;
    for (int axis = 0; axis < shape.dims(); ++axis) {
      for (bool exclusive : {false, true}) {
        for (bool reverse : {false, true}) {
          SCOPED_TRACE(testing::Message() << "axis " << axis);
          Expect(Values<T>(values, shape), test::AsScalar<int32_t>(axis), exclusive, reverse,
                 Values<T>(ReferenceCumprod(values, shape, axis, exclusive, reverse), shape));
        }
      }
    }
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(CumprodOpTest, Dtypes);

TYPED_TEST(CumprodOpTest, FlagsWorkedOutByHand) {
  using T = TypeParam;
  // cumprod([1 2 3 4]) = [1 2 6 24]; exclusive [1 1 2 6]; reverse [24 24 12 4];
  // exclusive and reverse [24 12 4 1].
  const TensorShape shape({4});
  const Tensor x = Values<T>({1, 2, 3, 4}, shape);
  const Tensor axis = test::AsScalar<int32_t>(0);
  this->Expect(x, axis, false, false, Values<T>({1, 2, 6, 24}, shape));
  this->Expect(x, axis, true, false, Values<T>({1, 1, 2, 6}, shape));
  this->Expect(x, axis, false, true, Values<T>({24, 24, 12, 4}, shape));
  this->Expect(x, axis, true, true, Values<T>({24, 12, 4, 1}, shape));
}

TYPED_TEST(CumprodOpTest, AxesWorkedOutByHand) {
  using T = TypeParam;
  // x = [[1 2 3] [4 5 6]]: down the columns [[1 2 3] [4 10 18]], along the rows
  // [[1 2 6] [4 20 120]]; exclusive and reversed down the columns [[4 5 6] [1 1 1]].
  const TensorShape shape({2, 3});
  const Tensor x = Values<T>({1, 2, 3, 4, 5, 6}, shape);
  this->Expect(x, test::AsScalar<int32_t>(0), false, false, Values<T>({1, 2, 3, 4, 10, 18}, shape));
  this->Expect(x, test::AsScalar<int64_t>(1), false, false,
               Values<T>({1, 2, 6, 4, 20, 120}, shape));
  this->Expect(x, test::AsScalar<int32_t>(-1), false, false,
               Values<T>({1, 2, 6, 4, 20, 120}, shape));
  this->Expect(x, test::AsScalar<int64_t>(-2), true, true, Values<T>({4, 5, 6, 1, 1, 1}, shape));
}

TYPED_TEST(CumprodOpTest, EveryAxisAgainstTheLoop) {
  this->ExpectReference(TensorShape({3, 4, 5}));
  this->ExpectReference(TensorShape({1, 7, 1}));
}

TYPED_TEST(CumprodOpTest, LargeInputsAreThreaded) {
  this->ExpectReference(TensorShape({40, 2000}));
  this->ExpectReference(TensorShape({3, 300, 700}));
}

TYPED_TEST(CumprodOpTest, EmptyShapesAndErrors) {
  constexpr DataType kDtype = DataTypeToEnum<TypeParam>::value;
  auto out = Cumprod(Tensor(kDtype, TensorShape({0, 3})), test::AsScalar<int32_t>(1));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->shape(), TensorShape({0, 3}));

  out = Cumprod(Tensor(kDtype, TensorShape({2, 3})), test::AsScalar<int32_t>(2));
  EXPECT_TRUE(absl::IsInvalidArgument(out.status())) << out.status();
  EXPECT_THAT(out.status().message(),
              HasSubstr("ScanOp: Expected scan axis in the range [-2, 2), but got 2"));
}

TEST(CumprodOpTest, IntegersWrapOnOverflow) {
  // 65536 * 65536 = 2^32 wraps to 0 in int32; in int64 it is 4294967296.
  const auto out32 =
      Cumprod(test::AsTensor<int32_t>({65536, 65536, 3}), test::AsScalar<int32_t>(0));
  ASSERT_TRUE(out32.ok()) << out32.status();
  test::ExpectTensorEqual<int32_t>(*out32, test::AsTensor<int32_t>({65536, 0, 0}));
  const auto out64 =
      Cumprod(test::AsTensor<int64_t>({65536, 65536, 3}), test::AsScalar<int32_t>(0));
  ASSERT_TRUE(out64.ok()) << out64.status();
  test::ExpectTensorEqual<int64_t>(*out64,
                                   test::AsTensor<int64_t>({65536, 4294967296, 12884901888}));
}

}  // namespace
}  // namespace rill
