// Tests of the BiasAdd and BiasAddGrad gradient functions against central differences on
// double inputs, NHWC and NCHW.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"
#include "ops/nn/nn_ops.h"

namespace rill {
namespace {

Tensor Iota(const TensorShape& shape, double scale) {
  Tensor t(DT_DOUBLE, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.flat<double>()(i) = scale * (i % 7 - 3);
  return t;
}

double Error(const Scope& root, const std::vector<Output>& xs, const std::vector<Tensor>& values,
             const Output& y) {
  const absl::StatusOr<double> error = ComputeGradientError(root, xs, values, {y});
  EXPECT_TRUE(error.ok()) << error.status();
  return error.ok() ? *error : 1;
}

TEST(BiasAddGradientsTest, BiasAddInValueAndBias) {
  for (const std::string format : {"NHWC", "NCHW"}) {
    Scope root = Scope::NewRootScope();
    const TensorShape shape = format == "NHWC" ? TensorShape({2, 3, 4}) : TensorShape({2, 4, 3});
    const Output value = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape(shape));
    const Output bias = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({4}));
    const Output y = ops::BiasAdd(root, value, bias, ops::BiasAdd::DataFormat(format));
    EXPECT_LT(Error(root, {value, bias}, {Iota(shape, 0.5), Iota({4}, 0.25)}, y), 1e-9) << format;
  }
}

// BiasAddGrad's gradient tiles the channel gradients back.
TEST(BiasAddGradientsTest, BiasAddGradTilesBack) {
  for (const std::string format : {"NHWC", "NCHW"}) {
    Scope root = Scope::NewRootScope();
    const TensorShape shape = format == "NHWC" ? TensorShape({2, 3, 4}) : TensorShape({2, 4, 3});
    const Output backprop = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape(shape));
    const Output sums = ops::BiasAddGrad(root, backprop, ops::BiasAddGrad::DataFormat(format));
    EXPECT_LT(Error(root, {backprop}, {Iota(shape, 0.5)}, sums), 1e-9)
        << format;
  }
}

}  // namespace
}  // namespace rill
