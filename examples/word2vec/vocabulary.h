// The word2vec example's vocabulary: the most frequent words of a corpus, each with an id,
// "UNK" (id 0) standing for the rest, as the lecture's build_vocab makes it.
#ifndef RILL_EXAMPLES_WORD2VEC_VOCABULARY_H_
#define RILL_EXAMPLES_WORD2VEC_VOCABULARY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rill {
namespace word2vec {

// Vocabulary maps words to ids 0 .. size() - 1: id 0 is "UNK", then the `size() - 1` most
// frequent words of the corpus, most frequent first (ties in order of first appearance,
// as Python's Counter.most_common orders them).
class Vocabulary {
 public:
  // Build counts `tokens` and keeps the `size - 1` most frequent words. InvalidArgument
  // when `size` < 2 or when the corpus has fewer than `size - 1` distinct words.
  static absl::StatusOr<Vocabulary> Build(const std::vector<std::string>& tokens, int64_t size);

  int64_t size() const { return static_cast<int64_t>(words_.size()); }
  // word(id): REQUIRES 0 <= id < size().
  const std::string& word(int64_t id) const { return words_[id]; }
  // count(id) is how often the word occurs in the corpus (for UNK: every other word).
  int64_t count(int64_t id) const { return counts_[id]; }
  const std::vector<int64_t>& counts() const { return counts_; }
  // Id is the word's id, 0 (UNK) for a word outside the vocabulary.
  int64_t Id(const std::string& word) const;
  // Contains says whether `word` has an id of its own.
  bool Contains(const std::string& word) const { return ids_.contains(word); }

  // Ids maps every token to its id.
  std::vector<int32_t> Ids(const std::vector<std::string>& tokens) const;

  // WriteTsv writes one word per line, in id order, for TensorBoard's projector (a
  // single-column metadata file has no header).
  absl::Status WriteTsv(const std::string& path) const;

 private:
  std::vector<std::string> words_;
  std::vector<int64_t> counts_;
  absl::flat_hash_map<std::string, int64_t> ids_;
};

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_VOCABULARY_H_
