// nce_loss and sampled_softmax_loss (see sampled_losses.h): TensorFlow's
// _compute_sampled_logits with its nodes (deviations noted below), and the two losses on top.
#include "ops/nn/sampled_losses.h"

#include <cfloat>
#include <cstdint>

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/client_util.h"
#include "ops/nn/nn_composites.h"

namespace rill {
namespace ops {
namespace {

// CastTo is `x` as `dtype` (x itself when it has it).
Output CastTo(const Scope& scope, const Output& x, DataType dtype) {
  return x.type() == dtype ? x : Output(ops::Cast(scope, x, dtype));
}

// Dim0 is shape(x)[0], an int32 scalar.
Output Dim0(const Scope& scope, const Output& x) {
  return ops::StridedSlice(scope, ops::Shape(scope, x), {0}, {1}, {1},
                           ops::StridedSlice::ShrinkAxisMask(1));
}

// SumRows is TensorFlow's _sum_rows: the row sums of the matrix `x` as a vector, computed
// as x times a column of ones (a cheaper gradient than reduce_sum's).
Output SumRows(const Scope& scope, const Output& x) {
  const Output cols = ops::StridedSlice(scope, ops::Shape(scope, x), {1}, {2}, {1},
                                        ops::StridedSlice::ShrinkAxisMask(1));
  const Output ones =
      ops::Fill(scope.WithOpName("ones"), ops::Pack(scope, {cols, ops::Const(scope, 1)}),
                nn_util::FloatScalar(scope, 1, x.type()));
  return ops::Reshape(scope, ops::MatMul(scope, x, ones), {-1});
}

// SampledLogitsArgs are _compute_sampled_logits' arguments.
struct SampledLogitsArgs {
  const EmbeddingParams& weights;
  const EmbeddingParams& biases;
  Output labels;
  Output inputs;
  int64_t num_sampled;
  int64_t num_classes;
  int64_t num_true;
  const std::optional<SampledValues>& sampled_values;
  bool remove_accidental_hits;
  const std::string& partition_strategy;
  std::optional<int64_t> seed;
  const char* name;
};

struct SampledLogits {
  Output logits;  // [batch_size, num_true + num_sampled]
  Output labels;  // 1 / num_true for the true columns, 0 for the sampled ones.
};

// ComputeSampledLogits is TensorFlow's _compute_sampled_logits with subtract_log_q = true.
// Deviations: TensorFlow removes accidental hits with SparseToDense, which Rill lacks;
// ScatterNd (which adds repeated hits) followed by Maximum with -FLT_MAX gives the same
// tensor. Expected counts are cast to the logits' dtype when it is not float (TensorFlow
// fails on double logits there).
SampledLogits ComputeSampledLogits(const Scope& scope, const SampledLogitsArgs& args) {
  if (!scope.ok()) return {};
  if (args.inputs.node() == nullptr ||
      (args.inputs.type() != DT_FLOAT && args.inputs.type() != DT_DOUBLE &&
       args.inputs.type() != DT_HALF && args.inputs.type() != DT_BFLOAT16)) {
    scope.UpdateStatus(
        errors::InvalidArgument(args.name, ": inputs must be a floating tensor [batch, dim]"));
    return {};
  }
  if (args.labels.node() == nullptr ||
      (args.labels.type() != DT_INT64 && args.labels.type() != DT_INT32)) {
    scope.UpdateStatus(errors::InvalidArgument(
        args.name, ": labels must be an int64 (or int32) tensor [batch_size, num_true]"));
    return {};
  }
  if (args.num_true < 1 || args.num_sampled < 1 || args.num_classes < 1) {
    scope.UpdateStatus(errors::InvalidArgument(
        args.name, ": num_true, num_sampled and num_classes must be positive, got ",
        args.num_true, ", ", args.num_sampled, " and ", args.num_classes));
    return {};
  }
  const Scope s = scope.NewSubScope(args.name);
  const DataType dtype = args.inputs.type();
  const Output labels = CastTo(s, args.labels, DT_INT64);
  const Output labels_flat = ops::Reshape(s, labels, {-1});

  const SampledValues sampled_values =
      args.sampled_values.has_value()
          ? *args.sampled_values
          : log_uniform_candidate_sampler(s, labels, args.num_true, args.num_sampled,
                                          /*unique=*/true, args.num_classes, args.seed);
  const Output sampled =
      CastTo(s, ops::StopGradient(s, sampled_values.sampled_candidates), DT_INT64);
  const Output true_expected_count = ops::StopGradient(s, sampled_values.true_expected_count);
  const Output sampled_expected_count =
      ops::StopGradient(s, sampled_values.sampled_expected_count);

  // The weights and biases of the true classes, then of the sampled ones, in one lookup.
  const Output all_ids = ops::ConcatV2(s, {labels_flat, sampled}, 0);
  const Output all_w =
      CastTo(s, embedding_lookup(s, args.weights, all_ids, args.partition_strategy), dtype);
  if (!s.ok()) return {};
  const Output num_true_ids = Dim0(s, labels_flat);
  const Output true_w =
      ops::Slice(s, all_w, {0, 0}, ops::Pack(s, {num_true_ids, ops::Const(s, -1)}));
  const Output sampled_w =
      ops::Slice(s, all_w, ops::Pack(s, {num_true_ids, ops::Const(s, 0)}), {-1, -1});
  Output sampled_logits = ops::MatMul(s, args.inputs, sampled_w, ops::MatMul::TransposeB(true));

  const Output all_b =
      CastTo(s, embedding_lookup(s, args.biases, all_ids, args.partition_strategy), dtype);
  if (!s.ok()) return {};
  const Output labels_flat_shape = ops::Shape(s, labels_flat);
  const Output true_b = ops::Slice(s, all_b, {0}, labels_flat_shape);
  const Output sampled_b = ops::Slice(s, all_b, labels_flat_shape, {-1});

  // The true logits: row-wise dots of each example with its num_true class embeddings.
  const Output dim = ops::StridedSlice(s, ops::Shape(s, true_w), {1}, {2}, {1});
  const int32_t num_true = static_cast<int32_t>(args.num_true);
  const Output new_true_w_shape = ops::ConcatV2(s, {ops::Const(s, {-1, num_true}), dim}, 0);
  const Output row_wise_dots = ops::Mul(s, ops::ExpandDims(s, args.inputs, 1),
                                        ops::Reshape(s, true_w, new_true_w_shape));
  const Output dots_as_matrix =
      ops::Reshape(s, row_wise_dots, ops::ConcatV2(s, {ops::Const(s, {-1}), dim}, 0));
  Output true_logits = ops::Reshape(s, SumRows(s, dots_as_matrix), {-1, num_true});
  true_logits = ops::AddV2(s, true_logits, ops::Reshape(s, true_b, {-1, num_true}));
  sampled_logits = ops::AddV2(s, sampled_logits, sampled_b);

  if (args.remove_accidental_hits) {
    const AccidentalHits hits = compute_accidental_hits(s, labels, sampled, args.num_true);
    const Output acc_indices_2d = ops::Reshape(s, hits.indices, {-1, 1});
    const Output acc_ids_2d = ops::Reshape(s, ops::Cast(s, hits.ids, DT_INT32), {-1, 1});
    const Output sparse_indices =
        ops::ConcatV2(s.WithOpName("sparse_indices"), {acc_indices_2d, acc_ids_2d}, 1);
    const Output sampled_logits_shape = ops::ConcatV2(
        s,
        {ops::StridedSlice(s, ops::Shape(s, labels), {0}, {1}, {1}),
         ops::ExpandDims(s, ops::Const(s, static_cast<int32_t>(args.num_sampled)), 0)},
        0);
    const Output removal = ops::Maximum(
        s, ops::ScatterNd(s, sparse_indices, CastTo(s, hits.weights, dtype), sampled_logits_shape),
        nn_util::FloatScalar(s, -FLT_MAX, dtype));
    sampled_logits = ops::AddV2(s, sampled_logits, removal);
  }

  // Subtract log Q(class), the log of the class's expected count in the sample.
  true_logits = ops::Sub(s, true_logits, ops::Log(s, CastTo(s, true_expected_count, dtype)));
  sampled_logits =
      ops::Sub(s, sampled_logits, ops::Log(s, CastTo(s, sampled_expected_count, dtype)));

  SampledLogits out;
  out.logits = ops::ConcatV2(s, {true_logits, sampled_logits}, 1);
  out.labels = ops::ConcatV2(
      s,
      {ops::RealDiv(s, ops::OnesLike(s, true_logits),
                    nn_util::FloatScalar(s, static_cast<double>(args.num_true), dtype)),
       ops::ZerosLike(s, sampled_logits)},
      1);
  return out;
}

}  // namespace

Output nce_loss(const Scope& scope, const EmbeddingParams& weights,
                const EmbeddingParams& biases, const Output& labels, const Output& inputs,
                int64_t num_sampled, int64_t num_classes, const NceLossOptions& options) {
  const SampledLogits sampled = ComputeSampledLogits(
      scope, {weights, biases, labels, inputs, num_sampled, num_classes, options.num_true,
              options.sampled_values, options.remove_accidental_hits,
              options.partition_strategy, options.seed, "nce_loss"});
  if (!scope.ok()) return Output();
  const Output sampled_losses = sigmoid_cross_entropy_with_logits(
      scope.NewSubScope("sampled_losses"), sampled.labels, sampled.logits);
  if (!scope.ok()) return Output();
  return SumRows(scope, sampled_losses);
}

Output sampled_softmax_loss(const Scope& scope, const EmbeddingParams& weights,
                            const EmbeddingParams& biases, const Output& labels,
                            const Output& inputs, int64_t num_sampled, int64_t num_classes,
                            const SampledSoftmaxLossOptions& options) {
  const SampledLogits sampled = ComputeSampledLogits(
      scope, {weights, biases, labels, inputs, num_sampled, num_classes, options.num_true,
              options.sampled_values, options.remove_accidental_hits,
              options.partition_strategy, options.seed, "sampled_softmax_loss"});
  if (!scope.ok()) return Output();
  const Output stopped_labels =
      ops::StopGradient(scope.WithOpName("labels_stop_gradient"), sampled.labels);
  return softmax_cross_entropy_with_logits_v2(scope, stopped_labels, sampled.logits);
}

}  // namespace ops
}  // namespace rill
