// Tests of the candidate-sampler kernels and ComputeAccidentalHits: seeded determinism and
// stream continuation, frequencies over many draws against each distribution, TensorFlow's
// expected-count formulas (recomputed here in float), unique batches, the unigram options
// (reserved ids, distortion, shards, a vocabulary file), and errors.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

struct SamplerSpec {
  std::string op = "LogUniformCandidateSampler";
  int64_t num_true = 1;
  int64_t num_sampled = 5;
  bool unique = false;
  int64_t range_max = 10;
  int64_t seed = 1;
  int64_t seed2 = 2;
  std::vector<float> unigrams;
  std::string vocab_file;
  float distortion = 1.0f;
  int64_t num_reserved_ids = 0;
  int64_t num_shards = 1;
  int64_t shard = 0;
};

tensorflow::NodeDef SamplerNode(const SamplerSpec& spec) {
  tensorflow::NodeDef def;
  NodeDefBuilder builder("sampler", spec.op);
  builder.Input("true_classes", 0, DT_INT64)
      .Attr("num_true", spec.num_true)
      .Attr("num_sampled", spec.num_sampled)
      .Attr("unique", spec.unique)
      .Attr("range_max", spec.range_max)
      .Attr("seed", spec.seed)
      .Attr("seed2", spec.seed2);
  if (spec.op == "FixedUnigramCandidateSampler") {
    builder.Attr("unigrams", spec.unigrams)
        .Attr("vocab_file", spec.vocab_file)
        .Attr("distortion", spec.distortion)
        .Attr("num_reserved_ids", spec.num_reserved_ids)
        .Attr("num_shards", spec.num_shards)
        .Attr("shard", spec.shard);
  }
  EXPECT_TRUE(builder.Finalize(&def).ok());
  return def;
}

std::unique_ptr<test::KernelRunner> Runner(const SamplerSpec& spec) {
  auto runner = test::KernelRunner::Create(SamplerNode(spec));
  EXPECT_TRUE(runner.ok()) << runner.status();
  return runner.ok() ? std::move(*runner) : nullptr;
}

std::vector<int64_t> Candidates(const Tensor& t) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < t.NumElements(); ++i) out.push_back(t.flat<int64_t>()(i));
  return out;
}

// LogUniformProbability is LogUniformSampler's probability, as TensorFlow computes it.
float LogUniformProbability(int64_t value, int64_t range) {
  return static_cast<float>(std::log((value + 2.0) / (value + 1.0)) / std::log1p(range));
}

TEST(CandidateSamplerOpTest, SeededRunsRepeatAndContinueTheirStream) {
  SamplerSpec spec;
  spec.range_max = 1000000;
  spec.num_sampled = 8;
  auto a = Runner(spec);
  auto b = Runner(spec);
  const Tensor true_classes = test::AsTensor<int64_t>({3, 7}, TensorShape({2, 1}));
  const auto a1 = a->Run({true_classes});
  const auto b1 = b->Run({true_classes});
  const auto a2 = a->Run({true_classes});
  ASSERT_TRUE(a1.ok() && b1.ok() && a2.ok());
  EXPECT_EQ(Candidates((*a1)[0]), Candidates((*b1)[0]));
  EXPECT_NE(Candidates((*a1)[0]), Candidates((*a2)[0]));
  spec.seed2 = 3;
  const auto c1 = Runner(spec)->Run({true_classes});
  ASSERT_TRUE(c1.ok());
  EXPECT_NE(Candidates((*a1)[0]), Candidates((*c1)[0]));
}

