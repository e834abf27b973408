// StepBreakdown: where a training step's time goes, from the step stats of traced runs,
// summed by the lecture's name scopes (data, embed, loss, gradients, optimizer, summaries)
// and by op type.
#ifndef RILL_EXAMPLES_WORD2VEC_STEP_TRACE_H_
#define RILL_EXAMPLES_WORD2VEC_STEP_TRACE_H_

#include <cstdint>
#include <map>
#include <string>

#include "core/graph/graph.h"
#include "core/protos/config.pb.h"

namespace rill {
namespace word2vec {

// ScopeOfNode is the part of the step a node belongs to: "gradients" for any node under a
// gradients/ scope, else the first component of its name when it is one of data, embed,
// loss, optimizer, summaries, else "other" (global_step, the iterator's handle, ...).
std::string ScopeOfNode(const std::string& node_name);

// StepBreakdown accumulates traced steps. Not thread-safe.
class StepBreakdown {
 public:
  // StepBreakdown reads the op type of each node of `graph` (for the by-op table).
  explicit StepBreakdown(const Graph& graph);

  // Add accounts for one traced step that took `wall_nanos` from the caller's view.
  void Add(const tensorflow::RunMetadata& metadata, int64_t wall_nanos);

  // Report is a table in microseconds per step: the step's wall time; the time some kernel
  // was running (kernels on different cores overlap) and the time none was (executor and
  // session overhead); kernel time per scope, and the `top` costliest op types and nodes.
  std::string Report(int top) const;

 private:
  struct Total {
    int64_t nanos = 0;
    int64_t kernels = 0;
  };
  std::map<std::string, std::string> op_of_node_;
  std::map<std::string, Total> by_scope_;
  std::map<std::string, Total> by_op_;
  std::map<std::string, Total> by_node_;
  int64_t steps_ = 0;
  int64_t wall_nanos_ = 0;
  int64_t busy_nanos_ = 0;
};

}  // namespace word2vec
}  // namespace rill

#endif  // RILL_EXAMPLES_WORD2VEC_STEP_TRACE_H_
