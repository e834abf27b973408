// Saver: saves variables to TensorFlow V2 checkpoints and restores them (tf.train.Saver),
// keeping the last max_to_keep checkpoints and the `checkpoint` state file of their
// directory up to date.
#ifndef RILL_TRAIN_CHECKPOINT_SAVER_H_
#define RILL_TRAIN_CHECKPOINT_SAVER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/saver.pb.h"
#include "ops/state/variables.h"
#include "train/checkpoint/checkpoint_management.h"

namespace rill {
namespace train {

// SaverOptions: the settings of a Saver (TensorFlow's defaults).
struct SaverOptions {
  // max_to_keep: the newest checkpoints kept; older ones are deleted as new ones are saved.
  // 0 keeps every checkpoint.
  int max_to_keep = 5;
  // keep_checkpoint_every_n_hours: besides the newest max_to_keep, keep one checkpoint
  // each this many hours of the saver's life.
  float keep_checkpoint_every_n_hours = 10000.f;
  // name: the name scope of the save and restore ops, made unique ("save", "save_1", ...).
  std::string name = "save";
};

// SaveOptions: the settings of one Save.
struct SaveOptions {
  // latest_filename: the state file's name in the checkpoint's directory.
  std::string latest_filename = kDefaultStateFilename;
  // write_meta_graph: also write the graph as "<checkpoint>.<meta_graph_suffix>".
  bool write_meta_graph = true;
  std::string meta_graph_suffix = "meta";
  // write_state: record the checkpoint in the state file and delete the ones beyond
  // max_to_keep.
  bool write_state = true;
};

// Saver adds the ops that save and restore variables to a graph, under the name scope
// "save" as TensorFlow's Saver lays them out (for variables sorted by checkpoint key k_i):
//   save/filename/input   Const "model"              save/filename  PlaceholderWithDefault
//   save/Const            PlaceholderWithDefault: the checkpoint prefix to feed
//   save/Read/ReadVariableOp, save/Identity, ...  each variable's value
//   save/SaveV2 (+ /tensor_names, /shape_and_slices)  writes the checkpoint
//   save/control_dependency  Identity of the prefix after SaveV2: fetch it to save
//   save/RestoreV2 (+ consts), then per variable save/Identity_n, save/AssignVariableOp(_i)
//   save/restore_all      NoOp after every assignment: run it to restore
// and records their names in a SaverDef (saver_def()). Variables are named in the
// checkpoint by their names ("layer1/weights"), or by the keys of a name map.
//
//   Saver saver(root);                                   // every global variable
//   auto path = saver.Save(session, "/tmp/model/model.ckpt", 1000);  // ".../model.ckpt-1000"
//   RILL_CHECK_OK(saver.Restore(other_session, *path));
//
// Each Save writes the checkpoint's files under temporary names and renames them into place
// (index last), then the .meta file, then replaces the state file atomically, and only then
// deletes checkpoints beyond max_to_keep: a process killed at any moment leaves the state
// file naming a complete checkpoint. Building errors (no variables, two variables under one
// name) go into the scope; Save and Restore return them. Not thread-safe.
class Saver {
 public:
  // Saver over every global variable of the scope's graph (GlobalVariables, taken now).
  explicit Saver(const Scope& scope, const SaverOptions& options = SaverOptions());
  // Saver over `var_list`, each saved under its name.
  Saver(const Scope& scope, const std::vector<ops::Variable>& var_list,
        const SaverOptions& options = SaverOptions());
  // Saver over `var_map`: each variable saved under its key ({"weights", W}).
  Saver(const Scope& scope, const std::map<std::string, ops::Variable>& var_map,
        const SaverOptions& options = SaverOptions());

  // FromSaverDef returns a Saver for save and restore ops already in the scope's graph
  // (imported from a MetaGraphDef, maybe written by TensorFlow). InvalidArgument naming the
  // tensor or op of `saver_def` that the graph lacks.
  static absl::StatusOr<Saver> FromSaverDef(const Scope& scope,
                                            const tensorflow::SaverDef& saver_def);

  // Save saves the variables' values in `session` to the checkpoint `save_path`, or
  // "<save_path>-<global_step>" when a step is given, and returns that prefix.
  absl::StatusOr<std::string> Save(const ClientSession& session, const std::string& save_path,
                                   std::optional<int64_t> global_step = std::nullopt,
                                   const SaveOptions& options = SaveOptions());
  // Save numbered by the value of `global_step` (an integer scalar variable) in `session`.
  absl::StatusOr<std::string> Save(const ClientSession& session, const std::string& save_path,
                                   const ops::Variable& global_step,
                                   const SaveOptions& options = SaveOptions());

  // Restore sets the variables in `session` to the values of checkpoint `save_path`.
  // NotFound when the checkpoint does not exist, or lacks a variable's key (naming the key
  // and the checkpoint); InvalidArgument naming the variable, the key and both dtypes or
  // shapes when they differ; DataLoss when the files are corrupted.
  absl::Status Restore(const ClientSession& session, const std::string& save_path);

  // ExportMetaGraph writes the scope's graph with this saver's SaverDef to `path` (see
  // meta_graph.h).
  absl::Status ExportMetaGraph(const std::string& path) const;

  const tensorflow::SaverDef& saver_def() const { return saver_def_; }

  // last_checkpoints lists the checkpoints this saver keeps, oldest first.
  std::vector<std::string> last_checkpoints() const;

  // SetLastCheckpoints makes `paths` (oldest first) the checkpoints this saver keeps and
  // deletes as newer ones come (tf.train.Saver.recover_last_checkpoints), e.g. after a
  // restart: saver.SetLastCheckpoints(state.all_model_checkpoint_paths()).
  void SetLastCheckpoints(const std::vector<std::string>& paths);

 private:
  // Saveable is what one variable contributes: its checkpoint key, dtype and shape.
  struct Saveable {
    std::string key;
    std::string variable;
    DataType dtype;
    PartialTensorShape shape;
  };

  // An empty Saver on `scope`, for FromSaverDef to fill in.
  struct Unbuilt {};
  Saver(const Scope& scope, Unbuilt) : scope_(scope) {}
  void Build(const std::vector<std::pair<std::string, ops::Variable>>& variables,
             const SaverOptions& options);
  // CheckAgainstCheckpoint checks every saveable's key, dtype and shape in `save_path`.
  absl::Status CheckAgainstCheckpoint(const std::string& save_path) const;
  // RecordLastCheckpoint appends `path` to the kept checkpoints, moving the oldest beyond
  // max_to_keep to the deletion queue.
  void RecordLastCheckpoint(const std::string& path);
  // MaybeDeleteOldCheckpoints deletes the checkpoint waiting for deletion, unless
  // keep_checkpoint_every_n_hours says to keep it.
  void MaybeDeleteOldCheckpoints(const std::string& meta_graph_suffix);

  Scope scope_;
  tensorflow::SaverDef saver_def_;
  Output filename_tensor_;
  Output save_tensor_;
  Operation restore_op_;
  std::vector<Saveable> saveables_;
  // Kept checkpoints (path, seconds since the epoch when saved), oldest first.
  std::vector<std::pair<std::string, double>> last_checkpoints_;
  std::vector<std::pair<std::string, double>> checkpoints_to_be_deleted_;
  double next_checkpoint_time_ = 0;
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_CHECKPOINT_SAVER_H_
