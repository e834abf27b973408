// Optimizer: the base of every optimizer (TensorFlow's tf.train.Optimizer): gradients of a
// loss for a list of variables, and the ops that apply them, dense or sparse, in one step.
#ifndef RILL_TRAIN_OPTIMIZER_H_
#define RILL_TRAIN_OPTIMIZER_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "ops/state/variables.h"

namespace rill {
namespace train {

// GradientAndVariable pairs a variable with its gradient (none when the loss does not
// depend on it).
struct GradientAndVariable {
  Gradient gradient;
  ops::Variable variable;
};

// Optimizer builds training steps. A subclass says how one variable is updated from a dense
// gradient (ApplyDense) and from an IndexedSlices (ApplySparse, touching only those rows);
// the base computes the gradients, routes each to the right one, and groups the updates:
//
//   GradientDescentOptimizer optimizer(0.001f);
//   ops::Variable global_step = GetOrCreateGlobalStep(root);
//   auto train_op = optimizer.Minimize(root, loss, global_step);
//   RILL_CHECK_OK(train_op.status());
//   session.Run(feeds, {loss}, {*train_op}, &outputs);    // one step
//
// Nodes: gradients under "gradients/", the updates under the optimizer's name scope
// ("GradientDescent/update_w/ResourceApplyGradientDescent"), and the returned op
// "GradientDescent/update" (a NoOp grouping the updates), or with a global step
// "GradientDescent/increment_global_step" (an AssignAddVariableOp that runs after them).
//
// An optimizer object may build several training ops (one per Minimize call); between them
// it keeps only its slots (per-variable state such as Adam's "m": slot variables named
// "<var>/<optimizer name>", "<var>/<optimizer name>_1", ...) and its non-slot variables
// (Adam's "beta1_power"), made once per variable (or graph) and shared by those ops.
// An optimizer builds graphs from one thread at a time.
class Optimizer {
 public:
  virtual ~Optimizer() = default;

  const std::string& name() const { return name_; }

  // ComputeGradients returns the gradient of `loss` for each of `var_list` (by default the
  // trainable variables of the scope's graph, TrainableVariables), in order; a variable the
  // loss does not depend on gets no gradient (Gradient()). Gradients of variables read
  // through ResourceGather are IndexedSlices.
  absl::StatusOr<std::vector<GradientAndVariable>> ComputeGradients(
      const Scope& scope, const Output& loss, std::vector<ops::Variable> var_list = {}) const;

  // ApplyGradients builds the op that applies every gradient in `grads_and_vars` to its
  // variable (pairs without a gradient are skipped) and then, when `global_step` is given,
  // adds 1 to it. InvalidArgument when no pair has a gradient ("No gradients provided for
  // any variable ...") or a gradient's dtype is not its variable's.
  absl::StatusOr<Operation> ApplyGradients(
      const Scope& scope, const std::vector<GradientAndVariable>& grads_and_vars,
      const std::optional<ops::Variable>& global_step = std::nullopt);

  // Minimize is ComputeGradients then ApplyGradients: one training step on `loss`.
  absl::StatusOr<Operation> Minimize(const Scope& scope, const Output& loss,
                                     const std::optional<ops::Variable>& global_step = std::nullopt,
                                     std::vector<ops::Variable> var_list = {});

  // GetSlot returns the slot `slot_name` ("momentum", "m", "accumulator", ...) this optimizer
  // made for `variable`, if it made one (tf.train.Optimizer.get_slot). Valid while the
  // variable's graph lives.
  std::optional<ops::Variable> GetSlot(const ops::Variable& variable,
                                       const std::string& slot_name) const;

  // GetSlotNames lists the names of the slots this optimizer made, sorted.
  std::vector<std::string> GetSlotNames() const;

 protected:
  Optimizer(std::string name, bool use_locking) : name_(std::move(name)), use_locking_(use_locking) {}

