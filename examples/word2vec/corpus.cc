// Reading the corpus with a TextLine dataset in a small session, and checking directories.
#include "examples/word2vec/corpus.h"

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "data/dataset.h"

namespace rill {
namespace word2vec {

absl::StatusOr<std::vector<std::string>> ReadCorpus(const std::string& path) {
  constexpr int64_t kLinesPerRun = 4096;
  Scope root = Scope::NewRootScope();
  const data::Iterator lines =
      data::Dataset::TextLine(root, path, absl::EndsWith(path, ".gz") ? "GZIP" : "")
          .Batch(kLinesPerRun)
          .MakeOneShotIterator();
  const std::vector<Output> next = lines.GetNext();
  RETURN_IF_ERROR(root.status());
  ClientSession session(root);
  std::vector<std::string> tokens;
  std::vector<Tensor> out;
  while (true) {
    const absl::Status status = session.Run({}, next, &out);
    if (errors::IsOutOfRange(status)) break;
    RETURN_IF_ERROR(status);
    const auto batch = out[0].flat<std::string>();
    for (int64_t i = 0; i < batch.size(); ++i) {
      for (absl::string_view word : absl::StrSplit(batch(i), absl::ByAnyChar(" \t"),
                                                   absl::SkipEmpty())) {
        tokens.emplace_back(word);
      }
    }
  }
  if (tokens.empty()) return errors::InvalidArgument("The corpus ", path, " holds no words");
  return tokens;
}

absl::StatusOr<int64_t> ChooseVocabularySize(const std::vector<std::string>& tokens,
                                             int64_t requested) {
  absl::flat_hash_set<absl::string_view> distinct(tokens.begin(), tokens.end());
  const int64_t available = static_cast<int64_t>(distinct.size()) + 1;
  if (requested <= 0) return std::min<int64_t>(50000, available);
  if (requested > available) {
    return errors::InvalidArgument("--vocab_size=", requested, " is larger than the corpus: it has ",
                                   distinct.size(), " distinct words, so at most ", available,
                                   " with UNK");
  }
  return requested;
}

absl::Status PrepareDirectory(const std::string& dir) {
  io::FileSystem* fs = io::LocalFileSystem::Default();
  absl::Status status = fs->RecursivelyCreateDir(dir);
  const std::string probe = io::JoinPath(dir, ".rill_write_probe");
  if (status.ok()) {
    absl::StatusOr<std::unique_ptr<io::WritableFile>> file = fs->NewWritableFile(probe);
    status = file.ok() ? (*file)->Close() : file.status();
  }
  if (!status.ok()) {
    return errors::PermissionDenied("Cannot write to directory ", dir, ": ", status.message());
  }
  return fs->DeleteFile(probe);
}

}  // namespace word2vec
}  // namespace rill
