// The lecture's skip-gram word2vec with NCE loss, in C++: a tf.data pipeline of skip-gram
// batches, embedding lookup, nce_loss, an optimizer with a global step, summaries for
// TensorBoard, checkpoints that a rerun resumes from, the projector files, and at the end
// nearest neighbours and the word-analogy accuracy.
//   tools/bazel run //examples:word2vec [-- --steps=N --optimizer=adam ...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/io/file_system.h"
#include "core/io/path.h"
#include "core/protos/config.pb.h"
#include "data/dataset.h"
#include "examples/word2vec/analogy.h"
#include "examples/word2vec/corpus.h"
#include "examples/word2vec/flags.h"
#include "examples/word2vec/optimizers.h"
#include "examples/word2vec/skip_gram.h"
#include "examples/word2vec/step_trace.h"
#include "examples/word2vec/vocabulary.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/embedding_lookup.h"
#include "ops/nn/sampled_losses.h"
#include "ops/random/initializers.h"
#include "ops/state/initializers.h"
#include "ops/state/variable_scope.h"
#include "ops/state/variables.h"
#include "train/checkpoint/checkpoint_management.h"
#include "train/checkpoint/saver.h"
#include "train/global_step.h"
#include "train/learning_rate_decay.h"
#include "train/summary/file_writer.h"
#include "train/summary/summary.h"

