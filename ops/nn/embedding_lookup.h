// TensorFlow Python's tf.nn.embedding_lookup for the C++ client: rows of one table, or of a
// table split into partitions ('mod' or 'div'), read sparsely from resource variables so
// that their gradients are IndexedSlices of the rows read.
#ifndef RILL_OPS_NN_EMBEDDING_LOOKUP_H_
#define RILL_OPS_NN_EMBEDDING_LOOKUP_H_

#include <initializer_list>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "ops/state/variables.h"

namespace rill {
namespace ops {

// EmbeddingParams is the `params` of embedding_lookup (and the weights and biases of
// nce_loss and sampled_softmax_loss): one table, or the partitions of one table along
// dimension 0, each a tensor or a resource Variable. A Variable is read with
// ResourceGather, TensorFlow's sparse_read, so only the rows looked up are read and the
// gradient reaching the variable is an IndexedSlices of those rows; a tensor is read with
// GatherV2. Converts implicitly, so calls read like the Python:
//   ops::embedding_lookup(scope, embed_matrix, ids);        // a Variable or an Output
//   ops::embedding_lookup(scope, {shard0, shard1}, ids);    // partitions
// A cheap value naming nodes of the graph.
class EmbeddingParams {
 public:
  // Partition is one table or partition: its value, and for a Variable its handle.
  struct Partition {
    Output value;
    Output handle;  // The VarHandleOp's resource; empty for a tensor.
    DataType dtype = DT_INVALID;
    PartialTensorShape shape;
  };

  EmbeddingParams(const Output& table);                           // NOLINT(runtime/explicit)
  EmbeddingParams(const Variable& table);                         // NOLINT(runtime/explicit)
  EmbeddingParams(std::initializer_list<Output> partitions);      // NOLINT(runtime/explicit)
  EmbeddingParams(std::initializer_list<Variable> partitions);    // NOLINT(runtime/explicit)
  EmbeddingParams(const std::vector<Output>& partitions);         // NOLINT(runtime/explicit)
  EmbeddingParams(const std::vector<Variable>& partitions);       // NOLINT(runtime/explicit)

  const std::vector<Partition>& partitions() const { return partitions_; }

 private:
  void Add(const Output& table);
  void Add(const Variable& table);

  std::vector<Partition> partitions_;
};

// embedding_lookup returns the rows of `params` named by `ids` (int32 or int64, any
// shape): a tensor of shape ids.shape + params.shape[1:] (tf.nn.embedding_lookup).
//
// With several partitions, id i lives in partition p at row r where, for np partitions
// holding V rows in all:
//   "mod": p = i % np, r = i / np;
//   "div": the ids are split into np contiguous ranges, the first V % np of them one id
//          longer (p = max(i / (V / np + 1), (i - V % np) / (V / np))).
// Any other partition_strategy is InvalidArgument in the scope. `max_norm`, when given,
// scales each looked-up row whose L2 norm exceeds it down to that norm (clip_by_norm).
//
// Ids are checked when the graph runs: an id outside [0, V) is InvalidArgument naming it,
// "indices[3] = 50001 is not in [0, 50000)" (TensorFlow checks only each partition's local
// row). TensorFlow routes partitioned ids with DynamicPartition and ParallelDynamicStitch,
// which Rill lacks; here each partition gathers the positions Where(p == partition) selects
// and ScatterNd puts its rows back in place, which gives the same values and gradients.
//
// Nodes go in the name scope "embedding_lookup" (uniquified).
Output embedding_lookup(const Scope& scope, const EmbeddingParams& params, const Output& ids,
                        absl::string_view partition_strategy = "mod",
                        std::optional<double> max_norm = std::nullopt);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_NN_EMBEDDING_LOOKUP_H_
