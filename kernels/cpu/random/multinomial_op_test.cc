// Tests of the CPU Multinomial kernel: TensorFlow's samples (infinite logits excluded), the
// stream continued call after call, the same rows on any number of threads, and errors.
//
// Expected samples: kernels/cpu/random/testdata/random_kernels_reference.py, section
// "== multinomial_op_test".
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
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

std::unique_ptr<test::KernelRunner> Sampler(DataType dtype, DataType output_dtype,
                                            int threads = 2) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("m", "Multinomial")
                  .Input("logits", 0, dtype)
                  .Input("num_samples", 0, DT_INT32)
                  .Attr("output_dtype", output_dtype)
                  .Attr("seed", 5)
                  .Attr("seed2", 7)
                  .Finalize(&def)
                  .ok());
  auto runner = test::KernelRunner::Create(def, threads);
  EXPECT_TRUE(runner.ok()) << runner.status();
  return std::move(*runner);
}

absl::StatusOr<Tensor> Sample(test::KernelRunner& runner, const Tensor& logits,
                              int32_t num_samples) {
  absl::StatusOr<std::vector<Tensor>> out =
      runner.Run({logits, test::AsScalar<int32_t>(num_samples)});
  if (!out.ok()) return out.status();
  return (*out)[0];
}

template <typename T>
Tensor SmallLogits() {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {0.0,  std::log(2.0), std::log(3.0), -inf, 5.0, 5.0,
                                      -inf, 5.0,           -1.0,          2.0,  0.5, 0.25};
  std::vector<T> cast;
  for (double v : values) cast.push_back(static_cast<T>(v));
  return test::AsTensor<T>(cast, TensorShape({3, 4}));
}

TEST(MultinomialOpTest, SamplesCallAfterCall) {
  // multinomial 3x4, 6 samples (5, 7) call 1 / call 2
  auto runner = Sampler(DT_DOUBLE, DT_INT64);
  absl::StatusOr<Tensor> out = Sample(*runner, SmallLogits<double>(), 6);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(
      *out, test::AsTensor<int64_t>({2, 0, 2, 0, 1, 2, 0, 1, 3, 0, 1, 3, 3, 1, 1, 1, 1, 2},
                                    TensorShape({3, 6})));
  out = Sample(*runner, SmallLogits<double>(), 6);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(
      *out, test::AsTensor<int64_t>({2, 2, 0, 2, 2, 2, 1, 3, 1, 1, 0, 3, 1, 1, 1, 1, 1, 1},
                                    TensorShape({3, 6})));
}

TEST(MultinomialOpTest, FloatLogitsAndInt32Samples) {
  // multinomial 3x4 float32 logits, 6 samples (5, 7) call 1
  auto runner = Sampler(DT_FLOAT, DT_INT32);
  absl::StatusOr<Tensor> out = Sample(*runner, SmallLogits<float>(), 6);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>(
      *out, test::AsTensor<int32_t>({2, 0, 2, 0, 1, 2, 0, 1, 3, 0, 1, 3, 3, 1, 1, 1, 1, 2},
                                    TensorShape({3, 6})));
}

TEST(MultinomialOpTest, AnyThreadCountGivesTheSingleShardValues) {
  std::vector<float> values;
  for (int r = 0; r < 64; ++r) {
    for (int k = 0; k < 10; ++k) values.push_back(static_cast<float>(std::sin(r * 7 + k) * 3));
  }
  const Tensor logits = test::AsTensor<float>(values, TensorShape({64, 10}));
  absl::StatusOr<Tensor> one = Sample(*Sampler(DT_FLOAT, DT_INT64, /*threads=*/1), logits, 5);
  absl::StatusOr<Tensor> four = Sample(*Sampler(DT_FLOAT, DT_INT64, /*threads=*/4), logits, 5);
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_TRUE(four.ok()) << four.status();
  test::ExpectTensorEqual<int64_t>(*four, *one);
  // multinomial 64x10 float sin logits, 5 samples (5, 7) rows 0, 31, 63
  const auto rows = four->matrix<int64_t>();
  const std::vector<std::vector<int64_t>> expected = {
      {7, 1, 8, 1, 1}, {5, 4, 4, 4, 5}, {0, 0, 1, 6, 1}};
  const int row_index[] = {0, 31, 63};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 5; ++j) EXPECT_EQ(rows(row_index[i], j), expected[i][j]);
  }
}

TEST(MultinomialOpTest, EmptyOutputs) {
  auto runner = Sampler(DT_FLOAT, DT_INT64);
  absl::StatusOr<Tensor> out = Sample(*runner, SmallLogits<float>(), 0);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->shape(), TensorShape({3, 0}));
  out = Sample(*runner, Tensor(DT_FLOAT, TensorShape({0, 4})), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->shape(), TensorShape({0, 3}));
}

TEST(MultinomialOpTest, Errors) {
  auto runner = Sampler(DT_FLOAT, DT_INT64);
  absl::StatusOr<Tensor> out = Sample(*runner, test::AsTensor<float>({1, 2}), 1);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "logits should be a matrix"))
      << out.status();
  out = Sample(*runner, SmallLogits<float>(), -1);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "num_samples should be non-negative"))
      << out.status();
  out = Sample(*runner, Tensor(DT_FLOAT, TensorShape({2, 0})), 1);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(absl::StrContains(out.status().message(), "num_classes should be positive"))
      << out.status();
}

}  // namespace
}  // namespace rill
