// Gradients of the ops that pass their input through: Identity and PlaceholderWithDefault
// forward it (sparse stays sparse), CheckNumerics checks it, PreventGradient refuses.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/client/gradient_registry.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"

namespace rill {
namespace {

REGISTER_FORWARDING_GRADIENT("Identity");
REGISTER_FORWARDING_GRADIENT("PlaceholderWithDefault");

absl::Status CheckNumericsGrad(const Scope& scope, const Operation& op,
                               const std::vector<Output>& grad_inputs,
                               std::vector<Gradient>* grad_outputs) {
  std::string message;
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "message", &message));
  grad_outputs->push_back(
      ops::CheckNumerics(
          scope, grad_inputs[0],
          absl::StrCat("Not a number (NaN) or infinity (Inf) values detected in gradient. ",
                       message))
          .output);
  return absl::OkStatus();
}
REGISTER_GRADIENT("CheckNumerics", CheckNumericsGrad);

// TensorFlow raises LookupError; the driver adds the node's name.
absl::Status PreventGradientGrad(const Scope& scope, const Operation& op,
                                 const std::vector<Output>& grad_inputs,
                                 std::vector<Gradient>* grad_outputs) {
  std::string message;
  RETURN_IF_ERROR(GetNodeAttr(op.node()->def(), "message", &message));
  return errors::InvalidArgument("Gradient explicitly disabled. Reason: ", message);
}
REGISTER_GRADIENT("PreventGradient", PreventGradientGrad);

}  // namespace
}  // namespace rill
