// Tests of the CPU Select and SelectV2 kernels: Select's scalar, row and element-wise
// conditions, SelectV2's three-way broadcasting in any rank, empty tensors, shape errors,
// buffer reuse, the sharded path, and dtypes of every element size plus string. Expected
// values are worked out by hand in the comments.
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

tensorflow::NodeDef SelectNode(const std::string& op, DataType dtype) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("s", op)
                  .Input("condition", 0, DT_BOOL)
                  .Input("t", 0, dtype)
                  .Input("e", 0, dtype)
                  .Finalize(&def)
                  .ok());
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

Tensor Bools(const std::vector<bool>& values, const TensorShape& shape) {
  return test::AsTensor<bool>(values, shape);
}

absl::StatusOr<std::vector<Tensor>> RunSelect(const std::string& op, const Tensor& condition,
                                              const Tensor& t, const Tensor& e) {
  return test::RunKernel(SelectNode(op, t.dtype()), {condition, t, e});
}

template <typename T>
class SelectOpTest : public ::testing::Test {
 public:
  // Expect runs `op` and checks its output against `expected`.
  static void Expect(const std::string& op, const Tensor& condition, const Tensor& t,
                     const Tensor& e, const Tensor& expected) {
    const auto out = RunSelect(op, condition, t, e);
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>((*out)[0], expected);
  }
};

// One dtype of each element size (1, 2, 4, 8 and 16 bytes), and some that share a size.
using Dtypes = ::testing::Types<bool, uint8_t, Eigen::half, int32_t, float, int64_t, double,
                                complex64, complex128>;
TYPED_TEST_SUITE(SelectOpTest, Dtypes);

TYPED_TEST(SelectOpTest, SelectPicksElementsRowsOrWholeTensors) {
  using T = TypeParam;
  const TensorShape matrix({2, 2});
  const Tensor t = Values<T>({1, 1, 0, 1}, matrix);
  const Tensor e = Values<T>({0, 0, 1, 0}, matrix);
  // Element by element: [[T F] [F T]] picks t[0,0], e[0,1], e[1,0], t[1,1] = [[1 0] [1 1]].
  this->Expect("Select", Bools({true, false, false, true}, matrix), t, e,
               Values<T>({1, 0, 1, 1}, matrix));
  // By rows: [F T] picks e's row 0 and t's row 1 = [[0 0] [0 1]].
  this->Expect("Select", Bools({false, true}, TensorShape({2})), t, e,
               Values<T>({0, 0, 0, 1}, matrix));
  // Rows of a rank-3 tensor: [T F] over [2,1,2].
  this->Expect("Select", Bools({true, false}, TensorShape({2})),
               Values<T>({1, 1, 0, 1}, TensorShape({2, 1, 2})),
               Values<T>({0, 0, 1, 0}, TensorShape({2, 1, 2})),
               Values<T>({1, 1, 1, 0}, TensorShape({2, 1, 2})));
  // A vector condition against vectors is element by element.
  this->Expect("Select", Bools({true, false, true}, TensorShape({3})),
               Values<T>({1, 1, 1}, TensorShape({3})), Values<T>({0, 0, 0}, TensorShape({3})),
               Values<T>({1, 0, 1}, TensorShape({3})));
  // A scalar condition picks a whole tensor.
  this->Expect("Select", test::AsScalar<bool>(false), t, e, e);
  this->Expect("Select", test::AsScalar<bool>(true), t, e, t);
}

