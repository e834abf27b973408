// Tests of the CPU Add, Mul and Pow kernels (BinaryOp) for every registered dtype: equal
// shapes, scalar and general broadcasting, empty tensors, errors, buffer reuse and the
// threaded path. Expected values are worked out by hand in the comments.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

tensorflow::NodeDef BinaryNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(
      NodeDefBuilder("z", op).Input("x", 0, dtype).Input("y", 0, dtype).Finalize(&def).ok());
  return def;
}

// Values builds a tensor of T from small integers, exact in every tested dtype.
template <typename T>
Tensor Values(const std::vector<int>& values, const TensorShape& shape) {
  std::vector<T> converted(values.begin(), values.end());
  return test::AsTensor<T>(converted, shape);
}

template <typename T>
class BinaryOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  // Expect runs `op` on x and y and checks the result against `expected`.
  static void Expect(const std::string& op, const Tensor& x, const Tensor& y,
                     const Tensor& expected) {
    const auto out = test::RunKernel(BinaryNode(op, kDtype), {x, y});
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>((*out)[0], expected);
  }

  static absl::Status Error(const std::string& op, const Tensor& x, const Tensor& y) {
    return test::RunKernel(BinaryNode(op, kDtype), {x, y}).status();
  }
};

using Dtypes = ::testing::Types<int32_t, int64_t, float, double>;
TYPED_TEST_SUITE(BinaryOpTest, Dtypes);

TYPED_TEST(BinaryOpTest, ScalarsGiveTheLectureAnswers) {
  using T = TypeParam;
  const TensorShape scalar;
  // Add(3, 5) = 8.
  this->Expect("Add", Values<T>({3}, scalar), Values<T>({5}, scalar), Values<T>({8}, scalar));
  // x = 2, y = 3: Mul(x, y) = 6, Add(x, y) = 5, Pow(6, 5) = 7776.
  this->Expect("Mul", Values<T>({2}, scalar), Values<T>({3}, scalar), Values<T>({6}, scalar));
  this->Expect("Pow", Values<T>({6}, scalar), Values<T>({5}, scalar),
               Values<T>({7776}, scalar));
  // Pow(add_op, mul_op) with x = 2, y = 3: Pow(5, 6) = 15625.
  this->Expect("Pow", Values<T>({5}, scalar), Values<T>({6}, scalar),
               Values<T>({15625}, scalar));
}

TYPED_TEST(BinaryOpTest, EqualShapesComputeElementWise) {
  using T = TypeParam;
  const TensorShape shape({2, 2});
  // [[1 2] [3 4]] + [[10 20] [30 40]] = [[11 22] [33 44]].
  this->Expect("Add", Values<T>({1, 2, 3, 4}, shape), Values<T>({10, 20, 30, 40}, shape),
               Values<T>({11, 22, 33, 44}, shape));
  // [[1 2] [3 4]] * [[5 6] [7 8]] = [[5 12] [21 32]].
  this->Expect("Mul", Values<T>({1, 2, 3, 4}, shape), Values<T>({5, 6, 7, 8}, shape),
               Values<T>({5, 12, 21, 32}, shape));
  // [[2 3] [-2 0]] ^ [[3 2] [3 0]] = [[8 9] [-8 1]] (0^0 = 1).
  this->Expect("Pow", Values<T>({2, 3, -2, 0}, shape), Values<T>({3, 2, 3, 0}, shape),
               Values<T>({8, 9, -8, 1}, shape));
}

