// StepBreakdown (see step_trace.h).
#include "examples/word2vec/step_trace.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"

namespace rill {
namespace word2vec {

std::string ScopeOfNode(const std::string& node_name) {
  if (absl::StartsWith(node_name, "gradients/") ||
      absl::StrContains(node_name, "/gradients/")) {
    return "gradients";
  }
  const std::string first = node_name.substr(0, node_name.find('/'));
  for (const char* scope : {"data", "embed", "loss", "optimizer", "summaries"}) {
    if (first == scope && first.size() < node_name.size()) return first;
  }
  return "other";
}

StepBreakdown::StepBreakdown(const Graph& graph) {
  for (const Node* node : graph.nodes()) {
    if (node != nullptr) op_of_node_[node->name()] = node->type_string();
  }
}

void StepBreakdown::Add(const tensorflow::RunMetadata& metadata, int64_t wall_nanos) {
  std::vector<std::pair<int64_t, int64_t>> intervals;
  for (const tensorflow::DeviceStepStats& device : metadata.step_stats().dev_stats()) {
    for (const tensorflow::NodeExecStats& node : device.node_stats()) {
      const int64_t nanos = node.op_end_rel_nanos();
      Total& scope = by_scope_[ScopeOfNode(node.node_name())];
      scope.nanos += nanos;
      ++scope.kernels;
      auto op = op_of_node_.find(node.node_name());
      Total& by_op = by_op_[op == op_of_node_.end() ? "?" : op->second];
      by_op.nanos += nanos;
      ++by_op.kernels;
      Total& by_node = by_node_[node.node_name()];
      by_node.nanos += nanos;
      ++by_node.kernels;
      intervals.emplace_back(node.all_start_nanos(), node.all_start_nanos() + nanos);
    }
  }
  std::sort(intervals.begin(), intervals.end());
  int64_t covered_until = 0;
  for (const auto& [start, end] : intervals) {
    const int64_t from = std::max(start, covered_until);
    if (end > from) busy_nanos_ += end - from;
    covered_until = std::max(covered_until, end);
  }
  wall_nanos_ += wall_nanos;
  ++steps_;
}

std::string StepBreakdown::Report(int top) const {
  if (steps_ == 0) return "No traced steps.\n";
  const double steps = static_cast<double>(steps_);
  const auto micros = [steps](int64_t nanos) { return static_cast<double>(nanos) / 1000 / steps; };
  std::string out = absl::StrFormat(
      "Step breakdown over %d traced steps (microseconds per step):\n"
      "  wall %.1f = some kernel running %.1f + no kernel running %.1f\n"
      "  kernel time by scope (kernels on both cores overlap):\n",
      steps_, micros(wall_nanos_), micros(busy_nanos_), micros(wall_nanos_ - busy_nanos_));
  int64_t total = 0;
  for (const char* scope : {"data", "embed", "loss", "gradients", "optimizer", "summaries",
                            "other"}) {
    auto it = by_scope_.find(scope);
    if (it == by_scope_.end()) continue;
    absl::StrAppendFormat(&out, "    %-10s %8.1f  (%.0f kernels)\n", scope,
                          micros(it->second.nanos), it->second.kernels / steps);
    total += it->second.nanos;
  }
  absl::StrAppendFormat(&out, "    %-10s %8.1f\n", "all", micros(total));
  const auto append_costliest = [&](const char* title, const std::map<std::string, Total>& totals) {
    std::vector<std::pair<int64_t, std::string>> ranked;
    for (const auto& [name, t] : totals) ranked.emplace_back(t.nanos, name);
    std::sort(ranked.rbegin(), ranked.rend());
    absl::StrAppendFormat(&out, "  costliest %s:\n", title);
    for (int i = 0; i < top && i < static_cast<int>(ranked.size()); ++i) {
      const Total& t = totals.at(ranked[i].second);
      absl::StrAppendFormat(&out, "    %-52s %8.1f  (%.0f kernels)\n", ranked[i].second,
                            micros(t.nanos), t.kernels / steps);
    }
  };
  append_costliest("op types", by_op_);
  append_costliest("nodes", by_node_);
  return out;
}

}  // namespace word2vec
}  // namespace rill