// TensorFlow's candidates for seed 1, seed2 2, two calls of 8, from
// testdata/candidate_sampler_reference.py (TensorFlow's algorithms rewritten in Python).
TEST(CandidateSamplerOpTest, SeededCandidatesAreTensorFlows) {
  struct Case {
    std::string op;
    int64_t range_max;
    std::vector<std::vector<int64_t>> calls;
  };
  for (const Case& c :
       {Case{"LogUniformCandidateSampler", 1000000,
             {{31, 455, 59, 34, 520365, 94407, 1905, 4605}, {40, 321, 20, 421, 1587, 8, 15917, 6}}},
        Case{"UniformCandidateSampler", 1000,
             {{839, 966, 987, 601, 213, 758, 626, 914}, {28, 605, 123, 322, 132, 725, 238, 55}}},
        Case{"FixedUnigramCandidateSampler", 5,
             {{4, 4, 4, 3, 4, 4, 3, 3}, {3, 2, 4, 4, 4, 3, 4, 3}}}}) {
    SamplerSpec spec;
    spec.op = c.op;
    spec.num_sampled = 8;
    spec.range_max = c.range_max;
    spec.num_reserved_ids = 1;
    spec.unigrams = {1, 4, 9, 16};
    auto runner = Runner(spec);
    for (const std::vector<int64_t>& expected : c.calls) {
      const auto out = runner->Run({test::AsTensor<int64_t>({0}, TensorShape({1, 1}))});
      ASSERT_TRUE(out.ok()) << out.status();
      EXPECT_EQ(Candidates((*out)[0]), expected) << c.op;
    }
  }
}

// Without unique, each expected count is p * num_sampled, in float.
TEST(CandidateSamplerOpTest, ExpectedCountsWithoutUnique) {
  SamplerSpec spec;
  spec.num_true = 2;
  const auto out = Runner(spec)->Run({test::AsTensor<int64_t>({0, 9, 4, 4}, TensorShape({2, 2}))});
  ASSERT_TRUE(out.ok()) << out.status();
  const Tensor& sampled = (*out)[0];
  const Tensor& true_count = (*out)[1];
  const Tensor& sampled_count = (*out)[2];
  ASSERT_EQ(true_count.shape(), TensorShape({2, 2}));
  const std::vector<int64_t> true_values = {0, 9, 4, 4};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(true_count.flat<float>()(i), LogUniformProbability(true_values[i], 10) * 5.0f);
  }
  for (int i = 0; i < 5; ++i) {
    const int64_t c = sampled.flat<int64_t>()(i);
    ASSERT_GE(c, 0);
    ASSERT_LT(c, 10);
    EXPECT_EQ(sampled_count.flat<float>()(i), LogUniformProbability(c, 10) * 5.0f);
  }
  SamplerSpec uniform = spec;
  uniform.op = "UniformCandidateSampler";
  const auto u = Runner(uniform)->Run({test::AsTensor<int64_t>({0, 9, 4, 4}, TensorShape({2, 2}))});
  ASSERT_TRUE(u.ok()) << u.status();
  for (int i = 0; i < 4; ++i) EXPECT_EQ((*u)[1].flat<float>()(i), static_cast<float>(0.1) * 5.0f);
}

// With unique, the batch holds distinct values and every count is 1 - (1 - p)^num_tries for
// one number of tries >= num_sampled, computed as -expm1(num_tries * log1p(-p)) in float.
TEST(CandidateSamplerOpTest, UniqueBatchesAndTheirExpectedCounts) {
  SamplerSpec spec;
  spec.unique = true;
  spec.num_sampled = 6;
  spec.range_max = 8;
  auto runner = Runner(spec);
  for (int step = 0; step < 50; ++step) {
    const auto out = runner->Run({test::AsTensor<int64_t>({1}, TensorShape({1, 1}))});
    ASSERT_TRUE(out.ok()) << out.status();
    const std::vector<int64_t> sampled = Candidates((*out)[0]);
    EXPECT_EQ(std::set<int64_t>(sampled.begin(), sampled.end()).size(), 6u);
    // Recover the tries from the count of the true class 1, then check every count. Six
    // tries (no rejection) keep the plain p * num_sampled, as in TensorFlow.
    const float p1 = LogUniformProbability(1, 8);
    const float true_count = (*out)[1].flat<float>()(0);
    int64_t tries = 6;
    if (true_count != p1 * 6.0f) {
      tries = std::llround(std::log1p(-static_cast<double>(true_count)) /
                           std::log1p(-static_cast<double>(p1)));
      ASSERT_GT(tries, 6);
    }
    const auto count = [&](int64_t value) {
      const float p = LogUniformProbability(value, 8);
      if (tries == 6) return p * 6.0f;
      return -std::expm1(static_cast<float>(tries) * std::log1p(-p));
    };
    EXPECT_EQ(true_count, count(1));
    for (int i = 0; i < 6; ++i) EXPECT_EQ((*out)[2].flat<float>()(i), count(sampled[i])) << i;
  }
}

