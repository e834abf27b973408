// The CPU kernel of ResourceGather: rows of a variable picked by index (the embedding
// lookup), batch_dims included; every index checked before any row is copied, and the
// variable held shared while its rows are read.
#include <atomic>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/array/index_errors.h"
#include "kernels/cpu/array/slice_mover.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace {

// Gathers that copy at most this many bytes run inline in the executor; larger ones are
// worth the inter-op pool and shard their rows over the intra-op pool.
constexpr int64_t kInlineGatherBytes = int64_t{1} << 17;

// ResourceGatherOp<Index> views the variable as [batch, gather, inner] (batch spans the
// batch_dims leading dims, gather is the next one) and indices as [batch, n]; the output is
// [batch, n, inner]. Thread-safe: the expensiveness hint is its only state.
template <typename Index>
class ResourceGatherOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("dtype", &dtype_));
    return ctx->GetAttr("batch_dims", &batch_dims_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    Var* var = nullptr;
    RETURN_IF_ERROR(LookupVariable(ctx, 0, &handle, &var));
    ScopedUnref unref(var);
    const Tensor& indices = ctx->input(1);
    absl::ReaderMutexLock lock(var->mu());
    RETURN_IF_ERROR(CheckVariableReadable(*handle, var, dtype_));
    const Tensor& params = *var->tensor();
    if (params.dims() < 1) {
      return errors::InvalidArgument("Variable ", handle->name(),
                                     " must be at least 1 dimensional to gather from, got shape ",
                                     params.shape().DebugString());
    }

    const int64_t indices_rank = indices.dims();
    int64_t batch_dims = batch_dims_;
    if (batch_dims < -indices_rank || batch_dims > indices_rank) {
      return errors::InvalidArgument("Expected batch_dims in the range [", -indices_rank, ", ",
                                     indices_rank, "], but got ", batch_dims);
    }
    if (batch_dims < 0) batch_dims += indices_rank;
    if (batch_dims >= params.dims()) {
      return errors::InvalidArgument("batch_dims (", batch_dims, ") must be less than rank(",
                                     handle->name(), ") (", params.dims(), ").");
    }

    TensorShape out_shape;
    int64_t batch = 1;
    for (int i = 0; i < batch_dims; ++i) {
      if (params.dim_size(i) != indices.dim_size(i)) {
        return errors::InvalidArgument(handle->name(), ".shape[", i, "]: ", params.dim_size(i),
                                       " should be equal to indices.shape[", i,
                                       "]: ", indices.dim_size(i));
      }
      batch *= params.dim_size(i);
      out_shape.AddDim(params.dim_size(i));
    }
    int64_t n = 1;
    for (int i = batch_dims; i < indices_rank; ++i) {
      n *= indices.dim_size(i);
      out_shape.AddDim(indices.dim_size(i));
    }
    int64_t inner = 1;
    for (int i = batch_dims + 1; i < params.dims(); ++i) {
      inner *= params.dim_size(i);
      out_shape.AddDim(params.dim_size(i));
    }
    const int64_t gather = params.dim_size(batch_dims);

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
    const int64_t rows = batch * n;
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
      // Output row r = b * n + j copies variable row b * gather + indices[b, j].
      const auto copy_rows = [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
          const int64_t row = (r / n) * gather + static_cast<int64_t>(index_data[r]);
          mover(dst + r * row_bytes, src + row * row_bytes);
        }
      };
      if (pool == nullptr || !large) {
        copy_rows(0, rows);
      } else {
        pool->ParallelFor(rows, 1 + row_bytes / 8, copy_rows);
      }
    });
    if (!known_dtype) {
      return errors::Unimplemented("ResourceGather does not support variables of dtype ",
                                   DataTypeString(params.dtype()));
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return expensive_.load(std::memory_order_relaxed); }

 private:
  DataType dtype_ = DT_INVALID;
  int64_t batch_dims_ = 0;
  std::atomic<bool> expensive_{true};
};

REGISTER_KERNEL_BUILDER(
    Name("ResourceGather").Device(DEVICE_CPU).TypeConstraint<int32_t>("Tindices"),
    ResourceGatherOp<int32_t>);
REGISTER_KERNEL_BUILDER(
    Name("ResourceGather").Device(DEVICE_CPU).TypeConstraint<int64_t>("Tindices"),
    ResourceGatherOp<int64_t>);

}  // namespace
}  // namespace rill
