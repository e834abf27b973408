// Gradient functions of the reductions (Sum, Mean, Prod, Max, Min) and scans (Cumsum,
// Cumprod): TensorFlow's math_grad.py, formula for formula, so float results match bit for
// bit. Shapes are computed while building where they are known, in the graph otherwise.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "core/client/const_op.h"
#include "core/client/gradient_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "ops/array/array_ops.h"
#include "ops/math/gradient_util.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace math_gradients {
namespace {

// StaticAxes: the reduction axes of a reduction of `x` over `axes`, normalized to [0, rank)
// in their given order, when x's rank is known and `axes` is a constant.
std::optional<std::vector<int32_t>> StaticAxes(const Output& x, const Output& axes) {
  const std::optional<std::vector<int64_t>> values = ConstantInt64s(axes);
  const int rank = x.shape().dims();
  if (!values || rank < 0) return std::nullopt;
  std::vector<int32_t> normalized;
  for (const int64_t axis : *values) {
    normalized.push_back(static_cast<int32_t>(axis < 0 ? axis + rank : axis));
  }
  return normalized;
}

// StaticDims: x's dimensions when its shape is fully known.
std::optional<std::vector<int32_t>> StaticDims(const Output& x) {
  const PartialTensorShape shape = x.shape();
  if (!shape.IsFullyDefined()) return std::nullopt;
  std::vector<int32_t> dims;
  for (int d = 0; d < shape.dims(); ++d) dims.push_back(static_cast<int32_t>(shape.dim_size(d)));
  return dims;
}

// AsInt32 is `t` (int32 or int64) as int32.
Output AsInt32(const Scope& scope, const Output& t) {
  return t.type() == DT_INT32 ? t : Output(ops::Cast(scope, t, DT_INT32));
}

// NormalizedAxes is `axes` flattened, as int32, each taken modulo `rank` (so -1 is the last
// dimension).
Output NormalizedAxes(const Scope& scope, const Output& axes, const Output& rank) {
  const Output flat = ops::Reshape(scope, AsInt32(scope, axes), {-1});
  return ops::FloorMod(scope, ops::Add(scope, flat, rank), rank);
}

// AxisMask is an int32 vector of length `rank` counting how often each dimension appears in
// `normalized_axes`.
Output AxisMask(const Scope& scope, const Output& normalized_axes, const Output& rank) {
  return ops::ScatterNd(scope, ops::ExpandDims(scope, normalized_axes, -1),
                        ops::OnesLike(scope, normalized_axes), ops::Reshape(scope, rank, {1}));
}

// ReducedShape is math_ops.reduced_shape: `input_shape` (int32, a tensor's shape) with the
// dimensions named by `axes` set to 1, computed in the graph.
Output ReducedShape(const Scope& scope, const Output& input_shape, const Output& axes) {
  const Output rank = ops::Size(scope, input_shape);
  const Output mask = AxisMask(scope, NormalizedAxes(scope, axes, rank), rank);
  return ops::SelectV2(scope, ops::Greater(scope, mask, 0), 1, input_shape);
}

// StaticReducedShape is ReducedShape for a fully known shape `dims` and known `axes`.
std::vector<int32_t> StaticReducedShape(std::vector<int32_t> dims,
                                        const std::vector<int32_t>& axes) {
  for (const int32_t axis : axes) dims[axis] = 1;
  return dims;
}

// KeptDims is the shape of the reduction of `x` over `axes` with keep_dims: a constant when
// x's shape and the axes are known.
Output KeptDims(const Scope& scope, const Output& x, const Output& axes) {
  const std::optional<std::vector<int32_t>> dims = StaticDims(x);
  const std::optional<std::vector<int32_t>> static_axes = StaticAxes(x, axes);
  if (dims && static_axes) return ops::Const(scope, StaticReducedShape(*dims, *static_axes));
  return ReducedShape(scope, ops::Shape(scope, x), axes);
}

// SumGradient is the gradient of `input` for Sum (and the sum part of Mean's): `grad`
// reshaped to the kept-dims shape and tiled back over the reduced dimensions.
Output SumGradient(const Scope& scope, const Operation& op, const Output& grad) {
  const Output x = OpInput(op, 0);
  const Output axes = OpInput(op, 1);
  const std::optional<std::vector<int64_t>> axes_value = ConstantInt64s(axes);
  const int rank = x.shape().dims();
  const std::optional<std::vector<int32_t>> dims = StaticDims(x);
  if (rank >= 0 && axes_value) {
    bool all_dims = axes.shape().dims() == 1 && static_cast<int>(axes_value->size()) == rank;
    for (int d = 0; all_dims && d < rank; ++d) all_dims = (*axes_value)[d] == d;
    if (all_dims) {
      // Reducing every dimension: reshape to all ones and tile by the input shape.
      const Output ones =
          ops::Reshape(scope, grad, Input::Initializer(std::vector<int32_t>(rank, 1)));
      const Output input_shape = dims ? ops::Const(scope, *dims) : Output(ops::Shape(scope, x));
      return ops::Tile(scope, ones, input_shape);
    }
    if (dims) {
      const std::vector<int32_t> kept = StaticReducedShape(*dims, *StaticAxes(x, axes));
      std::vector<int32_t> tile_scaling;
      for (int d = 0; d < rank; ++d) tile_scaling.push_back((*dims)[d] / std::max(kept[d], 1));
      return ops::Tile(scope, ops::Reshape(scope, grad, Input::Initializer(kept)),
                       Input::Initializer(tile_scaling));
    }
  }
  const Output input_shape = ops::Shape(scope, x);
  const Output kept = ReducedShape(scope, input_shape, axes);
  const Output tile_scaling = ops::FloorDiv(scope, input_shape, ops::Maximum(scope, kept, 1));
  return ops::Tile(scope, ops::Reshape(scope, grad, kept), tile_scaling);
}

absl::Status SumGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                     std::vector<Gradient>* grad_outputs) {
  grad_outputs->push_back(SumGradient(scope, op, grads[0]));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Sum", SumGrad);

// Mean: Sum's gradient divided by the number of elements each output averages.
absl::Status MeanGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  const Output sum_grad = SumGradient(scope, op, grads[0]);
  const Output x = OpInput(op, 0);
  const Output y = op.output(0);
  const PartialTensorShape input_shape = x.shape();
  const PartialTensorShape output_shape = y.shape();
  Output factor;
  if (input_shape.IsFullyDefined() && output_shape.IsFullyDefined()) {
    const int64_t input_size = input_shape.num_elements();
    const int64_t output_size = output_shape.num_elements();
    factor = ScalarConst(scope, static_cast<double>(input_size / std::max<int64_t>(output_size, 1)),
                         sum_grad.type());
  } else {
    const Output input_size = ops::Prod(scope, ops::Shape(scope, x), 0);
    const Output output_size = ops::Prod(scope, ops::Shape(scope, y), 0);
    factor = ops::Cast(scope, ops::FloorDiv(scope, input_size, ops::Maximum(scope, output_size, 1)),
                       sum_grad.type());
  }
  grad_outputs->push_back(Output(ops::RealDiv(scope, sum_grad, factor)));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Mean", MeanGrad);

// Max and Min: the gradient is split evenly among the elements equal to the result.
absl::Status MinOrMaxGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                          std::vector<Gradient>* grad_outputs) {
  const Output x = OpInput(op, 0);
  const Output axes = OpInput(op, 1);
  const Output kept = KeptDims(scope, x, axes);
  const Output y = ops::Reshape(scope, op.output(0), kept);
  const Output grad = ops::Reshape(scope, grads[0], kept);
  const Output indicators = ops::Cast(scope, ops::Equal(scope, y, x), grad.type());
  const Output num_selected = ops::Reshape(scope, ops::Sum(scope, indicators, axes), kept);
  grad_outputs->push_back(
      Output(ops::Mul(scope, ops::RealDiv(scope, indicators, num_selected), grad)));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Max", MinOrMaxGrad);
REGISTER_GRADIENT("Min", MinOrMaxGrad);

// Permutation: the reduced dimensions of a Prod, the others, and `perm` (reduced first), as
// int32 vectors.
struct Permutation {
  Output reduced;
  Output other;
  Output perm;
};

// ProdPermutation computes Permutation from the constant axes when x's rank is known,
// in the graph (Range, and a mask for TensorFlow's setdiff1d) otherwise.
Permutation ProdPermutation(const Scope& scope, const Output& x, const Output& axes) {
  Permutation p;
  if (const std::optional<std::vector<int32_t>> reduced = StaticAxes(x, axes)) {
    std::vector<int32_t> other;
    for (int d = 0; d < x.shape().dims(); ++d) {
      if (std::find(reduced->begin(), reduced->end(), d) == reduced->end()) other.push_back(d);
    }
    std::vector<int32_t> perm = *reduced;
    perm.insert(perm.end(), other.begin(), other.end());
    p.reduced = ops::Const(scope, *reduced);
    p.other = ops::Const(scope, other);
    p.perm = ops::Const(scope, perm);
    return p;
  }
  const Output rank = ops::Rank(scope, x);
  p.reduced = NormalizedAxes(scope, axes, rank);
  const Output is_other = ops::Equal(scope, AxisMask(scope, p.reduced, rank), 0);
  p.other = AsInt32(scope, ops::Reshape(scope, ops::Where(scope, is_other), {-1}));
  p.perm = ops::ConcatV2(scope, {p.reduced, p.other}, 0);
  return p;
}

// Prod: each element's gradient is the product of the others in its reduction, computed
// without dividing (which zeros would break) as the product of an exclusive cumprod from the
// left and one from the right, over x transposed so that the reduced dimensions come first
// and reshaped to [reduced, other].
absl::Status ProdGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                      std::vector<Gradient>* grad_outputs) {
  const Output x = OpInput(op, 0);
  const Output axes = OpInput(op, 1);
  const Output input_shape = ops::Shape(scope, x);

  const Output kept = ReducedShape(scope, input_shape, axes);
  const Output tile_scaling = ops::FloorDiv(scope, input_shape, ops::Maximum(scope, kept, 1));
  const Output grad = ops::Tile(scope, ops::Reshape(scope, grads[0], kept), tile_scaling);

  const Permutation p = ProdPermutation(scope, x, axes);
  const Output reduced_num = ops::Prod(scope, ops::GatherV2(scope, input_shape, p.reduced, 0), 0);
  const Output other_num = ops::Prod(scope, ops::GatherV2(scope, input_shape, p.other, 0), 0);
  const Output permuted = ops::Transpose(scope, x, p.perm);
  const Output permuted_shape = ops::Shape(scope, permuted);
  const Output reshaped = ops::Reshape(scope, permuted, ops::Pack(scope, {reduced_num, other_num}));

  const Output left = ops::Cumprod(scope, reshaped, 0, ops::Cumprod::Exclusive(true));
  const Output right =
      ops::Cumprod(scope, reshaped, 0, ops::Cumprod::Exclusive(true).Reverse(true));
  const Output y =
      ops::Reshape(scope, ops::Mul(scope, Conj(scope, left), Conj(scope, right)), permuted_shape);

  const Output out =
      ops::Mul(scope, grad, ops::Transpose(scope, y, ops::InvertPermutation(scope, p.perm)));
  grad_outputs->push_back(Output(ops::Reshape(scope, out, input_shape)));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Prod", ProdGrad);

// Cumsum: the gradient is grad summed the other way.
absl::Status CumsumGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                        std::vector<Gradient>* grad_outputs) {
  bool exclusive;
  bool reverse;
  RETURN_IF_ERROR(GetBoolAttr(op, "exclusive", &exclusive));
  RETURN_IF_ERROR(GetBoolAttr(op, "reverse", &reverse));
  grad_outputs->push_back(Output(ops::Cumsum(scope, grads[0], OpInput(op, 1),
                                             ops::Cumsum::Exclusive(exclusive).Reverse(!reverse))));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Cumsum", CumsumGrad);

// Cumprod: cumsum(cumprod(x) * grad) the other way, divided by x (so, as in TensorFlow,
// not defined where x has zeros).
absl::Status CumprodGrad(const Scope& scope, const Operation& op, const std::vector<Output>& grads,
                         std::vector<Gradient>* grad_outputs) {
  bool exclusive;
  bool reverse;
  RETURN_IF_ERROR(GetBoolAttr(op, "exclusive", &exclusive));
  RETURN_IF_ERROR(GetBoolAttr(op, "reverse", &reverse));
  const Output x = OpInput(op, 0);
  const Output axis = OpInput(op, 1);
  const Output prod =
      ops::Cumprod(scope, x, axis, ops::Cumprod::Exclusive(exclusive).Reverse(reverse));
  const Output out = ops::Cumsum(scope, ops::Mul(scope, prod, grads[0]), axis,
                                 ops::Cumsum::Exclusive(exclusive).Reverse(!reverse));
  grad_outputs->push_back(Output(ops::RealDiv(scope, out, x)));
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Cumprod", CumprodGrad);

}  // namespace
}  // namespace math_gradients
}  // namespace rill
