// ReductionHelper: checks a reduction's axes and plans it as (outer, reduced, inner) passes
// over runs of merged dimensions.
#include "kernels/cpu/math/reduction_op.h"

#include <cstdint>
#include <vector>

#include "core/framework/errors.h"

namespace rill {
namespace {

template <typename Index>
absl::Status MarkAxes(const Tensor& axes, int rank, std::vector<bool>* reduced) {
  const auto values = axes.flat<Index>();
  for (int64_t i = 0; i < values.size(); ++i) {
    const int64_t axis = values(i);
    if (axis < -rank || axis >= rank) {
      return errors::InvalidArgument("Invalid reduction dimension ", axis, " for input with ", rank,
                                     " dimensions.");
    }
    (*reduced)[axis < 0 ? axis + rank : axis] = true;
  }
  return absl::OkStatus();
}

// Run is a maximal stretch of neighbouring dimensions (of size > 1) that are all reduced or
// all kept, with their sizes multiplied.
struct Run {
  int64_t size;
  bool reduced;
};

}  // namespace

absl::Status ReductionHelper::Simplify(const TensorShape& input_shape, const Tensor& axes,
                                       bool keep_dims) {
  if (axes.dims() > 1) {
    return errors::InvalidArgument("reduction_indices must be a scalar or a vector, not shape ",
                                   axes.shape().DebugString());
  }
  const int rank = input_shape.dims();
  std::vector<bool> reduced(rank, false);
  if (axes.dtype() == DT_INT32) {
    RETURN_IF_ERROR(MarkAxes<int32_t>(axes, rank, &reduced));
  } else if (axes.dtype() == DT_INT64) {
    RETURN_IF_ERROR(MarkAxes<int64_t>(axes, rank, &reduced));
  } else {
    return errors::InvalidArgument("reduction_indices must be int32 or int64, not ",
                                   DataTypeString(axes.dtype()));
  }

  out_shape_.Clear();
  reduced_count_ = 1;
  std::vector<Run> runs;
  for (int d = 0; d < rank; ++d) {
    const int64_t size = input_shape.dim_size(d);
    if (!reduced[d]) {
      out_shape_.AddDim(size);
    } else {
      if (keep_dims) out_shape_.AddDim(1);
      reduced_count_ *= size;
    }
    if (size == 1) continue;
    if (!runs.empty() && runs.back().reduced == reduced[d]) {
      runs.back().size *= size;
    } else {
      runs.push_back({size, reduced[d]});
    }
  }

  // Reduce the innermost reduced run first; what is left of the runs is the next pass's
  // input layout.
  passes_.clear();
  while (true) {
    int last = static_cast<int>(runs.size()) - 1;
    while (last >= 0 && !runs[last].reduced) --last;
    if (last < 0) break;
    Pass pass{1, runs[last].size, 1};
    for (int i = 0; i < last; ++i) pass.outer *= runs[i].size;
    for (size_t i = last + 1; i < runs.size(); ++i) pass.inner *= runs[i].size;
    passes_.push_back(pass);
    runs.erase(runs.begin() + last);
  }
  return absl::OkStatus();
}

}  // namespace rill