// Frequencies over 200000 draws lie within 5 standard deviations of each probability.
void ExpectFrequencies(const SamplerSpec& spec, const std::vector<double>& probabilities) {
  auto runner = Runner(spec);
  std::vector<int64_t> counts(probabilities.size());
  const int64_t runs = 200000 / spec.num_sampled;
  for (int64_t r = 0; r < runs; ++r) {
    const auto out = runner->Run({test::AsTensor<int64_t>({0}, TensorShape({1, 1}))});
    ASSERT_TRUE(out.ok()) << out.status();
    for (const int64_t c : Candidates((*out)[0])) {
      ASSERT_GE(c, 0);
      ASSERT_LT(c, static_cast<int64_t>(counts.size()));
      ++counts[c];
    }
  }
  const double n = static_cast<double>(runs * spec.num_sampled);
  for (size_t k = 0; k < probabilities.size(); ++k) {
    const double p = probabilities[k];
    EXPECT_NEAR(counts[k] / n, p, 5 * std::sqrt(p * (1 - p) / n) + 1e-12)
        << spec.op << " value " << k;
  }
}

TEST(CandidateSamplerOpTest, LogUniformAndUniformFrequencies) {
  SamplerSpec spec;
  spec.num_sampled = 100;
  std::vector<double> log_uniform;
  for (int k = 0; k < 10; ++k) log_uniform.push_back(std::log((k + 2.0) / (k + 1.0)) / std::log(11.0));
  ExpectFrequencies(spec, log_uniform);
  spec.op = "UniformCandidateSampler";
  spec.range_max = 7;
  ExpectFrequencies(spec, std::vector<double>(7, 1.0 / 7));
}

TEST(CandidateSamplerOpTest, FixedUnigramFrequenciesWithReservedIdsAndDistortion) {
  SamplerSpec spec;
  spec.op = "FixedUnigramCandidateSampler";
  spec.num_sampled = 100;
  spec.range_max = 5;
  spec.num_reserved_ids = 1;
  spec.unigrams = {1, 4, 9, 16};
  ExpectFrequencies(spec, {0, 1 / 30.0, 4 / 30.0, 9 / 30.0, 16 / 30.0});
  // distortion 0.5: weights 1, 2, 3, 4.
  spec.distortion = 0.5f;
  ExpectFrequencies(spec, {0, 0.1, 0.2, 0.3, 0.4});
  const auto out = Runner(spec)->Run({test::AsTensor<int64_t>({0, 3}, TensorShape({2, 1}))});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[1].flat<float>()(0), 0.0f);
  EXPECT_EQ((*out)[1].flat<float>()(1), 3.0f / 10.0f * 100.0f);
}

// Shard 1 of 2 keeps the unigrams of ids 1 and 3: weights 2 and 4.
TEST(CandidateSamplerOpTest, FixedUnigramShards) {
  SamplerSpec spec;
  spec.op = "FixedUnigramCandidateSampler";
  spec.num_sampled = 100;
  spec.range_max = 2;
  spec.num_shards = 2;
  spec.shard = 1;
  spec.unigrams = {1, 2, 3, 4};
  ExpectFrequencies(spec, {2 / 6.0, 4 / 6.0});
}

TEST(CandidateSamplerOpTest, FixedUnigramFromVocabularyFile) {
  const std::string path = ::testing::TempDir() + "/vocab.csv";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("the,6\r\nof,3\nand,1", f);
  std::fclose(f);
  SamplerSpec spec;
  spec.op = "FixedUnigramCandidateSampler";
  spec.num_sampled = 100;
  spec.range_max = 3;
  spec.vocab_file = path;
  ExpectFrequencies(spec, {0.6, 0.3, 0.1});

  FILE* bad = std::fopen(path.c_str(), "w");
  std::fputs("the,6\nof,many\n", bad);
  std::fclose(bad);
  const auto created = test::KernelRunner::Create(SamplerNode(spec));
  ASSERT_FALSE(created.ok());
  EXPECT_THAT(created.status().message(), HasSubstr("Wrong vocabulary format at line: of,many"));

  spec.vocab_file = path + ".missing";
  const auto missing = test::KernelRunner::Create(SamplerNode(spec));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("vocab.csv.missing"));
}

