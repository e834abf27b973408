// Tests of the CPU RandomGamma kernel: TensorFlow 1.x's Marsaglia-Tsang samples for alpha
// below, at and above 1 in half, float and double, the stream continued by each call, the
// same values on any number of threads, and empty outputs.
//
// Expected values: kernels/cpu/random/testdata/random_kernels_reference.py, section
// "== random_gamma_op_test".
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

std::unique_ptr<test::KernelRunner> Gamma(DataType dtype, int threads = 2) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("g", "RandomGamma")
                  .Input("shape", 0, DT_INT32)
                  .Input("alpha", 0, dtype)
                  .Attr("seed", 5)
                  .Attr("seed2", 7)
                  .Finalize(&def)
                  .ok());
  auto runner = test::KernelRunner::Create(def, threads);
  EXPECT_TRUE(runner.ok()) << runner.status();
  return std::move(*runner);
}

Tensor Draw(test::KernelRunner& runner, const std::vector<int32_t>& shape, const Tensor& alpha) {
  absl::StatusOr<std::vector<Tensor>> out = runner.Run({test::AsTensor<int32_t>(shape), alpha});
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? (*out)[0] : Tensor();
}

template <typename T, typename Bits>
std::vector<Bits> BitsOf(const Tensor& t) {
  std::vector<Bits> bits(t.NumElements());
  std::memcpy(bits.data(), t.flat<T>().data(), bits.size() * sizeof(Bits));
  return bits;
}

TEST(RandomGammaOpTest, FloatSamplesCallAfterCall) {
  auto runner = Gamma(DT_FLOAT);
  const Tensor alpha = test::AsTensor<float>({0.5f, 1.0f, 3.0f});
  const Tensor first = Draw(*runner, {4}, alpha);
  EXPECT_EQ(first.shape(), TensorShape({4, 3}));
  // gamma float alpha [0.5, 1, 3] shape [4] (5, 7)
  EXPECT_EQ((BitsOf<float, uint32_t>(first)),
            (std::vector<uint32_t>{0x3f84e947, 0x3e9b19ee, 0x3fed1105, 0x3b7c0f92, 0x3fdd5c9c,
                                   0x4054f5bc, 0x3df5abd2, 0x3e630fd9, 0x408b68cd, 0x3f52f6ae,
                                   0x3f4d3e7d, 0x401a347a}));
  // gamma float call 2
  EXPECT_EQ((BitsOf<float, uint32_t>(Draw(*runner, {4}, alpha))),
            (std::vector<uint32_t>{0x3f5290b5, 0x3ecbd307, 0x40e6c69b, 0x3d8aefba, 0x3f11f7fb,
                                   0x41074511, 0x38eb97cc, 0x3ebc2ad7, 0x404b602b, 0x3f9a59c0,
                                   0x3e835fd3, 0x406e649f}));
}

TEST(RandomGammaOpTest, DoubleAndHalf) {
  // gamma double alpha [0.5, 1, 3] shape [4] (5, 7)
  EXPECT_EQ((BitsOf<double, uint64_t>(
                Draw(*Gamma(DT_DOUBLE), {4}, test::AsTensor<double>({0.5, 1.0, 3.0})))),
            (std::vector<uint64_t>{0x3ff09d28ec9da37e, 0x3fd3633dcfda0213, 0x3ffda2209fc6e2c1,
                                   0x3f6f81f24cdf8818, 0x3ffbab93877a90ad, 0x400a9eb7820a2999,
                                   0x3fbeb57a4c6d3474, 0x3fcc61fb14d6a34a, 0x40116d1994142f37,
                                   0x3fea5ed5bdf5ceee, 0x3fe9a7cfafb0804c, 0x4003468f31a32110}));
  // gamma half alpha [0.25, 2] shape [3] (5, 7)
  const Tensor alpha = test::AsTensor<Eigen::half>({Eigen::half(0.25f), Eigen::half(2.0f)});
  EXPECT_EQ((BitsOf<Eigen::half, uint16_t>(Draw(*Gamma(DT_HALF), {3}, alpha))),
            (std::vector<uint16_t>{0x35e7, 0x40c6, 0x0078, 0x3db1, 0x2960, 0x4011}));
}

TEST(RandomGammaOpTest, AnyThreadCountGivesTheSameValues) {
  const Tensor alpha = test::AsTensor<float>({0.3f, 1.0f, 2.5f, 40.0f});
  const Tensor one = Draw(*Gamma(DT_FLOAT, /*threads=*/1), {2000}, alpha);
  const Tensor four = Draw(*Gamma(DT_FLOAT, /*threads=*/4), {2000}, alpha);
  EXPECT_EQ((BitsOf<float, uint32_t>(one)), (BitsOf<float, uint32_t>(four)));
}

TEST(RandomGammaOpTest, EmptyOutputs) {
  auto runner = Gamma(DT_FLOAT);
  EXPECT_EQ(Draw(*runner, {0, 5}, test::AsTensor<float>({1.0f})).shape(), TensorShape({0, 5, 1}));
  EXPECT_EQ(Draw(*runner, {3}, Tensor(DT_FLOAT, TensorShape({2, 0}))).shape(),
            TensorShape({3, 2, 0}));
}

}  // namespace
}  // namespace rill
