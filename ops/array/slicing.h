// Slicing semantics shared by the array ops' shape functions and their kernels: reading
// integer index tensors (axes, begins, sizes), and TensorFlow's StridedSlice canonical form.
#ifndef RILL_OPS_ARRAY_SLICING_H_
#define RILL_OPS_ARRAY_SLICING_H_

#include <algorithm>
#include <cstdint>

#include "absl/container/inlined_vector.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {

// IndexValues returns the elements of an int8/int16/int32/int64 tensor as int64s, row-major.
// It reads through data(), so the tensor may be an unaligned slice. InvalidArgument naming
// `what` for any other dtype.
inline absl::StatusOr<DimVector> IndexValues(const Tensor& tensor, absl::string_view what) {
  DimVector values(static_cast<size_t>(tensor.NumElements()));
  const auto copy = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* data = static_cast<const T*>(tensor.data());
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(data[i]);
  };
  switch (tensor.dtype()) {
    case DT_INT8: copy(TypeTag<int8_t>{}); break;
    case DT_INT16: copy(TypeTag<int16_t>{}); break;
    case DT_INT32: copy(TypeTag<int32_t>{}); break;
    case DT_INT64: copy(TypeTag<int64_t>{}); break;
    default:
      return errors::InvalidArgument(what, " must be an integer tensor, but is ",
                                     DataTypeString(tensor.dtype()));
  }
  return values;
}

// StridedSliceMasks are StridedSlice's five bit-mask attrs; bit i refers to entry i of the
// begin/end/strides vectors (the "sparse" spec, as written in Python's foo[1:, ..., None]).
struct StridedSliceMasks {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t ellipsis = 0;
  int64_t new_axis = 0;
  int64_t shrink_axis = 0;
};

// StridedSlicePlan is the canonical ("dense") form of one StridedSlice against an input
// shape: one entry per input dimension, with the ellipsis expanded, the masks applied,
// negative indices resolved and out-of-range ones clamped. Sizes of -1 are unknown (only
// in shape inference, for unknown input dims or unknown begin/end values).
struct StridedSlicePlan {
  // begin[i], end[i], strides[i]: elements begin[i], begin[i] + strides[i], ... up to but
  // excluding end[i] of input dimension i (end[i] may be -1 for a negative stride).
  // Meaningful only when the input dim and the begin/end values are known.
  DimVector begin;
  DimVector end;
  DimVector strides;
  // processing_shape[i]: how many elements dimension i yields (1 for a shrunk one).
  DimVector processing_shape;
  // final_shape: the output's shape: processing_shape without the shrunk dims, with a 1
  // wherever new_axis_mask inserts a dimension.
  DimVector final_shape;
  // is_identity: every dimension is taken whole with stride 1 (the output is the input).
  bool is_identity = true;
  // is_simple_slice: every stride is 1.
  bool is_simple_slice = true;
  // slice_dim0: only dimension 0 is restricted, with stride 1 (a row range of the input).
  bool slice_dim0 = true;
};

namespace slicing_internal {

constexpr int64_t kShrinkAxis = -1;
constexpr int64_t kNewAxis = -2;

inline bool Bit(int64_t mask, int64_t i) { return ((mask >> i) & 1) != 0; }

}  // namespace slicing_internal

