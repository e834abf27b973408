// Summary helpers, tf.summary for Rill's C++ client: Scalar, Histogram and Image add a
// summary op under a name scope that is also its tag and record it in the graph's summary
// collection; Merge and MergeAll combine summaries into one serialized Summary.
#ifndef RILL_TRAIN_SUMMARY_SUMMARY_H_
#define RILL_TRAIN_SUMMARY_SUMMARY_H_

#include "absl/strings/string_view.h"
#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {
namespace summary {

// Scalar records the scalar `tensor` (any real number type) under the tag `name`:
//
//   auto loss_summary = summary::Scalar(root, "loss", loss);
//
// As in TensorFlow the tag is the name scope opened for `name`, so it carries the
// enclosing scopes and is made unique: "loss", then "loss_1"; inside scope "train",
// "train/loss". The nodes are "<tag>/tags" (the tag constant) and "<tag>/ScalarSummary".
// Returns the op's output, a scalar string holding a serialized Summary; an empty Output
// with the error in the scope when building failed.
Output Scalar(const Scope& scope, absl::string_view name, Input tensor);

// Histogram records the values of `values` (any shape and real number type) as a
// histogram with TensorFlow's default buckets under the tag `name` (made as for Scalar).
// Running it fails on NaN or infinite values.
Output Histogram(const Scope& scope, absl::string_view name, Input values);

// Image records up to `max_images` images of the [batch, height, width, channels] batch
// `tensor` (uint8 as is; half, float or double scaled to [0, 255]; 1, 3 or 4 channels) as
// PNGs tagged "<tag>/image" when max_images is 1, "<tag>/image/<i>" otherwise, where the
// tag is made from `name` as for Scalar.
Output Image(const Scope& scope, absl::string_view name, Input tensor, int max_images = 3);

// Merge merges serialized Summaries (outputs of summary ops) into one, in a node
// "Merge/MergeSummary" of `scope`. Running it fails when two values share a tag.
Output Merge(const Scope& scope, InputList inputs);

// MergeAll merges every summary in the summary collection of scope's graph (everything
// Scalar, Histogram and Image built on it, in order). Returns an Output without a node when
// the collection is empty, as tf.summary.merge_all returns None.
Output MergeAll(const Scope& scope);

}  // namespace summary
}  // namespace rill

#endif  // RILL_TRAIN_SUMMARY_SUMMARY_H_
