// The CPU BatchMatMulV2 kernel: one matrix product per (broadcast) batch element, each with
// functor::MatMul (instantiated in matmul_op_<dtype>.cc), threaded within the products or
// across them.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/math/bcast.h"
#include "kernels/cpu/math/expense_hint.h"
#include "kernels/cpu/math/matmul_op.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// kMaxProductCostForBatchSharding: products with more multiply-adds than this are
// threaded one at a time; smaller ones run whole on one thread each, batch elements in
// parallel.
constexpr int64_t kMaxProductCostForBatchSharding = 128 * 128 * 128;

// BatchIndices maps each element of the broadcast batch (row-major over the output's batch
// dims) to the batch elements of x and y it multiplies, as BCast describes the broadcast.
void BatchIndices(const BCast& bcast, std::vector<int64_t>* x_index,
                  std::vector<int64_t>* y_index) {
  const auto& result = bcast.result_shape();
  const int dims = static_cast<int>(result.size());
  int64_t batch = 1;
  for (int64_t size : result) batch *= size;
  x_index->resize(batch);
  y_index->resize(batch);
  // Row-major strides of the reshaped x and y; 0 along a dimension they broadcast.
  std::vector<int64_t> x_stride(dims), y_stride(dims);
  int64_t x_step = 1, y_step = 1;
  for (int d = dims - 1; d >= 0; --d) {
    x_stride[d] = bcast.x_reshape()[d] == 1 ? 0 : x_step;
    y_stride[d] = bcast.y_reshape()[d] == 1 ? 0 : y_step;
    x_step *= bcast.x_reshape()[d];
    y_step *= bcast.y_reshape()[d];
  }
  std::vector<int64_t> coordinate(dims, 0);
  int64_t x = 0, y = 0;
  for (int64_t b = 0; b < batch; ++b) {
    (*x_index)[b] = x;
    (*y_index)[b] = y;
    // Advance the coordinate like an odometer, keeping x and y in step.
    for (int d = dims - 1; d >= 0; --d) {
      x += x_stride[d];
      y += y_stride[d];
      if (++coordinate[d] < result[d]) break;
      x -= x_stride[d] * result[d];
      y -= y_stride[d] * result[d];
      coordinate[d] = 0;
    }
  }
}

