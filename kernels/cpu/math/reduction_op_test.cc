// Tests of the CPU reduction kernels (Sum, Mean, Prod, Max, Min, All, Any) for every
// registered dtype: values worked out by hand, axis lists (negative, repeated, none, int64),
// keep_dims, non-adjacent axes (several passes), size-1 and empty dimensions, NaN, errors,
// and inputs large enough to be threaded, against a plain loop over every element.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
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
constexpr bool kIsFloat = !std::is_integral_v<T>;

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

tensorflow::NodeDef ReductionNode(const std::string& op, DataType dtype, DataType index_type,
                                  bool keep_dims) {
  tensorflow::NodeDef def;
  RILL_CHECK_OK(NodeDefBuilder("reduce", op)
                    .Input("input", 0, dtype)
                    .Input("reduction_indices", 0, index_type)
                    .Attr("keep_dims", keep_dims)
                    .Finalize(&def));
  return def;
}

absl::StatusOr<Tensor> Reduce(const std::string& op, const Tensor& input, const Tensor& axes,
                              bool keep_dims = false) {
  ASSIGN_OR_RETURN(
      std::vector<Tensor> out,
      test::RunKernel(ReductionNode(op, input.dtype(), axes.dtype(), keep_dims), {input, axes}));
  return out[0];
}

// ReferenceReduce folds every element of `values` (of `shape`) into its output element
// with `combine`, starting from `init`, in double; Mean divides at the end (truncating
// for integers). Returns the values of the output, whose shape (keep_dims false) it sets.
std::vector<double> ReferenceReduce(const std::string& op, const std::vector<double>& values,
                                    const TensorShape& shape, const std::vector<int>& axes,
                                    bool integer, TensorShape* out_shape) {
  std::vector<bool> reduced(shape.dims(), false);
  for (int axis : axes) reduced[axis < 0 ? axis + shape.dims() : axis] = true;
  out_shape->Clear();
  for (int d = 0; d < shape.dims(); ++d) {
    if (!reduced[d]) out_shape->AddDim(shape.dim_size(d));
  }
  double init = 0;
  std::function<double(double, double)> combine = [](double a, double b) { return a + b; };
  if (op == "Prod") {
    init = 1;
    combine = [](double a, double b) { return a * b; };
  } else if (op == "Max") {
    init = -std::numeric_limits<double>::infinity();
    combine = [](double a, double b) { return std::max(a, b); };
  } else if (op == "Min") {
    init = std::numeric_limits<double>::infinity();
    combine = [](double a, double b) { return std::min(a, b); };
  }
  std::vector<double> out(out_shape->num_elements(), init);
  for (int64_t i = 0; i < shape.num_elements(); ++i) {
    int64_t rest = i, out_index = 0, out_step = 1;
    for (int d = shape.dims() - 1; d >= 0; --d) {
      const int64_t coordinate = rest % shape.dim_size(d);
      rest /= shape.dim_size(d);
      if (!reduced[d]) {
        out_index += coordinate * out_step;
        out_step *= shape.dim_size(d);
      }
    }
    out[out_index] = combine(out[out_index], values[i]);
  }
  if (op == "Mean") {
    const double count = static_cast<double>(shape.num_elements() / out.size());
    for (double& value : out) value = integer ? std::trunc(value / count) : value / count;
  }
  return out;
}

// SmallIntegers returns `count` values in [-5, 5], or for Prod values in {-1, 1, 2} with
// at most a dozen 2s, so that every partial result is exact (and in range) in every dtype.
std::vector<double> SmallIntegers(int64_t count, bool for_prod) {
  std::vector<double> values(count);
  const int64_t stride = std::max<int64_t>(1, count / 12);
  for (int64_t i = 0; i < count; ++i) {
    if (for_prod) {
      values[i] = i % stride == 0 && i / stride < 12 ? 2 : (i % 7 == 3 ? -1 : 1);
    } else {
      values[i] = static_cast<double>((i * 7) % 11 - 5);
    }
  }
  return values;
}

