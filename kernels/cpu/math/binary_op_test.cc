// Tests of the BinaryOp machinery (through Add, Mul and Pow) for every registered dtype:
// equal shapes, one-element and general broadcasting in any rank, empty tensors, shape
// errors, buffer reuse and the sharded path. Expected values are worked out by hand in the
// comments; inputs are small integers, exact in every dtype (bfloat16 included), and each
// result is rounded once, as the expected tensor's conversion rounds it.
#include <cstdint>
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

// Values builds a tensor of T from small integers.
template <typename T>
Tensor Values(const std::vector<int>& values, const TensorShape& shape) {
  std::vector<T> converted;
  converted.reserve(values.size());
  for (const int value : values) converted.push_back(static_cast<T>(value));
  return test::AsTensor<T>(converted, shape);
}

template <typename T>
class BinaryOpTest : public ::testing::Test {
 public:
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

using Dtypes = ::testing::Types<int32_t, int64_t, float, double, Eigen::half, Eigen::bfloat16>;
TYPED_TEST_SUITE(BinaryOpTest, Dtypes);

TYPED_TEST(BinaryOpTest, ScalarsGiveTheLectureAnswers) {
  using T = TypeParam;
  const TensorShape scalar;
  // Add(3, 5) = 8.
  this->Expect("Add", Values<T>({3}, scalar), Values<T>({5}, scalar), Values<T>({8}, scalar));
  // x = 2, y = 3: Mul(x, y) = 6, Add(x, y) = 5, Pow(6, 5) = 7776.
  this->Expect("Mul", Values<T>({2}, scalar), Values<T>({3}, scalar), Values<T>({6}, scalar));
  this->Expect("Pow", Values<T>({6}, scalar), Values<T>({5}, scalar), Values<T>({7776}, scalar));
  // Pow(add_op, mul_op) with x = 2, y = 3: Pow(5, 6) = 15625 (rounded alike in half and
  // bfloat16 on both sides).
  this->Expect("Pow", Values<T>({5}, scalar), Values<T>({6}, scalar), Values<T>({15625}, scalar));
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
  // [[[2]]] ^ [] keeps the higher rank: [[[4]]].
  this->Expect("Pow", Values<T>({2}, TensorShape({1, 1, 1})), Values<T>({2}, scalar),
               Values<T>({4}, TensorShape({1, 1, 1})));
}

TYPED_TEST(BinaryOpTest, GeneralShapesBroadcastAsInNumPy) {
  using T = TypeParam;
  // Column [1 2] + row [10 20 30] = [[11 21 31] [12 22 32]].
  this->Expect("Add", Values<T>({1, 2}, TensorShape({2, 1})),
               Values<T>({10, 20, 30}, TensorShape({1, 3})),
               Values<T>({11, 21, 31, 12, 22, 32}, TensorShape({2, 3})));
  // Row [1 2 3] + column [10 20]: the same, with the sides swapped.
  this->Expect("Add", Values<T>({10, 20, 30}, TensorShape({3})),
               Values<T>({1, 2}, TensorShape({2, 1})),
               Values<T>({11, 21, 31, 12, 22, 32}, TensorShape({2, 3})));
  // [[1 2 3] [4 5 6]] * [1 2 3] = [[1 4 9] [4 10 18]].
  this->Expect("Mul", Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3})),
               Values<T>({1, 2, 3}, TensorShape({3})),
               Values<T>({1, 4, 9, 4, 10, 18}, TensorShape({2, 3})));
  // [[1 2 3] [4 5 6]] * [[2] [3]] = [[2 4 6] [12 15 18]].
  this->Expect("Mul", Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3})),
               Values<T>({2, 3}, TensorShape({2, 1})),
               Values<T>({2, 4, 6, 12, 15, 18}, TensorShape({2, 3})));
  // [2 3] ^ [[1] [2] [3]] = [[2 3] [4 9] [8 27]].
  this->Expect("Pow", Values<T>({2, 3}, TensorShape({2})),
               Values<T>({1, 2, 3}, TensorShape({3, 1})),
               Values<T>({2, 3, 4, 9, 8, 27}, TensorShape({3, 2})));
  // [2,1,3] + [1,1,3]: the row [10 20 30] is added to both rows of x.
  this->Expect("Add", Values<T>({1, 2, 3, 4, 5, 6}, TensorShape({2, 1, 3})),
               Values<T>({10, 20, 30}, TensorShape({1, 1, 3})),
               Values<T>({11, 22, 33, 14, 25, 36}, TensorShape({2, 1, 3})));
}

