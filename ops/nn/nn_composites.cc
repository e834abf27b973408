// TensorFlow Python's nn functions (see nn_composites.h), with the nodes TensorFlow's
// nn_impl.py and nn_ops.py build.
#include "ops/nn/nn_composites.h"

#include <cstdint>
#include <string>
#include <vector>

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/tensor_shape.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/nn/client_util.h"
#include "ops/nn/nn_ops.h"

namespace rill {
namespace ops {
namespace {

bool IsFloating(DataType dtype) {
  return dtype == DT_HALF || dtype == DT_BFLOAT16 || dtype == DT_FLOAT || dtype == DT_DOUBLE;
}

// CheckFloating puts InvalidArgument in the scope unless `x` is a floating tensor.
bool CheckFloating(const Scope& scope, const char* function, const char* arg, const Output& x) {
  if (!scope.ok()) return false;
  if (x.node() == nullptr || !IsFloating(x.type())) {
    scope.UpdateStatus(errors::InvalidArgument(
        function, ": ", arg, " must be a floating tensor (half, bfloat16, float or double)",
        x.node() == nullptr ? std::string(", got none")
                            : ", got " + DataTypeString(x.type())));
    return false;
  }
  return true;
}

// FlattenOuterDims is TensorFlow's _flatten_outer_dims: `x` reshaped to [-1, last dim]; a
// matrix is returned as it is.
Output FlattenOuterDims(const Scope& scope, const Output& x) {
  if (x.shape().dims() == 2) return x;
  const Output rank = ops::Rank(scope, x);
  const Output last_dim_size =
      ops::Slice(scope, ops::Shape(scope, x),
                 ops::ExpandDims(scope, ops::Sub(scope, rank, 1), 0), {1});
  return ops::Reshape(scope, x, ops::ConcatV2(scope, {ops::Const(scope, {-1}), last_dim_size}, 0));
}

// MoveDimToEnd is TensorFlow's _move_dim_to_end for a known rank: `x` transposed so that
// dimension `axis` (non-negative) comes last.
Output MoveDimToEnd(const Scope& scope, const Output& x, int axis, int rank) {
  std::vector<int32_t> perm;
  for (int d = 0; d < rank; ++d) {
    if (d != axis) perm.push_back(d);
  }
  perm.push_back(axis);
  return ops::Transpose(scope, x, Input::Initializer(perm));
}

// L2Normalize builds l2_normalize in its name scope `s`.
Output L2Normalize(const Scope& s, const Output& x, const Input& axis, double epsilon) {
  const Output square_sum = ops::Sum(s, ops::Square(s, x), axis, ops::Sum::KeepDims(true));
  const Output x_inv_norm =
      ops::Rsqrt(s, ops::Maximum(s, square_sum, nn_util::FloatScalar(s, epsilon, x.type())));
  return ops::Mul(s, x, x_inv_norm);
}

}  // namespace

Output sigmoid_cross_entropy_with_logits(const Scope& scope, const Output& labels,
                                         const Output& logits) {
  constexpr char kName[] = "sigmoid_cross_entropy_with_logits";
  if (!CheckFloating(scope, kName, "logits", logits)) return Output();
  if (labels.node() == nullptr || labels.type() != logits.type()) {
    scope.UpdateStatus(errors::InvalidArgument(kName, ": labels must have logits' dtype ",
                                               DataTypeString(logits.type())));
    return Output();
  }
  if (!labels.shape().IsCompatibleWith(logits.shape())) {
    scope.UpdateStatus(errors::InvalidArgument(
        "logits and labels must have the same shape (", logits.shape().DebugString(), " vs ",
        labels.shape().DebugString(), ")"));
    return Output();
  }
  const Scope s = scope.NewSubScope("logistic_loss");
  const Output zeros = ops::ZerosLike(s, logits);
  const Output cond = ops::GreaterEqual(s, logits, zeros);
  const Output relu_logits = ops::Select(s, cond, logits, zeros);
  const Output neg_abs_logits = ops::Select(s, cond, ops::Neg(s, logits), logits);
  return ops::AddV2(s, ops::Sub(s, relu_logits, ops::Mul(s, logits, labels)),
                    ops::Log1p(s, ops::Exp(s, neg_abs_logits)));
}

Output softmax_cross_entropy_with_logits_v2(const Scope& scope, const Output& labels,
                                            const Output& logits, int axis) {
  constexpr char kName[] = "softmax_cross_entropy_with_logits";
  if (!CheckFloating(scope, kName, "logits", logits)) return Output();
  if (labels.node() == nullptr) {
    scope.UpdateStatus(errors::InvalidArgument(kName, ": labels must be given"));
    return Output();
  }
  const Scope s = scope.NewSubScope(kName);
  const bool to_float = logits.type() == DT_HALF || logits.type() == DT_BFLOAT16;
  Output precise_logits = to_float ? Output(ops::Cast(s, logits, DT_FLOAT)) : logits;
  Output precise_labels = labels.type() == precise_logits.type()
                              ? labels
                              : Output(ops::Cast(s, labels, precise_logits.type()));
  const int rank = logits.shape().dims();
  if (axis != -1 && !(rank >= 0 && axis == rank - 1)) {
    if (rank < 0) {
      scope.UpdateStatus(errors::InvalidArgument(
          kName, ": axis ", axis, " other than the last needs logits of known rank"));
      return Output();
    }
    const int dim = axis < 0 ? axis + rank : axis;
    if (dim < 0 || dim >= rank) {
      scope.UpdateStatus(errors::InvalidArgument(kName, ": axis ", axis,
                                                 " is out of range for logits of rank ", rank));
      return Output();
    }
    precise_logits = MoveDimToEnd(s, precise_logits, dim, rank);
    precise_labels = MoveDimToEnd(s, precise_labels, dim, rank);
  }
  const bool matrix = precise_logits.shape().dims() == 2;
  const Output input_rank = matrix ? Output() : Output(ops::Rank(s, precise_logits));
  const Output input_shape = matrix ? Output() : Output(ops::Shape(s, precise_logits));
  const Output xent_logits = FlattenOuterDims(s, precise_logits);
  const Output xent_labels = FlattenOuterDims(s, precise_labels);
  Output cost = ops::SoftmaxCrossEntropyWithLogits(s, xent_logits, xent_labels).loss;
  if (!matrix) {
    const Output output_shape = ops::Slice(
        s, input_shape, {0}, ops::ExpandDims(s, ops::Sub(s, input_rank, 1), 0));
    cost = ops::Reshape(s, cost, output_shape);
  }
  return to_float ? Output(ops::Cast(s, cost, logits.type())) : cost;
}

Output softmax_cross_entropy_with_logits(const Scope& scope, const Output& labels,
                                         const Output& logits, int axis) {
  if (!scope.ok()) return Output();
  if (labels.node() == nullptr) {
    scope.UpdateStatus(
        errors::InvalidArgument("softmax_cross_entropy_with_logits: labels must be given"));
    return Output();
  }
  return softmax_cross_entropy_with_logits_v2(scope, ops::StopGradient(scope, labels), logits,
                                              axis);
}

Output l2_normalize(const Scope& scope, const Output& x, const std::vector<int>& axis,
                    double epsilon) {
  if (!CheckFloating(scope, "l2_normalize", "x", x)) return Output();
  return L2Normalize(scope.NewSubScope("l2_normalize"), x,
                     Input::Initializer(std::vector<int32_t>(axis.begin(), axis.end())), epsilon);
}

Output l2_normalize(const Scope& scope, const Output& x) {
  constexpr double kEpsilon = 1e-12;
  if (!CheckFloating(scope, "l2_normalize", "x", x)) return Output();
  const Scope s = scope.NewSubScope("l2_normalize");
  const int rank = x.shape().dims();
  if (rank < 0) return L2Normalize(s, x, ops::Range(s, 0, ops::Rank(s, x), 1), kEpsilon);
  std::vector<int32_t> all(rank);
  for (int d = 0; d < rank; ++d) all[d] = d;
  return L2Normalize(s, x, Input::Initializer(all), kEpsilon);
}

}  // namespace ops
}  // namespace rill
