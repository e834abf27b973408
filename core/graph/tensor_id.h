// TensorId: a tensor named as "node:output" ("a" is "a:0"; "^a" names node a's control
// output), the form feeds, fetches and NodeDef inputs use.
#ifndef RILL_CORE_GRAPH_TENSOR_ID_H_
#define RILL_CORE_GRAPH_TENSOR_ID_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rill {

// TensorId names output `index` of node `node`; index Graph::kControlSlot (-1) is the
// node's control output ("^node").
struct TensorId {
  std::string node;
  int index = 0;

  bool IsControl() const { return index < 0; }
  // ToString is "node:index" ("node:0" for index 0), or "^node" for a control output.
  std::string ToString() const;

  bool operator==(const TensorId& other) const {
    return node == other.node && index == other.index;
  }
  bool operator!=(const TensorId& other) const { return !(*this == other); }
  template <typename H>
  friend H AbslHashValue(H h, const TensorId& id) {
    return H::combine(std::move(h), id.node, id.index);
  }
};

// ParseTensorName splits "a:1" into {"a", 1}; "a" is {"a", 0}; "^a" is {"a", -1}.
// InvalidArgument naming `name` when it is empty, has an empty node part, or an index that
// is not a non-negative decimal number ("a:", "a:x", "a:-1", "^a:1").
absl::StatusOr<TensorId> ParseTensorName(absl::string_view name);

}  // namespace rill

#endif  // RILL_CORE_GRAPH_TENSOR_ID_H_
