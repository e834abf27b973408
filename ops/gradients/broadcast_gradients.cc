// Broadcast gradient reduction: static when shapes are known, Shape + BroadcastGradientArgs
// + Sum + Reshape in the graph otherwise.
#include "ops/gradients/broadcast_gradients.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/framework/tensor_shape.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

// StaticReduction: with fully known shapes of an operand and of the shape it broadcasts
// to, the dimensions (of the broadcast shape) to sum over; none for equal shapes.
std::vector<int32_t> StaticReduction(const PartialTensorShape& operand,
                                     const PartialTensorShape& broadcast) {
  std::vector<int32_t> axes;
  if (operand.IsIdenticalTo(broadcast)) return axes;
  const int pad = broadcast.dims() - operand.dims();
  for (int d = 0; d < broadcast.dims(); ++d) {
    if (d < pad || operand.dim_size(d - pad) == 1) axes.push_back(d);
  }
  return axes;
}

// BroadcastShape is the shape `a` and `b` broadcast to; both fully defined and compatible.
PartialTensorShape BroadcastShape(const PartialTensorShape& a, const PartialTensorShape& b) {
  const int rank = std::max(a.dims(), b.dims());
  std::vector<int64_t> dims(rank);
  for (int d = 0; d < rank; ++d) {
    const int da = d - (rank - a.dims());
    const int db = d - (rank - b.dims());
    const int64_t size_a = da < 0 ? 1 : a.dim_size(da);
    const int64_t size_b = db < 0 ? 1 : b.dim_size(db);
    dims[d] = size_a == 1 ? size_b : size_a;
  }
  return PartialTensorShape(dims);
}

// StaticSum sums `grad` over `axes` and reshapes it to `shape`; `grad` itself when there
// is nothing to sum.
Output StaticSum(const Scope& scope, const Output& grad, const std::vector<int32_t>& axes,
                 const PartialTensorShape& shape) {
  if (axes.empty()) return grad;
  std::vector<int64_t> dims;
  for (int d = 0; d < shape.dims(); ++d) dims.push_back(shape.dim_size(d));
  const Output summed = ops::Sum(scope, grad, Input::Initializer(axes));
  return ops::Reshape(scope, summed, Input::Initializer(dims));
}

Gradient Appended(const Output& grad) { return grad.node() == nullptr ? Gradient() : grad; }

}  // namespace

void AppendBroadcastGradients(const Scope& scope, const Output& x, const Output& y,
                              const Output& gx, const Output& gy,
                              std::vector<Gradient>* grad_outputs) {
  const PartialTensorShape x_shape = x.shape();
  const PartialTensorShape y_shape = y.shape();
  if (x_shape.IsFullyDefined() && y_shape.IsFullyDefined()) {
    const PartialTensorShape out_shape = BroadcastShape(x_shape, y_shape);
    grad_outputs->push_back(
        gx.node() == nullptr
            ? Gradient()
            : Gradient(StaticSum(scope, gx, StaticReduction(x_shape, out_shape), x_shape)));
    grad_outputs->push_back(
        gy.node() == nullptr
            ? Gradient()
            : Gradient(StaticSum(scope, gy, StaticReduction(y_shape, out_shape), y_shape)));
    return;
  }
  const Output sx = ops::Shape(scope, x);
  const Output sy = ops::Shape(scope, y);
  const ops::BroadcastGradientArgs reduce(scope, sx, sy);
  grad_outputs->push_back(gx.node() == nullptr
                              ? Gradient()
                              : Appended(ops::Reshape(scope, ops::Sum(scope, gx, reduce.r0), sx)));
  grad_outputs->push_back(gy.node() == nullptr
                              ? Gradient()
                              : Appended(ops::Reshape(scope, ops::Sum(scope, gy, reduce.r1), sy)));
}

Output SumToShapeOf(const Scope& scope, const Output& grad, const Output& x) {
  const PartialTensorShape x_shape = x.shape();
  const PartialTensorShape grad_shape = grad.shape();
  if (x_shape.IsFullyDefined() && grad_shape.IsFullyDefined()) {
    return StaticSum(scope, grad, StaticReduction(x_shape, grad_shape), x_shape);
  }
  const Output sx = ops::Shape(scope, x);
  const ops::BroadcastGradientArgs reduce(scope, sx, ops::Shape(scope, grad));
  return ops::Reshape(scope, ops::Sum(scope, grad, reduce.r0), sx);
}

}  // namespace rill