namespace rill {
namespace word2vec {
namespace {

// Model is the lecture's graph (04_word2vec_visualize.py), name scope by name scope.
struct Model {
  Operation iterator_initializer;
  ops::Variable embed_matrix;
  ops::Variable global_step;
  Output loss;
  Operation train_op;
  Output summaries;
  Operation init;
};

// BatchFactory makes, for each pass of the iterator, a generator of skip-gram batches over
// one epoch of the corpus; `words_done` reports the corpus words its batches consumed.
data::GeneratorFactory BatchFactory(std::shared_ptr<const std::vector<int32_t>> ids,
                                    const Flags& flags, std::shared_ptr<int64_t> epochs_started,
                                    std::shared_ptr<std::atomic<int64_t>> words_done) {
  return [=]() -> data::Generator {
    const uint64_t seed = flags.seed + static_cast<uint64_t>((*epochs_started)++);
    auto batcher = std::make_shared<SkipGramBatcher>(ids, flags.skip_window, flags.batch_size,
                                                     seed);
    auto words_before = std::make_shared<int64_t>(0);
    return [batcher, words_done, words_before,
            batch = flags.batch_size]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      Tensor centers(DT_INT32, TensorShape({batch}));
      Tensor targets(DT_INT32, TensorShape({batch, 1}));
      if (!batcher->Next(centers.flat<int32_t>().data(), targets.flat<int32_t>().data())) {
        return std::optional<std::vector<Tensor>>();
      }
      words_done->fetch_add(batcher->words_done() - *words_before);
      *words_before = batcher->words_done();
      return std::optional<std::vector<Tensor>>(std::vector<Tensor>{centers, targets});
    };
  };
}

absl::StatusOr<Model> BuildModel(const Scope& root, const Flags& flags, int64_t vocab_size,
                                 data::GeneratorFactory batches) {
  Model model;
  std::vector<Output> next;
  {
    const Scope scope = root.NewSubScope("data");
    const data::Dataset dataset =
        data::Dataset::FromGenerator(scope, std::move(batches), {DT_INT32, DT_INT32},
                                     {PartialTensorShape({flags.batch_size}),
                                      PartialTensorShape({flags.batch_size, 1})})
            .Prefetch(flags.prefetch);
    const data::Iterator iterator = dataset.MakeInitializableIterator();
    model.iterator_initializer = iterator.initializer();
    next = iterator.GetNext();
  }
  RETURN_IF_ERROR(root.status());
  const Output center_words = next[0];
  const Output target_words = next[1];
  const ops::VariableScope variables(root);
  const int64_t embed_size = flags.embed_size;

  Output embed;
  {
    const Scope scope = root.NewSubScope("embed");
    model.embed_matrix = ops::GetVariable(variables, "embed_matrix",
                                          TensorShape({vocab_size, embed_size}), DT_FLOAT,
                                          ops::RandomUniformInitializer(0.0, 1.0, flags.seed));
    embed = ops::embedding_lookup(scope.WithOpName("embedding"), model.embed_matrix,
                                  center_words);
  }
  {
    const Scope scope = root.NewSubScope("loss");
    const ops::Variable nce_weight = ops::GetVariable(
        variables, "nce_weight", TensorShape({vocab_size, embed_size}), DT_FLOAT,
        ops::TruncatedNormalInitializer(0.0, 1.0 / std::sqrt(static_cast<double>(embed_size)),
                                        flags.seed + 1));
    const ops::Variable nce_bias = ops::GetVariable(
        variables, "nce_bias", TensorShape({vocab_size}), DT_FLOAT, ops::ZerosInitializer());
    ops::NceLossOptions options;
    options.seed = flags.seed + 2;
    const Output losses = ops::nce_loss(scope, nce_weight, nce_bias, target_words, embed,
                                        flags.num_sampled, vocab_size, options);
    model.loss = ops::Mean(scope.WithOpName("loss"), losses, 0);
  }
  model.global_step = train::GetOrCreateGlobalStep(root);
  {
    const Scope scope = root.NewSubScope("optimizer");
    ASSIGN_OR_RETURN(const double default_rate, DefaultLearningRate(flags.optimizer));
    const float rate =
        static_cast<float>(flags.learning_rate > 0 ? flags.learning_rate : default_rate);
    Output learning_rate = ops::Const(scope.WithOpName("learning_rate"), rate);
    if (flags.learning_rate_decay == "linear") {
      learning_rate = train::PolynomialDecay(scope.WithOpName("learning_rate_decay"), rate,
                                             model.global_step, flags.steps, rate * 1e-4f);
    }
    ASSIGN_OR_RETURN(std::unique_ptr<train::Optimizer> optimizer,
                     MakeOptimizer(flags.optimizer, learning_rate));
    ASSIGN_OR_RETURN(model.train_op, optimizer->Minimize(scope, model.loss, model.global_step));
  }
  {
    const Scope scope = root.NewSubScope("summaries");
    summary::Scalar(scope, "loss", model.loss);
    summary::Histogram(scope, "histogram_loss", model.loss);
    model.summaries = summary::MergeAll(scope);
  }
  model.init = ops::GlobalVariablesInitializer(root);
  RETURN_IF_ERROR(root.status());
  return model;
}

// WriteProjectorConfig writes projector_config.pbtxt into `logdir`: the embedding tensor of
// checkpoint `checkpoint` with the words of vocab.tsv beside it (FORMATS.md section 6).
absl::Status WriteProjectorConfig(const std::string& logdir, const std::string& checkpoint,
                                  const std::string& tensor_name) {
  const std::string path = io::JoinPath(logdir, "projector_config.pbtxt");
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary);
    file << "model_checkpoint_path: \"" << checkpoint << "\"\n"
         << "embeddings {\n  tensor_name: \"" << tensor_name << "\"\n"
         << "  metadata_path: \"vocab.tsv\"\n}\n";
    file.close();
    if (!file) return errors::PermissionDenied("Cannot write ", temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return errors::PermissionDenied("Cannot rename ", temporary, " to ", path);
  }
  return absl::OkStatus();
}

absl::Status Train(const Flags& flags) {
  std::cout << "Reading " << flags.corpus << "\n";
  ASSIGN_OR_RETURN(const std::vector<std::string> tokens, ReadCorpus(flags.corpus));
  ASSIGN_OR_RETURN(const int64_t vocab_size, ChooseVocabularySize(tokens, flags.vocab_size));
  ASSIGN_OR_RETURN(const Vocabulary vocabulary, Vocabulary::Build(tokens, vocab_size));
  auto ids = std::make_shared<const std::vector<int32_t>>(vocabulary.Ids(tokens));
  std::cout << tokens.size() << " words, vocabulary of " << vocab_size << " (UNK: "
            << vocabulary.count(0) << " occurrences)\n";
  RETURN_IF_ERROR(PrepareDirectory(flags.logdir));
  RETURN_IF_ERROR(PrepareDirectory(flags.checkpoint_dir));
  RETURN_IF_ERROR(vocabulary.WriteTsv(io::JoinPath(flags.logdir, "vocab.tsv")));

  auto epochs_started = std::make_shared<int64_t>(0);
  auto words_done = std::make_shared<std::atomic<int64_t>>(0);
  Scope root = Scope::NewRootScope();
  ASSIGN_OR_RETURN(const Model model,
                   BuildModel(root, flags, vocab_size,
                              BatchFactory(ids, flags, epochs_started, words_done)));
  train::Saver saver(root);
  SessionOptions options;
  options.inter_op_threads = flags.inter_op_threads;
  options.intra_op_threads = flags.intra_op_threads;
  ClientSession session(root, options);
  RETURN_IF_ERROR(session.Run({}, {}, {model.init}, nullptr));

  // A rerun continues from the newest checkpoint, as the lecture's program does.
  const std::string checkpoint_prefix = io::JoinPath(flags.checkpoint_dir, "skip-gram");
  if (absl::StatusOr<std::string> latest = train::LatestCheckpoint(flags.checkpoint_dir);
      latest.ok()) {
    RETURN_IF_ERROR(saver.Restore(session, *latest));
    std::cout << "Restored " << *latest << "\n";
  }
  ASSIGN_OR_RETURN(const Tensor step_value, model.global_step.Eval(session));
  const int64_t initial_step = step_value.scalar<int64_t>()();
  ASSIGN_OR_RETURN(auto writer, summary::FileWriter::Create(flags.logdir, root.graph()));

  RETURN_IF_ERROR(session.Run({}, {}, {model.iterator_initializer}, nullptr));
  const int64_t last_step = initial_step + flags.steps;
  std::vector<Tensor> out;
  double total_loss = 0;
  int64_t epochs = 1;
  std::string last_checkpoint;
  const auto start = std::chrono::steady_clock::now();
  auto last_report = start;
  int64_t words_at_report = 0;
  int64_t steps_at_report = initial_step;
  // The last --trace steps run traced, outside the timed ones.
  std::optional<StepBreakdown> breakdown;
  tensorflow::RunOptions trace_options;
  trace_options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  auto end = start;
  int64_t words_timed = 0;
  int64_t steps_timed = 0;
  for (int64_t index = initial_step; index < last_step; ++index) {
    const bool traced = index >= last_step - flags.trace;
    if (traced && !breakdown.has_value()) {
      end = std::chrono::steady_clock::now();
      words_timed = words_done->load();
      steps_timed = index - initial_step;
      breakdown.emplace(*root.graph());
    }
    tensorflow::RunMetadata metadata;
    const auto step_start = std::chrono::steady_clock::now();
    absl::Status status =
        traced ? session.Run(trace_options, {}, {model.loss, model.summaries},
                             {model.train_op}, &out, &metadata)
               : session.Run({}, {model.loss, model.summaries}, {model.train_op}, &out);
    if (traced && status.ok()) {
      breakdown->Add(metadata, std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now() - step_start)
                                   .count());
    }
    if (errors::IsOutOfRange(status)) {
      if (flags.epochs > 0 && epochs >= flags.epochs) break;
      ++epochs;
      RETURN_IF_ERROR(session.Run({}, {}, {model.iterator_initializer}, nullptr));
      --index;
      continue;
    }
    RETURN_IF_ERROR(status);
    total_loss += out[0].scalar<float>()();
    RETURN_IF_ERROR(writer->AddSummary(out[1], index + 1));
    if ((index + 1) % flags.skip_step == 0) {
      const auto now = std::chrono::steady_clock::now();
      const double seconds = std::chrono::duration<double>(now - last_report).count();
      const int64_t words = words_done->load();
      std::printf("Average loss at step %lld: %5.1f  (%.0f steps/s, %.0f words/s)\n",
                  static_cast<long long>(index), total_loss / flags.skip_step,
                  (index + 1 - steps_at_report) / seconds, (words - words_at_report) / seconds);
      std::fflush(stdout);
      total_loss = 0;
      last_report = now;
      words_at_report = words;
      steps_at_report = index + 1;
      ASSIGN_OR_RETURN(last_checkpoint, saver.Save(session, checkpoint_prefix, index + 1));
    }
  }
  ASSIGN_OR_RETURN(const Tensor final_step, model.global_step.Eval(session));
  if (!breakdown.has_value()) {
    end = std::chrono::steady_clock::now();
    words_timed = words_done->load();
    steps_timed = final_step.scalar<int64_t>()() - initial_step;
  }
  const double seconds = std::chrono::duration<double>(end - start).count();
  if (last_checkpoint.empty() || final_step.scalar<int64_t>()() % flags.skip_step != 0) {
    ASSIGN_OR_RETURN(last_checkpoint,
                     saver.Save(session, checkpoint_prefix, final_step.scalar<int64_t>()()));
  }
  RETURN_IF_ERROR(writer->Close());
  std::printf("Trained %lld steps in %.1f s: %.0f steps/s, %.0f words/s (%lld corpus words)\n",
              static_cast<long long>(steps_timed), seconds, steps_timed / seconds,
              words_timed / seconds, static_cast<long long>(words_timed));
  if (breakdown.has_value()) std::cout << breakdown->Report(12);

