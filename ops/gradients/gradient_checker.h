// The numeric gradient check every gradient function is tested with: the Jacobian built by
// AddSymbolicGradients against central differences of the forward graph.
#ifndef RILL_OPS_GRADIENTS_GRADIENT_CHECKER_H_
#define RILL_OPS_GRADIENTS_GRADIENT_CHECKER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"

namespace rill {

// ComputeGradientError returns the largest absolute difference, over every pair of an
// element of an x and an element of a y, between d y / d x computed by the gradient
// functions (AddSymbolicGradients, with unit grad_ys one element at a time) and by central
// differences (y(x + delta) - y(x - delta)) / (2 delta), where the graph runs with each of
// `xs` fed `x_values` (same order; any tensor can be fed, usually placeholders). xs and ys
// must be float or double (use double for tight checks: errors ~1e-8 with delta 1e-3;
// float gives ~1e-3). Sparse gradients are densified. Gradients missing where the numbers
// say there is one show up as an error of that size (they count as zeros).
//
// Builds the gradient nodes (and placeholders for grad_ys) into `scope`'s graph and runs it
// in a new session. Errors: a building or running error, an x or y of another dtype.
absl::StatusOr<double> ComputeGradientError(const Scope& scope, const std::vector<Output>& xs,
                                            const std::vector<Tensor>& x_values,
                                            const std::vector<Output>& ys,
                                            double delta = 1e-3);

// ComputeGradientError for one x and one y.
absl::StatusOr<double> ComputeGradientError(const Scope& scope, const Output& x,
                                            const Tensor& x_value, const Output& y,
                                            double delta = 1e-3);

}  // namespace rill

#endif  // RILL_OPS_GRADIENTS_GRADIENT_CHECKER_H_
