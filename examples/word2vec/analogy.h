// Word-analogy accuracy ("a is to b as c is to d") of word embeddings on questions-words.txt,
// computed as word2vec.c's compute-accuracy does, and nearest neighbours by cosine.
#ifndef RILL_EXAMPLES_WORD2VEC_ANALOGY_H_
#define RILL_EXAMPLES_WORD2VEC_ANALOGY_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/tensor.h"
#include "examples/word2vec/vocabulary.h"

namespace rill {
namespace word2vec {

// AnalogyResult counts questions answered right among those whose four words all have
// vectors ("seen"), overall and per section (": capital-common-countries", ...).
struct AnalogyResult {
  struct Section {
    std::string name;
    int64_t correct = 0;
    int64_t seen = 0;
  };
  std::vector<Section> sections;
  int64_t correct = 0;
  int64_t seen = 0;
  int64_t total = 0;  // Every question in the file.

  double accuracy() const { return seen == 0 ? 0 : static_cast<double>(correct) / seen; }
};

// AnalogyWords is how many of the most frequent words (UNK excluded) take part in the
// evaluation: those seen at least `min_count` times, at most `threshold` of them. With
// word2vec.c's -min-count and compute-accuracy's threshold (5 and 30000) both programs
// answer the same questions from the same candidate words.
int64_t AnalogyWords(const Vocabulary& vocabulary, int64_t min_count, int64_t threshold = 30000);

// EvaluateAnalogies answers each question "a b c d" of `questions_path` with the word
// closest (by dot product with unit-length vectors) to b - a + c, leaving out a, b and c,
// among the `candidates` most frequent words of `vocabulary` (UNK excluded); questions with a
// word outside them are not seen. Words are lowercased. `embeddings` is [vocabulary size,
// dim] float. NotFound for a missing file; InvalidArgument for a malformed line.
absl::StatusOr<AnalogyResult> EvaluateAnalogies(const Tensor& embeddings,
                                                const Vocabulary& vocabulary,
                                                const std::string& questions_path,
                                                int64_t candidates = 30000);

// NearestNeighbours returns the `k` words closest to `word` by cosine similarity among the
// `candidates` most frequent words (itself and UNK left out), most similar first; empty
// when `word` is not in the vocabulary.
std::vector<std::string> NearestNeighbours(const Tensor& embeddings, const Vocabulary& vocabulary,
                                           const std::string& word, int k,
                                           int64_t candidates = std::numeric_limits<int64_t>::max());

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_ANALOGY_H_
