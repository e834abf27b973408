// SkipGramBatcher: random windows per position, pairs queued and handed out in batches.
#include "examples/word2vec/skip_gram.h"

#include <algorithm>
#include <utility>

namespace rill {
namespace word2vec {

SkipGramBatcher::SkipGramBatcher(std::shared_ptr<const std::vector<int32_t>> ids,
                                 int skip_window, int64_t batch_size, uint64_t seed)
    : ids_(std::move(ids)),
      skip_window_(skip_window),
      batch_size_(batch_size),
      philox_(seed),
      random_(&philox_) {}

void SkipGramBatcher::Refill() {
  // Drop what was handed out, keep the rest at the front.
  pending_centers_.erase(pending_centers_.begin(), pending_centers_.begin() + pending_start_);
  pending_targets_.erase(pending_targets_.begin(), pending_targets_.begin() + pending_start_);
  pending_positions_.erase(pending_positions_.begin(),
                           pending_positions_.begin() + pending_start_);
  pending_start_ = 0;
  const std::vector<int32_t>& ids = *ids_;
  const int64_t n = static_cast<int64_t>(ids.size());
  while (static_cast<int64_t>(pending_centers_.size()) < batch_size_ && position_ < n) {
    const int64_t i = position_++;
    const int64_t window = 1 + static_cast<int64_t>(random_.Uniform(skip_window_));
    const auto add = [&](int64_t j) {
      pending_centers_.push_back(ids[i]);
      pending_targets_.push_back(ids[j]);
      pending_positions_.push_back(i + 1);
    };
    for (int64_t j = std::max<int64_t>(0, i - window); j < i; ++j) add(j);
    for (int64_t j = i + 1; j <= std::min(n - 1, i + window); ++j) add(j);
  }
}

bool SkipGramBatcher::Next(int32_t* centers, int32_t* targets) {
  if (static_cast<int64_t>(pending_centers_.size() - pending_start_) < batch_size_) Refill();
  if (static_cast<int64_t>(pending_centers_.size() - pending_start_) < batch_size_) return false;
  std::copy_n(pending_centers_.begin() + pending_start_, batch_size_, centers);
  std::copy_n(pending_targets_.begin() + pending_start_, batch_size_, targets);
  pending_start_ += batch_size_;
  words_done_ = pending_positions_[pending_start_ - 1];
  return true;
}

}  // namespace word2vec
}  // namespace rill
