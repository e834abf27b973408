// The word2vec example's command-line flags: the lecture's hyperparameters and where the
// corpus, logs and checkpoints are.
#ifndef RILL_EXAMPLES_WORD2VEC_FLAGS_H_
#define RILL_EXAMPLES_WORD2VEC_FLAGS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace rill {
namespace word2vec {

// Flags holds every setting, with the lecture's defaults (VOCAB_SIZE, BATCH_SIZE,
// EMBED_SIZE, SKIP_WINDOW, NUM_SAMPLED, LEARNING_RATE, NUM_TRAIN_STEPS, SKIP_STEP).
struct Flags {
  std::string corpus;       // Text or gzipped text, words separated by whitespace.
  std::string questions;    // questions-words.txt for the analogy accuracy.
  std::string logdir = "graphs/word2vec";
  std::string checkpoint_dir = "checkpoints";
  int64_t vocab_size = 0;   // 0: min(50000, distinct words + UNK).
  int64_t batch_size = 128;
  int64_t embed_size = 128;
  int skip_window = 1;
  int64_t num_sampled = 64;
  std::string optimizer = "gradient_descent";
  double learning_rate = 0;  // 0: the optimizer's default (1.0 for gradient descent).
  // "constant" (the lecture's), or "linear": down to learning_rate * 1e-4 over --steps
  // steps of the global step, as word2vec.c decays its alpha.
  std::string learning_rate_decay = "constant";
  int64_t steps = 100000;
  int64_t epochs = 0;        // 0: as many as the steps take.
  int64_t skip_step = 5000;
  // Each pool's threads (--inter_op_threads / --intra_op_threads, else --threads); 0: one
  // per core. The executor's pool defaults to none (-1): every node then runs on the
  // thread that runs the step, and the kernels still share the intra-op pool. The step is a
  // chain of small kernels, and on two cores handing nodes to other threads cost more than
  // it saved (measured: 3-20 % more steps/s without the inter-op pool).
  int inter_op_threads = -1;  // The executor's pool.
  int intra_op_threads = 0;   // Kernels' pool.
  int64_t prefetch = 4;
  int64_t trace = 0;         // The last N steps run traced and are broken down by scope.
  uint64_t seed = 1;
  // The analogy questions, their candidate answers and the nearest neighbours use the words
  // seen at least this often (word2vec.c's -min-count), so word2vec.c's compute-accuracy and
  // this program answer the same questions.
  int64_t analogy_min_count = 5;
};

// kUsage lists the flags.
extern const char kUsage[];

// ParseFlags reads --name=value arguments; relative paths resolve against the directory
// the user ran the command from. InvalidArgument naming a bad argument.
absl::StatusOr<Flags> ParseFlags(int argc, char** argv);

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_FLAGS_H_