TYPED_TEST(BinaryOpTest, OneElementBroadcastsOnEitherSide) {
  using T = TypeParam;
  const TensorShape scalar;
  const TensorShape vector({3});
  // [1 2 3] + 5 = [6 7 8] (the lecture's placeholder example, with the sides swapped too).
  this->Expect("Add", Values<T>({1, 2, 3}, vector), Values<T>({5}, scalar),
               Values<T>({6, 7, 8}, vector));
  this->Expect("Add", Values<T>({5}, scalar), Values<T>({1, 2, 3}, vector),
               Values<T>({6, 7, 8}, vector));
  // [1 2 3] * 2 = [2 4 6].
  this->Expect("Mul", Values<T>({1, 2, 3}, vector), Values<T>({2}, scalar),
               Values<T>({2, 4, 6}, vector));
  // [1 2 3] ^ 2 = [1 4 9]; 2 ^ [0 1 3] = [1 2 8].
  this->Expect("Pow", Values<T>({1, 2, 3}, vector), Values<T>({2}, scalar),
               Values<T>({1, 4, 9}, vector));
  this->Expect("Pow", Values<T>({2}, scalar), Values<T>({0, 1, 3}, vector),
               Values<T>({1, 2, 8}, vector));
  // A one-element tensor of higher rank still broadcasts: [[4]] + [1 2 3] = [[5 6 7]].
  this->Expect("Add", Values<T>({4}, TensorShape({1, 1})), Values<T>({1, 2, 3}, vector),
               Values<T>({5, 6, 7}, TensorShape({1, 3})));
  // [7] * 3 (shapes [1] and []) = [21].
  this->Expect("Mul", Values<T>({7}, TensorShape({1})), Values<T>({3}, scalar),
               Values<T>({21}, TensorShape({1})));
}

TYPED_TEST(BinaryOpTest, GeneralShapesBroadcastAsInNumPy) {
  using T = TypeParam;
  // Column [1 2] + row [10 20 30] = [[11 21 31] [12 22 32]].
  this->Expect("Add", Values<T>({1, 2}, TensorShape({2, 1})),
               Values<T>({10, 20, 30}, TensorShape({1, 3})),
               Values<T>({11, 21, 31, 12, 22, 32}, TensorShape({2, 3})));
  // [[1 2 3] [4 5 6]] * [1 2 3] = [[1 4 9] [4 10 18]].
  this->Expect("Mul", Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3})),
               Values<T>({1, 2, 3}, TensorShape({3})),
               Values<T>({1, 4, 9, 4, 10, 18}, TensorShape({2, 3})));
  // [2 3] ^ [[1] [2] [3]] = [[2 3] [4 9] [8 27]].
  this->Expect("Pow", Values<T>({2, 3}, TensorShape({2})),
               Values<T>({1, 2, 3}, TensorShape({3, 1})),
               Values<T>({2, 3, 4, 9, 8, 27}, TensorShape({3, 2})));
  // [2,1,3] + [1,1,3]: the row [10 20 30] is added to both rows of x.
  this->Expect("Add", Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 1, 3})),
               Values<T>({10, 20, 30}, TensorShape({1, 1, 3})),
               Values<T>({11, 22, 33, 14, 25, 36}, TensorShape({2, 1, 3})));
}

TYPED_TEST(BinaryOpTest, FiveAlternatingBroadcastDimensions) {
  using T = TypeParam;
  // x [2,1,2,1,2] holds x[a,0,c,0,e] = 4a + 2c + e; y [1,2,1,2,1] holds
  // y[0,b,0,d,0] = 100 * (2b + d). No two neighbouring dims merge, so the kernel
  // broadcasts over 5 dims; z[a,b,c,d,e] = x[a,c,e] + y[b,d].
  std::vector<int> x_values(8), y_values(4), z_values;
  for (int i = 0; i < 8; ++i) x_values[i] = i;
  for (int i = 0; i < 4; ++i) y_values[i] = 100 * i;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b)
      for (int c = 0; c < 2; ++c)
        for (int d = 0; d < 2; ++d)
          for (int e = 0; e < 2; ++e) {
            z_values.push_back(4 * a + 2 * c + e + 100 * (2 * b + d));
          }
  this->Expect("Add", Values<T>(x_values, TensorShape({2, 1, 2, 1, 2})),
               Values<T>(y_values, TensorShape({1, 2, 1, 2, 1})),
               Values<T>(z_values, TensorShape({2, 2, 2, 2, 2})));
}