  bool use_locking() const { return use_locking_; }

  // Prepare builds, once per ApplyGradients in the optimizer's name scope, the tensors all
  // updates share (the learning rate...).
  virtual void Prepare(const Scope& scope) = 0;
  // CreateSlots makes the per-variable state an optimizer keeps (none by default).
  virtual void CreateSlots(const Scope& scope, const std::vector<ops::Variable>& variables) {}
  // ApplyDense / ApplySparse build one variable's update in `scope` ("<name>/update_<var>").
  virtual Operation ApplyDense(const Scope& scope, const Output& gradient,
                               const ops::Variable& variable) = 0;
  virtual Operation ApplySparse(const Scope& scope, const IndexedSlices& gradient,
                                const ops::Variable& variable) = 0;
  // Finish builds the op that completes a step after every update (named by `scope`'s op
  // name); by default a NoOp depending on them.
  virtual Operation Finish(const Scope& scope, const std::vector<Operation>& updates);

  // CastTo returns `value` as `dtype` (a Cast when it has another dtype), for
  // hyperparameters given as float used on double variables.
  static Output CastTo(const Scope& scope, const Output& value, DataType dtype);

  // DeduplicateIndexedSlices sums the rows of `slices` that name the same index, so each
  // index appears once (TensorFlow's _deduplicate_indexed_slices: Unique, then the values
  // summed per unique index in order of appearance, here with ScatterNd, which gives the
  // same sums as UnsortedSegmentSum). What the fused sparse updates need, since they apply
  // a repeated row's gradients one after the other.
  static IndexedSlices DeduplicateIndexedSlices(const Scope& scope, const IndexedSlices& slices);

  // HyperparameterTensor is `value` as a tensor for Prepare: a constant becomes a Const
  // named `name` in `scope` (a float literal gives a float tensor, as a Python float does in
  // TensorFlow), an Output is used as it is. An invalid Input's error goes into `scope`.
  static Output HyperparameterTensor(const Scope& scope, const Input& value,
                                     const std::string& name);

  // GetOrMakeSlot returns `variable`'s slot `slot_name`, making it the first time with
  // CreateSlot (train/slot_creator.h), every element `value`, named "<variable>/<name()>"
  // (TensorFlow's _get_or_make_slot).
  ops::Variable GetOrMakeSlot(const Scope& scope, const ops::Variable& variable, double value,
                              const std::string& slot_name);
  // SlotHandle is the handle of `variable`'s slot `slot_name`; an empty Output when there
  // is none (its creation failed, and the error is in the scope).
  Output SlotHandle(const ops::Variable& variable, const std::string& slot_name) const;
  // ZerosSlot is GetOrMakeSlot with value 0 (TensorFlow's _zeros_slot).
  ops::Variable ZerosSlot(const Scope& scope, const ops::Variable& variable,
                          const std::string& slot_name);

  // GetOrCreateNonSlotVariable returns this optimizer's variable `name` of `scope`'s graph,
  // making it the first time: not trainable, at the graph's root (named `name`, made unique),
  // on `colocate_with`'s requested device, initialized to `initial_value` (TensorFlow's
  // _create_non_slot_variable, e.g. Adam's "beta1_power").
  ops::Variable GetOrCreateNonSlotVariable(const Scope& scope, const std::string& name,
                                           const Input& initial_value,
                                           const ops::Variable& colocate_with);
  // GetNonSlotVariable returns it if it was made for `scope`'s graph.
  std::optional<ops::Variable> GetNonSlotVariable(const Scope& scope,
                                                  const std::string& name) const;

 private:
  const std::string name_;
  const bool use_locking_;
  // slots_[slot name][variable's handle node]; non_slot_[(graph, name)].
  std::map<std::string, std::map<const Node*, ops::Variable>> slots_;
  std::map<std::pair<const Graph*, std::string>, ops::Variable> non_slot_;
};

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_OPTIMIZER_H_
