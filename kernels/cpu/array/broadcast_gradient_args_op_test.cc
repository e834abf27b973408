// Tests of the CPU BroadcastGradientArgs kernel: TensorFlow's reduction indices (the
// dimensions where an operand is 1 after right-aligning) for int32 and int64, equal shapes,
// scalars, and incompatible or malformed shapes. Expected values worked by hand.
#include <cstdint>
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

absl::StatusOr<std::vector<Tensor>> Args(const Tensor& s0, const Tensor& s1) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("b", "BroadcastGradientArgs")
                  .Input("s0", 0, s0.dtype())
                  .Input("s1", 0, s1.dtype())
                  .Finalize(&def)
                  .ok());
  return test::RunKernel(def, {s0, s1});
}

template <typename T>
void ExpectArgs(const std::vector<T>& s0, const std::vector<T>& s1, const std::vector<T>& r0,
                const std::vector<T>& r1) {
  const auto out = Args(test::AsTensor<T>(s0), test::AsTensor<T>(s1));
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<T>((*out)[0], test::AsTensor<T>(r0));
  test::ExpectTensorEqual<T>((*out)[1], test::AsTensor<T>(r1));
}

TEST(BroadcastGradientArgsOpTest, ReducesWhereAnOperandIsOne) {
  ExpectArgs<int32_t>({2, 3, 5}, {1}, {}, {0, 1, 2});
  ExpectArgs<int32_t>({2, 1, 5}, {3, 1}, {1}, {0, 2});
  ExpectArgs<int64_t>({4, 1}, {1, 7}, {1}, {0});
  // Both operands 1 in a dimension: both reduce it.
  ExpectArgs<int64_t>({1, 1}, {1}, {0, 1}, {0, 1});
}

TEST(BroadcastGradientArgsOpTest, EqualShapesAndScalars) {
  ExpectArgs<int32_t>({2, 1, 3}, {2, 1, 3}, {}, {});
  ExpectArgs<int32_t>({}, {}, {}, {});
  ExpectArgs<int32_t>({}, {4, 2}, {0, 1}, {});
}

TEST(BroadcastGradientArgsOpTest, Errors) {
  auto out = Args(test::AsTensor<int32_t>({2, 3}), test::AsTensor<int32_t>({4}));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(out.status().message(), "Incompatible shapes: [2,3] vs. [4]"))
      << out.status();
  out = Args(test::AsScalar<int32_t>(2), test::AsTensor<int32_t>({4}));
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "s0 must be a vector")) << out.status();
}

}  // namespace
}  // namespace rill