template <typename T>
class ReductionOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  static void Expect(const std::string& op, const Tensor& input, const Tensor& axes,
                     const Tensor& expected, bool keep_dims = false) {
    SCOPED_TRACE(op);
    const auto out = Reduce(op, input, axes, keep_dims);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorNear<T>(*out, expected, 0);
  }

  // ExpectReference reduces small integers of `shape` over `axes` with every op and
  // compares with ReferenceReduce, rounded once to T.
  static void ExpectReference(const TensorShape& shape, const std::vector<int>& axes) {
    SCOPED_TRACE(testing::Message() << "shape " << shape.DebugString());
    const Tensor axes_tensor =
        test::AsTensor<int32_t>(std::vector<int32_t>(axes.begin(), axes.end()));
    for (const char* op : {"Sum", "Mean", "Prod", "Max", "Min"}) {
      const std::vector<double> values =
          SmallIntegers(shape.num_elements(), std::string(op) == "Prod");
      TensorShape out_shape;
      const std::vector<double> expected =
          ReferenceReduce(op, values, shape, axes, std::is_integral_v<T>, &out_shape);
      Expect(op, Values<T>(values, shape), axes_tensor, Values<T>(expected, out_shape));
    }
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(ReductionOpTest, Dtypes);

TYPED_TEST(ReductionOpTest, ValuesWorkedOutByHand) {
  using T = TypeParam;
  // x = [[1 2 3] [4 5 6]].
  const Tensor x = Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  const Tensor rows = test::AsTensor<int32_t>({0});
  const Tensor cols = test::AsScalar<int32_t>(1);
  const Tensor both = test::AsTensor<int64_t>({0, 1});
  this->Expect("Sum", x, rows, Values<T>({5, 7, 9}, TensorShape({3})));
  this->Expect("Sum", x, cols, Values<T>({6, 15}, TensorShape({2})));
  this->Expect("Sum", x, both, Values<T>({21}, TensorShape({})));
  this->Expect("Prod", x, rows, Values<T>({4, 10, 18}, TensorShape({3})));
  this->Expect("Prod", x, cols, Values<T>({6, 120}, TensorShape({2})));
  this->Expect("Prod", x, both, Values<T>({720}, TensorShape({})));
  this->Expect("Max", x, rows, Values<T>({4, 5, 6}, TensorShape({3})));
  this->Expect("Max", x, cols, Values<T>({3, 6}, TensorShape({2})));
  this->Expect("Min", x, rows, Values<T>({1, 2, 3}, TensorShape({3})));
  this->Expect("Min", x, both, Values<T>({1}, TensorShape({})));
  // Mean: (1 + 4) / 2 = 2.5 and so on; integers truncate (2.5 -> 2, 3.5 -> 3).
  this->Expect("Mean", x, cols, Values<T>({2, 5}, TensorShape({2})));
  if constexpr (kIsFloat<T>) {
    this->Expect("Mean", x, rows, Values<T>({2.5, 3.5, 4.5}, TensorShape({3})));
    this->Expect("Mean", x, both, Values<T>({3.5}, TensorShape({})));
  } else {
    this->Expect("Mean", x, rows, Values<T>({2, 3, 4}, TensorShape({3})));
    this->Expect("Mean", x, both, Values<T>({3}, TensorShape({})));
    // Truncation is towards zero: mean(-1, -2) = -1.5 -> -1.
    this->Expect("Mean", Values<T>({-1, -2}, TensorShape({2})), rows,
                 Values<T>({-1}, TensorShape({})));
  }
}

TYPED_TEST(ReductionOpTest, AxisListsAndKeepDims) {
  using T = TypeParam;
  const Tensor x = Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  // Negative axes count from the end; repeats reduce once (as TensorFlow).
  this->Expect("Sum", x, test::AsTensor<int32_t>({-1}), Values<T>({6, 15}, TensorShape({2})));
  this->Expect("Sum", x, test::AsTensor<int64_t>({1, -1, 1}), Values<T>({6, 15}, TensorShape({2})));
  this->Expect("Sum", x, test::AsTensor<int32_t>({-2, 1}), Values<T>({21}, TensorShape({})));
  // No axes: the input itself.
  this->Expect("Sum", x, test::AsTensor<int32_t>({}), x);
  this->Expect("Max", x, test::AsTensor<int64_t>({}), x);
  // keep_dims keeps reduced dims as 1.
  this->Expect("Sum", x, test::AsTensor<int32_t>({1}), Values<T>({6, 15}, TensorShape({2, 1})),
               true);
  this->Expect("Max", x, test::AsTensor<int32_t>({0, 1}), Values<T>({6}, TensorShape({1, 1})),
               true);
  // A scalar reduces over no axes to itself.
  this->Expect("Prod", Values<T>({7}, TensorShape({})), test::AsTensor<int32_t>({}),
               Values<T>({7}, TensorShape({})));
}

TYPED_TEST(ReductionOpTest, NonAdjacentAxesTakeSeveralPasses) {
  using T = TypeParam;
  // x[i,j,k] = 12i + 4j + k over [2,3,4]. Summing over i and k:
  //   sum_{i,k} 12i + 4j + k = 8 * 4j + 4 * 12 + 2 * 6 = 32j + 60 -> [60 92 124].
  std::vector<double> iota(24);
  for (int i = 0; i < 24; ++i) iota[i] = i;
  const Tensor x = Values<T>(iota, TensorShape({2, 3, 4}));
  const Tensor outer_axes = test::AsTensor<int32_t>({0, 2});
  this->Expect("Sum", x, outer_axes, Values<T>({60, 92, 124}, TensorShape({3})));
  this->Expect("Max", x, outer_axes, Values<T>({15, 19, 23}, TensorShape({3})));
  this->Expect("Min", x, outer_axes, Values<T>({0, 4, 8}, TensorShape({3})));
  this->Expect("Sum", x, outer_axes, Values<T>({60, 92, 124}, TensorShape({1, 3, 1})), true);
  // More shapes against the plain loop: alternating runs, size-1 dims in between.
  this->ExpectReference(TensorShape({2, 3, 2, 2}), {0, 2});
  this->ExpectReference(TensorShape({3, 2, 2, 3, 2}), {1, 3});
  this->ExpectReference(TensorShape({2, 1, 3, 1, 2}), {0, 2, 4});
  this->ExpectReference(TensorShape({1, 3, 1, 2}), {0, 2});
  this->ExpectReference(TensorShape({4, 1, 5}), {1});
}

TYPED_TEST(ReductionOpTest, EmptyReductionsGiveTheIdentity) {
  using T = TypeParam;
  const Tensor empty(this->kDtype, TensorShape({0, 3}));
  const Tensor rows = test::AsTensor<int32_t>({0});
  this->Expect("Sum", empty, rows, Values<T>({0, 0, 0}, TensorShape({3})));
  this->Expect("Prod", empty, rows, Values<T>({1, 1, 1}, TensorShape({3})));
  if constexpr (kIsFloat<T>) {
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    this->Expect("Max", empty, rows, Values<T>({-inf, -inf, -inf}, TensorShape({3})));
    this->Expect("Min", empty, rows, Values<T>({inf, inf, inf}, TensorShape({3})));
    this->Expect("Mean", empty, rows, Values<T>({nan, nan, nan}, TensorShape({3})));
  } else {
    const T lowest = std::numeric_limits<T>::lowest();
    const T highest = std::numeric_limits<T>::max();
    this->Expect("Max", empty, rows, test::AsTensor<T>({lowest, lowest, lowest}));
    this->Expect("Min", empty, rows, test::AsTensor<T>({highest, highest, highest}));
    this->Expect("Mean", empty, rows, Values<T>({0, 0, 0}, TensorShape({3})));
  }
  // Reducing the non-empty axis leaves an empty output.
  this->Expect("Sum", empty, test::AsTensor<int32_t>({1}), Tensor(this->kDtype, TensorShape({0})));
  this->Expect("Sum", empty, test::AsTensor<int32_t>({0, 1}), Values<T>({0}, TensorShape({})));
}

TYPED_TEST(ReductionOpTest, LargeInputsAreThreadedAndExact) {
  // One long row (its reduction split in chunks across threads), a column reduction, many
  // rows, and long reduced dimensions with few outputs (split in chunks too).
  this->ExpectReference(TensorShape({1 << 18}), {0});
  this->ExpectReference(TensorShape({4096, 96}), {0});
  this->ExpectReference(TensorShape({512, 1024}), {1});
  this->ExpectReference(TensorShape({2, 70000, 3}), {1});
  this->ExpectReference(TensorShape({40000, 20}), {0});
  this->ExpectReference(TensorShape({3, 700, 5, 40}), {1, 3});
}

TYPED_TEST(ReductionOpTest, NaNPropagatesThroughMaxAndMin) {
  using T = TypeParam;
  if constexpr (kIsFloat<T>) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Tensor x = Values<T>({1, nan, 3, 4, 5, 6}, TensorShape({2, 3}));
    const Tensor cols = test::AsTensor<int32_t>({1});
    this->Expect("Max", x, cols, Values<T>({nan, 6}, TensorShape({2})));
    this->Expect("Min", x, cols, Values<T>({nan, 4}, TensorShape({2})));
    this->Expect("Sum", x, cols, Values<T>({nan, 15}, TensorShape({2})));
    // NaN first in the row, too.
    this->Expect("Max", Values<T>({nan, 1}, TensorShape({2})), test::AsTensor<int32_t>({0}),
                 Values<T>({nan}, TensorShape({})));
  }
}

