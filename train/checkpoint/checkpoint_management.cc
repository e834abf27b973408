// The `checkpoint` state file and checkpoint files, through the file system serving each
// path (FileSystemForPath), with TensorFlow's rules for relative paths.
#include "train/checkpoint/checkpoint_management.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/file_system.h"
#include "core/io/file_system_registry.h"
#include "core/io/path.h"
#include "core/io/tensor_bundle/tensor_bundle.h"
#include "google/protobuf/text_format.h"

namespace rill {
namespace train {
namespace {

bool IsAbsolute(const std::string& path) { return io::IsAbsolutePath(path); }

// Components splits a path into its names, dropping empty ones and ".".
std::vector<absl::string_view> Components(absl::string_view path) {
  std::vector<absl::string_view> parts;
  for (absl::string_view part : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    if (part != ".") parts.push_back(part);
  }
  return parts;
}

// RelativePath is `path` relative to the directory `start` (Python's os.path.relpath for
// paths without "..").
std::string RelativePath(const std::string& path, const std::string& start) {
  const std::vector<absl::string_view> to = Components(path);
  const std::vector<absl::string_view> from = Components(start);
  size_t common = 0;
  while (common < to.size() && common < from.size() && to[common] == from[common]) ++common;
  std::vector<absl::string_view> parts(from.size() - common, "..");
  parts.insert(parts.end(), to.begin() + common, to.end());
  return parts.empty() ? "." : absl::StrJoin(parts, "/");
}

std::string StateFilename(const std::string& dir, const std::string& latest_filename) {
  return io::JoinPath(dir, latest_filename);
}

}  // namespace

absl::StatusOr<tensorflow::CheckpointState> GetCheckpointState(
    const std::string& checkpoint_dir, const std::string& latest_filename) {
  const std::string path = StateFilename(checkpoint_dir, latest_filename);
  ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(path));
  absl::StatusOr<std::string> text = io::ReadFileToString(fs, path);
  if (errors::IsNotFound(text.status())) {
    return errors::NotFound("No checkpoint state file ", path);
  }
  RETURN_IF_ERROR(text.status());
  tensorflow::CheckpointState state;
  if (!google::protobuf::TextFormat::ParseFromString(*text, &state)) {
    return errors::DataLoss("The checkpoint state file ", path,
                            " is not a text CheckpointState");
  }
  if (state.model_checkpoint_path().empty()) {
    return errors::DataLoss("Invalid checkpoint state loaded from ", checkpoint_dir, ": ", path,
                            " names no model_checkpoint_path");
  }
  if (!IsAbsolute(state.model_checkpoint_path())) {
    state.set_model_checkpoint_path(io::JoinPath(checkpoint_dir, state.model_checkpoint_path()));
  }
  for (std::string& kept : *state.mutable_all_model_checkpoint_paths()) {
    if (!IsAbsolute(kept)) kept = io::JoinPath(checkpoint_dir, kept);
  }
  return state;
}

absl::StatusOr<std::string> LatestCheckpoint(const std::string& checkpoint_dir,
                                             const std::string& latest_filename) {
  ASSIGN_OR_RETURN(const tensorflow::CheckpointState state,
                   GetCheckpointState(checkpoint_dir, latest_filename));
  if (!CheckpointExists(state.model_checkpoint_path())) {
    return errors::NotFound("The checkpoint state of ", checkpoint_dir, " names ",
                            state.model_checkpoint_path(), ", which does not exist");
  }
  return state.model_checkpoint_path();
}

absl::Status UpdateCheckpointState(const std::string& save_dir,
                                   const std::string& model_checkpoint_path,
                                   std::vector<std::string> all_model_checkpoint_paths,
                                   const std::string& latest_filename) {
  const std::string path = StateFilename(save_dir, latest_filename);
  if (all_model_checkpoint_paths.empty() ||
      all_model_checkpoint_paths.back() != model_checkpoint_path) {
    all_model_checkpoint_paths.push_back(model_checkpoint_path);
  }
  tensorflow::CheckpointState state;
  auto written = [&](const std::string& p) {
    return !IsAbsolute(save_dir) && !IsAbsolute(p) ? RelativePath(p, save_dir) : p;
  };
  state.set_model_checkpoint_path(written(model_checkpoint_path));
  for (const std::string& kept : all_model_checkpoint_paths) {
    state.add_all_model_checkpoint_paths(written(kept));
  }
  if (io::JoinPath(save_dir, state.model_checkpoint_path()) == path ||
      model_checkpoint_path == path) {
    return errors::InvalidArgument("Save path '", model_checkpoint_path,
                                   "' conflicts with path used for checkpoint state. Please use "
                                   "a different save path.");
  }
  std::string text;
  if (!google::protobuf::TextFormat::PrintToString(state, &text)) {
    return errors::Internal("Could not print the checkpoint state for ", path);
  }
  ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(path));
  return io::WriteFileAtomically(fs, path, text);
}

bool CheckpointExists(const std::string& prefix) {
  absl::StatusOr<io::FileSystem*> fs = io::FileSystemForPath(prefix);
  return fs.ok() && (*fs)->FileExists(io::MetaFilename(prefix)).ok();
}

absl::Status RemoveCheckpoint(const std::string& prefix) {
  ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(prefix));
  const std::string dir(io::Dirname(prefix));
  const std::string data_pattern =
      absl::StrCat(io::Basename(prefix), ".data-\?\?\?\?\?-of-\?\?\?\?\?");
  absl::StatusOr<std::vector<std::string>> children = fs->GetChildren(dir.empty() ? "." : dir);
  if (errors::IsNotFound(children.status())) return absl::OkStatus();
  RETURN_IF_ERROR(children.status());
  // The index goes first: without it the checkpoint no longer exists for any reader.
  absl::Status status = fs->DeleteFile(io::MetaFilename(prefix));
  if (errors::IsNotFound(status)) status = absl::OkStatus();
  for (const std::string& child : *children) {
    if (!io::GlobMatch(data_pattern, child)) continue;
    absl::Status deleted = fs->DeleteFile(io::JoinPath(dir, child));
    if (!errors::IsNotFound(deleted) && status.ok()) status = deleted;
  }
  return status;
}

std::string MetaGraphFilename(const std::string& prefix, const std::string& meta_graph_suffix) {
  return absl::StrCat(prefix, ".", meta_graph_suffix);
}

}  // namespace train
}  // namespace rill
