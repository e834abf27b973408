// Tests of the CPU Cumsum kernel for every registered dtype: values worked out by hand for
// each (exclusive, reverse) combination, every axis, empty shapes, errors, buffer reuse,
// and inputs large enough to be threaded, against a plain loop.
#include <cstdint>
#include <string>
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

tensorflow::NodeDef CumsumNode(DataType dtype, DataType axis_type, bool exclusive, bool reverse) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("cumsum", "Cumsum")
                    .Input("x", 0, dtype)
                    .Input("axis", 0, axis_type)
                    .Attr("exclusive", exclusive)
                    .Attr("reverse", reverse)
                    .Finalize(&def));
  return def;
}

absl::StatusOr<Tensor> Cumsum(const Tensor& x, const Tensor& axis, bool exclusive = false,
                              bool reverse = false) {
  ASSIGN_OR_RETURN(
      std::vector<Tensor> out,
      test::RunKernel(CumsumNode(x.dtype(), axis.dtype(), exclusive, reverse), {x, axis}));
  return out[0];
}

// ReferenceCumsum: the running sums of `values` (of `shape`) along `axis`, in double.
std::vector<double> ReferenceCumsum(const std::vector<double>& values, const TensorShape& shape,
                                    int axis, bool exclusive, bool reverse) {
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= shape.dim_size(d);
  for (int d = axis + 1; d < shape.dims(); ++d) inner *= shape.dim_size(d);
  const int64_t n = shape.dim_size(axis);
  std::vector<double> out(values.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      double sum = 0;
      for (int64_t step = 0; step < n; ++step) {
        const int64_t k = reverse ? n - 1 - step : step;
        const int64_t index = (o * n + k) * inner + i;
        if (exclusive) {
          out[index] = sum;
          sum += values[index];
        } else {
          sum += values[index];
          out[index] = sum;
        }
      }
    }
  }
  return out;
}

template <typename T>
class CumsumOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  static void Expect(const Tensor& x, const Tensor& axis, bool exclusive, bool reverse,
                     const Tensor& expected) {
    SCOPED_TRACE(testing::Message() << "exclusive=" << exclusive << " reverse=" << reverse);
    const auto out = Cumsum(x, axis, exclusive, reverse);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>(*out, expected);
  }

  // ExpectReference checks every axis and flag combination on small integers of `shape`.
  static void ExpectReference(const TensorShape& shape) {
    std::vector<double> values(shape.num_elements());
    for (int64_t i = 0; i < shape.num_elements(); ++i) {
      values[i] = static_cast<double>((i * 7) % 11 - 5);
    }
    for (int axis = 0; axis < shape.dims(); ++axis) {
      for (bool exclusive : {false, true}) {
        for (bool reverse : {false, true}) {
          SCOPED_TRACE(testing::Message() << "axis " << axis);
          Expect(Values<T>(values, shape), test::AsScalar<int32_t>(axis), exclusive, reverse,
                 Values<T>(ReferenceCumsum(values, shape, axis, exclusive, reverse), shape));
        }
      }
    }
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(CumsumOpTest, Dtypes);

TYPED_TEST(CumsumOpTest, FlagsWorkedOutByHand) {
  using T = TypeParam;
  // cumsum([1 2 3 4]) = [1 3 6 10]; exclusive [0 1 3 6]; reverse [10 9 7 4];
  // exclusive and reverse [9 7 4 0].
  const TensorShape shape({4});
  const Tensor x = Values<T>({1, 2, 3, 4}, shape);
  const Tensor axis = test::AsScalar<int32_t>(0);
  this->Expect(x, axis, false, false, Values<T>({1, 3, 6, 10}, shape));
  this->Expect(x, axis, true, false, Values<T>({0, 1, 3, 6}, shape));
  this->Expect(x, axis, false, true, Values<T>({10, 9, 7, 4}, shape));
  this->Expect(x, axis, true, true, Values<T>({9, 7, 4, 0}, shape));
}

TYPED_TEST(CumsumOpTest, AxesWorkedOutByHand) {
  using T = TypeParam;
  // x = [[1 2 3] [4 5 6]]: down the columns [[1 2 3] [5 7 9]], along the rows
  // [[1 3 6] [4 9 15]].
  const TensorShape shape({2, 3});
  const Tensor x = Values<T>({1, 2, 3, 4, 5, 6}, shape);
  this->Expect(x, test::AsScalar<int32_t>(0), false, false, Values<T>({1, 2, 3, 5, 7, 9}, shape));
  this->Expect(x, test::AsScalar<int64_t>(1), false, false, Values<T>({1, 3, 6, 4, 9, 15}, shape));
  this->Expect(x, test::AsScalar<int32_t>(-1), false, false, Values<T>({1, 3, 6, 4, 9, 15}, shape));
  this->Expect(x, test::AsScalar<int64_t>(-2), true, true, Values<T>({4, 5, 6, 0, 0, 0}, shape));
}

TYPED_TEST(CumsumOpTest, EveryAxisAgainstTheLoop) {
  this->ExpectReference(TensorShape({3, 4, 5}));
  this->ExpectReference(TensorShape({1, 7, 1}));
}

TYPED_TEST(CumsumOpTest, LargeInputsAreThreaded) {
  this->ExpectReference(TensorShape({40, 2000}));
  this->ExpectReference(TensorShape({3, 300, 700}));
}

TYPED_TEST(CumsumOpTest, EmptyShapesAndErrors) {
  const Tensor empty(this->kDtype, TensorShape({0, 3}));
  auto out = Cumsum(empty, test::AsScalar<int32_t>(1));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->shape(), TensorShape({0, 3}));

  const Tensor x(this->kDtype, TensorShape({2, 3}));
  out = Cumsum(x, test::AsScalar<int32_t>(2));
  EXPECT_TRUE(absl::IsInvalidArgument(out.status())) << out.status();
  EXPECT_THAT(out.status().message(),
              HasSubstr("ScanOp: Expected scan axis in the range [-2, 2), but got 2"));
  out = Cumsum(x, test::AsScalar<int64_t>(-3));
  EXPECT_THAT(out.status().message(), HasSubstr("in the range [-2, 2), but got -3"));
  out = Cumsum(x, test::AsTensor<int32_t>({0}));
  EXPECT_THAT(out.status().message(), HasSubstr("ScanOp: axis must be a scalar, not [1]"));
  out = Cumsum(Tensor(this->kDtype, TensorShape({})), test::AsScalar<int32_t>(0));
  EXPECT_THAT(out.status().message(), HasSubstr("in the range [0, 0), but got 0"));
}

TYPED_TEST(CumsumOpTest, OutputReusesTheInputBuffer) {
  using T = TypeParam;
  auto runner = test::KernelRunner::Create(CumsumNode(this->kDtype, DT_INT32, false, false));
  ASSERT_TRUE(runner.ok()) << runner.status();
  std::vector<Tensor> inputs;
  inputs.push_back(Values<T>({1, 2, 3}, TensorShape({3})));
  inputs.push_back(test::AsScalar<int32_t>(0));
  const void* buffer = inputs[0].data();
  const auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), buffer);
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({1, 3, 6}, TensorShape({3})));
}

}  // namespace
}  // namespace rill