TYPED_TEST(SelectOpTest, SelectV2BroadcastsConditionThenAndElse) {
  using T = TypeParam;
  // All of one shape.
  this->Expect("SelectV2", Bools({true, false, false}, TensorShape({3})),
               Values<T>({1, 1, 1}, TensorShape({3})), Values<T>({0, 0, 0}, TensorShape({3})),
               Values<T>({1, 0, 0}, TensorShape({3})));
  // condition [2,1] x then [1,3] x scalar else: row 0 takes then's row, row 1 is all else.
  // then = [1 0 1], else = 0: [[1 0 1] [0 0 0]].
  this->Expect("SelectV2", Bools({true, false}, TensorShape({2, 1})),
               Values<T>({1, 0, 1}, TensorShape({1, 3})), Values<T>({0}, TensorShape({})),
               Values<T>({1, 0, 1, 0, 0, 0}, TensorShape({2, 3})));
  // A scalar condition against broadcasting data: false picks else [[1] [0]] broadcast
  // against then [3] to [2,3].
  this->Expect("SelectV2", test::AsScalar<bool>(false), Values<T>({0, 0, 0}, TensorShape({3})),
               Values<T>({1, 0}, TensorShape({2, 1})),
               Values<T>({1, 1, 1, 0, 0, 0}, TensorShape({2, 3})));
  // condition [3] against then [2,3] and else [2,1]: [F T F] picks then's column 1.
  this->Expect("SelectV2", Bools({false, true, false}, TensorShape({3})),
               Values<T>({1, 0, 1, 0, 1, 0}, TensorShape({2, 3})),
               Values<T>({1, 0}, TensorShape({2, 1})),
               Values<T>({1, 0, 1, 0, 1, 0}, TensorShape({2, 3})));
}

TYPED_TEST(SelectOpTest, LongRunsPickEveryElement) {
  using T = TypeParam;
  // 67 elements: several 32-byte blocks of every element size, then a tail of single ones.
  // then[i] = i % 9 + 1 (never 0), else[i] = 0, condition[i] = (i % 3 != 1): the output is
  // then[i] where the condition holds, else 0. Select and SelectV2 alike.
  constexpr int kCount = 67;
  std::vector<int> then_values, else_values(kCount, 0), expected;
  std::vector<bool> condition;
  for (int i = 0; i < kCount; ++i) {
    then_values.push_back(i % 9 + 1);
    condition.push_back(i % 3 != 1);
    expected.push_back(condition.back() ? then_values.back() : 0);
  }
  const TensorShape shape({kCount});
  for (const char* op : {"Select", "SelectV2"}) {
    SCOPED_TRACE(op);
    this->Expect(op, Bools(condition, shape), Values<T>(then_values, shape),
                 Values<T>(else_values, shape), Values<T>(expected, shape));
  }
}

TYPED_TEST(SelectOpTest, EmptyTensors) {
  using T = TypeParam;
  const Tensor empty = Values<T>({}, TensorShape({0, 2}));
  auto out = RunSelect("Select", Bools({}, TensorShape({0})), empty, empty);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));
  out = RunSelect("Select", Bools({}, TensorShape({0, 2})), empty, empty);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));
  out = RunSelect("SelectV2", Bools({true, false}, TensorShape({2})), empty,
                  Values<T>({1}, TensorShape({})));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));
}