TYPED_TEST(BinaryOpTest, SixAlternatingBroadcastDimensionsAreUnimplemented) {
  const Tensor x(this->kDtype, TensorShape({2, 1, 2, 1, 2, 1}));
  const Tensor y(this->kDtype, TensorShape({1, 2, 1, 2, 1, 2}));
  const absl::Status status = this->Error("Mul", x, y);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(status.message(),
              HasSubstr("Broadcast between [2,1,2,1,2,1] and [1,2,1,2,1,2] is not supported"));
}

TYPED_TEST(BinaryOpTest, EmptyTensors) {
  using T = TypeParam;
  const auto expect_shape = [](const std::string& op, const TensorShape& x_shape,
                               const TensorShape& y_shape, const TensorShape& z_shape) {
    Tensor x(DataTypeToEnum<T>::value, x_shape);
    Tensor y(DataTypeToEnum<T>::value, y_shape);
    x.flat<T>().setZero();
    y.flat<T>().setZero();
    const auto out = test::RunKernel(BinaryNode(op, DataTypeToEnum<T>::value), {x, y});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].shape(), z_shape);
  };
  expect_shape("Add", TensorShape({0}), TensorShape({0}), TensorShape({0}));
  expect_shape("Mul", TensorShape({}), TensorShape({0}), TensorShape({0}));
  expect_shape("Pow", TensorShape({0, 3}), TensorShape({3}), TensorShape({0, 3}));
  expect_shape("Add", TensorShape({1, 0}), TensorShape({2, 1}), TensorShape({2, 0}));
}

TYPED_TEST(BinaryOpTest, IncompatibleShapesNameBothShapes) {
  using T = TypeParam;
  const absl::Status status = this->Error("Add", Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3})),
                                          Values<T>({1, 2}, TensorShape({2})));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("Incompatible shapes: [2,3] vs. [2]"));
  EXPECT_THAT(status.message(), HasSubstr("node z"));
}

TYPED_TEST(BinaryOpTest, LargeTensorsRunOnTheIntraOpPoolAndReportExpensive) {
  using T = TypeParam;
  constexpr int kSize = 100000;
  std::vector<int> x_values(kSize), y_values(kSize), z_values(kSize);
  for (int i = 0; i < kSize; ++i) {
    x_values[i] = i % 1000;
    y_values[i] = 2 * (i % 1000);
    z_values[i] = 3 * (i % 1000);
  }
  const TensorShape shape({kSize});
  auto runner = test::KernelRunner::Create(BinaryNode("Add", this->kDtype));
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());

  auto out = (*runner)->Run({Values<T>(x_values, shape), Values<T>(y_values, shape)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(z_values, shape));
  EXPECT_TRUE((*runner)->kernel().IsExpensive());

  // The same threaded path with broadcasting: x [100000] + y [1,100000] ... as [2,50000].
  out = (*runner)->Run({Values<T>(x_values, TensorShape({2, kSize / 2})),
                        Values<T>(std::vector<int>(kSize / 2, 1), TensorShape({kSize / 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  std::vector<int> plus_one(kSize);
  for (int i = 0; i < kSize; ++i) plus_one[i] = x_values[i] + 1;
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(plus_one, TensorShape({2, kSize / 2})));

  out = (*runner)->Run({Values<T>({1}, TensorShape()), Values<T>({2}, TensorShape())});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

TYPED_TEST(BinaryOpTest, OutputReusesAnInputBufferNobodyElseHolds) {
  using T = TypeParam;
  auto runner = test::KernelRunner::Create(BinaryNode("Mul", this->kDtype));
  ASSERT_TRUE(runner.ok()) << runner.status();

  // Inputs go in through push_back: an initializer list would keep a second reference.
  std::vector<Tensor> inputs;
  inputs.push_back(Values<T>({1, 2, 3}, TensorShape({3})));
  inputs.push_back(Values<T>({4, 5, 6}, TensorShape({3})));
  const void* x_buffer = inputs[0].data();
  auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), x_buffer);
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({4, 10, 18}, TensorShape({3})));

  // y has the output's shape, x is broadcast: y's buffer is reused.
  inputs.clear();
  inputs.push_back(Values<T>({10, 100}, TensorShape({2})));
  inputs.push_back(Values<T>({1, 2, 3, 4}, TensorShape({2, 2})));
  const void* y_buffer = inputs[1].data();
  out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), y_buffer);
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({10, 200, 30, 400}, TensorShape({2, 2})));

  // An input someone else still holds is never overwritten.
  const Tensor held = Values<T>({1, 2, 3}, TensorShape({3}));
  out = (*runner)->Run({held, Values<T>({2}, TensorShape())});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_NE((*out)[0].data(), held.data());
  test::ExpectTensorEqual<T>(held, Values<T>({1, 2, 3}, TensorShape({3})));
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({2, 4, 6}, TensorShape({3})));
}

