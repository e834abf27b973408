// The CPU scan kernels, Cumsum and Cumprod: running sums or products along one axis,
// inclusive or exclusive, forwards or in reverse, for half, bfloat16 (accumulated in float),
// float, double, int32 and int64 (wrapping on overflow).
#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "absl/status/status.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/math/expense_hint.h"
#include "kernels/cpu/math/reduction_op.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// kColumns: columns scanned together when the axis is not the innermost dimension.
constexpr int64_t kColumns = 512;
constexpr int kLanes = 16;

// ScanOp<T, Reducer> reads x as [outer, n, inner], n the size of the axis, and writes
// out[o, i, j] = the combination (Reducer: reduction::SumReducer<T> or ProdReducer<T>) of
// x[o, k, j] over k < i (exclusive) or k <= i (inclusive), with k running from the end
// instead when reverse is set; an empty combination is the reducer's identity (0 or 1).
// Thread-safe: ExpenseHint is the only state Compute writes.
template <typename T, typename Reducer>
class ScanOp : public OpKernel {
 public:
  using Acc = typename Reducer::Acc;

  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("exclusive", &exclusive_));
    return ctx->GetAttr("reverse", &reverse_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& axis_tensor = ctx->input(1);
    if (axis_tensor.dims() != 0) {
      return errors::InvalidArgument("ScanOp: axis must be a scalar, not ",
                                     axis_tensor.shape().DebugString());
    }
    const int64_t value = axis_tensor.dtype() == DT_INT32 ? axis_tensor.scalar<int32_t>()()
                                                          : axis_tensor.scalar<int64_t>()();
    const int rank = x.dims();
    if (value < -rank || value >= rank) {
      return errors::InvalidArgument("ScanOp: Expected scan axis in the range [", -rank, ", ", rank,
                                     "), but got ", value);
    }
    const int axis = static_cast<int>(value < 0 ? value + rank : value);
    Tensor* output;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, x.shape(), &output));
    hint_.Record(x.NumElements());
    if (x.NumElements() == 0) return absl::OkStatus();

    const int64_t n = x.dim_size(axis);
    int64_t inner = 1;
    for (int d = axis + 1; d < rank; ++d) inner *= x.dim_size(d);
    const int64_t outer = x.NumElements() / (n * inner);
    const T* in = x.flat<T>().data();
    T* out = output->flat<T>().data();
    const int64_t blocks = (inner + kColumns - 1) / kColumns;
    ctx->device()->intra_op_thread_pool()->ParallelFor(
        outer * blocks, 2 * n * std::min(inner, kColumns), [&](int64_t begin, int64_t end) {
          for (int64_t task = begin; task < end; ++task) {
            const int64_t o = task / blocks;
            const int64_t column = (task % blocks) * kColumns;
            Scan(in + o * n * inner, n, inner, column, std::min(inner, column + kColumns),
                 out + o * n * inner);
          }
        });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  // Scan computes columns [begin, end) of the row-major [n, stride] matrices x and out
  // (which may be the same buffer: each element is read before it is written).
  void Scan(const T* x, int64_t n, int64_t stride, int64_t begin, int64_t end, T* out) const {
    const int64_t width = end - begin;
    Acc sum[kColumns];
    std::fill_n(sum, width, Reducer::Identity());
    for (int64_t step = 0; step < n; ++step) {
      const int64_t r = reverse_ ? n - 1 - step : step;
      const T* row = x + r * stride + begin;
      T* out_row = out + r * stride + begin;
      // Whole groups of kLanes first (fixed trip counts vectorize at -O2), each read into
      // a local copy before `out_row` is written.
      int64_t j = 0;
      for (; j + kLanes <= width; j += kLanes) {
        Acc value[kLanes];
        for (int l = 0; l < kLanes; ++l) value[l] = static_cast<Acc>(row[j + l]);
        Step(value, kLanes, sum + j, out_row + j);
      }
      for (; j < width; ++j) {
        const Acc value = static_cast<Acc>(row[j]);
        Step(&value, 1, sum + j, out_row + j);
      }
    }
  }

  // Step combines value[0, count) into sum[0, count) and writes the running combinations
  // before (exclusive) or after (inclusive) to out.
  void Step(const Acc* value, int count, Acc* sum, T* out) const {
    if (exclusive_) {
      for (int l = 0; l < count; ++l) {
        out[l] = static_cast<T>(sum[l]);
        sum[l] = Reducer::Combine(sum[l], value[l]);
      }
    } else {
      for (int l = 0; l < count; ++l) {
        sum[l] = Reducer::Combine(sum[l], value[l]);
        out[l] = static_cast<T>(sum[l]);
      }
    }
  }

  bool exclusive_ = false;
  bool reverse_ = false;
  ExpenseHint hint_;
};

}  // namespace

#define REGISTER_SCAN_CPU(T)                                                          \
  REGISTER_KERNEL_BUILDER(Name("Cumsum").Device(DEVICE_CPU).TypeConstraint<T>("T"),  \
                          ScanOp<T, reduction::SumReducer<T>>);                      \
  REGISTER_KERNEL_BUILDER(Name("Cumprod").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ScanOp<T, reduction::ProdReducer<T>>)

REGISTER_SCAN_CPU(Eigen::half);
REGISTER_SCAN_CPU(Eigen::bfloat16);
REGISTER_SCAN_CPU(float);
REGISTER_SCAN_CPU(double);
REGISTER_SCAN_CPU(int32_t);
REGISTER_SCAN_CPU(int64_t);

#undef REGISTER_SCAN_CPU

}  // namespace rill