TEST(SelectOpTest, StringsAreCopiedByValue) {
  const Tensor t = test::AsTensor<std::string>({"yes", "oui", "ja"});
  const Tensor e = test::AsTensor<std::string>({"no", "non", "nein"});
  auto out = RunSelect("Select", Bools({true, false, true}, TensorShape({3})), t, e);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0],
                                       test::AsTensor<std::string>({"yes", "non", "ja"}));
  // Rows of strings, and SelectV2 with a broadcast else.
  out = RunSelect("Select", Bools({false, true}, TensorShape({2})),
                  test::AsTensor<std::string>({"a", "b", "c", "d"}, TensorShape({2, 2})),
                  test::AsTensor<std::string>({"w", "x", "y", "z"}, TensorShape({2, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>(
      (*out)[0], test::AsTensor<std::string>({"w", "x", "c", "d"}, TensorShape({2, 2})));
  out = RunSelect("SelectV2", Bools({true, false, true}, TensorShape({3})), t,
                  test::AsScalar<std::string>("-"));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<std::string>((*out)[0], test::AsTensor<std::string>({"yes", "-", "ja"}));
}

TEST(SelectOpTest, SelectV2InAnyRank) {
  // condition [2,1,2,1,2,1] (alternating) against then [1,2,1,2,1,2] and a scalar else -1:
  // z[a,b,c,d,e,f] = cond[a,c,e] ? then[b,d,f] : -1, with cond[a,c,e] true when a+c+e is
  // even and then[b,d,f] = 4b + 2d + f.
  std::vector<bool> condition;
  for (int i = 0; i < 8; ++i) condition.push_back(__builtin_popcount(i) % 2 == 0);
  std::vector<int> then_values(8);
  for (int i = 0; i < 8; ++i) then_values[i] = i;
  std::vector<int> expected;
  for (int z = 0; z < 64; ++z) {
    const int a = (z >> 5) & 1, b = (z >> 4) & 1, c = (z >> 3) & 1, d = (z >> 2) & 1,
              e = (z >> 1) & 1, f = z & 1;
    expected.push_back((a + c + e) % 2 == 0 ? 4 * b + 2 * d + f : -1);
  }
  const auto out = RunSelect("SelectV2", Bools(condition, TensorShape({2, 1, 2, 1, 2, 1})),
                             Values<int32_t>(then_values, TensorShape({1, 2, 1, 2, 1, 2})),
                             test::AsScalar<int32_t>(-1));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0],
                                   Values<int32_t>(expected, TensorShape({2, 2, 2, 2, 2, 2})));
}

TEST(SelectOpTest, ShapeErrorsNameTheShapes) {
  const Tensor t = Values<float>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  const Tensor e = Values<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}));
  EXPECT_THAT(RunSelect("Select", Bools({true}, TensorShape({})), t, e).status().message(),
              HasSubstr("'then' and 'else' must have the same shape, but are [2,3] and [3,2]"));
  EXPECT_THAT(
      RunSelect("Select", Bools({true, false, true}, TensorShape({3})), t, t).status().message(),
      HasSubstr("Number of batches of 'then' must match size of 'condition', but are 2 "
                "and 3"));
  EXPECT_THAT(RunSelect("Select", Bools({true, false, true, false}, TensorShape({2, 2})), t, t)
                  .status()
                  .message(),
              HasSubstr("'condition' and 'then' must have the same shape, but are [2,2] and "
                        "[2,3]"));
  EXPECT_THAT(RunSelect("Select", Bools({true, false}, TensorShape({2})), test::AsScalar<float>(1),
                        test::AsScalar<float>(2))
                  .status()
                  .message(),
              HasSubstr("'then' must be at least a vector when 'condition' is a vector, but "
                        "has shape []"));
  const auto status =
      RunSelect("SelectV2", Bools({true, false}, TensorShape({2})), t, test::AsScalar<float>(0))
          .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("condition [2], then [2,3] and else [] must be broadcastable"));
  EXPECT_THAT(status.message(), HasSubstr("(SelectV2)"));
}

TEST(SelectOpTest, ScalarConditionSharesTheChosenBuffer) {
  const Tensor t = Values<float>({1, 2}, TensorShape({2}));
  const Tensor e = Values<float>({3, 4}, TensorShape({2}));
  const auto out = RunSelect("Select", test::AsScalar<bool>(true), t, e);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), t.data());
}

