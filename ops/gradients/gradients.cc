// The gradient driver: finds the nodes between the xs and the ys, walks them from the ys
// back in reverse topological order, sums each tensor's incoming gradients and calls each
// op's registered gradient function.
#include "ops/gradients/gradients.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/client/gradient_registry.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

// IsBackpropagatable: gradients flow through tensors of this dtype (TensorFlow's rule:
// floating point, complex, and resource handles, whose gradient is the variable's).
bool IsBackpropagatable(DataType dtype) {
  return DataTypeIsFloating(dtype) || DataTypeIsComplex(dtype) || dtype == DT_RESOURCE ||
         dtype == DT_VARIANT;
}

// OutputKey identifies one tensor of the graph: (node id, output index).
using OutputKey = std::pair<int, int>;

class GradientBuilder {
 public:
  GradientBuilder(const Scope& scope, const std::vector<Output>& ys,
                  const std::vector<Output>& xs, const GradientOptions& options)
      : scope_(scope.NewSubScope("gradients")),
        graph_(scope.graph()),
        ys_(ys),
        xs_(xs),
        options_(options),
        num_nodes_(graph_->num_nodes()),
        on_path_(num_nodes_, false),
        consumer_(num_nodes_, -1) {}

  // Build adds the gradients; null `grad_ys` means ones for every y.
  absl::Status Build(const std::vector<Output>* grad_ys, std::vector<Gradient>* grad_outputs);

 private:
  void MarkNodesBetween();
  absl::Status BackpropThrough(Node* node);
  // Aggregate is the sum of the gradients that reached output `index` of `node` (memoized).
  Gradient Aggregate(Node* node, int index);
  Gradient SumSparse(const Scope& scope, const std::vector<Gradient>& sparse);
  // GradScope is the name scope of `node`'s gradient: "gradients/<node>_grad".
  const Scope& GradScope(Node* node);
  absl::Status NoGradientFunctionError(Node* node) const;
  Gradient ZerosFor(const Output& x);

  const Scope scope_;
  Graph* const graph_;
  const std::vector<Output>& ys_;
  const std::vector<Output>& xs_;
  const GradientOptions options_;
  // Only nodes that existed before the gradients were added take part.
  const int num_nodes_;
  std::vector<bool> on_path_;
  // consumer_[id]: the node whose gradient first reached node `id` (-1: none, or a y), for
  // naming the path in errors.
  std::vector<int> consumer_;
  absl::flat_hash_map<OutputKey, std::vector<Gradient>> pending_;
  absl::flat_hash_map<OutputKey, Gradient> aggregated_;
  absl::flat_hash_map<int, Scope> grad_scopes_;
};

void GradientBuilder::MarkNodesBetween() {
  // Backward from the ys over data edges...
  std::vector<bool> reaches_y(num_nodes_, false);
  std::vector<Node*> stack;
  for (const Output& y : ys_) stack.push_back(y.node());
  while (!stack.empty()) {
    Node* node = stack.back();
    stack.pop_back();
    if (node->id() >= num_nodes_ || reaches_y[node->id()]) continue;
    reaches_y[node->id()] = true;
    for (const Edge* edge : node->in_edges()) {
      if (!edge->IsControlEdge()) stack.push_back(edge->src);
    }
  }
  // ...then forward from the xs, keeping what also reaches a y.
  for (const Output& x : xs_) stack.push_back(x.node());
  while (!stack.empty()) {
    Node* node = stack.back();
    stack.pop_back();
    if (node->id() >= num_nodes_ || on_path_[node->id()] || !reaches_y[node->id()]) continue;
    on_path_[node->id()] = true;
    for (const Edge* edge : node->out_edges()) {
      if (!edge->IsControlEdge()) stack.push_back(edge->dst);
    }
  }
}

const Scope& GradientBuilder::GradScope(Node* node) {
  auto it = grad_scopes_.find(node->id());
  if (it == grad_scopes_.end()) {
    it = grad_scopes_.emplace(node->id(), scope_.NewSubScope(absl::StrCat(node->name(), "_grad")))
             .first;
  }
  return it->second;
}

Gradient GradientBuilder::SumSparse(const Scope& scope, const std::vector<Gradient>& sparse) {
  std::vector<Input> values;
  std::vector<Input> indices;
  bool mixed_index_types = false;
  for (const Gradient& g : sparse) {
    mixed_index_types |= g.sparse().indices.type() != sparse[0].sparse().indices.type();
  }
  for (const Gradient& g : sparse) {
    values.push_back(g.sparse().values);
    indices.push_back(mixed_index_types ? Output(ops::Cast(scope, g.sparse().indices, DT_INT64))
                                        : g.sparse().indices);
  }
  IndexedSlices sum;
  sum.values = ops::ConcatV2(scope, InputList(values), 0);
  sum.indices = ops::ConcatV2(scope, InputList(indices), 0);
  sum.dense_shape = sparse[0].sparse().dense_shape;
  return sum;
}

