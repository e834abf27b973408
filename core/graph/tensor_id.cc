// TensorId parsing and printing ("a", "a:1", "^a").
#include "core/graph/tensor_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"

namespace rill {

std::string TensorId::ToString() const {
  if (IsControl()) return absl::StrCat("^", node);
  return absl::StrCat(node, ":", index);
}

absl::StatusOr<TensorId> ParseTensorName(absl::string_view name) {
  const auto invalid = [name](absl::string_view why) {
    return errors::InvalidArgument("Tensor name '", name, "' is invalid: ", why,
                                   " (expected \"node\", \"node:output\" or \"^node\")");
  };
  if (name.empty()) return invalid("it is empty");
  TensorId id;
  if (name[0] == '^') {
    id.node = std::string(name.substr(1));
    id.index = -1;
    if (id.node.empty()) return invalid("the node name is empty");
    if (id.node.find(':') != std::string::npos) {
      return invalid("a control input names a node, not an output");
    }
    return id;
  }
  const size_t colon = name.rfind(':');
  if (colon == absl::string_view::npos) {
    id.node = std::string(name);
    return id;
  }
  const absl::string_view index = name.substr(colon + 1);
  id.node = std::string(name.substr(0, colon));
  if (id.node.empty()) return invalid("the node name is empty");
  if (index.empty()) return invalid("the output index is empty");
  for (char c : index) {
    if (!absl::ascii_isdigit(c)) return invalid("the output index is not a number");
  }
  if (!absl::SimpleAtoi(index, &id.index)) return invalid("the output index is too large");
  return id;
}

}  // namespace rill
