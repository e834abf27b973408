// Skip-gram training pairs for the word2vec example, made as the lecture's generate_sample
// and batch_gen make them: each word of the corpus with its neighbours within a random
// window, in corpus order, batch by batch.
#ifndef RILL_EXAMPLES_WORD2VEC_SKIP_GRAM_H_
#define RILL_EXAMPLES_WORD2VEC_SKIP_GRAM_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "core/random/philox_random.h"
#include "core/random/simple_philox.h"

namespace rill {
namespace word2vec {

// SkipGramBatcher walks a corpus of word ids once (one epoch). At position i it draws a
// window w uniformly from 1..skip_window and makes the pairs (ids[i], ids[j]) for
// j = i - w .. i - 1 and i + 1 .. i + w (within the corpus), in that order. Pairs are
// handed out `batch_size` at a time; the last partial batch is dropped. Deterministic for a
// seed. Not thread-safe; the corpus is shared, not copied.
class SkipGramBatcher {
 public:
  SkipGramBatcher(std::shared_ptr<const std::vector<int32_t>> ids, int skip_window,
                  int64_t batch_size, uint64_t seed);

  // Next writes the next batch: `centers` and `targets` of batch_size ids each. False (and
  // nothing written) when the epoch has no full batch left.
  bool Next(int32_t* centers, int32_t* targets);

  // words_done is how many corpus positions the batches handed out so far came from.
  int64_t words_done() const { return words_done_; }

 private:
  // Refill makes the pairs of the next corpus positions until a batch is pending or the
  // corpus ends.
  void Refill();

  std::shared_ptr<const std::vector<int32_t>> ids_;
  const int skip_window_;
  const int64_t batch_size_;
  random::PhiloxRandom philox_;
  random::SimplePhilox random_;
  int64_t position_ = 0;
  int64_t words_done_ = 0;
  // Pairs made but not handed out, and the corpus position after each pair's center.
  std::vector<int32_t> pending_centers_;
  std::vector<int32_t> pending_targets_;
  std::vector<int64_t> pending_positions_;
  size_t pending_start_ = 0;
};

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_SKIP_GRAM_H_
