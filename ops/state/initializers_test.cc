// Tests of ZerosInitializer, OnesInitializer and ConstantInitializer through variables run
// in a session: the values made for each dtype and shape, and the errors for values that
// do not fit the variable.
#include "ops/state/initializers.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/state/variables.h"

namespace rill {
namespace ops {
namespace {

// InitialValue builds a variable of `shape` and `dtype` with `initializer`, initializes it
// in a new session and returns its value.
Tensor InitialValue(const TensorShape& shape, DataType dtype, const Initializer& initializer) {
  Scope root = Scope::NewRootScope();
  Variable v(root.WithOpName("v"), shape, dtype, initializer);
  EXPECT_TRUE(root.ok()) << root.status();
  ClientSession session(root);
  EXPECT_TRUE(session.Run({}, {}, {v.initializer()}, nullptr).ok());
  absl::StatusOr<Tensor> value = v.Eval(session);
  EXPECT_TRUE(value.ok()) << value.status();
  return value.ok() ? *value : Tensor();
}

TEST(InitializersTest, ZerosAndOnes) {
  test::ExpectTensorEqual<float>(InitialValue({2, 2}, DT_FLOAT, ZerosInitializer()),
                                 test::AsTensor<float>({0, 0, 0, 0}, TensorShape({2, 2})));
  test::ExpectTensorEqual<int32_t>(InitialValue({3}, DT_INT32, OnesInitializer()),
                                   test::AsTensor<int32_t>({1, 1, 1}));
  test::ExpectTensorEqual<bool>(InitialValue({}, DT_BOOL, OnesInitializer()),
                                test::AsScalar<bool>(true));
  test::ExpectTensorEqual<std::string>(InitialValue({2}, DT_STRING, ZerosInitializer()),
                                       test::AsTensor<std::string>({"", ""}));
}

TEST(InitializersTest, ConstantScalarFillsTheShape) {
  test::ExpectTensorEqual<float>(
      InitialValue({2, 3}, DT_FLOAT, ConstantInitializer(0.25f)),
      test::AsTensor<float>({0.25, 0.25, 0.25, 0.25, 0.25, 0.25}, TensorShape({2, 3})));
  // An int constant fills a double variable.
  test::ExpectTensorEqual<double>(InitialValue({2}, DT_DOUBLE, ConstantInitializer(7)),
                                  test::AsTensor<double>({7, 7}));
}

TEST(InitializersTest, ConstantListIsReshaped) {
  test::ExpectTensorEqual<float>(
      InitialValue({2, 2}, DT_FLOAT, ConstantInitializer({1.f, 2.f, 3.f, 4.f})),
      test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})));
  test::ExpectTensorEqual<int64_t>(
      InitialValue({3}, DT_INT64,
                   ConstantInitializer(test::AsTensor<int32_t>({1, 2, 3}, TensorShape({1, 3})))),
      test::AsTensor<int64_t>({1, 2, 3}));
}

TEST(InitializersTest, ConstantThatDoesNotFit) {
  Scope root = Scope::NewRootScope();
  Variable v(root.WithOpName("v"), TensorShape({2, 2}), DT_FLOAT,
             ConstantInitializer({1.f, 2.f, 3.f}));
  EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(root.status().message(),
                                "The constant initializer in v/Initializer has 3 elements (shape "
                                "[3]) but the variable's shape [2,2] has 4"))
      << root.status();

  Scope lossy = Scope::NewRootScope();
  Variable n(lossy.WithOpName("n"), TensorShape({}), DT_INT32, ConstantInitializer(0.5f));
  EXPECT_TRUE(absl::StrContains(lossy.status().message(),
                                "Cannot convert 0.5 (element 0 of the float constant) to int32 "
                                "for n/Initializer"))
      << lossy.status();

  Scope no_one = Scope::NewRootScope();
  Variable s(no_one.WithOpName("s"), TensorShape({1}), DT_STRING, OnesInitializer());
  EXPECT_TRUE(absl::StrContains(no_one.status().message(), "Ones does not support dtype string"))
      << no_one.status();
}

}  // namespace
}  // namespace ops
}  // namespace rill
