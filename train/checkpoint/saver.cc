// Saver: the save/restore ops laid out as TensorFlow's Saver lays them out, and Save/Restore
// with the checkpoint bookkeeping of tf.train.Saver (kept checkpoints, the state file).
#include "train/checkpoint/saver.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "core/graph/tensor_id.h"
#include "core/io/file_system.h"
#include "core/io/file_system_registry.h"
#include "core/io/path.h"
#include "core/io/tensor_bundle/tensor_bundle.h"
#include "ops/array/array_ops.h"
#include "ops/control/control_ops.h"
#include "ops/io/io_ops.h"
#include "ops/state/state_ops.h"
#include "train/checkpoint/meta_graph.h"

namespace rill {
namespace train {
namespace {

double NowSeconds() { return absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()); }

Tensor StringVector(const std::vector<std::string>& values) {
  Tensor tensor(DT_STRING, TensorShape({static_cast<int64_t>(values.size())}));
  for (size_t i = 0; i < values.size(); ++i) tensor.flat<std::string>()(i) = values[i];
  return tensor;
}

// FindOutput returns the tensor `name` ("save/Const:0") of `graph`.
absl::StatusOr<Output> FindOutput(const Graph& graph, const std::string& name) {
  ASSIGN_OR_RETURN(const TensorId id, ParseTensorName(name));
  Node* node = graph.FindNode(id.node);
  if (node == nullptr || id.IsControl() || id.index >= node->num_outputs()) {
    return errors::InvalidArgument("The SaverDef names the tensor ", name,
                                   ", which is not in the graph");
  }
  return Output(node, id.index);
}

// InputNode is the node feeding input `i` of `node`, or nullptr.
const Edge* InputEdge(const Node* node, int i) {
  const Edge* edge = nullptr;
  if (i >= node->num_inputs() || !node->input_edge(i, &edge).ok()) return nullptr;
  return edge;
}

}  // namespace

Saver::Saver(const Scope& scope, const SaverOptions& options)
    : Saver(scope, ops::GlobalVariables(scope), options) {}

Saver::Saver(const Scope& scope, const std::vector<ops::Variable>& var_list,
             const SaverOptions& options)
    : scope_(scope) {
  std::vector<std::pair<std::string, ops::Variable>> variables;
  for (const ops::Variable& variable : var_list) variables.emplace_back(variable.name(), variable);
  Build(variables, options);
}

Saver::Saver(const Scope& scope, const std::map<std::string, ops::Variable>& var_map,
             const SaverOptions& options)
    : scope_(scope) {
  Build(std::vector<std::pair<std::string, ops::Variable>>(var_map.begin(), var_map.end()),
        options);
}

void Saver::Build(const std::vector<std::pair<std::string, ops::Variable>>& unsorted,
                  const SaverOptions& options) {
  next_checkpoint_time_ = NowSeconds() + options.keep_checkpoint_every_n_hours * 3600.0;
  if (!scope_.ok()) return;
  if (unsorted.empty()) {
    scope_.UpdateStatus(errors::InvalidArgument("No variables to save"));
    return;
  }
  std::vector<std::pair<std::string, ops::Variable>> variables = unsorted;
  std::stable_sort(variables.begin(), variables.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < variables.size(); ++i) {
    const auto& [key, variable] = variables[i];
    if (variable.handle().node() == nullptr ||
        scope_.graph()->FindNode(variable.name()) != variable.handle().node()) {
      scope_.UpdateStatus(errors::InvalidArgument(
          "Variable '", variable.name(), "' (checkpoint key '", key,
          "') is not a variable of the Saver's graph"));
      return;
    }
    if (key.empty()) {
      scope_.UpdateStatus(errors::InvalidArgument("Variable ", variable.name(),
                                                  " cannot be saved under an empty name"));
      return;
    }
    if (i > 0 && variables[i - 1].first == key) {
      scope_.UpdateStatus(
          errors::InvalidArgument("At least two variables have the same name: ", key));
      return;
    }
  }

  const Scope save = scope_.NewSubScope(options.name);
  const Output filename_input = ops::Const(save.WithOpName("filename/input"), "model");
  const Output filename =
      ops::PlaceholderWithDefault(save.WithOpName("filename"), filename_input, TensorShape({}));
  const Output prefix =
      ops::PlaceholderWithDefault(save.WithOpName("Const"), filename, TensorShape({}));

  std::vector<std::string> keys;
  std::vector<Output> values;
  DataTypeVector dtypes;
  for (const auto& [key, variable] : variables) {
    keys.push_back(key);
    values.push_back(ops::Identity(save, variable.ReadValue(save.NewSubScope("Read"))));
    dtypes.push_back(variable.dtype());
    saveables_.push_back({key, variable.name(), variable.dtype(), variable.shape()});
  }
  const Tensor names = StringVector(keys);
  const Tensor no_slices = StringVector(std::vector<std::string>(keys.size()));
  const ops::SaveV2 save_op(save.WithOpName("SaveV2"), prefix,
                            ops::Const(save.WithOpName("SaveV2/tensor_names"), names),
                            ops::Const(save.WithOpName("SaveV2/shape_and_slices"), no_slices),
                            values);
  const Output saved = ops::Identity(
      save.WithOpName("control_dependency").WithControlDependencies({save_op.operation}),
      prefix);

  const ops::RestoreV2 restore(save.WithOpName("RestoreV2"), prefix,
                               ops::Const(save.WithOpName("RestoreV2/tensor_names"), names),
                               ops::Const(save.WithOpName("RestoreV2/shape_and_slices"),
                                          no_slices),
                               dtypes);
  if (!scope_.ok()) return;
  std::vector<Operation> assigns;
  for (size_t i = 0; i < variables.size(); ++i) {
    const Output value = ops::Identity(save, restore.tensors[i]);
    assigns.push_back(ops::AssignVariableOp(save, variables[i].second.handle(), value).operation);
  }
  const Operation restore_all =
      ops::NoOp(save.WithOpName("restore_all").WithControlDependencies(assigns)).operation;
  if (!scope_.ok()) return;

  filename_tensor_ = prefix;
  save_tensor_ = saved;
  restore_op_ = restore_all;
  saver_def_.set_filename_tensor_name(prefix.name());
  saver_def_.set_save_tensor_name(saved.name());
  saver_def_.set_restore_op_name(restore_all.name());
  saver_def_.set_max_to_keep(options.max_to_keep);
  saver_def_.set_sharded(false);
  saver_def_.set_keep_checkpoint_every_n_hours(options.keep_checkpoint_every_n_hours);
  saver_def_.set_version(tensorflow::SaverDef::V2);
}

absl::StatusOr<Saver> Saver::FromSaverDef(const Scope& scope,
                                          const tensorflow::SaverDef& saver_def) {
  RETURN_IF_ERROR(scope.status());
  if (saver_def.version() != tensorflow::SaverDef::V2 || saver_def.sharded()) {
    return errors::Unimplemented("Only unsharded V2 savers are supported; this SaverDef is ",
                                 saver_def.ShortDebugString());
  }
  const Graph& graph = *scope.graph();
  Saver saver(scope, Unbuilt());
  saver.saver_def_ = saver_def;
  ASSIGN_OR_RETURN(saver.filename_tensor_, FindOutput(graph, saver_def.filename_tensor_name()));
  ASSIGN_OR_RETURN(saver.save_tensor_, FindOutput(graph, saver_def.save_tensor_name()));
  Node* restore_all = graph.FindNode(saver_def.restore_op_name());
  if (restore_all == nullptr) {
    return errors::InvalidArgument("The SaverDef names the restore op ",
                                   saver_def.restore_op_name(), ", which is not in the graph");
  }
  saver.restore_op_ = Operation(restore_all);
  saver.next_checkpoint_time_ =
      NowSeconds() + saver_def.keep_checkpoint_every_n_hours() * 3600.0;

  // Recover what each assignment restores, when the ops have the layout Savers give them
  // (AssignVariableOp(VarHandleOp, Identity*(RestoreV2:i))), so that Restore can check the
  // checkpoint first; ops of another layout are restored without that check.
  for (const Edge* edge : restore_all->in_edges()) {
    if (!edge->IsControlEdge() || edge->src->type_string() != "AssignVariableOp") continue;
    const Edge* handle = InputEdge(edge->src, 0);
    const Edge* value = InputEdge(edge->src, 1);
    while (value != nullptr && value->src->type_string() == "Identity") {
      value = InputEdge(value->src, 0);
    }
    if (handle == nullptr || handle->src->type_string() != "VarHandleOp" || value == nullptr ||
        value->src->type_string() != "RestoreV2") {
      continue;
    }
    const Edge* names = InputEdge(value->src, 1);
    const Tensor* keys = names == nullptr ? nullptr : names->src->constant_value();
    if (keys == nullptr || keys->dtype() != DT_STRING || value->src_output >= keys->NumElements()) {
      continue;
    }
    Saveable saveable;
    saveable.key = keys->flat<std::string>()(value->src_output);
    saveable.variable = handle->src->name();
    if (!GetNodeAttr(AttrSlice(handle->src->def()), "dtype", &saveable.dtype).ok() ||
        !GetNodeAttr(AttrSlice(handle->src->def()), "shape", &saveable.shape).ok()) {
      continue;
    }
    saver.saveables_.push_back(std::move(saveable));
  }
  return saver;
}

absl::StatusOr<std::string> Saver::Save(const ClientSession& session, const std::string& save_path,
                                        const ops::Variable& global_step,
                                        const SaveOptions& options) {
  ASSIGN_OR_RETURN(const Tensor step, global_step.Eval(session));
  if (step.NumElements() != 1 || (step.dtype() != DT_INT64 && step.dtype() != DT_INT32)) {
    return errors::InvalidArgument("The global step ", global_step.name(),
                                   " must be an integer scalar, not ",
                                   DataTypeString(step.dtype()), " ", step.shape().DebugString());
  }
  const int64_t value = step.dtype() == DT_INT64 ? step.flat<int64_t>()(0) : step.flat<int32_t>()(0);
  return Save(session, save_path, value, options);
}

absl::StatusOr<std::string> Saver::Save(const ClientSession& session, const std::string& save_path,
                                        std::optional<int64_t> global_step,
                                        const SaveOptions& options) {
  RETURN_IF_ERROR(scope_.status());
  if (absl::StrContains(options.latest_filename, '/')) {
    return errors::InvalidArgument("'latest_filename' must not contain path components: ",
                                   options.latest_filename);
  }
  std::string checkpoint_file = save_path;
  if (global_step.has_value()) {
    checkpoint_file = absl::StrCat(save_path, "-", *global_step);
  } else if (io::Basename(save_path) == options.latest_filename) {
    return errors::InvalidArgument("'latest_filename' collides with 'save_path': '",
                                   options.latest_filename, "' and '", save_path, "'");
  }
  std::vector<Tensor> outputs;
  RETURN_IF_ERROR(session.Run({{filename_tensor_, checkpoint_file}}, {save_tensor_}, &outputs));
  const std::string model_checkpoint_path = outputs[0].scalar<std::string>()();

  if (options.write_meta_graph) {
    RETURN_IF_ERROR(
        ExportMetaGraph(MetaGraphFilename(checkpoint_file, options.meta_graph_suffix)));
  }
  if (options.write_state) {
    RecordLastCheckpoint(model_checkpoint_path);
    RETURN_IF_ERROR(UpdateCheckpointState(std::string(io::Dirname(save_path)),
                                          model_checkpoint_path, last_checkpoints(),
                                          options.latest_filename));
    MaybeDeleteOldCheckpoints(options.meta_graph_suffix);
  }
  return model_checkpoint_path;
}

absl::Status Saver::CheckAgainstCheckpoint(const std::string& save_path) const {
  ASSIGN_OR_RETURN(io::FileSystem * fs, io::FileSystemForPath(save_path));
  ASSIGN_OR_RETURN(std::unique_ptr<io::BundleReader> reader,
                   io::BundleReader::Open(fs, save_path));
  for (const Saveable& saveable : saveables_) {
    absl::StatusOr<tensorflow::BundleEntryProto> entry = reader->GetEntry(saveable.key);
    if (errors::IsNotFound(entry.status())) {
      return errors::NotFound("Key ", saveable.key, " not found in checkpoint ", save_path,
                              ": cannot restore variable ", saveable.variable,
                              ". The graph has a variable the checkpoint does not have; was "
                              "the graph changed since the checkpoint was written?");
    }
    RETURN_IF_ERROR(entry.status());
    ASSIGN_OR_RETURN(const TensorShape saved_shape, TensorShape::FromProto(entry->shape()));
    if (entry->dtype() != saveable.dtype || !saveable.shape.IsCompatibleWith(saved_shape)) {
      return errors::InvalidArgument(
          "Cannot restore variable ", saveable.variable, " (", DataTypeString(saveable.dtype),
          " ", saveable.shape.DebugString(), ") from key ", saveable.key, " of checkpoint ",
          save_path, ", which holds ", DataTypeString(entry->dtype()), " ",
          saved_shape.DebugString());
    }
  }
  return absl::OkStatus();
}

absl::Status Saver::Restore(const ClientSession& session, const std::string& save_path) {
  RETURN_IF_ERROR(scope_.status());
  if (!CheckpointExists(save_path)) {
    return errors::NotFound("The passed save_path is not a valid checkpoint: ", save_path);
  }
  RETURN_IF_ERROR(CheckAgainstCheckpoint(save_path));
  return session.Run({{filename_tensor_, save_path}}, {}, {restore_op_}, nullptr);
}

absl::Status Saver::ExportMetaGraph(const std::string& path) const {
  RETURN_IF_ERROR(scope_.status());
  MetaGraphOptions options;
  options.saver_def = saver_def_;
  return train::ExportMetaGraph(scope_, path, options).status();
}

std::vector<std::string> Saver::last_checkpoints() const {
  std::vector<std::string> paths;
  for (const auto& checkpoint : last_checkpoints_) paths.push_back(checkpoint.first);
  return paths;
}

void Saver::SetLastCheckpoints(const std::vector<std::string>& paths) {
  last_checkpoints_.clear();
  const double now = NowSeconds();
  for (const std::string& path : paths) last_checkpoints_.emplace_back(path, now);
}

void Saver::RecordLastCheckpoint(const std::string& path) {
  if (saver_def_.max_to_keep() <= 0) return;
  last_checkpoints_.erase(
      std::remove_if(last_checkpoints_.begin(), last_checkpoints_.end(),
                     [&](const auto& checkpoint) { return checkpoint.first == path; }),
      last_checkpoints_.end());
  last_checkpoints_.emplace_back(path, NowSeconds());
  if (static_cast<int>(last_checkpoints_.size()) > saver_def_.max_to_keep()) {
    checkpoints_to_be_deleted_.push_back(last_checkpoints_.front());
    last_checkpoints_.erase(last_checkpoints_.begin());
  }
}

void Saver::MaybeDeleteOldCheckpoints(const std::string& meta_graph_suffix) {
  if (checkpoints_to_be_deleted_.empty()) return;
  const auto [path, saved_at] = checkpoints_to_be_deleted_.front();
  checkpoints_to_be_deleted_.erase(checkpoints_to_be_deleted_.begin());
  if (saved_at > next_checkpoint_time_) {
    // Kept for keep_checkpoint_every_n_hours: the first one saved after the mark.
    next_checkpoint_time_ += saver_def_.keep_checkpoint_every_n_hours() * 3600.0;
    return;
  }
  // As TensorFlow's Saver: a checkpoint that cannot be deleted is left behind, not an error
  // of the save that replaced it.
  absl::StatusOr<io::FileSystem*> fs = io::FileSystemForPath(path);
  if (fs.ok()) (*fs)->DeleteFile(MetaGraphFilename(path, meta_graph_suffix)).IgnoreError();
  RemoveCheckpoint(path).IgnoreError();
}

}  // namespace train
}  // namespace rill
