// Iterator::GetNext: one IteratorGetNext op per call.
#include "data/iterator.h"

#include "ops/data/dataset_ops.h"

namespace rill {
namespace data {

std::vector<Output> Iterator::GetNext() const {
  ops::IteratorGetNext next(scope_, handle_, types_.dtypes, shapes_.shapes);
  if (next.node() == nullptr) {
    return std::vector<Output>(types_.dtypes.size());
  }
  return next.components;
}

}  // namespace data
}  // namespace rill