  RETURN_IF_ERROR(WriteProjectorConfig(
      flags.logdir, std::filesystem::absolute(last_checkpoint).string(),
      model.embed_matrix.name()));
  std::cout << "Checkpoint " << last_checkpoint << "; projector config and vocab.tsv in "
            << flags.logdir << "\n";

  ASSIGN_OR_RETURN(const Tensor embeddings, model.embed_matrix.Eval(session));
  // Neighbours and analogies come from the words seen --analogy_min_count times or more:
  // rarer ones have barely moved from their random start.
  const int64_t candidates = AnalogyWords(vocabulary, flags.analogy_min_count,
                                          std::numeric_limits<int64_t>::max());
  for (const char* word : {"government", "money", "city", "president", "four", "said"}) {
    const std::vector<std::string> neighbours =
        NearestNeighbours(embeddings, vocabulary, word, 8, candidates);
    if (neighbours.empty()) continue;
    std::cout << "Nearest to " << word << ":";
    for (const std::string& neighbour : neighbours) std::cout << " " << neighbour;
    std::cout << "\n";
  }
  ASSIGN_OR_RETURN(const AnalogyResult analogies,
                   EvaluateAnalogies(embeddings, vocabulary, flags.questions,
                                     std::min<int64_t>(candidates, 30000)));
  std::printf(
      "Analogy accuracy: %.2f %% (%lld of %lld questions seen, %lld in all; words seen %lld+ "
      "times)\n",
      100 * analogies.accuracy(), static_cast<long long>(analogies.correct),
      static_cast<long long>(analogies.seen), static_cast<long long>(analogies.total),
      static_cast<long long>(flags.analogy_min_count));
  return absl::OkStatus();
}

}  // namespace
}  // namespace word2vec
}  // namespace rill

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--help") {
    std::cout << rill::word2vec::kUsage << "\n";
    return 0;
  }
  absl::StatusOr<rill::word2vec::Flags> flags = rill::word2vec::ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << flags.status().message() << "\n" << rill::word2vec::kUsage << "\n";
    return 2;
  }
  const absl::Status status = rill::word2vec::Train(*flags);
  if (!status.ok()) {
    std::cerr << "word2vec: " << status << "\n";
    return 1;
  }
  return 0;
}
