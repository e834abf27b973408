// The summary collection: the summary ops built on each graph (TensorFlow's
// GraphKeys.SUMMARIES), which MergeAll merges. Rill's Graph has no collections, so this
// registry keeps them beside it, keyed by graph.
#ifndef RILL_TRAIN_SUMMARY_SUMMARY_COLLECTION_H_
#define RILL_TRAIN_SUMMARY_SUMMARY_COLLECTION_H_

#include <vector>

#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {
namespace summary {

// AddToSummaryCollection records `summary` (a serialized-Summary output of a node of
// scope's graph) in that graph's summary collection. The summary helpers (summary.h) call
// it; call it for a summary op built otherwise to have MergeAll include it. An Output
// without a node (a failed builder) is ignored.
//
// The registry is process-wide and thread-safe. It holds each graph weakly (through
// Scope::graph_as_shared_ptr), so a collection dies with its graph: a later graph at the
// same address starts empty.
void AddToSummaryCollection(const Scope& scope, const Output& summary);

// SummaryCollection returns the summaries recorded for scope's graph, in the order they
// were added; empty when there are none.
std::vector<Output> SummaryCollection(const Scope& scope);

}  // namespace summary
}  // namespace rill

#endif  // RILL_TRAIN_SUMMARY_SUMMARY_COLLECTION_H_
