// The CPU kernel of ScatterNd: update slices summed into a zero tensor at the positions
// indices name, every index checked and turned into an offset before anything is written.
#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "Eigen/Core"
#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "kernels/cpu/array/index_errors.h"

namespace rill {
namespace {

// Layout is a validated ScatterNd: the output shape, the size of each slice, and the
// element offset in the output where each update slice goes.
struct Layout {
  TensorShape shape;
  int64_t slice = 1;
  std::vector<int64_t> offsets;
};

// ReadShape reads the `shape` input, a vector of non-negative sizes.
template <typename Index>
absl::StatusOr<TensorShape> ReadShape(const Tensor& shape_t) {
  if (shape_t.dims() != 1) {
    return errors::InvalidArgument("shape must be a vector, got shape ",
                                   shape_t.shape().DebugString());
  }
  const Index* data = static_cast<const Index*>(shape_t.data());
  std::vector<int64_t> dims(data, data + shape_t.NumElements());
  return TensorShape::Build(dims);
}

// MakeLayout checks indices, updates and shape against each other and every index against
// the shape, before any element is touched.
template <typename Index>
absl::StatusOr<Layout> MakeLayout(const Tensor& indices, const Tensor& updates,
                                  const Tensor& shape_t) {
  Layout layout;
  ASSIGN_OR_RETURN(layout.shape, ReadShape<Index>(shape_t));
  const TensorShape& shape = layout.shape;
  if (indices.dims() < 1) {
    return errors::InvalidArgument("indices must be at least a vector, got shape ",
                                   indices.shape().DebugString());
  }
  if (updates.dims() < 1) {
    return errors::InvalidArgument("updates must be at least a vector, got shape ",
                                   updates.shape().DebugString());
  }
  if (shape.num_elements() == 0 && (indices.NumElements() > 0 || updates.NumElements() > 0)) {
    return errors::InvalidArgument("Indices and updates specified for empty output shape");
  }
  const int64_t depth = indices.dim_size(indices.dims() - 1);
  if (depth > shape.dims()) {
    return errors::InvalidArgument("indices.shape[-1] must be <= shape.rank, but saw ",
                                   "indices shape: ", indices.shape().DebugString(),
                                   " and shape: ", shape.DebugString());
  }
  const int outer_dims = indices.dims() - 1;
  bool outer_match = updates.dims() >= outer_dims;
  for (int i = 0; outer_match && i < outer_dims; ++i) {
    outer_match = updates.dim_size(i) == indices.dim_size(i);
  }
  if (!outer_match) {
    return errors::InvalidArgument("Dimensions [0,", outer_dims,
                                   ") of indices[shape=", indices.shape().DebugString(),
                                   "] must match dimensions [0,", outer_dims,
                                   ") of updates[shape=", updates.shape().DebugString(), "]");
  }
  bool inner_match = updates.dims() - outer_dims == shape.dims() - depth;
  for (int i = 0; inner_match && i < updates.dims() - outer_dims; ++i) {
    inner_match = updates.dim_size(outer_dims + i) == shape.dim_size(depth + i);
  }
  if (!inner_match) {
    return errors::InvalidArgument("Dimensions [", depth, ",", shape.dims(),
                                   ") of output[shape=", shape.DebugString(),
                                   "] must match dimensions [", outer_dims, ",", updates.dims(),
                                   ") of updates[shape=", updates.shape().DebugString(), "]");
  }
  for (int i = static_cast<int>(depth); i < shape.dims(); ++i) layout.slice *= shape.dim_size(i);

  TensorShape outer_shape = indices.shape();
  outer_shape.RemoveLastDims(1);
  const int64_t n = outer_shape.num_elements();
  const Index* index_data = static_cast<const Index*>(indices.data());
  layout.offsets.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    const Index* row = index_data + i * depth;
    int64_t offset = 0;
    for (int64_t d = 0; d < depth; ++d) {
      if (row[d] < 0 || static_cast<int64_t>(row[d]) >= shape.dim_size(d)) {
        return errors::InvalidArgument("indices", SliceDebugString(outer_shape, i), " = [",
                                       absl::StrJoin(row, row + depth, ", "),
                                       "] does not index into shape ", shape.DebugString());
      }
      offset = offset * shape.dim_size(d) + static_cast<int64_t>(row[d]);
    }
    layout.offsets[i] = offset * layout.slice;
  }
  return layout;
}

// ScatterNdOp<T>: T is the element type (bool sums as logical or); int32 and int64
// indices share it.
template <typename T>
class ScatterNdOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& updates = ctx->input(1);
    ASSIGN_OR_RETURN(const Layout layout,
                     indices.dtype() == DT_INT32
                         ? MakeLayout<int32_t>(indices, updates, ctx->input(2))
                         : MakeLayout<int64_t>(indices, updates, ctx->input(2)));
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, layout.shape, &out));
    T* dst = static_cast<T*>(out->data());
    const T* src = static_cast<const T*>(updates.data());
    std::fill(dst, dst + out->NumElements(), T(0));
    for (size_t i = 0; i < layout.offsets.size(); ++i) {
      T* to = dst + layout.offsets[i];
      const T* from = src + static_cast<int64_t>(i) * layout.slice;
      if constexpr (std::is_same_v<T, bool>) {
        for (int64_t k = 0; k < layout.slice; ++k) to[k] = to[k] || from[k];
      } else if constexpr (std::is_arithmetic_v<T>) {
        // Through Eigen, so that slices add with vector instructions (GCC's -O2 leaves the
        // plain loop scalar).
        using Slice = Eigen::Array<T, Eigen::Dynamic, 1>;
        Eigen::Map<Slice>(to, layout.slice) += Eigen::Map<const Slice>(from, layout.slice);
      } else {
        for (int64_t k = 0; k < layout.slice; ++k) to[k] += from[k];
      }
    }
    return absl::OkStatus();
  }
};

#define REGISTER_SCATTER_ND(T)                                                         \
  REGISTER_KERNEL_BUILDER(Name("ScatterNd").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ScatterNdOp<T>);

RILL_CALL_NUMBER_TYPES(REGISTER_SCATTER_ND)
REGISTER_SCATTER_ND(bool)

#undef REGISTER_SCATTER_ND

}  // namespace
}  // namespace rill
