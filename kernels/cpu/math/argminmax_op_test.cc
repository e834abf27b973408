// Tests of the CPU ArgMax and ArgMin kernels for every registered dtype and both output
// types: values worked out by hand (ties keep the first index), every axis of a 3-D input,
// NaN, empty shapes, errors, and inputs large enough to be threaded, against plain loops.
#include <cstdint>
#include <limits>
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

absl::StatusOr<Tensor> ArgOp(const std::string& op, const Tensor& input, const Tensor& dimension,
                             DataType output_type) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("arg", op)
                    .Input("input", 0, input.dtype())
                    .Input("dimension", 0, dimension.dtype())
                    .Attr("output_type", output_type)
                    .Finalize(&def));
  ASSIGN_OR_RETURN(std::vector<Tensor> out, test::RunKernel(def, {input, dimension}));
  return out[0];
}

// ReferenceArg returns, for `values` of `shape` and `axis`, the first index along the axis
// of the largest (ArgMax) or smallest value of each slice, row-major over the other dims.
std::vector<int64_t> ReferenceArg(const std::string& op, const std::vector<double>& values,
                                  const TensorShape& shape, int axis) {
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= shape.dim_size(d);
  for (int d = axis + 1; d < shape.dims(); ++d) inner *= shape.dim_size(d);
  const int64_t n = shape.dim_size(axis);
  std::vector<int64_t> out;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t best = 0;
      for (int64_t k = 1; k < n; ++k) {
        const double candidate = values[(o * n + k) * inner + i];
        const double current = values[(o * n + best) * inner + i];
        if (op == "ArgMax" ? candidate > current : candidate < current) best = k;
      }
      out.push_back(best);
    }
  }
  return out;
}

template <typename T>
class ArgMinMaxOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  // Expect checks `op` along `axis` with both output types against `expected`.
  static void Expect(const std::string& op, const Tensor& input, int64_t axis,
                     const std::vector<int64_t>& expected, const TensorShape& out_shape) {
    SCOPED_TRACE(testing::Message() << op << " axis " << axis);
    auto out = ArgOp(op, input, test::AsScalar<int64_t>(axis), DT_INT64);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<int64_t>(*out, test::AsTensor<int64_t>(expected, out_shape));
    out = ArgOp(op, input, test::AsScalar<int32_t>(static_cast<int32_t>(axis)), DT_INT32);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<int32_t>(
        *out,
        test::AsTensor<int32_t>(std::vector<int32_t>(expected.begin(), expected.end()), out_shape));
  }

  // ExpectReference checks both ops along every axis of `values` of `shape`.
  static void ExpectReference(const std::vector<double>& values, const TensorShape& shape) {
    const Tensor input = Values<T>(values, shape);
    for (int axis = 0; axis < shape.dims(); ++axis) {
      TensorShape out_shape = shape;
      out_shape.RemoveDim(axis);
      for (const char* op : {"ArgMax", "ArgMin"}) {
        Expect(op, input, axis, ReferenceArg(op, values, shape, axis), out_shape);
      }
    }
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(ArgMinMaxOpTest, Dtypes);

TYPED_TEST(ArgMinMaxOpTest, ValuesWorkedOutByHand) {
  using T = TypeParam;
  // x = [[1 5 3] [7 2 7]]: row 1's maximum 7 appears twice, and the first index wins.
  const Tensor x = Values<T>({1, 5, 3, 7, 2, 7}, TensorShape({2, 3}));
  this->Expect("ArgMax", x, 1, {1, 0}, TensorShape({2}));
  this->Expect("ArgMax", x, -1, {1, 0}, TensorShape({2}));
  this->Expect("ArgMax", x, 0, {1, 0, 1}, TensorShape({3}));
  this->Expect("ArgMin", x, 1, {0, 1}, TensorShape({2}));
  this->Expect("ArgMin", x, -2, {0, 1, 0}, TensorShape({3}));
  // A vector gives a scalar; all-equal values give 0.
  this->Expect("ArgMax", Values<T>({3, 9, 9, -4}, TensorShape({4})), 0, {1}, TensorShape({}));
  this->Expect("ArgMin", Values<T>({3, 9, 9, -4}, TensorShape({4})), 0, {3}, TensorShape({}));
  this->Expect("ArgMin", Values<T>({2, 2, 2}, TensorShape({3})), 0, {0}, TensorShape({}));
}

TYPED_TEST(ArgMinMaxOpTest, EveryAxisOfThreeDimensions) {
  // Values with many ties: (i * 7) % 5 over a [3,4,5] input.
  std::vector<double> values(60);
  for (int i = 0; i < 60; ++i) values[i] = (i * 7) % 5 - 2;
  this->ExpectReference(values, TensorShape({3, 4, 5}));
  this->ExpectReference(values, TensorShape({1, 60, 1}));
}

TYPED_TEST(ArgMinMaxOpTest, LargeInputsAreThreaded) {
  // Integers below 100 so that every dtype holds them exactly; many ties.
  const TensorShape shape({600, 300});
  std::vector<double> values(shape.num_elements());
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>((i * 7919) % 97);
  this->ExpectReference(values, shape);
  this->ExpectReference(values, TensorShape({20, 300, 30}));
}

TYPED_TEST(ArgMinMaxOpTest, TheFirstNaNWins) {
  using T = TypeParam;
  if constexpr (!std::is_integral_v<T>) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const Tensor x = Values<T>({1, nan, inf, nan, -inf, 2, 3, 4}, TensorShape({2, 4}));
    this->Expect("ArgMax", x, 1, {1, 3}, TensorShape({2}));
    this->Expect("ArgMin", x, 1, {1, 0}, TensorShape({2}));
    this->Expect("ArgMax", x, 0, {0, 0, 0, 0}, TensorShape({4}));
    this->Expect("ArgMin", x, 0, {1, 0, 1, 0}, TensorShape({4}));
  }
}

