// How the indexing kernels (GatherV2, GatherNd, ScatterNd) name a bad index in their
// errors, in TensorFlow's words: "indices[3] = 50001 is not in [0, 50000)".
#ifndef RILL_KERNELS_CPU_ARRAY_INDEX_ERRORS_H_
#define RILL_KERNELS_CPU_ARRAY_INDEX_ERRORS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/tensor_shape.h"

namespace rill {

// SliceDebugString names position `flat` (row-major) of a tensor of `shape` as a
// subscript: "" for a scalar, "[3]" for a vector, "[1,2]" for a matrix.
// REQUIRES: 0 <= flat < shape.num_elements().
inline std::string SliceDebugString(const TensorShape& shape, int64_t flat) {
  const int dims = shape.dims();
  if (dims == 0) return "";
  if (dims == 1) return absl::StrCat("[", flat, "]");
  DimVector subscript(dims);
  for (int i = dims - 1; i >= 0; --i) {
    subscript[i] = flat % shape.dim_size(i);
    flat /= shape.dim_size(i);
  }
  std::string result = "[";
  for (int i = 0; i < dims; ++i) absl::StrAppend(&result, i > 0 ? "," : "", subscript[i]);
  return absl::StrCat(result, "]");
}

// IndexNotInRange is the error for element `flat` of an `indices` tensor of
// `indices_shape` holding `value`, outside [0, limit).
inline absl::Status IndexNotInRange(const TensorShape& indices_shape, int64_t flat, int64_t value,
                                    int64_t limit) {
  return errors::InvalidArgument("indices", SliceDebugString(indices_shape, flat), " = ", value,
                                 " is not in [0, ", limit, ")");
}

}  // namespace rill

#endif  // RILL_KERNELS_CPU_ARRAY_INDEX_ERRORS_H_
