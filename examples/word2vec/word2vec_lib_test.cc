// Tests of the word2vec example's pieces: vocabulary ranking and UNK, skip-gram pairs and
// batches, analogy accuracy and nearest neighbours on hand-made vectors.
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "examples/word2vec/analogy.h"
#include "examples/word2vec/skip_gram.h"
#include "examples/word2vec/vocabulary.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace word2vec {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> tokens;
  std::string token;
  for (char c : text + " ") {
    if (c == ' ') {
      if (!token.empty()) tokens.push_back(token);
      token.clear();
    } else {
      token += c;
    }
  }
  return tokens;
}

TEST(VocabularyTest, MostFrequentFirstTiesInFirstAppearanceOrder) {
  // counts: the 3, cat 2, sat 2, on 1, mat 1; cat appears before sat.
  const std::vector<std::string> tokens = Split("the cat sat on the mat the cat sat");
  absl::StatusOr<Vocabulary> vocabulary = Vocabulary::Build(tokens, 4);
  ASSERT_TRUE(vocabulary.ok()) << vocabulary.status();
  ASSERT_EQ(vocabulary->size(), 4);
  EXPECT_EQ(vocabulary->word(0), "UNK");
  EXPECT_EQ(vocabulary->word(1), "the");
  EXPECT_EQ(vocabulary->word(2), "cat");
  EXPECT_EQ(vocabulary->word(3), "sat");
  EXPECT_THAT(vocabulary->counts(), ElementsAre(2, 3, 2, 2));  // UNK: on + mat
  EXPECT_EQ(vocabulary->Id("mat"), 0);
  EXPECT_THAT(vocabulary->Ids(Split("cat on the")), ElementsAre(2, 0, 1));
}

TEST(VocabularyTest, TooLargeOrTooSmall) {
  const std::vector<std::string> tokens = Split("a b c");
  absl::StatusOr<Vocabulary> vocabulary = Vocabulary::Build(tokens, 5);
  ASSERT_FALSE(vocabulary.ok());
  EXPECT_TRUE(absl::StrContains(vocabulary.status().message(), "3 distinct words, fewer than the 4"))
      << vocabulary.status();
  EXPECT_FALSE(Vocabulary::Build(tokens, 1).ok());
  EXPECT_TRUE(Vocabulary::Build(tokens, 4).ok());
}

TEST(SkipGramBatcherTest, WindowOnePairsEachWordWithItsNeighbours) {
  auto ids = std::make_shared<const std::vector<int32_t>>(std::vector<int32_t>{10, 11, 12, 13});
  SkipGramBatcher batcher(ids, /*skip_window=*/1, /*batch_size=*/3, /*seed=*/7);
  // Pairs in order: (10,11) (11,10) (11,12) (12,11) (12,13) (13,12).
  int32_t centers[3];
  int32_t targets[3];
  ASSERT_TRUE(batcher.Next(centers, targets));
  EXPECT_THAT(centers, ElementsAre(10, 11, 11));
  EXPECT_THAT(targets, ElementsAre(11, 10, 12));
  EXPECT_EQ(batcher.words_done(), 2);
  ASSERT_TRUE(batcher.Next(centers, targets));
  EXPECT_THAT(centers, ElementsAre(12, 12, 13));
  EXPECT_THAT(targets, ElementsAre(11, 13, 12));
  EXPECT_EQ(batcher.words_done(), 4);
  EXPECT_FALSE(batcher.Next(centers, targets));
}

TEST(SkipGramBatcherTest, RandomWindowsStayWithinBoundsAndRepeatForASeed) {
  std::vector<int32_t> corpus(50);
  for (int i = 0; i < 50; ++i) corpus[i] = i;
  auto ids = std::make_shared<const std::vector<int32_t>>(corpus);
  SkipGramBatcher first(ids, 3, 8, 42);
  SkipGramBatcher second(ids, 3, 8, 42);
  int32_t c1[8], t1[8], c2[8], t2[8];
  int batches = 0;
  while (first.Next(c1, t1)) {
    ASSERT_TRUE(second.Next(c2, t2));
    for (int k = 0; k < 8; ++k) {
      EXPECT_EQ(c1[k], c2[k]);
      EXPECT_EQ(t1[k], t2[k]);
      EXPECT_NE(c1[k], t1[k]);
      EXPECT_LE(std::abs(c1[k] - t1[k]), 3);  // ids are positions here
    }
    ++batches;
  }
  // Between 2 and 6 pairs per word: at least 100 - 2 edge losses pairs in all.
  EXPECT_GE(batches, 12);
}

TEST(AnalogyTest, AnswersByVectorArithmetic) {
  // Vocabulary: UNK, king, queen, man, woman, apple (most frequent first).
  const std::vector<std::string> tokens =
      Split("king king king king king queen queen queen queen man man man woman woman apple");
  absl::StatusOr<Vocabulary> vocabulary = Vocabulary::Build(tokens, 6);
  ASSERT_TRUE(vocabulary.ok());
  // king = royal + male, queen = royal + female, man = male, woman = female.
  const Tensor embeddings = test::AsTensor<float>(
      {0, 0, 0,  1, 1, 0,  1, 0, 1,  0, 1, 0,  0, 0, 1,  0.3f, 0.3f, 0.3f}, TensorShape({6, 3}));
  const std::string path = ::testing::TempDir() + "/questions.txt";
  std::ofstream(path) << ": gender\nMan Woman King Queen\nman woman king apple\n"
                      << ": unseen\nman woman king emperor\n";
  absl::StatusOr<AnalogyResult> result = EvaluateAnalogies(embeddings, *vocabulary, path);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->total, 3);
  EXPECT_EQ(result->seen, 2);
  EXPECT_EQ(result->correct, 1);
  ASSERT_EQ(result->sections.size(), 2u);
  EXPECT_EQ(result->sections[0].name, "gender");
  EXPECT_EQ(result->sections[0].seen, 2);
  EXPECT_EQ(result->sections[1].seen, 0);

  EXPECT_THAT(NearestNeighbours(embeddings, *vocabulary, "king", 2), ElementsAre("apple", "man"));  // cosines 0.82, 0.71
  EXPECT_TRUE(NearestNeighbours(embeddings, *vocabulary, "emperor", 2).empty());
  // Among the 3 most frequent words only (king, queen, man): cosines 0.71 and 0.5.
  EXPECT_THAT(NearestNeighbours(embeddings, *vocabulary, "king", 2, 3),
              ElementsAre("man", "queen"));

  // Counts: king 5, queen 4, man 3, woman 2, apple 1. Among the words seen twice or more
  // (apple left out), the second question is not seen and "queen" is right.
  EXPECT_EQ(AnalogyWords(*vocabulary, 1), 5);
  EXPECT_EQ(AnalogyWords(*vocabulary, 3), 3);
  EXPECT_EQ(AnalogyWords(*vocabulary, 1, 2), 2);
  EXPECT_EQ(AnalogyWords(*vocabulary, 6), 0);
  result = EvaluateAnalogies(embeddings, *vocabulary, path, AnalogyWords(*vocabulary, 2));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->seen, 1);
  EXPECT_EQ(result->correct, 1);

  std::ofstream(path) << "man woman king queen\n";
  EXPECT_FALSE(EvaluateAnalogies(embeddings, *vocabulary, path).ok());
  EXPECT_EQ(EvaluateAnalogies(embeddings, *vocabulary, "/nonexistent").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace word2vec
}  // namespace rill