TYPED_TEST(ReductionOpTest, BadAxesAreInvalidArguments) {
  const Tensor x(this->kDtype, TensorShape({2, 3}));
  for (const char* op : {"Sum", "Mean", "Prod", "Max", "Min"}) {
    auto out = Reduce(op, x, test::AsTensor<int32_t>({5}));
    EXPECT_TRUE(absl::IsInvalidArgument(out.status())) << out.status();
    EXPECT_THAT(out.status().message(),
                HasSubstr("Invalid reduction dimension 5 for input with 2 dimensions"));
    out = Reduce(op, x, test::AsTensor<int64_t>({0, -3}));
    EXPECT_THAT(out.status().message(),
                HasSubstr("Invalid reduction dimension -3 for input with 2 dimensions"));
    out = Reduce(op, x, test::AsTensor<int32_t>({0, 1}, TensorShape({1, 2})));
    EXPECT_THAT(out.status().message(),
                HasSubstr("reduction_indices must be a scalar or a vector, not shape [1,2]"));
  }
}

Tensor Bools(const std::vector<bool>& values, const TensorShape& shape) {
  Tensor tensor(DT_BOOL, shape);
  for (size_t i = 0; i < values.size(); ++i) tensor.flat<bool>()(i) = values[i];
  return tensor;
}

