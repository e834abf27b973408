// Tests of the CPU AddN kernel for every registered dtype: sums worked out by hand for one
// to five inputs, empty tensors, mismatched shapes, buffer reuse, and inputs large enough
// to be threaded.
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

tensorflow::NodeDef AddNNode(DataType dtype, int n) {
  tensorflow::NodeDef def;
  const std::vector<NodeDefBuilder::NodeOut> inputs(n, {"x", 0, dtype});
  RILL_CHECK_OK(NodeDefBuilder("sum", "AddN").Input(inputs).Finalize(&def));
  return def;
}

template <typename T>
class AddNOpTest : public ::testing::Test {
 protected:
  static constexpr DataType kDtype = DataTypeToEnum<T>::value;

  static void Expect(std::vector<Tensor> inputs, const Tensor& expected) {
    const int n = static_cast<int>(inputs.size());
    const auto out = test::RunKernel(AddNNode(kDtype, n), std::move(inputs));
    ASSERT_TRUE(out.ok()) << out.status();
    test::ExpectTensorEqual<T>((*out)[0], expected);
  }
};

using Dtypes = ::testing::Types<Eigen::half, Eigen::bfloat16, float, double, int32_t, int64_t>;
TYPED_TEST_SUITE(AddNOpTest, Dtypes);

TYPED_TEST(AddNOpTest, SumsWorkedOutByHand) {
  using T = TypeParam;
  const TensorShape shape({2, 2});
  const Tensor a = Values<T>({1, 2, 3, 4}, shape);
  const Tensor b = Values<T>({10, 20, 30, 40}, shape);
  const Tensor c = Values<T>({-1, -1, 5, 0}, shape);
  // One input is itself; a + b = [[11 22] [33 44]]; a + b + c = [[10 21] [38 44]].
  this->Expect({a}, a);
  this->Expect({a, b}, Values<T>({11, 22, 33, 44}, shape));
  this->Expect({a, b, c}, Values<T>({10, 21, 38, 44}, shape));
  // Five inputs, one repeated: a + b + c + a + a = [[12 25] [44 52]].
  this->Expect({a, b, c, a, a}, Values<T>({12, 25, 44, 52}, shape));
  // The lecture's add_n([9, 7, 10]) on scalars = 26.
  this->Expect({Values<T>({9}, TensorShape({})), Values<T>({7}, TensorShape({})),
                Values<T>({10}, TensorShape({}))},
               Values<T>({26}, TensorShape({})));
}

TYPED_TEST(AddNOpTest, LargeInputsAreThreaded) {
  using T = TypeParam;
  // 300000 elements over four inputs: a + 2a + 3a + 4a = 10a, with a in [-5, 5].
  const int64_t size = 300000;
  std::vector<Tensor> inputs;
  std::vector<double> expected(size);
  for (int k = 1; k <= 4; ++k) {
    std::vector<double> values(size);
    for (int64_t i = 0; i < size; ++i) {
      const double a = static_cast<double>((i * 7) % 11 - 5);
      values[i] = k * a;
      expected[i] = 10 * a;
    }
    inputs.push_back(Values<T>(values, TensorShape({size})));
  }
  this->Expect(std::move(inputs), Values<T>(expected, TensorShape({size})));
}

TYPED_TEST(AddNOpTest, EmptyAndMismatchedShapes) {
  const Tensor empty(this->kDtype, TensorShape({0, 3}));
  this->Expect({empty, empty, empty}, empty);
  const auto out =
      test::RunKernel(AddNNode(this->kDtype, 3), {Tensor(this->kDtype, TensorShape({2, 3})),
                                                  Tensor(this->kDtype, TensorShape({2, 3})),
                                                  Tensor(this->kDtype, TensorShape({3, 2}))});
  EXPECT_TRUE(absl::IsInvalidArgument(out.status())) << out.status();
  EXPECT_THAT(out.status().message(),
              HasSubstr("Inputs to operation AddN must have the same size and shape.  "
                        "Input 0: [2,3] != input 2: [3,2]"));
}

TYPED_TEST(AddNOpTest, OutputReusesTheFirstInput) {
  using T = TypeParam;
  auto runner = test::KernelRunner::Create(AddNNode(this->kDtype, 3));
  ASSERT_TRUE(runner.ok()) << runner.status();
  std::vector<Tensor> inputs;
  inputs.push_back(Values<T>({1, 2, 3}, TensorShape({3})));
  inputs.push_back(Values<T>({4, 5, 6}, TensorShape({3})));
  inputs.push_back(Values<T>({7, 8, 9}, TensorShape({3})));
  const void* buffer = inputs[0].data();
  const auto out = (*runner)->Run(std::move(inputs));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data(), buffer);
  test::ExpectTensorEqual<T>((*out)[0], Values<T>({12, 15, 18}, TensorShape({3})));
}

}  // namespace
}  // namespace rill