Gradient GradientBuilder::Aggregate(Node* node, int index) {
  const OutputKey key(node->id(), index);
  if (auto it = aggregated_.find(key); it != aggregated_.end()) return it->second;
  Gradient sum;
  auto it = pending_.find(key);
  if (it != pending_.end()) {
    const std::vector<Gradient>& grads = it->second;
    if (grads.size() == 1) {
      sum = grads[0];
    } else {
      const Scope& scope = GradScope(node);
      std::vector<Gradient> sparse;
      std::vector<Input> dense;
      for (const Gradient& g : grads) {
        if (g.is_sparse()) {
          sparse.push_back(g);
        } else {
          dense.push_back(g.dense());
        }
      }
      if (dense.empty()) {
        sum = SumSparse(scope, sparse);
      } else {
        for (const Gradient& g : sparse) dense.push_back(Densify(scope, g));
        sum = ops::AddN(scope, InputList(dense)).sum;
      }
    }
  }
  aggregated_.emplace(key, sum);
  return sum;
}

absl::Status GradientBuilder::NoGradientFunctionError(Node* node) const {
  std::vector<std::string> path;
  for (int id = node->id(); id >= 0; id = consumer_[id]) {
    path.push_back(graph_->FindNodeId(id)->DebugString());
  }
  return errors::NotFound("No gradient defined for op '", node->name(), "' (",
                          node->type_string(), "), on the path from ",
                          absl::StrJoin(path.rbegin(), path.rend(), " <- "),
                          ". Link or load the library that registers its gradient "
                          "(REGISTER_GRADIENT(\"",
                          node->type_string(), "\", ...)), or stop the path with StopGradient");
}

absl::Status GradientBuilder::BackpropThrough(Node* node) {
  std::vector<Gradient> out_grads;
  bool any = false;
  for (int i = 0; i < node->num_outputs(); ++i) {
    out_grads.push_back(Aggregate(node, i));
    any |= !out_grads.back().is_none();
  }
  if (!any) return absl::OkStatus();

  ASSIGN_OR_RETURN(const OpRegistrationData* op_data,
                   graph_->op_registry()->LookUp(node->type_string()));
  if (op_data->gradient == GradientDeclaration::kNoGradient) return absl::OkStatus();
  const GradientRegistration* registration =
      GradientRegistry::Global()->LookUp(node->type_string());
  if (registration == nullptr) return NoGradientFunctionError(node);

  std::vector<Gradient> in_grads;
  if (registration->forwards_sparse) {
    in_grads.resize(node->num_inputs());
    if (!in_grads.empty()) in_grads[0] = out_grads[0];
  } else {
    const Scope& scope = GradScope(node);
    std::vector<Output> grad_inputs;
    for (int i = 0; i < node->num_outputs(); ++i) {
      const Output output(node, i);
      if (!out_grads[i].is_none()) {
        grad_inputs.push_back(Densify(scope, out_grads[i]));
      } else if (DataTypeIsFloating(output.type()) || DataTypeIsComplex(output.type())) {
        grad_inputs.push_back(ops::ZerosLike(scope, output));
      } else {
        grad_inputs.emplace_back();
      }
    }
    const absl::Status status =
        registration->function(scope, Operation(node), grad_inputs, &in_grads);
    const absl::Status built = status.ok() ? scope.status() : status;
    if (!built.ok()) {
      return errors::AppendToMessage(built, " (while building the gradient of ",
                                     node->DebugString(), ")");
    }
    if (static_cast<int>(in_grads.size()) != node->num_inputs()) {
      return errors::Internal("The gradient function of ", node->type_string(), " returned ",
                              in_grads.size(), " gradients for node ", node->DebugString(),
                              ", which has ", node->num_inputs(), " inputs");
    }
  }

  for (int i = 0; i < node->num_inputs(); ++i) {
    if (in_grads[i].is_none()) continue;
    const Edge* edge;
    RETURN_IF_ERROR(node->input_edge(i, &edge));
    Node* src = edge->src;
    if (src->id() >= num_nodes_ || !on_path_[src->id()]) continue;
    if (!IsBackpropagatable(src->output_type(edge->src_output))) continue;
    pending_[OutputKey(src->id(), edge->src_output)].push_back(in_grads[i]);
    if (consumer_[src->id()] < 0) consumer_[src->id()] = node->id();
  }
  return absl::OkStatus();
}

