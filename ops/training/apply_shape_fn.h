// The shape function every fused optimizer update (ResourceApply*, ResourceSparseApply*)
// shares, TensorFlow's Apply*ShapeFn for resource variables.
#ifndef RILL_OPS_TRAINING_APPLY_SHAPE_FN_H_
#define RILL_OPS_TRAINING_APPLY_SHAPE_FN_H_

#include <initializer_list>
#include <vector>

#include "core/framework/op_def_builder.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {

// ApplyShapeFn is the shape function of an update whose hyperparameters are inputs
// `scalars` (each must be a scalar) and whose gradient is input `grad`, followed, when
// `sparse`, by `indices`: a vector as long as grad's first dimension, grad at least a vector.
// Rill's handles carry no variable shape, so the variable and its slots are checked
// against the gradient by the kernel. The updates have no outputs.
inline ShapeInferenceFn ApplyShapeFn(std::initializer_list<int> scalars, int grad, bool sparse) {
  return [scalars = std::vector<int>(scalars), grad, sparse](InferenceContext* c) {
    ShapeHandle unused;
    for (int scalar : scalars) RETURN_IF_ERROR(c->WithRank(c->input(scalar), 0, &unused));
    if (!sparse) return absl::OkStatus();
    ShapeHandle indices;
    RETURN_IF_ERROR(c->WithRank(c->input(grad + 1), 1, &indices));
    ShapeHandle gradient;
    RETURN_IF_ERROR(c->WithRankAtLeast(c->input(grad), 1, &gradient));
    DimensionHandle rows;
    return c->Merge(c->Dim(indices, 0), c->Dim(gradient, 0), &rows);
  };
}

}  // namespace rill

#endif  // RILL_OPS_TRAINING_APPLY_SHAPE_FN_H_
