// Test helpers for the optimizers: gradients made by hand (a constant tensor, or an
// IndexedSlices of constant rows), training steps run in a session, variables read back.
#ifndef RILL_TRAIN_OPTIMIZER_TEST_UTIL_H_
#define RILL_TRAIN_OPTIMIZER_TEST_UTIL_H_

#include <vector>

#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "ops/state/variables.h"
#include "train/optimizer.h"

namespace rill {
namespace train {
namespace test {

// Slices is an IndexedSlices gradient of constant `values` rows at `indices` of a tensor of
// shape `dense_shape`.
inline IndexedSlices Slices(const Scope& scope, const Tensor& values, const Tensor& indices,
                            const Tensor& dense_shape) {
  return IndexedSlices{ops::Const(scope, values), ops::Const(scope, indices),
                       ops::Const(scope, dense_shape)};
}

// Apply builds the step applying `gradient` to `variable`. REQUIRES: it builds.
inline Operation Apply(Optimizer& optimizer, const Scope& scope, const Gradient& gradient,
                       const ops::Variable& variable) {
  absl::StatusOr<Operation> step = optimizer.ApplyGradients(scope, {{gradient, variable}});
  RILL_CHECK_OK(step.status());
  return *step;
}

// Initialize runs the initializers of every variable of the scope's graph.
inline void Initialize(const ClientSession& session, const Scope& scope) {
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(scope)}, nullptr));
}

// RunSteps runs `step` `count` times.
inline void RunSteps(const ClientSession& session, const Operation& step, int count) {
  for (int i = 0; i < count; ++i) RILL_CHECK_OK(session.Run({}, {}, {step}, nullptr));
}

// Value is `variable`'s value in `session`.
inline Tensor Value(const ClientSession& session, const ops::Variable& variable) {
  absl::StatusOr<Tensor> value = variable.Eval(session);
  RILL_CHECK_OK(value.status());
  return *value;
}

}  // namespace test
}  // namespace train
}  // namespace rill

#endif  // RILL_TRAIN_OPTIMIZER_TEST_UTIL_H_
