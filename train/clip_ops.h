// Gradient clipping (TensorFlow's tf.clip_by_value, tf.global_norm and
// tf.clip_by_global_norm), built from math ops, for dense tensors and IndexedSlices:
//
//   auto pairs = optimizer.ComputeGradients(root, loss);
//   std::vector<Gradient> grads;
//   for (const GradientAndVariable& pair : *pairs) grads.push_back(pair.gradient);
//   ClippedGradients clipped = ClipByGlobalNorm(root, grads, 5.0f);
//   for (size_t i = 0; i < grads.size(); ++i) (*pairs)[i].gradient = clipped.list_clipped[i];
//   auto train_op = optimizer.ApplyGradients(root, *pairs);
//
// Errors go into the scope.
#ifndef RILL_TRAIN_CLIP_OPS_H_
#define RILL_TRAIN_CLIP_OPS_H_

#include <optional>
#include <vector>

#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {
namespace train {

// ClipByValue returns `t` with every element below clip_value_min raised to it and every
// element above clip_value_max lowered to it (Minimum, then Maximum, in the name scope
// "clip_by_value"). The bounds are scalars or broadcast to t's shape; InvalidArgument when
// they would broadcast t to a larger shape.
Output ClipByValue(const Scope& scope, const Input& t, const Input& clip_value_min,
                   const Input& clip_value_max);
// ClipByValue of an IndexedSlices clips its values and keeps its indices and dense shape.
IndexedSlices ClipByValue(const Scope& scope, const IndexedSlices& t, const Input& clip_value_min,
                          const Input& clip_value_max);

// GlobalNorm is sqrt(sum over every tensor of t_list of its squared elements), the global
// norm of all of them together (of an IndexedSlices, its values); empty gradients are
// skipped (name scope "global_norm"). InvalidArgument when no gradient remains.
Output GlobalNorm(const Scope& scope, const std::vector<Gradient>& t_list);

// ClippedGradients: ClipByGlobalNorm's result.
struct ClippedGradients {
  std::vector<Gradient> list_clipped;  // One per input, in order (empty ones stay empty).
  Output global_norm;                  // The norm the scale was computed from.
};

// ClipByGlobalNorm scales every tensor of t_list by clip_norm / max(global_norm, clip_norm):
// unchanged while their global norm is at most clip_norm, otherwise shrunk together to a
// global norm of clip_norm (a non-finite global norm makes every value NaN). `use_norm`
// gives the global norm to use instead of computing it. IndexedSlices are clipped on their
// values. Name scope "clip_by_global_norm".
ClippedGradients ClipByGlobalNorm(const Scope& scope, const std::vector<Gradient>& t_list,
                                  const Input& clip_norm,
                                  const std::optional<Output>& use_norm = std::nullopt);

}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_CLIP_OPS_H_
