// Tests of the CPU CheckNumerics kernel: finite tensors pass through (the same buffer), NaN
// and Inf give TensorFlow's message with the node's `message`, for every float dtype.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

absl::StatusOr<std::vector<Tensor>> CheckNumerics(const Tensor& x) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("check", "CheckNumerics")
                  .Input("tensor", 0, x.dtype())
                  .Attr("message", "loss is broken")
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {x});
}

template <typename T>
void ExpectChecksType() {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  const T nan = std::numeric_limits<T>::quiet_NaN();
  const T inf = std::numeric_limits<T>::infinity();
  const T one = static_cast<T>(1);

  const Tensor finite =
      test::AsTensor<T>({one, std::numeric_limits<T>::max(), std::numeric_limits<T>::lowest()});
  auto out = CheckNumerics(finite);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)[0].IsSameBuffer(finite));

  const auto expect_error = [](const Tensor& x, const std::string& what) {
    const auto result = CheckNumerics(x);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(result.status().message(),
                                  "loss is broken : Tensor had " + what + " values"))
        << result.status();
  };
  expect_error(test::AsTensor<T>({one, nan}), "NaN");
  expect_error(test::AsTensor<T>({-inf, one}), "Inf");
  expect_error(test::AsTensor<T>({inf, nan, one}), "Inf and NaN");
}

TEST(CheckNumericsOpTest, EveryFloatingPointDtype) {
  ExpectChecksType<float>();
  ExpectChecksType<double>();
  ExpectChecksType<Eigen::half>();
  ExpectChecksType<Eigen::bfloat16>();
}

TEST(CheckNumericsOpTest, EmptyAndScalarTensorsPass) {
  auto out = CheckNumerics(Tensor(DT_FLOAT, TensorShape({0, 2})));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), TensorShape({0, 2}));
  out = CheckNumerics(test::AsScalar<double>(-0.0));
  ASSERT_TRUE(out.ok()) << out.status();
}

}  // namespace
}  // namespace rill
