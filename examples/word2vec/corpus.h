// The word2vec example's input: the corpus read through the TextLine reader (gzipped or
// not), split into words; the vocabulary size; and checked output directories.
#ifndef RILL_EXAMPLES_WORD2VEC_CORPUS_H_
#define RILL_EXAMPLES_WORD2VEC_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rill {
namespace word2vec {

// ReadCorpus returns the whitespace-separated words of `path`, read with a TextLine
// dataset (GZIP when the name ends in ".gz"). NotFound for a missing file, DataLoss for a
// corrupt one, InvalidArgument for a corpus without words.
absl::StatusOr<std::vector<std::string>> ReadCorpus(const std::string& path);

// ChooseVocabularySize is `requested` when positive, else min(50000, distinct words + 1)
// (the words and UNK). InvalidArgument when `requested` needs more distinct words than the
// corpus has.
absl::StatusOr<int64_t> ChooseVocabularySize(const std::vector<std::string>& tokens,
                                             int64_t requested);

// PrepareDirectory creates `dir` (and its parents) and checks that a file can be written
// in it, before any training: PermissionDenied naming it otherwise.
absl::Status PrepareDirectory(const std::string& dir);

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_CORPUS_H_
