// The CPU kernel of GatherNd: each row of the last dimension of indices addresses a slice
// of params; every index is checked first, then the slices are copied by size.
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/array/index_errors.h"
#include "kernels/cpu/array/slice_mover.h"

namespace rill {
namespace {

// GatherNdOp<Index>: indices is [n, depth] after folding its leading dims, params is
// [params.shape[:depth] (addressed), slice]; output row i is the slice that row i of
// indices addresses.
template <typename Index>
class GatherNdOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    if (params.dims() < 1) {
      return errors::InvalidArgument("params must be at least a vector, got shape ",
                                     params.shape().DebugString());
    }
    if (indices.dims() < 1) {
      return errors::InvalidArgument("indices must be at least a vector, got shape ",
                                     indices.shape().DebugString());
    }
    const int64_t depth = indices.dim_size(indices.dims() - 1);
    if (depth > params.dims()) {
      return errors::InvalidArgument(
          "index innermost dimension length must be <= params rank; saw: ", depth, " vs. ",
          params.dims());
    }

    TensorShape outer_shape = indices.shape();
    outer_shape.RemoveLastDims(1);
    TensorShape out_shape = outer_shape;
    int64_t slice = 1;
    for (int i = static_cast<int>(depth); i < params.dims(); ++i) {
      out_shape.AddDim(params.dim_size(i));
      slice *= params.dim_size(i);
    }
    const int64_t n = outer_shape.num_elements();

    // Every index is checked before any element is read.
    const Index* index_data = static_cast<const Index*>(indices.data());
    for (int64_t i = 0; i < n; ++i) {
      const Index* row = index_data + i * depth;
      for (int64_t d = 0; d < depth; ++d) {
        if (row[d] < 0 || static_cast<int64_t>(row[d]) >= params.dim_size(d)) {
          return errors::InvalidArgument("indices", SliceDebugString(outer_shape, i), " = [",
                                         absl::StrJoin(row, row + depth, ", "),
                                         "] does not index into param shape ",
                                         params.shape().DebugString());
        }
      }
    }

    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    ThreadPool* pool = ctx->device()->intra_op_thread_pool();
    const bool known_dtype = VisitSliceMover(params.dtype(), slice, [&](auto mover) {
      const int64_t slice_bytes = mover.bytes();
      if (n == 0 || slice_bytes == 0) return;
      const char* src = static_cast<const char*>(params.data());
      char* dst = static_cast<char*>(out->data());
      const auto copy_rows = [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
          const Index* row = index_data + i * depth;
          int64_t offset = 0;
          for (int64_t d = 0; d < depth; ++d) {
            offset = offset * params.dim_size(d) + static_cast<int64_t>(row[d]);
          }
          mover(dst + i * slice_bytes, src + offset * slice_bytes);
        }
      };
      if (pool == nullptr) {
        copy_rows(0, n);
      } else {
        pool->ParallelFor(n, 2 * depth + 1 + slice_bytes / 8, copy_rows);
      }
    });
    if (!known_dtype) {
      return errors::Unimplemented("GatherNd does not support params of dtype ",
                                   DataTypeString(params.dtype()));
    }
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("GatherNd").Device(DEVICE_CPU).TypeConstraint<int32_t>("Tindices"),
                        GatherNdOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("GatherNd").Device(DEVICE_CPU).TypeConstraint<int64_t>("Tindices"),
                        GatherNdOp<int64_t>);

}  // namespace
}  // namespace rill
