// The CPU ArgMax and ArgMin kernels: the index of the largest / smallest element along one
// dimension, for half, bfloat16, float, double, int32 and int64, with int32 or int64 output.
#include <algorithm>
#include <cstdint>
#include <limits>
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
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// Greater / Less say whether `a` should replace the best value so far, `b`: strictly
// greater (less), or NaN where `b` is not, so ties keep the first index and the first NaN
// wins, as in NumPy.
struct Greater {
  template <typename T>
  static bool Better(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return a > b;
    } else {
      return a > b || (a != a && b == b);
    }
  }
};

struct Less {
  template <typename T>
  static bool Better(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return a < b;
    } else {
      return a < b || (a != a && b == b);
    }
  }
};

// kColumns: columns scanned together when the reduced dimension is not the innermost.
constexpr int64_t kColumns = 256;
constexpr int kLanes = 16;

// ArgOp<T, Index, Compare> reads input 0 as [outer, n, inner], with n the size of the
// dimension in input 1, and writes for each (outer, inner) the first index along n of the
// best element by Compare. Thread-safe: ExpenseHint is the only state Compute writes.
template <typename T, typename Index, typename Compare>
class ArgOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& dimension = ctx->input(1);
    if (dimension.dims() != 0) {
      return errors::InvalidArgument("dimension must be a scalar, but has shape ",
                                     dimension.shape().DebugString());
    }
    const int64_t value = dimension.dtype() == DT_INT32 ? dimension.scalar<int32_t>()()
                                                        : dimension.scalar<int64_t>()();
    const int rank = input.dims();
    const int64_t axis = value < 0 ? value + rank : value;
    if (axis < 0 || axis >= rank) {
      return errors::InvalidArgument("Expected dimension in the range [", -rank, ", ", rank,
                                     "), but got ", value);
    }
    const int64_t n = input.dim_size(axis);
    if (n == 0) {
      return errors::InvalidArgument("Reduction axis ", value, " is empty in shape ",
                                     input.shape().DebugString());
    }
    if (n - 1 > std::numeric_limits<Index>::max()) {
      return errors::InvalidArgument("Dimension ", value, " of shape ", input.shape().DebugString(),
                                     " has more elements than output_type can index");
    }
    TensorShape out_shape = input.shape();
    out_shape.RemoveDim(static_cast<int>(axis));
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &output));
    hint_.Record(input.NumElements());
    if (output->NumElements() == 0) return absl::OkStatus();

    int64_t inner = 1;
    for (int d = static_cast<int>(axis) + 1; d < rank; ++d) inner *= input.dim_size(d);
    const int64_t outer = output->NumElements() / inner;
    const T* in = input.flat<T>().data();
    Index* out = output->flat<Index>().data();
    ThreadPool* pool = ctx->device()->intra_op_thread_pool();
    if (inner == 1) {
      pool->ParallelFor(outer, 2 * n, [&](int64_t begin, int64_t end) {
        for (int64_t o = begin; o < end; ++o) out[o] = ScanRow(in + o * n, n);
      });
      return absl::OkStatus();
    }
    const int64_t blocks = (inner + kColumns - 1) / kColumns;
    pool->ParallelFor(outer * blocks, 2 * n * std::min(inner, kColumns),
                      [&](int64_t begin, int64_t end) {
                        for (int64_t task = begin; task < end; ++task) {
                          const int64_t o = task / blocks;
                          const int64_t column = (task % blocks) * kColumns;
                          ScanColumns(in + o * n * inner, n, inner, column,
                                      std::min(inner, column + kColumns), out + o * inner + column);
                        }
                      });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  // ScanRow returns the index of the best of row[0, n).
  static Index ScanRow(const T* row, int64_t n) {
    int64_t best = 0;
    for (int64_t i = 1; i < n; ++i) {
      if (Compare::Better(row[i], row[best])) best = i;
    }
    return static_cast<Index>(best);
  }

  // ScanColumns writes, for columns [begin, end) of the row-major [n, stride] matrix x,
  // the row index of each column's best element into out[column - begin].
  static void ScanColumns(const T* x, int64_t n, int64_t stride, int64_t begin, int64_t end,
                          Index* out) {
    const int64_t width = end - begin;
    T best[kColumns];
    Index index[kColumns];
    std::copy(x + begin, x + end, best);
    std::fill_n(index, width, Index(0));
    for (int64_t r = 1; r < n; ++r) {
      const T* row = x + r * stride + begin;
      const Index at = static_cast<Index>(r);
      // Whole groups of kLanes first, as selects rather than branches, so that the
      // compiler vectorizes them.
      int64_t j = 0;
      for (; j + kLanes <= width; j += kLanes) {
        for (int l = 0; l < kLanes; ++l) {
          const bool better = Compare::Better(row[j + l], best[j + l]);
          best[j + l] = better ? row[j + l] : best[j + l];
          index[j + l] = better ? at : index[j + l];
        }
      }
      for (; j < width; ++j) {
        if (Compare::Better(row[j], best[j])) {
          best[j] = row[j];
          index[j] = at;
        }
      }
    }
    std::copy(index, index + width, out);
  }

  ExpenseHint hint_;
};

}  // namespace

#define REGISTER_ARG_OPS_CPU(T)                                        \
  REGISTER_KERNEL_BUILDER(Name("ArgMax")                               \
                              .Device(DEVICE_CPU)                      \
                              .TypeConstraint<T>("T")                  \
                              .TypeConstraint<int32_t>("output_type"), \
                          ArgOp<T, int32_t, Greater>);                 \
  REGISTER_KERNEL_BUILDER(Name("ArgMax")                               \
                              .Device(DEVICE_CPU)                      \
                              .TypeConstraint<T>("T")                  \
                              .TypeConstraint<int64_t>("output_type"), \
                          ArgOp<T, int64_t, Greater>);                 \
  REGISTER_KERNEL_BUILDER(Name("ArgMin")                               \
                              .Device(DEVICE_CPU)                      \
                              .TypeConstraint<T>("T")                  \
                              .TypeConstraint<int32_t>("output_type"), \
                          ArgOp<T, int32_t, Less>);                    \
  REGISTER_KERNEL_BUILDER(Name("ArgMin")                               \
                              .Device(DEVICE_CPU)                      \
                              .TypeConstraint<T>("T")                  \
                              .TypeConstraint<int64_t>("output_type"), \
                          ArgOp<T, int64_t, Less>)

REGISTER_ARG_OPS_CPU(Eigen::half);
REGISTER_ARG_OPS_CPU(Eigen::bfloat16);
REGISTER_ARG_OPS_CPU(float);
REGISTER_ARG_OPS_CPU(double);
REGISTER_ARG_OPS_CPU(int32_t);
REGISTER_ARG_OPS_CPU(int64_t);

#undef REGISTER_ARG_OPS_CPU

}  // namespace rill
