// embedding_lookup (see embedding_lookup.h): TensorFlow's _embedding_lookup_and_transform
// without a transform, with a run-time check of the ids against the whole vocabulary.
#include "ops/nn/embedding_lookup.h"

#include <cstdint>
#include <string>
#include <vector>

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/client_util.h"
#include "ops/state/state_ops.h"

namespace rill {
namespace ops {

EmbeddingParams::EmbeddingParams(const Output& table) { Add(table); }
EmbeddingParams::EmbeddingParams(const Variable& table) { Add(table); }
EmbeddingParams::EmbeddingParams(std::initializer_list<Output> partitions) {
  for (const Output& p : partitions) Add(p);
}
EmbeddingParams::EmbeddingParams(std::initializer_list<Variable> partitions) {
  for (const Variable& p : partitions) Add(p);
}
EmbeddingParams::EmbeddingParams(const std::vector<Output>& partitions) {
  for (const Output& p : partitions) Add(p);
}
EmbeddingParams::EmbeddingParams(const std::vector<Variable>& partitions) {
  for (const Variable& p : partitions) Add(p);
}

void EmbeddingParams::Add(const Output& table) {
  Partition p;
  p.value = table;
  if (table.node() != nullptr) {
    p.dtype = table.type();
    p.shape = table.shape();
  }
  partitions_.push_back(p);
}

void EmbeddingParams::Add(const Variable& table) {
  Partition p;
  p.value = table.value();
  p.handle = table.handle();
  p.dtype = table.dtype();
  p.shape = table.shape();
  partitions_.push_back(p);
}

namespace {

using Partition = EmbeddingParams::Partition;

// Gather reads rows `ids` of one partition: ResourceGather from a variable, GatherV2 from
// a tensor.
Output Gather(const Scope& scope, const Partition& partition, const Output& ids) {
  if (partition.handle.node() != nullptr) {
    return ops::ResourceGather(scope, partition.handle, ids, partition.dtype);
  }
  return ops::GatherV2(scope, partition.value, ids, 0);
}

// DynamicShape is the partition's shape as an int64 vector computed when the graph runs:
// VariableShape of a variable, Shape of a tensor.
Output DynamicShape(const Scope& scope, const Partition& partition) {
  if (partition.handle.node() != nullptr) {
    return ops::VariableShape(scope, partition.handle, ops::VariableShape::OutType(DT_INT64));
  }
  return ops::Shape(scope, partition.value, ops::Shape::OutType(DT_INT64));
}

// ClipByNorm is TensorFlow's clip_by_norm(t, clip_norm, axes): t scaled by
// clip_norm / max(||t||, clip_norm) along `axes`, with the two-Select guard that keeps the
// gradient of a zero norm finite.
Output ClipByNorm(const Scope& scope, const Output& t, double clip_norm, const Input& axes) {
  const Scope s = scope.NewSubScope("clip_by_norm");
  const Output norm = nn_util::FloatScalar(s, clip_norm, t.type());
  const Output l2sum = ops::Sum(s, ops::Mul(s, t, t), axes, ops::Sum::KeepDims(true));
  const Output pred = ops::Greater(s, l2sum, nn_util::FloatScalar(s, 0, t.type()));
  const Output l2sum_safe = ops::Select(s, pred, l2sum, ops::OnesLike(s, l2sum));
  const Output l2norm = ops::Select(s, pred, ops::Sqrt(s, l2sum_safe), l2sum);
  const Output intermediate = ops::Mul(s, t, norm);
  return ops::Identity(s, ops::RealDiv(s, intermediate, ops::Maximum(s, l2norm, norm)));
}

// Clip is TensorFlow's _clip: `result`, the rows looked up for `ids` in tables of rank
// `params_rank` (-1 when unknown), clipped along its dimensions after ids' when max_norm
// is given.
Output Clip(const Scope& scope, const Output& result, const Output& ids, int params_rank,
            std::optional<double> max_norm) {
  if (!max_norm.has_value()) return result;
  const int ids_rank = ids.shape().dims();
  if (ids_rank >= 0 && params_rank >= 0) {
    std::vector<int32_t> axes;
    for (int d = ids_rank; d < ids_rank + params_rank - 1; ++d) axes.push_back(d);
    return ClipByNorm(scope, result, *max_norm, Input::Initializer(axes));
  }
  return ClipByNorm(scope, result, *max_norm,
                    ops::Range(scope, ops::Rank(scope, ids), ops::Rank(scope, result), 1));
}

// Validate checks what can be checked while building: at least one partition, each a
// tensor of one dtype and rank >= 1, integer ids, a known partition strategy.
absl::Status Validate(const EmbeddingParams& params, const Output& ids,
                      absl::string_view partition_strategy) {
  const std::vector<Partition>& partitions = params.partitions();
  if (partitions.empty()) return errors::InvalidArgument("embedding_lookup: Need at least one param");
  for (size_t p = 0; p < partitions.size(); ++p) {
    if (partitions[p].value.node() == nullptr) {
      return errors::InvalidArgument("embedding_lookup: params[", p, "] is empty");
    }
    if (partitions[p].dtype != partitions[0].dtype) {
      return errors::InvalidArgument("embedding_lookup: params[", p, "] has dtype ",
                                     DataTypeString(partitions[p].dtype), ", params[0] has ",
                                     DataTypeString(partitions[0].dtype));
    }
    if (partitions[p].shape.dims() == 0) {
      return errors::InvalidArgument("embedding_lookup: params[", p,
                                     "] must be at least 1-D, got a scalar");
    }
  }
  if (ids.node() == nullptr || (ids.type() != DT_INT32 && ids.type() != DT_INT64)) {
    return errors::InvalidArgument("embedding_lookup: ids must be an int32 or int64 tensor");
  }
  if (partition_strategy != "mod" && partition_strategy != "div") {
    return errors::InvalidArgument("Unrecognized partition strategy: ", partition_strategy);
  }
  return absl::OkStatus();
}

// StaticRowCount is the total of the partitions' dim 0 when every one is known.
std::optional<int64_t> StaticRowCount(const std::vector<Partition>& partitions) {
  int64_t rows = 0;
  for (const Partition& p : partitions) {
    if (p.shape.dims() < 1 || p.shape.dim_size(0) < 0) return std::nullopt;
    rows += p.shape.dim_size(0);
  }
  return rows;
}

// IdScalar is a scalar constant of the ids' dtype.
Output IdScalar(const Scope& scope, int64_t value, DataType dtype) {
  if (dtype == DT_INT32) return ops::Const(scope, static_cast<int32_t>(value));
  return ops::Const(scope, value);
}

// PartitionedLookup looks `ids` up in several partitions (see embedding_lookup.h).
Output PartitionedLookup(const Scope& s, const std::vector<Partition>& partitions,
                         const Output& ids, absl::string_view partition_strategy,
                         std::optional<double> max_norm) {
  const DataType id_type = ids.type();
  const int64_t np = static_cast<int64_t>(partitions.size());
  const Output flat_ids = ops::Reshape(s, ids, {-1});

  // V, the number of rows in all, as a scalar of the ids' dtype.
  const std::optional<int64_t> static_rows = StaticRowCount(partitions);
  Output num_total_ids;
  if (static_rows.has_value()) {
    num_total_ids = IdScalar(s, *static_rows, id_type);
  } else {
    std::vector<Output> dims;
    for (const Partition& p : partitions) {
      dims.push_back(ops::StridedSlice(s, DynamicShape(s, p), {0}, {1}, {1},
                                       ops::StridedSlice::ShrinkAxisMask(1)));
    }
    num_total_ids = ops::Cast(s, ops::AddN(s, dims), id_type);
  }

  // Every id in [0, V): a gather of the ids from a [V, 0] tensor (no bytes) fails naming the
  // first id outside, and everything below waits for it.
  const Output no_columns = ops::Fill(
      s, ops::Pack(s, {ops::Cast(s, num_total_ids, DT_INT64), ops::Const(s, int64_t{0})}), 0);
  const Output check = ops::GatherV2(s.WithOpName("check_ids"), no_columns, flat_ids, 0);
  const Scope checked = s.WithControlDependencies(check);

  Output p_assignments;
  Output new_ids;
  if (partition_strategy == "mod") {
    const Output num_partitions = IdScalar(s, np, id_type);
    p_assignments = ops::FloorMod(checked, flat_ids, num_partitions);
    new_ids = ops::FloorDiv(checked, flat_ids, num_partitions);
  } else {
    const Output num_partitions = IdScalar(s, np, id_type);
    const Output ids_per_partition = ops::FloorDiv(s, num_total_ids, num_partitions);
    const Output extras = ops::FloorMod(s, num_total_ids, num_partitions);
    const Output longer = ops::AddV2(s, ids_per_partition, IdScalar(s, 1, id_type));
    const Output shifted = ops::Sub(checked, flat_ids, extras);
    p_assignments = ops::Maximum(s, ops::FloorDiv(checked, flat_ids, longer),
                                 ops::FloorDiv(s, shifted, ids_per_partition));
    new_ids = ops::Select(s, ops::Less(s, p_assignments, extras),
                          ops::FloorMod(s, flat_ids, longer),
                          ops::FloorMod(s, shifted, ids_per_partition));
  }
  p_assignments = ops::Cast(s, p_assignments, DT_INT32);

  // The rows' shape after dim 0: constant when every partition agrees on a known one.
  PartialTensorShape element_shape;
  bool known = true;
  for (const Partition& p : partitions) {
    if (p.shape.dims() < 0) {
      known = false;
      break;
    }
    std::vector<int64_t> tail(p.shape.dim_sizes().begin() + 1, p.shape.dim_sizes().end());
    const PartialTensorShape this_tail(tail);
    if (&p == &partitions[0]) {
      element_shape = this_tail;
    } else {
      absl::StatusOr<PartialTensorShape> merged = element_shape.MergeWith(this_tail);
      if (!merged.ok()) {
        s.UpdateStatus(errors::InvalidArgument("embedding_lookup: partitions' shapes ",
                                               partitions[0].shape.DebugString(), " and ",
                                               p.shape.DebugString(), " do not match"));
        return Output();
      }
      element_shape = *merged;
    }
  }
  Output element_dims;
  if (known && element_shape.IsFullyDefined()) {
    element_dims = ops::Const(
        s, Input::Initializer(std::vector<int64_t>(element_shape.dim_sizes().begin(),
                                                   element_shape.dim_sizes().end())));
  } else {
    element_dims = ops::StridedSlice(s, DynamicShape(s, partitions[0]), {1}, {0}, {1},
                                     ops::StridedSlice::EndMask(1));
  }
  const Output flat_shape = ops::ConcatV2(
      s,
      {ops::ExpandDims(s, ops::Size(s, flat_ids, ops::Size::OutType(DT_INT64)), 0),
       element_dims},
      0);

  std::vector<Output> placed;
  for (int64_t p = 0; p < np; ++p) {
    const Output positions =
        ops::Where(s, ops::Equal(s, p_assignments, static_cast<int32_t>(p))).index;
    const Output partition_ids = ops::GatherNd(s, new_ids, positions);
    const Output rows = Gather(s, partitions[p], partition_ids);
    placed.push_back(ops::ScatterNd(s, positions, rows, flat_shape));
  }
  const Output stitched = ops::AddN(s, placed);
  const Output ret = ops::Reshape(
      s, stitched,
      ops::ConcatV2(s, {ops::Shape(s, ids, ops::Shape::OutType(DT_INT64)), element_dims}, 0));
  return Clip(s, ret, ids, partitions[0].shape.dims(), max_norm);
}

}  // namespace

Output embedding_lookup(const Scope& scope, const EmbeddingParams& params, const Output& ids,
                        absl::string_view partition_strategy, std::optional<double> max_norm) {
  if (!scope.ok()) return Output();
  const absl::Status valid = Validate(params, ids, partition_strategy);
  if (!valid.ok()) {
    scope.UpdateStatus(valid);
    return Output();
  }
  const Scope s = scope.NewSubScope("embedding_lookup");
  const std::vector<Partition>& partitions = params.partitions();
  if (partitions.size() == 1) {
    const Output result = Gather(s, partitions[0], ids);
    return ops::Identity(s, Clip(s, result, ids, partitions[0].shape.dims(), max_norm));
  }
  return PartitionedLookup(s, partitions, ids, partition_strategy, max_norm);
}

}  // namespace ops
}  // namespace rill