Gradient GradientBuilder::ZerosFor(const Output& x) {
  const Scope& scope = GradScope(x.node());
  if (x.type() != DT_RESOURCE) return ops::ZerosLike(scope, x).y;
  // A variable's handle: zeros of the variable's declared dtype and shape.
  DataType dtype = DT_INVALID;
  PartialTensorShape shape;
  absl::Status status = GetNodeAttr(x.node()->def(), "dtype", &dtype);
  if (status.ok()) status = GetNodeAttr(x.node()->def(), "shape", &shape);
  if (status.ok() && !shape.IsFullyDefined()) {
    status = errors::InvalidArgument("Cannot build zero gradients for ", x.name(),
                                     ": its variable's shape ", shape.DebugString(),
                                     " is not fully defined");
  }
  if (!status.ok()) {
    scope.UpdateStatus(status);
    return Gradient();
  }
  Tensor zero(dtype, TensorShape());
  std::memset(zero.data(), 0, DataTypeSize(dtype));
  std::vector<int64_t> dims;
  for (int d = 0; d < shape.dims(); ++d) dims.push_back(shape.dim_size(d));
  return ops::Fill(scope, Input::Initializer(dims), zero).output;
}

absl::Status GradientBuilder::Build(const std::vector<Output>* given_grad_ys,
                                    std::vector<Gradient>* grad_outputs) {
  RETURN_IF_ERROR(scope_.status());
  for (size_t i = 0; i < ys_.size(); ++i) {
    if (ys_[i].node() == nullptr) {
      return errors::InvalidArgument("AddSymbolicGradients: y ", i, " is empty");
    }
  }
  std::vector<Output> ones;
  if (given_grad_ys == nullptr) {
    for (const Output& y : ys_) ones.push_back(ops::OnesLike(scope_, y));
    RETURN_IF_ERROR(scope_.status());
  }
  const std::vector<Output>& grad_ys = given_grad_ys != nullptr ? *given_grad_ys : ones;
  if (grad_ys.size() != ys_.size()) {
    return errors::InvalidArgument("AddSymbolicGradients: ", ys_.size(), " ys but ",
                                   grad_ys.size(), " grad_ys");
  }
  for (size_t i = 0; i < ys_.size(); ++i) {
    if (grad_ys[i].node() == nullptr) {
      return errors::InvalidArgument("AddSymbolicGradients: grad_y ", i, " is empty");
    }
    if (grad_ys[i].type() != ys_[i].type()) {
      return errors::InvalidArgument("AddSymbolicGradients: grad_y ", grad_ys[i].name(),
                                     " has dtype ", DataTypeString(grad_ys[i].type()),
                                     " but y ", ys_[i].name(), " has ",
                                     DataTypeString(ys_[i].type()));
    }
  }
  for (size_t i = 0; i < xs_.size(); ++i) {
    if (xs_[i].node() == nullptr) {
      return errors::InvalidArgument("AddSymbolicGradients: x ", i, " is empty");
    }
  }

  MarkNodesBetween();
  for (size_t i = 0; i < ys_.size(); ++i) {
    if (ys_[i].node()->id() >= num_nodes_ || !on_path_[ys_[i].node()->id()]) continue;
    pending_[OutputKey(ys_[i].node()->id(), ys_[i].index())].push_back(grad_ys[i]);
  }
  for (int id = num_nodes_ - 1; id >= 0; --id) {
    if (on_path_[id]) RETURN_IF_ERROR(BackpropThrough(graph_->FindNodeId(id)));
  }

  grad_outputs->clear();
  for (const Output& x : xs_) {
    Gradient grad = Aggregate(x.node(), x.index());
    if (grad.is_none() && options_.unconnected_gradients == UnconnectedGradients::kZero) {
      grad = ZerosFor(x);
    }
    grad_outputs->push_back(grad);
  }
  return scope_.status();
}

}  // namespace

absl::Status AddSymbolicGradients(const Scope& scope, const std::vector<Output>& ys,
                                  const std::vector<Output>& xs,
                                  const std::vector<Output>& grad_ys,
                                  std::vector<Gradient>* grad_outputs,
                                  const GradientOptions& options) {
  return GradientBuilder(scope, ys, xs, options).Build(&grad_ys, grad_outputs);
}

absl::Status AddSymbolicGradients(const Scope& scope, const std::vector<Output>& ys,
                                  const std::vector<Output>& xs,
                                  std::vector<Gradient>* grad_outputs,
                                  const GradientOptions& options) {
  return GradientBuilder(scope, ys, xs, options).Build(nullptr, grad_outputs);
}

Output Densify(const Scope& scope, const Gradient& gradient) {
  if (!gradient.is_sparse()) return gradient.dense();
  const IndexedSlices& slices = gradient.sparse();
  Output dense_shape = slices.dense_shape;
  if (dense_shape.type() != slices.indices.type()) {
    dense_shape = ops::Cast(scope, dense_shape, slices.indices.type());
  }
  return ops::ScatterNd(scope, ops::ExpandDims(scope, slices.indices, -1), slices.values,
                        dense_shape);
}

}  // namespace rill
