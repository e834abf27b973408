// Summary helpers: each opens the name scope that becomes the tag, builds the summary op
// with the generated builders of //ops/summary, and records it in the summary collection.
#include "train/summary/summary.h"

#include <string>
#include <vector>

#include "core/client/const_op.h"
#include "ops/summary/summary_ops.h"
#include "train/summary/summary_collection.h"

namespace rill {
namespace summary {
namespace {

// Collected records a built summary in the collection of its graph and returns it.
Output Collected(const Scope& scope, const Output& summary) {
  AddToSummaryCollection(scope, summary);
  return summary;
}

}  // namespace

Output Scalar(const Scope& scope, absl::string_view name, Input tensor) {
  const Scope tag_scope = scope.NewSubScope(name);
  const std::string& tag = tag_scope.name_scope();
  const Output tags = ops::Const(tag_scope.WithOpName("tags"), tag);
  return Collected(scope, ops::ScalarSummary(tag_scope, tags, tensor));
}

Output Histogram(const Scope& scope, absl::string_view name, Input values) {
  const Scope tag_scope = scope.NewSubScope(name);
  const std::string& tag = tag_scope.name_scope();
  const Output tag_input = ops::Const(tag_scope.WithOpName("tag"), tag);
  return Collected(scope, ops::HistogramSummary(tag_scope, tag_input, values));
}

Output Image(const Scope& scope, absl::string_view name, Input tensor, int max_images) {
  const Scope tag_scope = scope.NewSubScope(name);
  const std::string& tag = tag_scope.name_scope();
  const Output tag_input = ops::Const(tag_scope.WithOpName("tag"), tag);
  return Collected(scope, ops::ImageSummary(tag_scope, tag_input, tensor,
                                            ops::ImageSummary::MaxImages(max_images)));
}

Output Merge(const Scope& scope, InputList inputs) {
  return ops::MergeSummary(scope.NewSubScope("Merge"), inputs);
}

Output MergeAll(const Scope& scope) {
  const std::vector<Output> summaries = SummaryCollection(scope);
  if (summaries.empty()) return Output();
  return Merge(scope, summaries);
}

}  // namespace summary
}  // namespace rill