// AlternatingBroadcast checks x [2,1,2,1,...] + y [1,2,1,2,...] of `rank` dims, where no
// two neighbouring dims merge: x holds its elements' row-major index i_x (the bits a, c,
// e, ... of the output index), y holds 16 * i_y (the bits b, d, f, ...), so
// z[a,b,c,...] = i_x + 16 * i_y, distinct for every output element and at most 255.
template <typename T>
void AlternatingBroadcast(int rank) {
  std::vector<int64_t> x_dims, y_dims, z_dims;
  for (int d = 0; d < rank; ++d) {
    x_dims.push_back(d % 2 == 0 ? 2 : 1);
    y_dims.push_back(d % 2 == 0 ? 1 : 2);
    z_dims.push_back(2);
  }
  const TensorShape x_shape(x_dims), y_shape(y_dims), z_shape(z_dims);
  std::vector<int> x_values(x_shape.num_elements()), y_values(y_shape.num_elements());
  for (size_t i = 0; i < x_values.size(); ++i) x_values[i] = static_cast<int>(i);
  for (size_t i = 0; i < y_values.size(); ++i) y_values[i] = 16 * static_cast<int>(i);
  std::vector<int> z_values(z_shape.num_elements());
  for (size_t z = 0; z < z_values.size(); ++z) {
    // Output bit d (from the most significant) goes to x when d is even, else to y.
    int i_x = 0, i_y = 0;
    for (int d = 0; d < rank; ++d) {
      const int bit = (z >> (rank - 1 - d)) & 1;
      if (d % 2 == 0) {
        i_x = 2 * i_x + bit;
      } else {
        i_y = 2 * i_y + bit;
      }
    }
    z_values[z] = i_x + 16 * i_y;
  }
  BinaryOpTest<T>::Expect("Add", Values<T>(x_values, x_shape), Values<T>(y_values, y_shape),
                          Values<T>(z_values, z_shape));
}

TYPED_TEST(BinaryOpTest, AnyNumberOfAlternatingBroadcastDimensions) {
  // 5 dims: x [2,1,2,1,2], y [1,2,1,2,1]; 6 dims: ... up to 8, the most TensorFlow allows.
  for (int rank = 2; rank <= 8; ++rank) AlternatingBroadcast<TypeParam>(rank);
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
  expect_shape("Mul", TensorShape({0, 2}), TensorShape({1}), TensorShape({0, 2}));
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
  // A zero-sized dim broadcasts only against 1 and 0.
  EXPECT_THAT(this->Error("Mul", Tensor(this->kDtype, TensorShape({0})),
                          Values<T>({1, 2}, TensorShape({2})))
                  .message(),
              HasSubstr("Incompatible shapes: [0] vs. [2]"));
}

