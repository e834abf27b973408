// Test helpers for pipelines: run an iterator to its end in a session and describe each
// element as text ("[0 1 2]", "1, 2.5"), so tests compare whole sequences exactly.
#ifndef RILL_DATA_DATASET_TEST_UTIL_H_
#define RILL_DATA_DATASET_TEST_UTIL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "core/client/client_session.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "data/dataset.h"

namespace rill {
namespace data {
namespace test {

// ElementString joins the DebugStrings of an element's components with ", ".
inline std::string ElementString(const std::vector<Tensor>& element) {
  return absl::StrJoin(element, ", ", [](std::string* out, const Tensor& tensor) {
    out->append(tensor.DebugString());
  });
}

// ReadToEnd runs `next` until OutOfRange and returns the elements read; any other error
// is returned as is.
inline absl::StatusOr<std::vector<std::string>> ReadToEnd(const ClientSession& session,
                                                          const std::vector<Output>& next) {
  std::vector<std::string> elements;
  while (true) {
    std::vector<Tensor> out;
    const absl::Status status = session.Run(next, &out);
    if (absl::IsOutOfRange(status)) return elements;
    RETURN_IF_ERROR(status);
    elements.push_back(ElementString(out));
  }
}

// Elements makes an initializable iterator over `dataset`, initializes it in a new
// session and reads it to the end.
inline absl::StatusOr<std::vector<std::string>> Elements(const Dataset& dataset) {
  const Iterator iterator = dataset.MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(dataset.scope());
  RETURN_IF_ERROR(session.Run({}, {}, {iterator.initializer()}, nullptr));
  return ReadToEnd(session, next);
}

}  // namespace test
}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_DATASET_TEST_UTIL_H_