TEST(SelectOpTest, OutputReusesThenOrElseWhenNobodyElseHoldsThem) {
  for (const char* op : {"Select", "SelectV2"}) {
    auto runner = test::KernelRunner::Create(SelectNode(op, DT_FLOAT));
    ASSERT_TRUE(runner.ok()) << runner.status();
    std::vector<Tensor> inputs;
    inputs.push_back(Bools({true, false, true}, TensorShape({3})));
    inputs.push_back(Values<float>({1, 2, 3}, TensorShape({3})));
    inputs.push_back(Values<float>({4, 5, 6}, TensorShape({3})));
    const void* then_buffer = inputs[1].data();
    const auto out = (*runner)->Run(std::move(inputs));
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].data(), then_buffer) << op;
    test::ExpectTensorEqual<float>((*out)[0], Values<float>({1, 5, 3}, TensorShape({3})));
  }
  // Rows selected into the else buffer when then is held elsewhere.
  auto runner = test::KernelRunner::Create(SelectNode("Select", DT_INT32));
  ASSERT_TRUE(runner.ok()) << runner.status();
  const Tensor held = Values<int32_t>({1, 2, 3, 4}, TensorShape({2, 2}));
  std::vector<Tensor> inputs;
  inputs.push_back(Bools({true, false}, TensorShape({2})));
  inputs.push_back(held);
  inputs.push_back(Values<int32_t>({5, 6, 7, 8}, TensorShape({2, 2})));
  const void* else_buffer = inputs[2].data();
  const auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), else_buffer);
  test::ExpectTensorEqual<int32_t>((*out)[0], Values<int32_t>({1, 2, 7, 8}, TensorShape({2, 2})));
  test::ExpectTensorEqual<int32_t>(held, Values<int32_t>({1, 2, 3, 4}, TensorShape({2, 2})));
}

TEST(SelectOpTest, LargeSelectsAreShardedAndReportExpensive) {
  constexpr int kRows = 1000, kColumns = 100;
  std::vector<int> then_values(kRows * kColumns), else_values(kRows * kColumns);
  std::vector<bool> elementwise(kRows * kColumns), by_row(kRows), by_column(kColumns);
  std::vector<int> elementwise_expected, by_row_expected, by_column_expected;
  for (int i = 0; i < kRows * kColumns; ++i) {
    then_values[i] = i;
    else_values[i] = -i;
    elementwise[i] = i % 3 == 0;
    elementwise_expected.push_back(elementwise[i] ? i : -i);
  }
  for (int r = 0; r < kRows; ++r) by_row[r] = r % 2 == 0;
  for (int c = 0; c < kColumns; ++c) by_column[c] = c % 5 == 0;
  for (int i = 0; i < kRows * kColumns; ++i) {
    by_row_expected.push_back(by_row[i / kColumns] ? i : -i);
    by_column_expected.push_back(by_column[i % kColumns] ? i : -i);
  }
  const TensorShape shape({kRows, kColumns});
  const Tensor t = Values<int32_t>(then_values, shape);
  const Tensor e = Values<int32_t>(else_values, shape);

  auto select = test::KernelRunner::Create(SelectNode("Select", DT_INT32));
  ASSERT_TRUE(select.ok()) << select.status();
  EXPECT_FALSE((*select)->kernel().IsExpensive());
  auto out = (*select)->Run({Bools(elementwise, shape), t, e});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], Values<int32_t>(elementwise_expected, shape));
  EXPECT_TRUE((*select)->kernel().IsExpensive());
  out = (*select)->Run({Bools(by_row, TensorShape({kRows})), t, e});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], Values<int32_t>(by_row_expected, shape));

  auto select_v2 = test::KernelRunner::Create(SelectNode("SelectV2", DT_INT32));
  ASSERT_TRUE(select_v2.ok()) << select_v2.status();
  out = (*select_v2)->Run({Bools(by_column, TensorShape({kColumns})), t, e});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], Values<int32_t>(by_column_expected, shape));
  EXPECT_TRUE((*select_v2)->kernel().IsExpensive());
}

TEST(SelectOpRegistrationTest, KernelsExistForEveryPodTypeAndString) {
  for (const char* op : {"Select", "SelectV2"}) {
    for (const DataType dtype : {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16,
                                 DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64,
                                 DT_COMPLEX64, DT_COMPLEX128, DT_BOOL, DT_STRING}) {
      EXPECT_TRUE(test::KernelRunner::Create(SelectNode(op, dtype)).ok())
          << op << " " << DataTypeString(dtype);
    }
  }
}

}  // namespace
}  // namespace rill