TEST(CandidateSamplerOpTest, Errors) {
  SamplerSpec spec;
  spec.op = "FixedUnigramCandidateSampler";
  spec.range_max = 3;
  const auto neither = test::KernelRunner::Create(SamplerNode(spec));
  ASSERT_FALSE(neither.ok());
  EXPECT_THAT(neither.status().message(), HasSubstr("Must provide either vocab_file or unigrams"));
  spec.unigrams = {1, 2};
  const auto short_list = test::KernelRunner::Create(SamplerNode(spec));
  ASSERT_FALSE(short_list.ok());
  EXPECT_THAT(short_list.status().message(), HasSubstr("range is 3 must be equal to weights size  2"));
  spec.unigrams = {0, 2, 3};
  spec.unique = true;
  spec.num_sampled = 3;
  const auto too_few_positive = test::KernelRunner::Create(SamplerNode(spec));
  ASSERT_FALSE(too_few_positive.ok());
  EXPECT_THAT(too_few_positive.status().message(),
              HasSubstr("Cannot draw 3 unique candidates: only 2 ids have a positive weight"));

  SamplerSpec log_uniform;
  auto runner = Runner(log_uniform);
  const auto out_of_range = runner->Run({test::AsTensor<int64_t>({3, 10}, TensorShape({2, 1}))});
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_THAT(out_of_range.status().message(), HasSubstr("true_classes[1,0] = 10 is not in [0, 10)"));
  const auto columns = runner->Run({test::AsTensor<int64_t>({3, 4}, TensorShape({1, 2}))});
  ASSERT_FALSE(columns.ok());
  EXPECT_THAT(columns.status().message(), HasSubstr("expected: 1 was: 2"));
  log_uniform.unique = true;
  log_uniform.num_sampled = 11;
  const auto range = Runner(log_uniform)->Run({test::AsTensor<int64_t>({3}, TensorShape({1, 1}))});
  ASSERT_FALSE(range.ok());
  EXPECT_THAT(range.status().message(), HasSubstr("Sampler's range is too small"));
}

tensorflow::NodeDef HitsNode(int64_t num_true) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("hits", "ComputeAccidentalHits")
                  .Input("true_classes", 0, DT_INT64)
                  .Input("sampled_candidates", 0, DT_INT64)
                  .Attr("num_true", num_true)
                  .Finalize(&def)
                  .ok());
  return def;
}

// true_classes [[1 5] [7 1] [2 2]], sampled [5 1 9 2 1]: row 0 hits 1 (at position 4, the
// last of the repeated 1s) and 5 (position 0); row 1 hits 1; row 2 hits 2 twice.
TEST(ComputeAccidentalHitsOpTest, ListsEveryHit) {
  const auto out = test::RunKernel(
      HitsNode(2), {test::AsTensor<int64_t>({1, 5, 7, 1, 2, 2}, TensorShape({3, 2})),
                    test::AsTensor<int64_t>({5, 1, 9, 2, 1})});
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int32_t>((*out)[0], test::AsTensor<int32_t>({0, 0, 1, 2, 2}));
  test::ExpectTensorEqual<int64_t>((*out)[1], test::AsTensor<int64_t>({4, 0, 4, 3, 3}));
  test::ExpectTensorEqual<float>((*out)[2], test::AsTensor<float>(std::vector<float>(5, -FLT_MAX)));
  const auto none = test::RunKernel(
      HitsNode(1), {test::AsTensor<int64_t>({3}, TensorShape({1, 1})), test::AsTensor<int64_t>({4})});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ((*none)[0].NumElements(), 0);
  const auto wrong = test::RunKernel(
      HitsNode(2), {test::AsTensor<int64_t>({3}, TensorShape({1, 1})), test::AsTensor<int64_t>({4})});
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.status().message(), HasSubstr("batch_size * num_true matrix"));
}

}  // namespace
}  // namespace rill
