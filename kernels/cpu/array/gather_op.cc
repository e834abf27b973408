// The CPU kernel of GatherV2 (axis and batch_dims included): every index checked first,
// then one slice copy per index, by slice size rather than by dtype.
#include <atomic>
#include <cstdint>

#include "absl/status/status.h"
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

// Gathers that copy at most this many bytes run inline in the executor (the word2vec
// lookup of 128 rows of 128 floats is 64 KiB); larger ones are worth the inter-op pool.
constexpr int64_t kInlineGatherBytes = int64_t{1} << 17;

// GatherV2Op<Index> views params as [batch, outer, gather, inner] and indices as
// [batch, n], where batch spans the batch_dims leading dims, outer the dims between them
// and axis, gather is params.shape[axis] and inner the dims after it; the output is
// [batch, outer, n, inner]. Thread-safe: the expensiveness hint is its only state.
template <typename Index>
class GatherV2Op : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("batch_dims", &batch_dims_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    const Tensor& axis_tensor = ctx->input(2);
    if (params.dims() < 1) {
      return errors::InvalidArgument("params must be at least 1 dimensional, got shape ",
                                     params.shape().DebugString());
    }
    if (axis_tensor.dims() != 0) {
      return errors::InvalidArgument("axis must be a scalar, got shape ",
                                     axis_tensor.shape().DebugString());
    }
    int64_t axis = axis_tensor.dtype() == DT_INT32 ? axis_tensor.scalar<int32_t>()()
                                                   : axis_tensor.scalar<int64_t>()();
    const int64_t params_rank = params.dims();
    if (axis < -params_rank || axis >= params_rank) {
      return errors::InvalidArgument("Expected axis in the range [", -params_rank, ", ",
                                     params_rank, "), but got ", axis);
    }
    if (axis < 0) axis += params_rank;
    int64_t batch_dims = batch_dims_;
    const int64_t indices_rank = indices.dims();
    if (batch_dims < -indices_rank || batch_dims > indices_rank) {
      return errors::InvalidArgument("Expected batch_dims in the range [", -indices_rank, ", ",
                                     indices_rank, "], but got ", batch_dims);
    }
    if (batch_dims < 0) batch_dims += indices_rank;
    if (batch_dims >= params_rank) {
      return errors::InvalidArgument("batch_dims (", batch_dims,
                                     ") must be less than rank(params) (", params_rank, ").");
    }
    if (batch_dims > axis) {
      return errors::InvalidArgument("batch_dims (", batch_dims,
                                     ") must be less than or equal to axis (", axis, ").");
    }

    TensorShape out_shape;
    int64_t batch = 1;
    for (int i = 0; i < batch_dims; ++i) {
      if (params.dim_size(i) != indices.dim_size(i)) {
        return errors::InvalidArgument("params.shape[", i, "]: ", params.dim_size(i),
                                       " should be equal to indices.shape[", i,
                                       "]: ", indices.dim_size(i));
      }
      batch *= params.dim_size(i);
      out_shape.AddDim(params.dim_size(i));
    }
    int64_t outer = 1;
    for (int i = batch_dims; i < axis; ++i) {
      outer *= params.dim_size(i);
      out_shape.AddDim(params.dim_size(i));
    }
    int64_t n = 1;
    for (int i = batch_dims; i < indices_rank; ++i) {
      n *= indices.dim_size(i);
      out_shape.AddDim(indices.dim_size(i));
    }
    int64_t inner = 1;
    for (int i = axis + 1; i < params_rank; ++i) {
      inner *= params.dim_size(i);
      out_shape.AddDim(params.dim_size(i));
    }
    const int64_t gather = params.dim_size(axis);

    // Every index is checked before any element is read.
    const Index* index_data = static_cast<const Index*>(indices.data());
    const int64_t num_indices = indices.NumElements();
    for (int64_t i = 0; i < num_indices; ++i) {
      const Index index = index_data[i];
      if (index < 0 || static_cast<int64_t>(index) >= gather) {
        return IndexNotInRange(indices.shape(), i, index, gather);
      }
    }

    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    const int64_t rows = batch * outer * n;
    ThreadPool* pool = ctx->device()->intra_op_thread_pool();
    const bool known_dtype = VisitSliceMover(params.dtype(), inner, [&](auto mover) {
      const int64_t row_bytes = mover.bytes();
      const bool large = rows * row_bytes > kInlineGatherBytes;
      if (expensive_.load(std::memory_order_relaxed) != large) {
        expensive_.store(large, std::memory_order_relaxed);
      }
      if (rows == 0 || row_bytes == 0) return;
      const char* src = static_cast<const char*>(params.data());
      char* dst = static_cast<char*>(out->data());
      // Output row r is (b, o, j) with bo = b * outer + o: it copies params[b, o,
      // indices[b, j]], i.e. row bo * gather + indices[b, j] of params.
      const auto copy_rows = [&](int64_t begin, int64_t end) {
        int64_t bo = begin / n;
        int64_t j = begin % n;
        const char* block = src + bo * gather * row_bytes;
        const Index* row_indices = index_data + (bo / outer) * n;
        for (int64_t r = begin; r < end; ++r) {
          mover(dst + r * row_bytes, block + static_cast<int64_t>(row_indices[j]) * row_bytes);
          if (++j == n) {
            j = 0;
            ++bo;
            block += gather * row_bytes;
            row_indices = index_data + (bo / outer) * n;
          }
        }
      };
      if (pool == nullptr || !large) {
        copy_rows(0, rows);
      } else {
        pool->ParallelFor(rows, 1 + row_bytes / 8, copy_rows);
      }
    });
    if (!known_dtype) {
      return errors::Unimplemented("GatherV2 does not support params of dtype ",
                                   DataTypeString(params.dtype()));
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return expensive_.load(std::memory_order_relaxed); }

 private:
  int64_t batch_dims_ = 0;
  std::atomic<bool> expensive_{true};
};

REGISTER_KERNEL_BUILDER(Name("GatherV2").Device(DEVICE_CPU).TypeConstraint<int32_t>("Tindices"),
                        GatherV2Op<int32_t>);
REGISTER_KERNEL_BUILDER(Name("GatherV2").Device(DEVICE_CPU).TypeConstraint<int64_t>("Tindices"),
                        GatherV2Op<int64_t>);

}  // namespace
}  // namespace rill
