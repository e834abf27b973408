// Parsing the word2vec example's flags.
#include "examples/word2vec/flags.h"

#include <functional>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/io/path.h"
#include "examples/bundled_data.h"

namespace rill {
namespace word2vec {

const char kUsage[] =
    "usage: word2vec [--corpus=FILE(.gz)] [--questions=FILE] [--logdir=DIR] "
    "[--checkpoint_dir=DIR]\n"
    "  [--vocab_size=N] [--batch_size=128] [--embed_size=128] [--skip_window=1] "
    "[--num_sampled=64]\n"
    "  [--optimizer=gradient_descent|momentum|adagrad|adam|ftrl|rmsprop] [--learning_rate=R]\n"
    "  [--learning_rate_decay=constant|linear]\n"
    "  [--steps=100000] [--epochs=N] [--skip_step=5000] [--threads=N] [--prefetch=4] "
    "[--seed=1]\n"
    "  [--inter_op_threads=N] [--intra_op_threads=N]  (each pool's threads, else --threads;\n"
    "   0: one per core; inter-op -1, the default: nodes run on the step's thread)\n"
    "  [--trace=N]  (the last N steps run traced; prints where a step's time goes)\n"
    "  [--analogy_min_count=5]  (analogies and neighbours use words seen this often)";

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  flags.corpus = examples::BundledDataPath(argv[0], "examples/data/brown.txt.gz");
  flags.questions = examples::BundledDataPath(argv[0], "examples/data/questions-words.txt");
  const auto path = [](std::string* field) {
    return [field](const std::string& value) {
      *field = io::ResolveUserPath(value);
      return !value.empty();
    };
  };
  const auto text = [](std::string* field) {
    return [field](const std::string& value) {
      *field = value;
      return true;
    };
  };
  const auto positive = [](int64_t* field) {
    return [field](const std::string& value) {
      return absl::SimpleAtoi(value, field) && *field > 0;
    };
  };
  const auto non_negative = [](int64_t* field) {
    return [field](const std::string& value) {
      return absl::SimpleAtoi(value, field) && *field >= 0;
    };
  };
  int64_t skip_window = flags.skip_window;
  // --threads sets both pools; each pool's own flag overrides it. kUnset: not given.
  constexpr int64_t kUnset = -2;
  int64_t threads = kUnset;
  int64_t inter_op_threads = kUnset;
  int64_t intra_op_threads = kUnset;
  const std::map<std::string, std::function<bool(const std::string&)>> parsers = {
      {"corpus", path(&flags.corpus)},
      {"questions", path(&flags.questions)},
      {"logdir", path(&flags.logdir)},
      {"checkpoint_dir", path(&flags.checkpoint_dir)},
      {"vocab_size", non_negative(&flags.vocab_size)},
      {"batch_size", positive(&flags.batch_size)},
      {"embed_size", positive(&flags.embed_size)},
      {"skip_window", positive(&skip_window)},
      {"num_sampled", positive(&flags.num_sampled)},
      {"optimizer", text(&flags.optimizer)},
      {"learning_rate",
       [&](const std::string& value) {
         return absl::SimpleAtod(value, &flags.learning_rate) && flags.learning_rate > 0;
       }},
      {"learning_rate_decay",
       [&](const std::string& value) {
         flags.learning_rate_decay = value;
         return value == "constant" || value == "linear";
       }},
      {"steps", positive(&flags.steps)},
      {"epochs", non_negative(&flags.epochs)},
      {"skip_step", positive(&flags.skip_step)},
      {"threads", non_negative(&threads)},
      {"inter_op_threads",
       [&](const std::string& value) {
         return absl::SimpleAtoi(value, &inter_op_threads) && inter_op_threads >= -1;
       }},
      {"intra_op_threads", non_negative(&intra_op_threads)},
      {"prefetch", positive(&flags.prefetch)},
      {"trace", non_negative(&flags.trace)},
      {"analogy_min_count", positive(&flags.analogy_min_count)},
      {"seed", [&](const std::string& value) { return absl::SimpleAtoi(value, &flags.seed); }},
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t equals = arg.find('=');
    auto parser = arg.rfind("--", 0) == 0 && equals != std::string::npos
                      ? parsers.find(arg.substr(2, equals - 2))
                      : parsers.end();
    if (parser == parsers.end() || !parser->second(arg.substr(equals + 1))) {
      return errors::InvalidArgument("word2vec: bad argument ", arg);
    }
  }
  flags.skip_window = static_cast<int>(skip_window);
  const auto pool_size = [&](int64_t own, int fallback) {
    return static_cast<int>(own != kUnset ? own : threads != kUnset ? threads : fallback);
  };
  flags.inter_op_threads = pool_size(inter_op_threads, flags.inter_op_threads);
  flags.intra_op_threads = pool_size(intra_op_threads, flags.intra_op_threads);
  if (flags.logdir.empty() || flags.checkpoint_dir.empty()) {
    return errors::InvalidArgument("word2vec: --logdir and --checkpoint_dir must not be empty");
  }
  if (!io::IsAbsolutePath(flags.logdir)) flags.logdir = io::ResolveUserPath(flags.logdir);
  if (!io::IsAbsolutePath(flags.checkpoint_dir)) {
    flags.checkpoint_dir = io::ResolveUserPath(flags.checkpoint_dir);
  }
  return flags;
}

}  // namespace word2vec
}  // namespace rill
