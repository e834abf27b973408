// Gradients of the slicing and joining ops (ConcatV2, Split, SplitV, Slice, StridedSlice,
// StridedSliceGrad, Tile, Pad, Pack, Unpack, ReverseV2), after TensorFlow's array_grad.py.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/client/const_op.h"
#include "core/client/gradient_registry.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/array/gradient_util.h"
#include "ops/array/slicing.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

using array_grad::DataInputs;
using array_grad::IndexTensor;
using array_grad::NonNegativeAxis;
using array_grad::RankOf;
using array_grad::ShapeOf;

// Above this many inputs ConcatV2's gradient is one SplitV rather than a Slice per input
// (TensorFlow's benchmarked threshold).
constexpr int kMaxSlicedConcatInputs = 16;

absl::Status ConcatV2Grad(const Scope& scope, const Operation& op,
                          const std::vector<Output>& grad_inputs,
                          std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  const int n = static_cast<int>(in.size()) - 1;
  const OutputList values(in.begin(), in.begin() + n);
  const Output& grad = grad_inputs[0];
  const Output axis = NonNegativeAxis(scope, in[n], values[0]);
  // The inputs' shapes: constants when all are known, ShapeN otherwise.
  OutputList sizes;
  bool all_known = true;
  for (const Output& value : values) all_known &= value.shape().IsFullyDefined();
  if (all_known) {
    for (const Output& value : values) sizes.push_back(ShapeOf(scope, value));
  } else {
    sizes = ops::ShapeN(scope, values).output;
  }
  if (n > kMaxSlicedConcatInputs) {
    // Each input's size along the axis: row `axis` of the shapes stacked as columns.
    const Output stacked = ops::Pack(scope, sizes, ops::Pack::Axis(1));
    const Output begin = ops::Pack(scope, {axis, Input(0)});
    const Output size_splits = ops::Squeeze(scope, ops::Slice(scope, stacked, begin, {1, -1}));
    const ops::SplitV split(scope, grad, size_splits, axis, n);
    for (const Output& piece : split.output) grad_outputs->push_back(piece);
  } else {
    const ops::ConcatOffset offsets(scope, axis, sizes);
    RETURN_IF_ERROR(scope.status());
    for (int i = 0; i < n; ++i) {
      grad_outputs->push_back(ops::Slice(scope, grad, offsets.offset[i], sizes[i]).output);
    }
  }
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("ConcatV2", ConcatV2Grad);

// ConcatGrads joins the gradients of a split's outputs along `axis` (one needs no join).
Output ConcatGrads(const Scope& scope, const std::vector<Output>& grads, const Output& axis) {
  if (grads.size() == 1) return ops::Identity(scope, grads[0]);
  return ops::ConcatV2(scope, grads, axis);
}

absl::Status SplitGrad(const Scope& scope, const Operation& op,
                       const std::vector<Output>& grad_inputs,
                       std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(ConcatGrads(scope, grad_inputs, in[0]));
  return absl::OkStatus();
}
REGISTER_GRADIENT("Split", SplitGrad);

absl::Status SplitVGrad(const Scope& scope, const Operation& op,
                        const std::vector<Output>& grad_inputs,
                        std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(ConcatGrads(scope, grad_inputs, in[2]));
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("SplitV", SplitVGrad);

// Slice's gradient pads the output's gradient with zeros back to the input's shape:
// begin[d] before and shape[d] - size[d] - begin[d] after, in each dimension d.
absl::Status SliceGrad(const Scope& scope, const Operation& op,
                       const std::vector<Output>& grad_inputs,
                       std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  const Output& input = in[0];
  const Output& begin = in[1];
  const DataType index = begin.type();
  const Output column = ops::Pack(scope, {RankOf(scope, input), Input(1)});
  const Output before = ops::Reshape(scope, begin, column);
  const Output shape = ShapeOf(scope, input, index);
  const Output size = ShapeOf(scope, op.output(0), index);
  const Output after =
      ops::Reshape(scope, ops::Sub(scope, ops::Sub(scope, shape, size), begin), column);
  const Output paddings = ops::ConcatV2(scope, {before, after}, 1);
  grad_outputs->push_back(ops::Pad(scope, grad_inputs[0], paddings).output);
  grad_outputs->push_back(Gradient());
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Slice", SliceGrad);

// ReadMasks reads the five mask attrs of a StridedSlice or StridedSliceGrad.
absl::Status ReadMasks(const Operation& op, StridedSliceMasks* masks) {
  const auto& def = op.node()->def();
  RETURN_IF_ERROR(GetNodeAttr(def, "begin_mask", &masks->begin));
  RETURN_IF_ERROR(GetNodeAttr(def, "end_mask", &masks->end));
  RETURN_IF_ERROR(GetNodeAttr(def, "ellipsis_mask", &masks->ellipsis));
  RETURN_IF_ERROR(GetNodeAttr(def, "new_axis_mask", &masks->new_axis));
  return GetNodeAttr(def, "shrink_axis_mask", &masks->shrink_axis);
}

// WithMasks is the Attrs of StridedSlice or StridedSliceGrad setting all five masks.
template <typename Attrs>
Attrs WithMasks(const StridedSliceMasks& masks) {
  return Attrs()
      .BeginMask(masks.begin)
      .EndMask(masks.end)
      .EllipsisMask(masks.ellipsis)
      .NewAxisMask(masks.new_axis)
      .ShrinkAxisMask(masks.shrink_axis);
}

absl::Status StridedSliceGrad(const Scope& scope, const Operation& op,
                              const std::vector<Output>& grad_inputs,
                              std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  StridedSliceMasks masks;
  RETURN_IF_ERROR(ReadMasks(op, &masks));
  const Output shape = ShapeOf(scope, in[0], in[1].type());
  grad_outputs->push_back(ops::StridedSliceGrad(scope, shape, in[1], in[2], in[3], grad_inputs[0],
                                                WithMasks<ops::StridedSliceGrad::Attrs>(masks))
                              .output);
  grad_outputs->resize(4);
  return absl::OkStatus();
}
REGISTER_GRADIENT("StridedSlice", StridedSliceGrad);

// StridedSliceGrad is linear in dy: its gradient slices the incoming gradient the same way.
absl::Status StridedSliceGradGrad(const Scope& scope, const Operation& op,
                                  const std::vector<Output>& grad_inputs,
                                  std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  StridedSliceMasks masks;
  RETURN_IF_ERROR(ReadMasks(op, &masks));
  grad_outputs->resize(4);
  grad_outputs->push_back(ops::StridedSlice(scope, grad_inputs[0], in[1], in[2], in[3],
                                            WithMasks<ops::StridedSlice::Attrs>(masks))
                              .output);
  return absl::OkStatus();
}
REGISTER_GRADIENT("StridedSliceGrad", StridedSliceGradGrad);

// Tile's gradient sums the copies: the gradient reshaped to [m0, d0, m1, d1, ...]
// (multiples interleaved with the input's dims) and summed over the even axes.
absl::Status TileGrad(const Scope& scope, const Operation& op,
                      const std::vector<Output>& grad_inputs, std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  const Output& input = in[0];
  const Output& multiples = in[1];
  const Output& grad = grad_inputs[0];
  const PartialTensorShape input_shape = input.shape();
  const std::optional<DimVector> constant_multiples = array_grad::ConstantValues(multiples);
  Output split_shape;
  Output axes;
  if (constant_multiples.has_value() && input_shape.IsFullyDefined()) {
    DimVector split;
    std::vector<int32_t> even;
    for (int d = 0; d < input_shape.dims(); ++d) {
      split.push_back((*constant_multiples)[d]);
      split.push_back(input_shape.dim_size(d));
      even.push_back(2 * d);
    }
    split_shape = ops::Const(scope, IndexTensor(multiples.type(), split));
    axes = ops::Const(scope, Input::Initializer(even));
  } else {
    const Output stacked = ops::Pack(scope, {multiples, ShapeOf(scope, input, multiples.type())});
    split_shape = ops::Reshape(scope, ops::Transpose(scope, stacked, {1, 0}), {-1});
    axes = ops::Range(scope, 0, ops::Size(scope, split_shape), 2);
  }
  grad_outputs->push_back(ops::Sum(scope, ops::Reshape(scope, grad, split_shape), axes).output);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Tile", TileGrad);

// Pad's gradient slices the input's extent out of the output's gradient.
absl::Status PadGrad(const Scope& scope, const Operation& op,
                     const std::vector<Output>& grad_inputs, std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  const Output& input = in[0];
  const Output& paddings = in[1];
  const Output before =
      ops::Slice(scope, paddings, {0, 0}, ops::Pack(scope, {RankOf(scope, input), Input(1)}));
  const Output begin = ops::Reshape(scope, before, {-1});
  grad_outputs->push_back(
      ops::Slice(scope, grad_inputs[0], begin, ShapeOf(scope, input, begin.type())).output);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("Pad", PadGrad);

absl::Status PackGrad(const Scope& scope, const Operation& op,
                      const std::vector<Output>& grad_inputs, std::vector<Gradient>* grad_outputs) {
  int64_t n;
  int64_t axis;
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "N", &n));
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "axis", &axis));
  const ops::Unpack pieces(scope, grad_inputs[0], n, ops::Unpack::Axis(axis));
  RETURN_IF_ERROR(scope.status());
  for (const Output& piece : pieces.output) grad_outputs->push_back(piece);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Pack", PackGrad);

absl::Status UnpackGrad(const Scope& scope, const Operation& op,
                        const std::vector<Output>& grad_inputs,
                        std::vector<Gradient>* grad_outputs) {
  int64_t axis;
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "axis", &axis));
  grad_outputs->push_back(ops::Pack(scope, grad_inputs, ops::Pack::Axis(axis)).output);
  return absl::OkStatus();
}
REGISTER_GRADIENT("Unpack", UnpackGrad);

absl::Status ReverseV2Grad(const Scope& scope, const Operation& op,
                           const std::vector<Output>& grad_inputs,
                           std::vector<Gradient>* grad_outputs) {
  std::vector<Output> in;
  RETURN_IF_ERROR(DataInputs(op, &in));
  grad_outputs->push_back(ops::ReverseV2(scope, grad_inputs[0], in[1]).output);
  grad_outputs->push_back(Gradient());
  return absl::OkStatus();
}
REGISTER_GRADIENT("ReverseV2", ReverseV2Grad);

}  // namespace
}  // namespace rill