TYPED_TEST(BinaryOpTest, LargeTensorsAreShardedAndReportExpensive) {
  using T = TypeParam;
  constexpr int kSize = 120000;
  std::vector<int> x_values(kSize), y_values(kSize), z_values(kSize);
  for (int i = 0; i < kSize; ++i) {
    x_values[i] = i % 64;
    y_values[i] = 2 * (i % 64);
    z_values[i] = 3 * (i % 64);
  }
  auto runner = test::KernelRunner::Create(BinaryNode("Add", this->kDtype));
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());

  const TensorShape shape({kSize});
  auto out = (*runner)->Run({Values<T>(x_values, shape), Values<T>(y_values, shape)});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(z_values, shape));
  EXPECT_TRUE((*runner)->kernel().IsExpensive());

  // One element fixed: x + 1.
  std::vector<int> plus_one(kSize);
  for (int i = 0; i < kSize; ++i) plus_one[i] = x_values[i] + 1;
  out = (*runner)->Run({Values<T>(x_values, shape), Values<T>({1}, TensorShape({}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(plus_one, shape));

  // Broadcast with short runs, which shards cut mid-row: x [40000,3] + y [3] = x + [0 1 2].
  std::vector<int> plus_column(kSize);
  for (int i = 0; i < kSize; ++i) plus_column[i] = x_values[i] + i % 3;
  out = (*runner)->Run(
      {Values<T>(x_values, TensorShape({kSize / 3, 3})), Values<T>({0, 1, 2}, TensorShape({3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(plus_column, TensorShape({kSize / 3, 3})));

  // Broadcast with long runs of a fixed y: x [3,40000] + y [[0] [1] [2]] adds the row index.
  std::vector<int> plus_row(kSize);
  for (int i = 0; i < kSize; ++i) plus_row[i] = x_values[i] + i / (kSize / 3);
  out = (*runner)->Run({Values<T>(x_values, TensorShape({3, kSize / 3})),
                        Values<T>({0, 1, 2}, TensorShape({3, 1}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(plus_row, TensorShape({3, kSize / 3})));

  // Both broadcast: [40000,1] + [1,3] gives [40000,3] with z[i,j] = x[i] + j.
  std::vector<int> column(kSize / 3), outer(kSize);
  for (int i = 0; i < kSize / 3; ++i) column[i] = i % 64;
  for (int i = 0; i < kSize; ++i) outer[i] = column[i / 3] + i % 3;
  out = (*runner)->Run(
      {Values<T>(column, TensorShape({kSize / 3, 1})), Values<T>({0, 1, 2}, TensorShape({1, 3}))});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], Values<T>(outer, TensorShape({kSize / 3, 3})));

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

  // The non-scalar side of a one-element broadcast is reused too.
  inputs.clear();
  inputs.push_back(Values<T>({3}, TensorShape({})));
  inputs.push_back(Values<T>({1, 2}, TensorShape({2})));
  y_buffer = inputs[1].data();
  out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), y_buffer);
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({3, 6}, TensorShape({2})));

  // An input someone else still holds is never overwritten.
  const Tensor held = Values<T>({1, 2, 3}, TensorShape({3}));
  out = (*runner)->Run({held, Values<T>({2}, TensorShape())});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_NE((*out)[0].data(), held.data());
  test::ExpectTensorEqual<T>(held, Values<T>({1, 2, 3}, TensorShape({3})));
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({2, 4, 6}, TensorShape({3})));
}

TEST(BinaryOpRegistrationTest, ArithmeticKernelsExistForTheSixDtypes) {
  for (const char* op :
       {"Add", "AddV2", "Sub", "Mul", "Div", "FloorDiv", "FloorMod", "Pow", "Maximum", "Minimum",
        "SquaredDifference", "Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual"}) {
    for (const DataType dtype : {DT_INT32, DT_INT64, DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16}) {
      EXPECT_TRUE(test::KernelRunner::Create(BinaryNode(op, dtype)).ok())
          << op << " " << DataTypeString(dtype);
    }
    // A dtype the op allows but no kernel computes: int16 (complex64 for SquaredDifference,
    // whose type set has no int16).
    const DataType unregistered = std::string(op) == "SquaredDifference" ? DT_COMPLEX64 : DT_INT16;
    const auto missing = test::KernelRunner::Create(BinaryNode(op, unregistered));
    EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound) << op;
    EXPECT_THAT(missing.status().message(), HasSubstr("//kernels/cpu/math:math_kernels"));
  }
  // RealDiv is floating-point only.
  for (const DataType dtype : {DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16}) {
    EXPECT_TRUE(test::KernelRunner::Create(BinaryNode("RealDiv", dtype)).ok())
        << DataTypeString(dtype);
  }
  EXPECT_FALSE(test::KernelRunner::Create(BinaryNode("RealDiv", DT_INT32)).ok());
  // Add concatenates strings; Equal and NotEqual also compare bools and strings.
  EXPECT_TRUE(test::KernelRunner::Create(BinaryNode("Add", DT_STRING)).ok());
  for (const char* op : {"Equal", "NotEqual"}) {
    EXPECT_TRUE(test::KernelRunner::Create(BinaryNode(op, DT_BOOL)).ok()) << op;
    EXPECT_TRUE(test::KernelRunner::Create(BinaryNode(op, DT_STRING)).ok()) << op;
  }
}

}  // namespace
}  // namespace rill