TEST(PowOpTest, IntegersToNegativePowersAreRejectedNamingTheExponent) {
  for (const DataType dtype : {DT_INT32, DT_INT64}) {
    const Tensor x = dtype == DT_INT32 ? Values<int32_t>({2, 2, 2, 2}, TensorShape({2, 2}))
                                       : Values<int64_t>({2, 2, 2, 2}, TensorShape({2, 2}));
    const Tensor y = dtype == DT_INT32 ? Values<int32_t>({1, 0, 3, -1}, TensorShape({2, 2}))
                                       : Values<int64_t>({1, 0, 3, -1}, TensorShape({2, 2}));
    const auto out = test::RunKernel(BinaryNode("Pow", dtype), {x, y});
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(out.status().message(),
                HasSubstr("Integers to negative integer powers are not allowed: y[1,1] = -1"));
    EXPECT_THAT(out.status().message(), HasSubstr("(Pow)"));
  }
  const auto scalar = test::RunKernel(BinaryNode("Pow", DT_INT32),
                                      {test::AsScalar<int32_t>(3), test::AsScalar<int32_t>(-2)});
  EXPECT_THAT(scalar.status().message(),
              HasSubstr("Integers to negative integer powers are not allowed: y = -2"));
}

TEST(PowOpTest, FloatingPointNegativeAndFractionalPowers) {
  // 2^-1 = 0.5, 4^0.5 = 2, 8^(1/3) ~ 2, (-8)^0.5 = NaN.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto out = test::RunKernel(
      BinaryNode("Pow", DT_DOUBLE),
      {test::AsTensor<double>({2, 4, 8, -8}), test::AsTensor<double>({-1, 0.5, 1.0 / 3, 0.5})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorNear<double>((*out)[0], test::AsTensor<double>({0.5, 2, 2, nan}), 1e-12);
}

TEST(PowOpTest, IntegerPowWrapsOnOverflowLikeTwosComplement) {
  // In int32, 2^31 wraps to -2^31 and 2^33 to 0; (-3)^21 = -10460353203 is congruent
  // modulo 2^32 to -10460353203 + 3 * 2^32 - 2^32 = -1870418611.
  const auto out = test::RunKernel(BinaryNode("Pow", DT_INT32),
                                   {test::AsTensor<int32_t>({2, 2, -3}),
                                    test::AsTensor<int32_t>({31, 33, 21})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>(
      (*out)[0],
      test::AsTensor<int32_t>({std::numeric_limits<int32_t>::min(), 0, -1870418611}));
}

TEST(BinaryOpRegistrationTest, KernelsExistForTheFourDtypesOnly) {
  for (const char* op : {"Add", "Mul", "Pow"}) {
    for (const DataType dtype : {DT_INT32, DT_INT64, DT_FLOAT, DT_DOUBLE}) {
      EXPECT_TRUE(test::KernelRunner::Create(BinaryNode(op, dtype)).ok())
          << op << " " << DataTypeString(dtype);
    }
    const auto missing = test::KernelRunner::Create(BinaryNode(op, DT_INT16));
    EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound) << op;
    EXPECT_THAT(missing.status().message(), HasSubstr("//kernels/cpu/math:math_kernels"));
  }
}

}  // namespace
}  // namespace rill