TEST(AllAnyTest, LogicalReductions) {
  // x = [[T F T] [T T T]].
  const Tensor x = Bools({true, false, true, true, true, true}, TensorShape({2, 3}));
  const Tensor cols = test::AsTensor<int32_t>({1});
  const Tensor rows = test::AsTensor<int64_t>({0});
  auto out = Reduce("All", x, cols);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(*out, Bools({false, true}, TensorShape({2})));
  out = Reduce("All", x, rows);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(*out, Bools({true, false, true}, TensorShape({3})));
  out = Reduce("Any", x, rows, true);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(*out, Bools({true, true, true}, TensorShape({1, 3})));
  out = Reduce("Any", Bools({false, false}, TensorShape({2})), rows);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(*out, Bools({false}, TensorShape({})));
  // Empty: All is true, Any is false.
  out = Reduce("All", Tensor(DT_BOOL, TensorShape({0})), rows);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(*out, Bools({true}, TensorShape({})));
  out = Reduce("Any", Tensor(DT_BOOL, TensorShape({0})), rows);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<bool>(*out, Bools({false}, TensorShape({})));
  EXPECT_THAT(Reduce("Any", x, test::AsTensor<int32_t>({2})).status().message(),
              HasSubstr("Invalid reduction dimension 2 for input with 2 dimensions"));
}

TEST(AllAnyTest, LargeInputs) {
  // One false (true) element in 2^20 decides All (Any) of the whole tensor and of its row.
  const int64_t rows = 1024, cols = 1024;
  std::vector<bool> values(rows * cols, true);
  values[rows * cols - 3] = false;
  const Tensor x = Bools(values, TensorShape({rows, cols}));
  auto out = Reduce("All", x, test::AsTensor<int32_t>({0, 1}));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE(out->scalar<bool>()());
  out = Reduce("All", x, test::AsTensor<int32_t>({1}));
  ASSERT_TRUE(out.ok()) << out.status();
  for (int64_t r = 0; r < rows; ++r) EXPECT_EQ(out->flat<bool>()(r), r != rows - 1) << r;
  std::vector<bool> flipped(values.size());
  for (size_t i = 0; i < values.size(); ++i) flipped[i] = !values[i];
  out = Reduce("Any", Bools(flipped, TensorShape({rows, cols})), test::AsTensor<int32_t>({0}));
  ASSERT_TRUE(out.ok()) << out.status();
  for (int64_t c = 0; c < cols; ++c) EXPECT_EQ(out->flat<bool>()(c), c == cols - 3) << c;
}

TEST(ReductionOpCostTest, OnlyLargeInputsAreExpensive) {
  auto runner = test::KernelRunner::Create(ReductionNode("Sum", DT_FLOAT, DT_INT32, false));
  ASSERT_TRUE(runner.ok()) << runner.status();
  ASSERT_TRUE(
      (*runner)->Run({Tensor(DT_FLOAT, TensorShape({0})), test::AsTensor<int32_t>({0})}).ok());
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
  Tensor large(DT_FLOAT, TensorShape({100000}));
  test::FillIota<float>(&large, 0.0f);
  ASSERT_TRUE((*runner)->Run({large, test::AsTensor<int32_t>({0})}).ok());
  EXPECT_TRUE((*runner)->kernel().IsExpensive());
}

}  // namespace
}  // namespace rill