TYPED_TEST(ArgMinMaxOpTest, EmptyShapesAndErrors) {
  // An empty output is fine; an empty reduced dimension is not.
  const Tensor empty(this->kDtype, TensorShape({0, 3}));
  auto out = ArgOp("ArgMax", empty, test::AsScalar<int32_t>(1), DT_INT64);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->shape(), TensorShape({0}));
  out = ArgOp("ArgMin", empty, test::AsScalar<int32_t>(0), DT_INT64);
  EXPECT_TRUE(absl::IsInvalidArgument(out.status())) << out.status();
  EXPECT_THAT(out.status().message(), HasSubstr("Reduction axis 0 is empty in shape [0,3]"));

  const Tensor x(this->kDtype, TensorShape({2, 3}));
  out = ArgOp("ArgMax", x, test::AsScalar<int32_t>(2), DT_INT64);
  EXPECT_TRUE(absl::IsInvalidArgument(out.status())) << out.status();
  EXPECT_THAT(out.status().message(),
              HasSubstr("Expected dimension in the range [-2, 2), but got 2"));
  out = ArgOp("ArgMin", x, test::AsScalar<int64_t>(-3), DT_INT32);
  EXPECT_THAT(out.status().message(),
              HasSubstr("Expected dimension in the range [-2, 2), but got -3"));
  out = ArgOp("ArgMax", x, test::AsTensor<int32_t>({1}), DT_INT64);
  EXPECT_THAT(out.status().message(), HasSubstr("dimension must be a scalar, but has shape [1]"));
  out =
      ArgOp("ArgMax", Tensor(this->kDtype, TensorShape({})), test::AsScalar<int32_t>(0), DT_INT64);
  EXPECT_THAT(out.status().message(),
              HasSubstr("Expected dimension in the range [0, 0), but got 0"));
}

}  // namespace
}  // namespace rill
