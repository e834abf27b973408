// Tests of the CPU ConcatOffset kernel: TensorFlow's documented example, negative concat
// dims, and each validation error. Expected offsets worked by hand.
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"
#include "kernels/cpu/array/movement_test_util.h"

namespace rill {
namespace {

absl::StatusOr<std::vector<Tensor>> ConcatOffset(const Tensor& concat_dim,
                                                 const std::vector<Tensor>& shapes) {
  tensorflow::NodeDef def;
  const std::vector<NodeDefBuilder::NodeOut> shape_inputs(shapes.size(), {"s", 0, DT_INT32});
  EXPECT_TRUE(NodeDefBuilder("c", "ConcatOffset")
                  .Input("concat_dim", 0, DT_INT32)
                  .Input(shape_inputs)
                  .Finalize(&def)
                  .ok());
  std::vector<Tensor> inputs = {concat_dim};
  inputs.insert(inputs.end(), shapes.begin(), shapes.end());
  return test::RunKernel(def, inputs);
}

TEST(ConcatOffsetOpTest, OffsetsAlongTheConcatDim) {
  // Shapes [2,2,7], [2,3,7] and [2,5,7] concatenated along dim 1 start at 0, 2 and 5.
  auto out = ConcatOffset(test::AsScalar<int32_t>(1),
                          {test::AsTensor<int32_t>({2, 2, 7}), test::AsTensor<int32_t>({2, 3, 7}),
                           test::AsTensor<int32_t>({2, 5, 7})});
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 3u);
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({0, 0, 0}));
  test::ExpectTensorEqual<int32_t>((*out)[1], test::AsTensor<int32_t>({0, 2, 0}));
  test::ExpectTensorEqual<int32_t>((*out)[2], test::AsTensor<int32_t>({0, 5, 0}));

  // Dim -2 of rank 2 is dim 0.
  out = ConcatOffset(test::AsScalar<int32_t>(-2),
                     {test::AsTensor<int32_t>({4, 3}), test::AsTensor<int32_t>({1, 3})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({0, 0}));
  test::ExpectTensorEqual<int32_t>((*out)[1], test::AsTensor<int32_t>({4, 0}));
}

TEST(ConcatOffsetOpTest, Errors) {
  const Tensor s23 = test::AsTensor<int32_t>({2, 3});
  test::ExpectInvalidArgument(ConcatOffset(test::AsTensor<int32_t>({0}), {s23, s23}).status(),
                              "Concat dim tensor should be a scalar integer, but got shape [1]");
  test::ExpectInvalidArgument(
      ConcatOffset(test::AsScalar<int32_t>(0),
                   {s23, test::AsTensor<int32_t>({2, 3}, TensorShape({1, 2}))})
          .status(),
      "input 1 should be a vector, but got shape [1,2]");
  test::ExpectInvalidArgument(ConcatOffset(test::AsScalar<int32_t>(2), {s23, s23}).status(),
                              "Concat dim is out of range: 2 vs. 2");
  test::ExpectInvalidArgument(ConcatOffset(test::AsScalar<int32_t>(-3), {s23, s23}).status(),
                              "Concat dim is out of range: -3 vs. 2");
  test::ExpectInvalidArgument(
      ConcatOffset(test::AsScalar<int32_t>(0), {s23, test::AsTensor<int32_t>({2, 3, 1})}).status(),
      "input 1 should contain 2 elements, but got 3");
  test::ExpectInvalidArgument(
      ConcatOffset(test::AsScalar<int32_t>(1), {s23, test::AsTensor<int32_t>({5, 3})}).status(),
      "All dimensions except 1 must match. Input 1 has shape [5,3] and doesn't match input 0 "
      "with shape [2,3].");
}

}  // namespace
}  // namespace rill
