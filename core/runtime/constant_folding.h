// Constant folding of a step's plan: the nodes whose outputs are the same in every step are
// computed once, when the plan is built, and the step runs only the rest.
#ifndef RILL_CORE_RUNTIME_CONSTANT_FOLDING_H_
#define RILL_CORE_RUNTIME_CONSTANT_FOLDING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "core/runtime/executor.h"

namespace rill {

// FoldedPlan is a step's plan after folding: `nodes` still run each step (in the order they
// came), and `constants` are the folded tensors that they or the fetches read.
struct FoldedPlan {
  std::vector<const Node*> nodes;
  std::vector<Executor::Constant> constants;
};

// FoldConstants folds what TensorFlow's constant folding folds:
//   - Const nodes;
//   - Shape, ShapeN, Size and Rank of tensors whose shape inference knows enough (the
//     input itself need not be constant);
//   - stateless ops on the CPU whose data and control inputs are all folded, other than
//     placeholders, ops with resource, variant or reference inputs or outputs, and ops
//     whose statically known output is larger than `max_constant_bytes`.
// Fed tensors are never folded. The folded nodes run once here, on the calling thread;
// a folded value larger than `max_constant_bytes` that the step would keep is computed by
// the step instead. When evaluating fails (a kernel error, a missing kernel), nothing is
// folded, so the step reports the error as it would have. `nodes` is in topological order,
// as Executor::Create takes it.
FoldedPlan FoldConstants(const Graph& graph, absl::Span<const Node* const> nodes,
                         absl::Span<const std::string> feeds,
                         absl::Span<const std::string> fetches,
                         const Executor::KernelLookup& kernel_lookup, int64_t max_constant_bytes);

}  // namespace rill

#endif  // RILL_CORE_RUNTIME_CONSTANT_FOLDING_H_