// BatchMatMulOp<T> is the BatchMatMulV2 kernel: output[..., :, :] = op(x[..., :, :]) *
// op(y[..., :, :]) with the batch dims (all but the last two) broadcast as in NumPy, op
// the adjoint (for these real types, the transpose) when adj_x / adj_y say so.
// Thread-safe: ExpenseHint is the only state Compute writes.
template <typename T>
class BatchMatMulOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("adj_x", &adj_x_));
    return ctx->GetAttr("adj_y", &adj_y_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    for (int i = 0; i < 2; ++i) {
      if (ctx->input(i).dims() < 2) {
        return errors::InvalidArgument("In[", i, "] must have rank >= 2, but has shape ",
                                       ctx->input(i).shape().DebugString());
      }
    }
    const int x_dims = x.dims();
    const int y_dims = y.dims();
    const BCast bcast(x.shape().dim_sizes().subspan(0, x_dims - 2),
                      y.shape().dim_sizes().subspan(0, y_dims - 2));
    if (!bcast.IsValid()) {
      return errors::InvalidArgument("In[0] and In[1] must have compatible batch dimensions: ",
                                     x.shape().DebugString(), " vs. ", y.shape().DebugString());
    }
    const int64_t x_inner = x.dim_size(adj_x_ ? x_dims - 2 : x_dims - 1);
    const int64_t y_inner = y.dim_size(adj_y_ ? y_dims - 1 : y_dims - 2);
    if (x_inner != y_inner) {
      return errors::InvalidArgument("Matrix size-incompatible: In[0]: ", x.shape().DebugString(),
                                     ", In[1]: ", y.shape().DebugString(),
                                     ": the contracted dimensions have sizes ", x_inner, " and ",
                                     y_inner);
    }
    const int64_t rows = x.dim_size(adj_x_ ? x_dims - 1 : x_dims - 2);
    const int64_t cols = y.dim_size(adj_y_ ? y_dims - 2 : y_dims - 1);
    TensorShape out_shape(bcast.output_shape());
    out_shape.AddDim(rows);
    out_shape.AddDim(cols);
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &output));
    hint_.Record(output->NumElements() * x_inner);
    if (output->NumElements() == 0) return absl::OkStatus();
    if (x_inner == 0) {
      std::fill_n(output->flat<T>().data(), output->NumElements(), T(0));
      return absl::OkStatus();
    }

    using C = functor::ComputeType<T>;
    if constexpr (std::is_same_v<C, T>) {
      Multiply(ctx, bcast, x, y, output);
    } else {
      Tensor x_wide, y_wide, output_wide;
      RETURN_IF_ERROR(functor::ToComputeType<T>(ctx, x, &x_wide));
      RETURN_IF_ERROR(functor::ToComputeType<T>(ctx, y, &y_wide));
      RETURN_IF_ERROR(ctx->allocate_temp(DataTypeToEnum<C>::value, out_shape, &output_wide));
      Multiply(ctx, bcast, x_wide, y_wide, &output_wide);
      functor::FromComputeType<T>(output_wide, output);
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  // Multiply computes every product of the (validated) batch, in the tensors' own type.
  void Multiply(OpKernelContext* ctx, const BCast& bcast, const Tensor& x, const Tensor& y,
                Tensor* output) const {
    using C = functor::ComputeType<T>;
    using ConstMatrix = typename TTypes<C>::UnalignedConstMatrix;
    using Matrix = typename TTypes<C>::UnalignedMatrix;
    std::vector<int64_t> x_index, y_index;
    BatchIndices(bcast, &x_index, &y_index);
    const int64_t batch = static_cast<int64_t>(x_index.size());
    const int64_t x_rows = x.dim_size(x.dims() - 2), x_cols = x.dim_size(x.dims() - 1);
    const int64_t y_rows = y.dim_size(y.dims() - 2), y_cols = y.dim_size(y.dims() - 1);
    const int64_t out_rows = output->dim_size(output->dims() - 2);
    const int64_t out_cols = output->dim_size(output->dims() - 1);
    const C* x_data = x.flat<C>().data();
    const C* y_data = y.flat<C>().data();
    C* out_data = output->flat<C>().data();
    auto multiply = [&](const Eigen::ThreadPoolDevice& device, int64_t b) {
      functor::MatMul<C>::Compute(
          device, ConstMatrix(x_data + x_index[b] * x_rows * x_cols, x_rows, x_cols), adj_x_,
          ConstMatrix(y_data + y_index[b] * y_rows * y_cols, y_rows, y_cols), adj_y_,
          Matrix(out_data + b * out_rows * out_cols, out_rows, out_cols));
    };
    const int64_t product_cost = out_rows * out_cols * (adj_x_ ? x_rows : x_cols);
    if (batch == 1 || product_cost > kMaxProductCostForBatchSharding) {
      for (int64_t b = 0; b < batch; ++b) multiply(ctx->eigen_cpu_device(), b);
      return;
    }
    ThreadPool* pool = ctx->device()->intra_op_thread_pool();
    // A one-thread device computes each product on the thread that asks for it.
    const Eigen::ThreadPoolDevice one_thread(pool->AsEigenThreadPool(), 1);
    pool->ParallelFor(batch, product_cost, [&](int64_t begin, int64_t end) {
      for (int64_t b = begin; b < end; ++b) multiply(one_thread, b);
    });
  }

  bool adj_x_ = false;
  bool adj_y_ = false;
  ExpenseHint hint_;
};

}  // namespace

#define REGISTER_BATCH_MATMUL_CPU(T)                                                       \
  REGISTER_KERNEL_BUILDER(Name("BatchMatMulV2").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          BatchMatMulOp<T>)

REGISTER_BATCH_MATMUL_CPU(Eigen::half);
REGISTER_BATCH_MATMUL_CPU(Eigen::bfloat16);
REGISTER_BATCH_MATMUL_CPU(float);
REGISTER_BATCH_MATMUL_CPU(double);
REGISTER_BATCH_MATMUL_CPU(int32_t);
REGISTER_BATCH_MATMUL_CPU(int64_t);

#undef REGISTER_BATCH_MATMUL_CPU

}  // namespace rill
