// Automatic differentiation of graphs: AddSymbolicGradients adds to a graph the nodes that
// compute the gradients of some tensors with respect to others (TensorFlow's tf.gradients).
#ifndef RILL_OPS_GRADIENTS_GRADIENTS_H_
#define RILL_OPS_GRADIENTS_GRADIENTS_H_

#include <vector>

#include "absl/status/status.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {

// UnconnectedGradients says what the gradient of an x that no y depends on is.
enum class UnconnectedGradients {
  kNone,  // No gradient: Gradient() (tf.UnconnectedGradients.NONE, the default).
  kZero,  // Zeros of x's shape and dtype (tf.UnconnectedGradients.ZERO).
};

struct GradientOptions {
  UnconnectedGradients unconnected_gradients = UnconnectedGradients::kNone;
};

// AddSymbolicGradients adds to `scope`'s graph the gradients of sum_i(grad_ys[i] * ys[i])
// with respect to each of `xs`, and puts them in `*grad_outputs` (one per x, in order):
//
//   auto loss = ops::Square(root, ops::Sub(root, y, y_predicted));
//   std::vector<Gradient> grads;
//   RETURN_IF_ERROR(AddSymbolicGradients(root, {loss}, {w, b}, &grads));
//
// Gradients sum over every path from an x to the ys (AddN). They do not flow through
// integer tensors, StopGradient, or any op declared NoGradient(); an x reached by none
// gets UnconnectedGradients' choice. A resource x (a variable's handle) gets the gradient
// of the variable's value through its reads: dense from ReadVariableOp, an IndexedSlices
// from ResourceGather, kept sparse until something needs it dense (see Densify). The nodes
// go into the name scope "gradients" ("gradients/loss/Square_grad/Mul", ...).
//
// Errors (returned, and nothing is run): mismatched ys / grad_ys, a grad_y whose dtype is
// not its y's, a differentiable op on the path without a registered gradient function
// (NotFound naming the op and its path from a y: link the target that registers it), and
// any error a gradient function returns (e.g. PreventGradient's), naming the op.
absl::Status AddSymbolicGradients(const Scope& scope, const std::vector<Output>& ys,
                                  const std::vector<Output>& xs,
                                  const std::vector<Output>& grad_ys,
                                  std::vector<Gradient>* grad_outputs,
                                  const GradientOptions& options = {});

// AddSymbolicGradients with every grad_y ones (OnesLike(y)).
absl::Status AddSymbolicGradients(const Scope& scope, const std::vector<Output>& ys,
                                  const std::vector<Output>& xs,
                                  std::vector<Gradient>* grad_outputs,
                                  const GradientOptions& options = {});

// Densify returns `gradient` as a dense tensor: an IndexedSlices scattered (duplicates
// summed) into zeros of its dense shape; a dense gradient as it is; an empty Output for
// none.
Output Densify(const Scope& scope, const Gradient& gradient);

}  // namespace rill

#endif  // RILL_OPS_GRADIENTS_GRADIENTS_H_