// ValidateStridedSlice computes the plan of StridedSlice(input, begin, end, strides) with
// `masks`, following TensorFlow's ValidateStridedSliceOp. `input_dims` is the input's shape
// (-1 for unknown dims); `begin`/`end` are null when their values are unknown. REQUIRES:
// begin and end, when given, have as many entries as `strides` (callers check the shapes).
// InvalidArgument for a zero stride, several ellipses, more indices than input dims, a
// shrunk index out of bounds or with a negative stride.
inline absl::Status ValidateStridedSlice(const DimVector* begin, const DimVector* end,
                                         absl::Span<const int64_t> strides,
                                         absl::Span<const int64_t> input_dims,
                                         const StridedSliceMasks& masks,
                                         StridedSlicePlan* plan) {
  using slicing_internal::Bit;
  using slicing_internal::kNewAxis;
  using slicing_internal::kShrinkAxis;
  const int64_t sparse_dims = static_cast<int64_t>(strides.size());
  if (sparse_dims >= 32) {
    return errors::InvalidArgument("StridedSlice takes at most 31 indices (32-bit masks), got ",
                                   sparse_dims);
  }
  if (masks.ellipsis != 0 && (masks.ellipsis & (masks.ellipsis - 1)) != 0) {
    return errors::InvalidArgument("Multiple ellipses in slice spec not allowed");
  }

  // Step 1: where the ellipsis is (one is implied after the last index when there is none),
  // and how many new axes follow it.
  int64_t ellipsis_mask = masks.ellipsis;
  int64_t num_new_axis_after_ellipsis = 0;
  bool ellipsis_seen = false;
  for (int64_t i = 0; i < sparse_dims; ++i) {
    if (ellipsis_seen && Bit(masks.new_axis, i)) ++num_new_axis_after_ellipsis;
    if (Bit(ellipsis_mask, i)) ellipsis_seen = true;
  }
  int64_t num_sparse = sparse_dims;
  if (!ellipsis_seen) {
    ellipsis_mask |= int64_t{1} << num_sparse;
    ++num_sparse;
  }

  // Step 2: the dense spec, one entry per input dimension.
  const int64_t dims = static_cast<int64_t>(input_dims.size());
  plan->begin.assign(dims, 0);
  plan->end.assign(dims, 0);
  plan->strides.assign(dims, 1);
  absl::InlinedVector<bool, 8> dense_begin_masked(dims, false);
  absl::InlinedVector<bool, 8> dense_end_masked(dims, false);
  absl::InlinedVector<bool, 8> dense_shrink(dims, false);
  DimVector gather;  // Per output dim: a dense index, kNewAxis or kShrinkAxis.
  int64_t full_index = 0;
  for (int64_t i = 0; i < num_sparse; ++i) {
    if (Bit(ellipsis_mask, i)) {
      const int64_t next_index =
          std::min(dims - (num_sparse - i) + 1 + num_new_axis_after_ellipsis, dims);
      for (; full_index < next_index; ++full_index) {
        dense_begin_masked[full_index] = true;
        dense_end_masked[full_index] = true;
        gather.push_back(full_index);
      }
    } else if (Bit(masks.new_axis, i)) {
      gather.push_back(kNewAxis);
    } else {
      if (full_index == dims) {
        return errors::InvalidArgument("Index out of range using input dim ", full_index,
                                       "; input has only ", dims, " dims");
      }
      if (begin != nullptr) plan->begin[full_index] = (*begin)[i];
      if (end != nullptr) plan->end[full_index] = (*end)[i];
      plan->strides[full_index] = strides[i];
      dense_begin_masked[full_index] = Bit(masks.begin, i);
      dense_end_masked[full_index] = Bit(masks.end, i);
      if (Bit(masks.shrink_axis, i)) {
        gather.push_back(kShrinkAxis);
        dense_shrink[full_index] = true;
      } else {
        gather.push_back(full_index);
      }
      ++full_index;
    }
  }

  // Step 3: canonical begin/end per dimension, bounds checks, and the processing shape.
  const bool values_known = begin != nullptr && end != nullptr;
  plan->is_identity = true;
  plan->is_simple_slice = true;
  plan->slice_dim0 = true;
  plan->processing_shape.clear();
  for (int64_t i = 0; i < dims; ++i) {
    int64_t& begin_i = plan->begin[i];
    int64_t& end_i = plan->end[i];
    const int64_t stride_i = plan->strides[i];
    const int64_t dim_i = input_dims[i];
    if (stride_i == 0) {
      return errors::InvalidArgument("strides[", i, "] must be non-zero");
    }
    const bool shrink_i = dense_shrink[i];
    if (dim_i == -1) {
      plan->processing_shape.push_back(shrink_i ? 1 : -1);
      continue;
    }
    const bool begin_masked = dense_begin_masked[i];
    const bool end_masked = dense_end_masked[i];
    // Valid positions: [0, dim] going forward, [-1, dim - 1] going backward.
    const int64_t lo = stride_i > 0 ? 0 : -1;
    const int64_t hi = stride_i > 0 ? dim_i : dim_i - 1;
    const auto canonical = [&](int64_t x, bool masked, bool is_begin) {
      if (masked) return (stride_i > 0) == is_begin ? lo : hi;
      const int64_t forward = x < 0 ? dim_i + x : x;
      return forward < lo ? lo : (forward > hi ? hi : forward);
    };
    if (shrink_i && stride_i <= 0) {
      return errors::InvalidArgument("only stride 1 allowed on non-range indexing.");
    }
    plan->is_simple_slice &= stride_i == 1;
    const bool begin_and_end_masked = begin_masked && end_masked;
    if (values_known) {
      if (shrink_i) {
        // foo[-1] arrives as begin -1, end 0: the index alone decides, end is begin + 1.
        const int64_t index = begin_i < 0 ? dim_i + begin_i : begin_i;
        if (index < 0 || index >= dim_i) {
          return errors::InvalidArgument("slice index ", begin_i, " of dimension ", i,
                                         " out of bounds.");
        }
        begin_i = index;
        end_i = index + 1;
      } else {
        begin_i = canonical(begin_i, begin_masked, /*is_begin=*/true);
        end_i = canonical(end_i, end_masked, /*is_begin=*/false);
      }
      const bool take_all = stride_i == 1 && begin_i == 0 && end_i == dim_i;
      plan->is_identity &= take_all;
      plan->slice_dim0 &= (i == 0 && stride_i == 1) || take_all;
    } else {
      plan->is_identity &= stride_i == 1 && begin_and_end_masked;
      plan->slice_dim0 &= (i == 0 && stride_i == 1) || begin_and_end_masked;
    }
    int64_t interval = 0;
    bool known_interval = false;
    if (values_known) {
      interval = end_i - begin_i;
      known_interval = true;
    } else if (shrink_i) {
      interval = 1;
      known_interval = true;
    } else if (begin_and_end_masked && dim_i > 0) {
      interval = stride_i < 0 ? -dim_i : dim_i;
      known_interval = true;
    }
    if (!known_interval) {
      plan->processing_shape.push_back(-1);
    } else if (interval == 0 || ((interval < 0) != (stride_i < 0))) {
      plan->processing_shape.push_back(0);
    } else {
      plan->processing_shape.push_back(interval / stride_i +
                                       (interval % stride_i != 0 ? 1 : 0));
    }
  }

  // Step 4: the final shape.
  plan->final_shape.clear();
  for (const int64_t index : gather) {
    if (index >= 0) {
      plan->final_shape.push_back(plan->processing_shape[index]);
    } else if (index == kNewAxis) {
      plan->final_shape.push_back(1);
    }
  }
  return absl::OkStatus();
}

}  // namespace rill

#endif  // RILL_OPS_ARRAY_SLICING_H_
