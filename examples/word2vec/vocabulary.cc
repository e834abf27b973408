// Vocabulary: counting, ranking by frequency, id lookup and the projector's vocab.tsv.
#include "examples/word2vec/vocabulary.h"

#include <algorithm>
#include <fstream>
#include <numeric>

#include "core/framework/errors.h"

namespace rill {
namespace word2vec {

absl::StatusOr<Vocabulary> Vocabulary::Build(const std::vector<std::string>& tokens,
                                             int64_t size) {
  if (size < 2) {
    return errors::InvalidArgument("A vocabulary needs UNK and at least one word; got size ",
                                   size);
  }
  // Distinct words in order of first appearance, with their counts.
  absl::flat_hash_map<std::string, int64_t> first_seen;
  std::vector<std::string> distinct;
  std::vector<int64_t> counts;
  for (const std::string& token : tokens) {
    auto [it, inserted] = first_seen.emplace(token, static_cast<int64_t>(distinct.size()));
    if (inserted) {
      distinct.push_back(token);
      counts.push_back(0);
    }
    ++counts[it->second];
  }
  if (static_cast<int64_t>(distinct.size()) < size - 1) {
    return errors::InvalidArgument("The corpus has ", distinct.size(),
                                   " distinct words, fewer than the ", size - 1,
                                   " a vocabulary of size ", size,
                                   " needs besides UNK; choose a smaller vocabulary size");
  }
  std::vector<int64_t> order(distinct.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return counts[a] > counts[b]; });

  Vocabulary vocabulary;
  vocabulary.words_.push_back("UNK");
  vocabulary.counts_.push_back(0);
  for (int64_t rank = 0; rank < static_cast<int64_t>(order.size()); ++rank) {
    const int64_t index = order[rank];
    if (rank < size - 1) {
      vocabulary.ids_.emplace(distinct[index], static_cast<int64_t>(vocabulary.words_.size()));
      vocabulary.words_.push_back(distinct[index]);
      vocabulary.counts_.push_back(counts[index]);
    } else {
      vocabulary.counts_[0] += counts[index];
    }
  }
  return vocabulary;
}

int64_t Vocabulary::Id(const std::string& word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? 0 : it->second;
}

std::vector<int32_t> Vocabulary::Ids(const std::vector<std::string>& tokens) const {
  std::vector<int32_t> ids;
  ids.reserve(tokens.size());
  for (const std::string& token : tokens) ids.push_back(static_cast<int32_t>(Id(token)));
  return ids;
}

absl::Status Vocabulary::WriteTsv(const std::string& path) const {
  std::ofstream file(path);
  for (const std::string& word : words_) file << word << "\n";
  file.close();
  if (!file) return errors::PermissionDenied("Cannot write the vocabulary to ", path);
  return absl::OkStatus();
}

}  // namespace word2vec
}  // namespace rill
