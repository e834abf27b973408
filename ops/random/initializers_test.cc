// Tests of the random initializers: TensorFlow's initial values bit for bit (Glorot uniform
// and normal, integer uniform), the fans and the truncation correction of variance scaling,
// TensorFlow's node names inside a variable's scope, and dtype errors.
//
// Expected values: kernels/cpu/random/testdata/random_kernels_reference.py, section
// "== initializers_test (ops/random)" (the lines quoted above the constants).
#include "ops/random/initializers.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/state/initializer.h"

namespace rill {
namespace {

std::vector<uint32_t> FloatBits(const Tensor& t) {
  std::vector<uint32_t> bits(t.NumElements());
  std::memcpy(bits.data(), t.flat<float>().data(), bits.size() * sizeof(uint32_t));
  return bits;
}

Tensor Evaluate(const Scope& root, const Output& output) {
  ClientSession session(root);
  std::vector<Tensor> out;
  const absl::Status status = session.Run({output}, &out);
  EXPECT_TRUE(status.ok()) << status;
  return status.ok() ? out[0] : Tensor();
}

// ConstantBits returns the bits of the float scalar Const called `name`.
uint32_t ConstantBits(const Scope& root, const std::string& name) {
  const Node* node = root.graph()->FindNode(name);
  EXPECT_NE(node, nullptr) << name;
  if (node == nullptr || node->constant_value() == nullptr) return 0;
  return FloatBits(*node->constant_value())[0];
}

TEST(GlorotUniformInitializerTest, ValuesAndNames) {
  const Scope root = Scope::NewRootScope();
  const ops::Initializer init = ops::GlorotUniformInitializer(1);
  const Output w =
      init(root.NewSubScope("w").NewSubScope("Initializer"), TensorShape({3, 4}), DT_FLOAT);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(w.name(), "w/Initializer/random_uniform:0");
  // glorot_uniform [3, 4] seed 1: limit
  EXPECT_EQ(ConstantBits(root, "w/Initializer/random_uniform/max"), 0x3f6d028cu);
  EXPECT_EQ(ConstantBits(root, "w/Initializer/random_uniform/min"), 0xbf6d028cu);
  const Tensor values = Evaluate(root, w);
  EXPECT_EQ(values.shape(), TensorShape({3, 4}));
  // glorot_uniform [3, 4] seed 1: values
  EXPECT_EQ(FloatBits(values),
            (std::vector<uint32_t>{0xbef76727, 0x3f47471a, 0xbf5510e9, 0xbc011a00, 0x3f1f0b54,
                                   0xbf607663, 0xbf433e1b, 0xbda459c8, 0x3efedecc, 0x3ee149e8,
                                   0x3f071e7e, 0xbeb234dc}));
}

TEST(GlorotNormalInitializerTest, TruncatedWithTheCorrectedStddev) {
  const Scope root = Scope::NewRootScope();
  const Output w = ops::GlorotNormalInitializer(2)(root, TensorShape({4, 6}), DT_FLOAT);
  // glorot_normal [4, 6] seed 2: stddev
  EXPECT_EQ(ConstantBits(root, "truncated_normal/stddev"), 0x3f022764u);
  const std::vector<uint32_t> bits = FloatBits(Evaluate(root, w));
  ASSERT_EQ(bits.size(), 24u);
  // glorot_normal [4, 6] seed 2: values 0..3
  EXPECT_EQ(std::vector<uint32_t>(bits.begin(), bits.begin() + 4),
            (std::vector<uint32_t>{0xbedf5f76, 0xbdccbadd, 0x3d90adf5, 0xbf1ef433}));
}

TEST(VarianceScalingInitializerTest, FansOfConvolutionKernelsAndVectors) {
  const Scope root = Scope::NewRootScope();
  ops::VarianceScalingInitializer(2.0, ops::VarianceScalingMode::kFanOut,
                                  ops::VarianceScalingDistribution::kUntruncatedNormal)(
      root, TensorShape({3, 3, 16, 32}), DT_FLOAT);
  ops::VarianceScalingInitializer()(root, TensorShape({5}), DT_FLOAT);
  ASSERT_TRUE(root.ok()) << root.status();
  // variance_scaling(2, fan_out, untruncated) [3, 3, 16, 32]: stddev
  EXPECT_EQ(ConstantBits(root, "random_normal/stddev"), 0x3daaaaabu);
  // variance_scaling(1, fan_in, truncated) [5]: stddev
  EXPECT_EQ(ConstantBits(root, "truncated_normal/stddev"), 0x3f022764u);
}

TEST(RandomUniformInitializerTest, IntegerBounds) {
  const Scope root = Scope::NewRootScope();
  const Output w = ops::RandomUniformInitializer(0, 10, 6)(root, TensorShape({4}), DT_INT32);
  // random_uniform_initializer(0, 10) int32 [4] seed 6
  test::ExpectTensorEqual<int32_t>(Evaluate(root, w), test::AsTensor<int32_t>({4, 5, 3, 3}));
}

TEST(RandomNormalInitializerTest, MeanAndStddevOfTheVariableDtype) {
  const Scope root = Scope::NewRootScope();
  const Output w = ops::RandomNormalInitializer(1, 0.5)(root, TensorShape({2, 2}), DT_DOUBLE);
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(w.type(), DT_DOUBLE);
  EXPECT_EQ(root.graph()->FindNode("random_normal/mean")->output_type(0), DT_DOUBLE);
  EXPECT_EQ(Evaluate(root, w).shape(), TensorShape({2, 2}));
}

TEST(InitializerErrorTest, DtypesAndScale) {
  {
    const Scope root = Scope::NewRootScope();
    EXPECT_EQ(ops::TruncatedNormalInitializer()(root, TensorShape({2}), DT_INT32).node(), nullptr);
    EXPECT_TRUE(absl::StrContains(root.status().message(),
                                  "truncated_normal_initializer: expected a floating point type, "
                                  "got int32"))
        << root.status();
  }
  {
    const Scope root = Scope::NewRootScope();
    ops::VarianceScalingInitializer(0.0)(root, TensorShape({2}), DT_FLOAT);
    EXPECT_TRUE(absl::StrContains(root.status().message(), "scale must be positive, got 0"))
        << root.status();
  }
}

}  // namespace
}  // namespace rill
