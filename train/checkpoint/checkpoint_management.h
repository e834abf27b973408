// Checkpoint directories as TensorFlow's checkpoint_management.py keeps them: the
// `checkpoint` state file (a text CheckpointState naming the newest checkpoint and those
// kept), finding the latest checkpoint, and deleting a checkpoint's files.
#ifndef RILL_TRAIN_CHECKPOINT_CHECKPOINT_MANAGEMENT_H_
#define RILL_TRAIN_CHECKPOINT_CHECKPOINT_MANAGEMENT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/protos/checkpoint_state.pb.h"

namespace rill {
namespace train {

// kDefaultStateFilename is the state file's name in its directory.
inline constexpr char kDefaultStateFilename[] = "checkpoint";

// GetCheckpointState reads `<checkpoint_dir>/<latest_filename>` (tf.train.get_checkpoint_state).
// Relative paths in it are returned joined to `checkpoint_dir`. NotFound when there is no
// state file; DataLoss when it does not parse or names no model_checkpoint_path. (TensorFlow
// returns None for all three.)
absl::StatusOr<tensorflow::CheckpointState> GetCheckpointState(
    const std::string& checkpoint_dir, const std::string& latest_filename = kDefaultStateFilename);

// LatestCheckpoint returns the prefix of the newest checkpoint of `checkpoint_dir`
// (tf.train.latest_checkpoint): the state file's model_checkpoint_path, if its `.index`
// exists. NotFound when there is no state file or the checkpoint it names is gone;
// GetCheckpointState's errors otherwise.
absl::StatusOr<std::string> LatestCheckpoint(
    const std::string& checkpoint_dir, const std::string& latest_filename = kDefaultStateFilename);

// UpdateCheckpointState replaces `<save_dir>/<latest_filename>` atomically (temporary file,
// sync, rename) with the state naming `model_checkpoint_path` as the newest and
// `all_model_checkpoint_paths` (oldest first; model_checkpoint_path is appended when it is
// not already last) as kept. As TensorFlow's Saver does: when `save_dir` is relative,
// relative paths are written relative to it ("dir/model-1" as "model-1"); absolute paths
// are written as they are; no timestamps. InvalidArgument when the newest checkpoint's path
// is the state file's own.
absl::Status UpdateCheckpointState(const std::string& save_dir,
                                   const std::string& model_checkpoint_path,
                                   std::vector<std::string> all_model_checkpoint_paths,
                                   const std::string& latest_filename = kDefaultStateFilename);

// CheckpointExists says whether the V2 checkpoint `prefix` exists (its `.index` does).
bool CheckpointExists(const std::string& prefix);

// RemoveCheckpoint deletes the files of the V2 checkpoint `prefix`: its `.index` and its
// `.data-?????-of-?????` files. Files already gone are not an error.
absl::Status RemoveCheckpoint(const std::string& prefix);

// MetaGraphFilename is the meta graph file saved with checkpoint `prefix`: "<prefix>.meta".
std::string MetaGraphFilename(const std::string& prefix,
                              const std::string& meta_graph_suffix = "meta");

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_CHECKPOINT_CHECKPOINT_MANAGEMENT_H_
